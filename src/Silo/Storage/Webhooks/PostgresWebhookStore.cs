using Dapper;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.Webhooks;
using Framecast.Grains.Webhooks;
using Npgsql;

namespace Framecast.Silo.Storage.Webhooks;

/// <summary>The webhook grain's rows: its webhooks row and its deliveries' status columns and attempts.</summary>
public sealed class PostgresWebhookStore(NpgsqlDataSource dataSource) : IWebhookStore, IWebhookSweepStore
{
    /// <summary>The spec's cut of a stored response body (10 KB), also the bound of an attempt's excerpt.</summary>
    public const int ResponseBodyLimit = 10_240;

    private const string Open = "status IN ('pending', 'retrying')";

    public async Task<WebhookState?> LoadAsync(Guid webhookId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var row = await connection.QuerySingleOrDefaultAsync<WebhookRow>($"SELECT {WebhookRow.Columns} FROM webhooks w WHERE w.id = @webhookId", new { webhookId });
        return row?.ToState();
    }

    public async Task<WebhookState> InsertAsync(Guid webhookId, NewWebhook webhook, string secret)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        try
        {
            return (await connection.QuerySingleAsync<WebhookRow>($"""
                WITH w AS (
                    INSERT INTO webhooks (id, team_id, created_by, url, events, secret)
                    VALUES (@webhookId, @TeamId, @CreatedBy, @Url, @events::webhook_event_type[], @secret)
                    RETURNING *)
                SELECT {WebhookRow.Columns} FROM w
                """, new { webhookId, webhook.TeamId, webhook.CreatedBy, webhook.Url, events = webhook.Events.ToArray(), secret })).ToState();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            throw new DomainException(ErrorCodes.TeamNotFound, "Team not found.", new Dictionary<string, object?> { ["team_id"] = webhook.TeamId });
        }
    }

    public async Task<WebhookState> UpdateAsync(Guid webhookId, string url, IReadOnlyList<string> events, bool isActive, string secret)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var row = await connection.QuerySingleOrDefaultAsync<WebhookRow>($"""
            WITH w AS (
                UPDATE webhooks SET url = @url, events = @events::webhook_event_type[], is_active = @isActive, secret = @secret
                WHERE id = @webhookId
                RETURNING *)
            SELECT {WebhookRow.Columns} FROM w
            """, new { webhookId, url, events = events.ToArray(), isActive, secret });
        return row?.ToState() ?? throw new DomainException(ErrorCodes.WebhookNotFound, "No such webhook.");
    }

    public async Task DeleteAsync(Guid webhookId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("DELETE FROM webhooks WHERE id = @webhookId", new { webhookId });
    }

    public async Task<OpenDelivery?> NextOpenAsync(Guid webhookId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var row = await connection.QuerySingleOrDefaultAsync<(Guid Id, string EventType, string Body, int Attempts, int MaxAttempts, DateTime? NextRetryAt, string? OutputObjects)?>($"""
            SELECT id, event_type, payload::text, attempts, max_attempts, next_retry_at, output_objects::text FROM webhook_deliveries
            WHERE webhook_id = @webhookId AND {Open} ORDER BY seq LIMIT 1
            """, new { webhookId });
        return row is { } r ? new OpenDelivery(r.Id, r.EventType, r.Body, r.Attempts, r.MaxAttempts, Jobs.JobRow.Utc(r.NextRetryAt), r.OutputObjects) : null;
    }

    public async Task<int?> ClaimAsync(Guid webhookId, Guid deliveryId, int expectedAttempts, DateTimeOffset dueIfLost)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var claimed = await connection.ExecuteAsync($"""
            UPDATE webhook_deliveries SET attempts = attempts + 1, next_retry_at = @dueIfLost
            WHERE id = @deliveryId AND attempts = @expectedAttempts AND attempts < max_attempts AND {Open}
            """, new { deliveryId, expectedAttempts, dueIfLost }, transaction);
        if (claimed == 0)
        {
            return null;
        }
        var number = await connection.QuerySingleAsync<int>("""
            INSERT INTO webhook_delivery_attempts (delivery_id, attempt, started_at)
            SELECT @deliveryId, coalesce(max(attempt), 0) + 1, now() FROM webhook_delivery_attempts WHERE delivery_id = @deliveryId
            RETURNING attempt
            """, new { deliveryId }, transaction);
        // spec 01 §3.10 leaves the rule open: "last triggered" is when a request was last sent.
        await connection.ExecuteAsync("UPDATE webhooks SET last_triggered_at = now() WHERE id = @webhookId", new { webhookId }, transaction);
        await transaction.CommitAsync();
        return number;
    }

    public async Task<WebhookDeliveryRecord> RecordAsync(Guid deliveryId, int attemptNumber, AttemptResult result, WebhookDeliveryStatus status, DateTimeOffset? nextRetryAt)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var excerpt = Cut(result.ResponseExcerpt);
        await connection.ExecuteAsync("""
            UPDATE webhook_delivery_attempts SET latency_ms = @latency, response_status = @StatusCode, response_excerpt = @excerpt, error = @error
            WHERE delivery_id = @deliveryId AND attempt = @attemptNumber
            """, new
        {
            deliveryId, attemptNumber, latency = (int)Math.Min(int.MaxValue, result.Latency.TotalMilliseconds), result.StatusCode, excerpt,
            error = result.Error is { Length: > 500 } e ? e[..500] : result.Error,
        }, transaction);
        var row = await connection.QuerySingleAsync<DeliveryRow>($"""
            WITH d AS (
                UPDATE webhook_deliveries SET status = @status::webhook_delivery_status, response_status = @StatusCode,
                    response_body = @excerpt, next_retry_at = @nextRetryAt,
                    delivered_at = CASE WHEN @status = 'delivered' THEN now() ELSE delivered_at END
                WHERE id = @deliveryId
                RETURNING *)
            SELECT {DeliveryRow.Columns} FROM d
            """, new { deliveryId, status = status.ToDb(), result.StatusCode, excerpt, nextRetryAt }, transaction);
        await transaction.CommitAsync();
        return row.ToRecord();
    }

    public async Task GiveUpAsync(Guid deliveryId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync($"""
            UPDATE webhook_deliveries SET status = 'failed', next_retry_at = NULL
            WHERE id = @deliveryId AND {Open} AND attempts >= max_attempts
            """, new { deliveryId });
    }

    public async Task<OpenDelivery> InsertTestAsync(Guid webhookId, Guid teamId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var (id, body) = await connection.QuerySingleAsync<(Guid, string)>("""
            WITH id AS (SELECT gen_random_uuid() AS id)
            INSERT INTO webhook_deliveries (id, webhook_id, event_type, payload)
            SELECT id.id, @webhookId, 'webhook.test', jsonb_build_object(
                'event', 'webhook.test',
                'timestamp', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                'delivery_id', id.id,
                'webhook', jsonb_build_object('id', @webhookId, 'team_id', @teamId))
            FROM id
            RETURNING id, payload::text
            """, new { webhookId, teamId });
        return new OpenDelivery(id, WebhookEventTypes.Test, body, 0, WebhookOptions.MaxAttempts, null);
    }

    public async Task ReopenAsync(Guid webhookId, Guid deliveryId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var status = await connection.QuerySingleOrDefaultAsync<string>(
            "SELECT status::text FROM webhook_deliveries WHERE id = @deliveryId AND webhook_id = @webhookId", new { deliveryId, webhookId })
            ?? throw new DomainException(ErrorCodes.DeliveryNotFound, "No such delivery.");
        var reopened = status == "failed" && await connection.ExecuteAsync("""
            UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_retry_at = now()
            WHERE id = @deliveryId AND status = 'failed'
            """, new { deliveryId }) == 1;
        if (!reopened)
        {
            throw new DomainException(ErrorCodes.DeliveryNotFailed, $"Only a failed delivery can be retried; this one is {status}.",
                new Dictionary<string, object?> { ["status"] = status });
        }
    }

    public async Task<WebhookDeliveryRecord?> GetDeliveryAsync(Guid deliveryId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var row = await connection.QuerySingleOrDefaultAsync<DeliveryRow>(
            $"SELECT {DeliveryRow.Columns} FROM webhook_deliveries d WHERE d.id = @deliveryId", new { deliveryId });
        return row?.ToRecord();
    }

    public async Task<IReadOnlyList<Guid>> ListWithOpenDeliveriesAsync()
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<Guid>($"""
            SELECT w.id FROM webhooks w
            WHERE w.is_active AND EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.webhook_id = w.id AND d.{Open})
            """)).ToList();
    }

    public async Task<int> DeleteExpiredAsync()
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<int>("SELECT cleanup_old_webhook_deliveries()");
    }

    private static string? Cut(string? text) => text is { Length: > ResponseBodyLimit } ? text[..ResponseBodyLimit] : text;
}
