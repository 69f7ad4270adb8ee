using System.Text.Json;

namespace Framecast.Grains.Abstractions.Jobs;

/// <summary>A job as stored. The API presigns the output's object keys when it builds a response.</summary>
public sealed record JobRecord(
    Guid Id,
    string Owner,
    Guid TriggeredBy,
    Guid? ProjectId,
    JobStatus Status,
    JsonElement SpecSnapshot,
    JsonElement Options,
    JsonElement Progress,
    JsonElement? Output,
    long? OutputSizeBytes,
    JsonElement? Error,
    int CreditsCharged,
    FailureType? FailureType,
    int CreditsRefunded,
    string? IdempotencyKey,
    Guid? CanceledBy,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
