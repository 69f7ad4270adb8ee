using System.Diagnostics.Metrics;
using Framecast.Grains.Abstractions.Jobs;

namespace Framecast.Grains.Metrics;

/// <summary>
/// The business metrics, on the <c>Framecast</c> meter (scraped as <c>framecast_*</c>). Each silo counts what its
/// activations did; the cluster's figure is the sum over silos, which is also why active jobs is an up-down counter
/// moved by admission and settlement rather than a gauge read from one place.
/// </summary>
public sealed class FramecastMetrics
{
    public const string MeterName = "Framecast";

    private readonly Counter<long> _admitted;
    private readonly Counter<long> _settled;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _canceled;
    private readonly Counter<long> _charged;
    private readonly Counter<long> _refunded;
    private readonly UpDownCounter<long> _active;
    private readonly Histogram<double> _fanOutDelay;

    public FramecastMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _admitted = meter.CreateCounter<long>("framecast.jobs.admitted", "{job}", "Jobs admitted (charged and queued)");
        _settled = meter.CreateCounter<long>("framecast.jobs.settled", "{job}", "Jobs that reached a final status, by status");
        _failed = meter.CreateCounter<long>("framecast.jobs.failed", "{job}", "Jobs that failed, by failure type");
        _canceled = meter.CreateCounter<long>("framecast.jobs.canceled", "{job}", "Jobs canceled");
        _charged = meter.CreateCounter<long>("framecast.credits.charged", "{credit}", "Credits charged at admission");
        _refunded = meter.CreateCounter<long>("framecast.credits.refunded", "{credit}", "Credits refunded at settlement");
        _active = meter.CreateUpDownCounter<long>("framecast.jobs.active", "{job}", "Jobs admitted and not yet settled");
        _fanOutDelay = meter.CreateHistogram<double>("framecast.events.fanout.delay", "s",
            "From a job event's commit to its arrival at a silo that streams it");
    }

    public void Admitted(int credits)
    {
        _admitted.Add(1);
        _charged.Add(credits);
        _active.Add(1);
    }

    public void Settled(JobStatus status, FailureType? failureType, int refunded)
    {
        _settled.Add(1, new KeyValuePair<string, object?>("status", status.ToDb()));
        if (status == JobStatus.Failed)
        {
            _failed.Add(1, new KeyValuePair<string, object?>("failure_type", failureType?.ToDb() ?? "unknown"));
        }
        else if (status == JobStatus.Canceled)
        {
            _canceled.Add(1);
        }
        _refunded.Add(refunded);
        _active.Add(-1);
    }

    public void EventArrived(DateTimeOffset createdAt, DateTimeOffset now) => _fanOutDelay.Record(Math.Max(0, (now - createdAt).TotalSeconds));
}
