using System.Text;
using Dapper;
using Framecast.Grains.Abstractions.Webhooks;
using Npgsql;

namespace Framecast.Silo.Storage.Webhooks;

/// <summary>Reads of webhooks and deliveries for the API. One webhook is read from its grain.</summary>
public sealed class WebhookQueries(NpgsqlDataSource dataSource)
{
    /// <summary>list_webhooks: a team's webhooks, newest first, not paginated (spec 04 §9.1).</summary>
    public async Task<IReadOnlyList<WebhookRecord>> ListAsync(Guid teamId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<WebhookRow>(new CommandDefinition(
            $"SELECT {WebhookRow.Columns} FROM webhooks w WHERE w.team_id = @teamId ORDER BY w.created_at DESC, w.id DESC",
            new { teamId }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <summary>list_webhook_deliveries: newest first, keyset-paginated on (created_at, id), with the spec's filters (§9.8).</summary>
    public async Task<DeliveryPage> ListDeliveriesAsync(DeliveryFilter filter, CancellationToken cancellationToken = default)
    {
        var sql = new StringBuilder($"SELECT {DeliveryRow.Columns} FROM webhook_deliveries d WHERE d.webhook_id = @webhookId");
        var args = new DynamicParameters();
        args.Add("webhookId", filter.WebhookId);
        if (filter.Status is { } status)
        {
            sql.Append(" AND d.status = @status::webhook_delivery_status");
            args.Add("status", status.ToDb());
        }
        if (filter.EventType is { } eventType)
        {
            sql.Append(" AND d.event_type = @eventType");
            args.Add("eventType", eventType);
        }
        if (filter.CreatedAfter is { } after)
        {
            sql.Append(" AND d.created_at > @after");
            args.Add("after", after.UtcDateTime);
        }
        if (filter.CreatedBefore is { } before)
        {
            sql.Append(" AND d.created_at < @before");
            args.Add("before", before.UtcDateTime);
        }
        var (page, next) = await KeysetCursor.PageAsync<DeliveryRow>(
            dataSource, sql, args, filter.Cursor, filter.Limit, "d.created_at", "d.id", r => (r.CreatedAt, r.Id), cancellationToken);
        return new DeliveryPage([.. page.Select(r => r.ToRecord())], next);
    }

    /// <summary>The webhook a delivery belongs to, for retry's visibility check; null when there is no such delivery.</summary>
    public async Task<Guid?> WebhookOfDeliveryAsync(Guid deliveryId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
            "SELECT webhook_id FROM webhook_deliveries WHERE id = @deliveryId", new { deliveryId }, cancellationToken: cancellationToken));
    }
}

public sealed record DeliveryFilter(Guid WebhookId, WebhookDeliveryStatus? Status, string? EventType, DateTimeOffset? CreatedAfter,
    DateTimeOffset? CreatedBefore, string? Cursor, int Limit);

public sealed record DeliveryPage(IReadOnlyList<WebhookDeliveryRecord> Deliveries, string? NextCursor);

