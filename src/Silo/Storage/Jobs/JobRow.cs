using System.Text.Json;
using Framecast.Grains.Abstractions.Jobs;

namespace Framecast.Silo.Storage.Jobs;

/// <summary>A jobs row as Dapper reads it with <see cref="Columns"/>; JSON and enums arrive as text.</summary>
internal sealed class JobRow
{
    public const string Columns = """
        id AS Id, owner AS Owner, triggered_by AS TriggeredBy, project_id AS ProjectId, status::text AS Status,
        spec_snapshot::text AS SpecSnapshot, options::text AS Options, progress::text AS Progress, output::text AS Output,
        output_size_bytes AS OutputSizeBytes, error::text AS Error, credits_charged AS CreditsCharged,
        failure_type::text AS FailureType, credits_refunded AS CreditsRefunded, idempotency_key AS IdempotencyKey,
        canceled_by AS CanceledBy, started_at AS StartedAt, completed_at AS CompletedAt, created_at AS CreatedAt,
        updated_at AS UpdatedAt, request_hash AS RequestHash, source_job_id AS SourceJobId, priority AS Priority
        """;

    public Guid Id { get; set; }
    public string Owner { get; set; } = "";
    public Guid TriggeredBy { get; set; }
    public Guid? ProjectId { get; set; }
    public string Status { get; set; } = "";
    public string SpecSnapshot { get; set; } = "{}";
    public string Options { get; set; } = "{}";
    public string Progress { get; set; } = "{}";
    public string? Output { get; set; }
    public long? OutputSizeBytes { get; set; }
    public string? Error { get; set; }
    public int CreditsCharged { get; set; }
    public string? FailureType { get; set; }
    public int CreditsRefunded { get; set; }
    public string? IdempotencyKey { get; set; }
    public Guid? CanceledBy { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string? RequestHash { get; set; }
    public Guid? SourceJobId { get; set; }
    public string Priority { get; set; } = "normal";

    public JobRecord ToRecord() => new(
        Id, Owner, TriggeredBy, ProjectId, JobStates.ParseStatus(Status),
        Json(SpecSnapshot), Json(Options), Json(Progress), Output is null ? null : Json(Output), OutputSizeBytes,
        Error is null ? null : Json(Error), CreditsCharged, FailureType is null ? null : JobStates.ParseFailureType(FailureType),
        CreditsRefunded, IdempotencyKey, CanceledBy, Utc(StartedAt), Utc(CompletedAt), Utc(CreatedAt), Utc(UpdatedAt),
        SourceJobId, JobPriorities.Parse(Priority));

    public static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    public static DateTimeOffset? Utc(DateTime? value) => value is { } v ? Utc(v) : null;

    private static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
