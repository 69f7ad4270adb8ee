using Framecast.Grains.Abstractions.Webhooks;
using Framecast.Grains.Webhooks;
using Framecast.Silo.Storage.Jobs;

namespace Framecast.Silo.Storage.Webhooks;

/// <summary>A webhooks row as Dapper reads it with <see cref="Columns"/>.</summary>
internal sealed class WebhookRow
{
    public const string Columns = """
        w.id AS Id, w.team_id AS TeamId, w.created_by AS CreatedBy, w.url AS Url, w.events::text[] AS Events,
        w.secret AS Secret, w.is_active AS IsActive, w.last_triggered_at AS LastTriggeredAt, w.created_at AS CreatedAt, w.updated_at AS UpdatedAt
        """;

    public Guid Id { get; set; }
    public Guid TeamId { get; set; }
    public Guid CreatedBy { get; set; }
    public string Url { get; set; } = "";
    public string[] Events { get; set; } = [];
    public string Secret { get; set; } = "";
    public bool IsActive { get; set; }
    public DateTime? LastTriggeredAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public WebhookRecord ToRecord() => new(Id, TeamId, CreatedBy, Url, Events, IsActive, JobRow.Utc(LastTriggeredAt), JobRow.Utc(CreatedAt), JobRow.Utc(UpdatedAt));

    public WebhookState ToState() => new(ToRecord(), Secret);
}
