using System.Diagnostics;

namespace Framecast.Grains.Metrics;

/// <summary>
/// Framecast's own spans, on the <c>Framecast</c> activity source. A job grain submits to the worker from its timer,
/// where no request's activity is current any more; its submit span takes the admitting request's context as parent,
/// so a trace runs from the create request through the grain calls to the RunPod <c>/run</c>.
/// </summary>
public static class FramecastTracing
{
    public const string SourceName = "Framecast";

    public static readonly ActivitySource Source = new(SourceName);
}
