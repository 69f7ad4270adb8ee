using System.Text.Json;

namespace Framecast.Grains.Abstractions.Jobs;

/// <summary>One row of job_events: the SSE message and SignalR push for one transition or progress step.</summary>
public sealed record JobEvent(Guid JobId, long Sequence, JobEventType EventType, JsonElement Payload, DateTimeOffset CreatedAt);
