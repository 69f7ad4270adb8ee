using System.Text.Json;

namespace Framecast.Grains.Abstractions.Jobs;

/// <summary>One row of job_events: the SSE message and SignalR push for one transition or progress step.</summary>
[GenerateSerializer, Immutable, Alias("framecast.JobEvent")]
public sealed record JobEvent(
    [property: Id(0)] Guid JobId,
    [property: Id(1)] long Sequence,
    [property: Id(2)] JobEventType EventType,
    [property: Id(3)] JsonElement Payload,
    [property: Id(4)] DateTimeOffset CreatedAt);
