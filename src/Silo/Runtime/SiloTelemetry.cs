using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Framecast.Silo.Runtime;

/// <summary>The silo's traces and metrics; exported over OTLP when the host configures an exporter.</summary>
public static class SiloTelemetry
{
    public const string Name = "Framecast.Silo";

    public static readonly ActivitySource ActivitySource = new(Name);

    public static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Calls = Meter.CreateCounter<long>("framecast.grain.calls", description: "Grain calls completed");

    public static readonly Counter<long> CallFailures = Meter.CreateCounter<long>("framecast.grain.call_failures", description: "Grain calls that threw");

    public static readonly Histogram<double> TurnDuration = Meter.CreateHistogram<double>("framecast.grain.turn_duration", unit: "ms", description: "Time a turn held its activation");

    public static readonly Counter<long> Conflicts = Meter.CreateCounter<long>("framecast.grain.conflicts", description: "Version conflicts that made an activation reload");

    public static readonly Counter<long> Activations = Meter.CreateCounter<long>("framecast.grain.activations", description: "Activations created or reloaded");

    public static readonly Counter<long> Deactivations = Meter.CreateCounter<long>("framecast.grain.deactivations", description: "Activations collected");

    public static readonly Counter<long> Timeouts = Meter.CreateCounter<long>("framecast.grain.timeouts", description: "Calls that waited longer than the call timeout");
}
