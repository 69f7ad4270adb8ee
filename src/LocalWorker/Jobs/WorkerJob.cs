using System.Text.Json.Nodes;
using Framecast.LocalWorker.Api;

namespace Framecast.LocalWorker.Jobs;

/// <summary>
/// One submitted job and its state machine. The HTTP handlers, the runner and the cancel call
/// race on it, so every transition happens under one lock and refuses to leave a terminal state.
/// </summary>
public sealed class WorkerJob(
    string id,
    string endpointId,
    JsonObject input,
    Uri? webhook,
    TimeSpan executionTimeout,
    TimeSpan ttl,
    DateTimeOffset submittedAt)
{
    private readonly Lock _gate = new();
    private CancellationTokenSource? _run;
    private DateTimeOffset _queuedAt = submittedAt;
    private DateTimeOffset? _startedAt;
    private DateTimeOffset? _finishedAt;
    private string _status = JobStatus.InQueue;
    private object? _output;
    private string? _error;
    private readonly List<JobProgress> _stream = [];
    private int _streamRead;
    private ITimer? _ttlTimer;

    public string Id { get; } = id;

    public string EndpointId { get; } = endpointId;

    public JsonObject Input { get; } = input;

    public Uri? Webhook { get; } = webhook;

    public TimeSpan ExecutionTimeout { get; } = executionTimeout;

    public TimeSpan Ttl { get; } = ttl;

    public int RetryCount { get; private set; }

    public string Status
    {
        get { lock (_gate) { return _status; } }
    }

    public bool IsExpired(DateTimeOffset now, TimeSpan retention)
    {
        lock (_gate)
        {
            return _finishedAt is { } finished && now - finished > retention;
        }
    }

    /// <summary>When the ttl runs out, counted like RunPod's from the submission (or the retry).</summary>
    public DateTimeOffset TtlExpiresAt
    {
        get { lock (_gate) { return _queuedAt + Ttl; } }
    }

    /// <summary>Holds the timer that drops the job at its ttl, so it is not collected before it fires.</summary>
    public void SetTtlTimer(ITimer timer)
    {
        lock (_gate)
        {
            _ttlTimer?.Dispose();
            _ttlTimer = timer;
        }
    }

    /// <summary>A job still queued when its ttl runs out is dropped, as RunPod drops it: it will never start.</summary>
    public bool TryDropExpired(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_status != JobStatus.InQueue || now < _queuedAt + Ttl)
            {
                return false;
            }

            const string message = "The job's ttl expired before a worker took it.";
            return FinishLocked(JobStatus.TimedOut, new JobFailure(FailureTypes.Timeout, message), message, now);
        }
    }

    /// <summary>IN_QUEUE → IN_PROGRESS; false when the job was canceled while queued.</summary>
    public bool TryStart(DateTimeOffset now, CancellationToken shutdown, out CancellationToken runToken)
    {
        lock (_gate)
        {
            runToken = CancellationToken.None;
            if (_status != JobStatus.InQueue)
            {
                return false;
            }

            _run = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
            runToken = _run.Token;
            _status = JobStatus.InProgress;
            DisarmTtlLocked();
            _startedAt = now;
            return true;
        }
    }

    public void ReportProgress(JobProgress progress)
    {
        lock (_gate)
        {
            if (_status == JobStatus.InProgress)
            {
                _output = progress;
                _stream.Add(progress);
            }
        }
    }

    /// <summary>Moves to a terminal state unless another party (cancel, timeout) got there first.</summary>
    public bool TryFinish(string status, object? output, string? error, DateTimeOffset now)
    {
        lock (_gate)
        {
            return FinishLocked(status, output, error, now);
        }
    }

    /// <summary>Cancels a queued or running job; a running one also gets its token canceled, which kills ffmpeg.</summary>
    public bool TryCancel(DateTimeOffset now)
    {
        CancellationTokenSource? run;
        lock (_gate)
        {
            const string message = "Job was canceled.";
            if (!FinishLocked(JobStatus.Cancelled, new JobFailure(FailureTypes.Canceled, message), message, now))
            {
                return false;
            }

            run = _run;
        }

        // Outside the lock: cancellation callbacks run inline and may touch this job again.
        try
        {
            run?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The run ended between the state change and here; nothing left to stop.
        }

        return true;
    }

    /// <summary>The runner is done with the job: drop the run token so a late cancel has nothing to touch.</summary>
    public void EndRun()
    {
        lock (_gate)
        {
            _run?.Dispose();
            _run = null;
        }
    }

    /// <summary>FAILED/TIMED_OUT → IN_QUEUE with the same id, as RunPod's /retry does.</summary>
    public bool TryRequeue(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_status is not (JobStatus.Failed or JobStatus.TimedOut))
            {
                return false;
            }

            _status = JobStatus.InQueue;
            _output = null;
            _error = null;
            _queuedAt = now;
            _startedAt = null;
            _finishedAt = null;
            RetryCount++;
            return true;
        }
    }

    /// <summary>
    /// RunPod's /stream: the status and the progress items reported since the previous read. Like RunPod's it hands
    /// each item out once; items cumulate (each carries the scenes finished so far), so a reader that lost one loses nothing.
    /// </summary>
    public JobStreamResponse ReadStream()
    {
        lock (_gate)
        {
            var items = _stream.Skip(_streamRead).Select(p => new StreamItem(p)).ToList();
            _streamRead = _stream.Count;
            return new JobStreamResponse(Id, _status, items);
        }
    }

    public JobStatusResponse Snapshot(DateTimeOffset now)
    {
        lock (_gate)
        {
            var delayEnd = _startedAt ?? _finishedAt ?? now;
            long? execution = _startedAt is { } started ? Milliseconds((_finishedAt ?? now) - started) : null;
            return new JobStatusResponse(Id, _status, Milliseconds(delayEnd - _queuedAt), execution, _output, _error);
        }
    }

    private bool FinishLocked(string status, object? output, string? error, DateTimeOffset now)
    {
        if (JobStatus.IsTerminal(_status))
        {
            return false;
        }

        _status = status;
        _output = output;
        _error = error;
        _finishedAt = now;
        DisarmTtlLocked();
        return true;
    }

    /// <summary>Out of the queue the ttl has nothing left to do; a pending timer would only keep the job in memory.</summary>
    private void DisarmTtlLocked()
    {
        _ttlTimer?.Dispose();
        _ttlTimer = null;
    }

    private static long Milliseconds(TimeSpan span) => (long)Math.Max(0, span.TotalMilliseconds);
}
