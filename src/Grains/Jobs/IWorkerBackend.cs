using System.Text.Json;
using Framecast.Grains.Abstractions.Jobs;

namespace Framecast.Grains.Jobs;

/// <summary>A RunPod-style serverless endpoint, as a job grain sees it.</summary>
public interface IWorkerBackend
{
    Task<string> SubmitAsync(WorkerSubmission submission, CancellationToken cancellationToken);

    Task<WorkerStatus> GetStatusAsync(string requestId, CancellationToken cancellationToken);

    /// <summary>The progress steps the worker streamed since the previous read (RunPod's /stream), oldest first;
    /// each carries the scenes finished so far, so a step lost to a crash is made up by the next one.</summary>
    Task<IReadOnlyList<WorkerProgress>> ReadProgressAsync(string requestId, CancellationToken cancellationToken);

    Task CancelAsync(string requestId, CancellationToken cancellationToken);
}

/// <summary>A job for the worker. <paramref name="ExecutionTimeout"/> and <paramref name="Ttl"/> are RunPod's execution policy,
/// so a request Framecast lost track of still ends on its own.</summary>
public sealed record WorkerSubmission(Guid JobId, string Owner, JsonElement Spec, JsonElement Options, TimeSpan ExecutionTimeout, TimeSpan Ttl);

public enum WorkerState
{
    InQueue,
    InProgress,
    Completed,
    Failed,
    Cancelled,
    TimedOut,
    NotFound,
}

/// <summary>The worker's view of one request, translated into the job's terms.</summary>
public sealed record WorkerStatus(WorkerState State, WorkerProgress? Progress = null, WorkerResult? Result = null, WorkerFailure? Failure = null);

/// <summary>Progress in JobProgress terms (spec 06 §6.1).</summary>
public sealed record WorkerProgress(string Phase, int Percent, int ScenesTotal, int ScenesCompleted, string? CurrentScene);

/// <summary>The stored form of Job.output: object keys rather than URLs, which are presigned when read.</summary>
public sealed record WorkerResult(JsonElement Output, long SizeBytes, double DurationSeconds);

public sealed record WorkerFailure(FailureType FailureType, string Code, string Message, string? SceneId = null);
