using System.Text.Json;
using Framecast.Grains.Abstractions.Webhooks;
using Framecast.Silo.Storage.Jobs;

namespace Framecast.Silo.Storage.Webhooks;

/// <summary>A webhook_deliveries row as Dapper reads it with <see cref="Columns"/>.</summary>
internal sealed class DeliveryRow
{
    public const string Columns = """
        d.id AS Id, d.webhook_id AS WebhookId, d.job_id AS JobId, d.event_type AS EventType, d.status::text AS Status,
        d.payload::text AS Payload, d.response_status AS ResponseStatus, d.response_body AS ResponseBody, d.attempts AS Attempts,
        d.max_attempts AS MaxAttempts, d.next_retry_at AS NextRetryAt, d.delivered_at AS DeliveredAt, d.created_at AS CreatedAt
        """;

    public Guid Id { get; set; }
    public Guid WebhookId { get; set; }
    public Guid? JobId { get; set; }
    public string EventType { get; set; } = "";
    public string Status { get; set; } = "";
    public string Payload { get; set; } = "{}";
    public int? ResponseStatus { get; set; }
    public string? ResponseBody { get; set; }
    public int Attempts { get; set; }
    public int MaxAttempts { get; set; }
    public DateTime? NextRetryAt { get; set; }
    public DateTime? DeliveredAt { get; set; }
    public DateTime CreatedAt { get; set; }

    public WebhookDeliveryRecord ToRecord()
    {
        using var payload = JsonDocument.Parse(Payload);
        WebhookDeliveryStates.TryParse(Status, out var status);
        return new(Id, WebhookId, JobId, EventType, status, payload.RootElement.Clone(), ResponseStatus, ResponseBody, Attempts, MaxAttempts,
            JobRow.Utc(NextRetryAt), JobRow.Utc(DeliveredAt), JobRow.Utc(CreatedAt));
    }
}
