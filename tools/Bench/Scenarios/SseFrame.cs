namespace Framecast.Bench.Scenarios;

/// <summary>One Server-Sent Events message: <c>id: {job_id}:{seq}</c>, <c>event: {type}</c>, <c>data: {json}</c>.</summary>
public sealed record SseFrame(string? Id, string Event, string Data);
