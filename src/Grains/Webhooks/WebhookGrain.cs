using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.Webhooks;
using Microsoft.Extensions.Logging;

namespace Framecast.Grains.Webhooks;

/// <summary>
/// One webhook's row and its deliveries (see <see cref="IWebhookGrain"/> for why one grain per webhook). The queue is
/// the table: the grain sends the oldest undelivered row, one at a time, in event order; a delivery waiting for its
/// retry holds back the later ones, so a receiver never sees a job's events out of order. Each attempt is claimed in
/// the database before it is sent and recorded after (spec 06 §11.2 decides the next status). A one-shot grain timer
/// fires at the next due time; while anything is undelivered a reminder also ticks, so a silo's death loses nothing.
/// </summary>
public sealed class WebhookGrain(
    IWebhookStore store,
    IWebhookSender sender,
    WebhookOptions options,
    TimeProvider clock,
    ILogger<WebhookGrain> logger) : Grain, IWebhookGrain
{
    private const string DeliverReminder = "deliver";

    private WebhookState? _state;
    private bool _loaded;
    private Task<WebhookState?>? _loading;
    private IGrainTimer? _timer;
    private IGrainReminder? _reminder;
    private bool _reminderLooked;

    private Guid WebhookId => this.GetPrimaryKey();

    public async Task<WebhookRecord?> GetAsync() => (await CurrentAsync())?.Webhook;

    public async Task<WebhookWithSecret> CreateAsync(NewWebhook webhook)
    {
        if (await CurrentAsync() is not null)
        {
            throw new InvalidOperationException($"Webhook {WebhookId} already exists.");
        }
        var secret = WebhookSignature.NewSecret();
        _state = await store.InsertAsync(WebhookId, webhook, secret);
        return new WebhookWithSecret(_state.Webhook, secret);
    }

    public async Task<WebhookRecord> UpdateAsync(WebhookChanges changes)
    {
        var state = await RequireAsync();
        var hook = state.Webhook;
        _state = await store.UpdateAsync(WebhookId, changes.Url ?? hook.Url, changes.Events ?? hook.Events, changes.IsActive ?? hook.IsActive, state.Secret);
        if (_state.Webhook.IsActive && !hook.IsActive)
        {
            // Deliveries that waited while it was off go now.
            await DrainAsync();
        }
        return _state.Webhook;
    }

    public async Task DeleteAsync()
    {
        await RequireAsync();
        await store.DeleteAsync(WebhookId);
        _state = null;
        _timer?.Dispose();
        await DropReminderAsync();
        DeactivateOnIdle();
    }

    public async Task<WebhookWithSecret> RotateSecretAsync()
    {
        var hook = (await RequireAsync()).Webhook;
        var secret = WebhookSignature.NewSecret();
        _state = await store.UpdateAsync(WebhookId, hook.Url, hook.Events, hook.IsActive, secret);
        return new WebhookWithSecret(_state.Webhook, secret);
    }

    public async Task<WebhookDeliveryRecord> TestAsync()
    {
        var state = await RequireAsync();
        if (!state.Webhook.IsActive)
        {
            throw new DomainException(ErrorCodes.WebhookInactive, "The webhook is not active; activate it before testing.");
        }
        var delivery = await store.InsertTestAsync(WebhookId, state.Webhook.TeamId);
        var attempted = await AttemptAsync(state, delivery) ?? (await store.GetDeliveryAsync(delivery.Id))!;
        if (attempted.Status == WebhookDeliveryStatus.Retrying)
        {
            // Its retries join the queue: the next turn schedules them.
            WakeAt(TimeSpan.Zero);
        }
        return attempted;
    }

    public async Task<WebhookDeliveryRecord> RetryAsync(Guid deliveryId)
    {
        await RequireAsync();
        await store.ReopenAsync(WebhookId, deliveryId);
        await DrainAsync();
        return (await store.GetDeliveryAsync(deliveryId))!;
    }

    public Task PokeAsync() => DrainAsync();

    public Task ReceiveReminder(string reminderName, TickStatus status) => DrainAsync();

    /// <summary>Sends every delivery that is due, oldest first; stops at the first that must wait, and wakes for it.</summary>
    private async Task DrainAsync()
    {
        var state = await CurrentAsync();
        if (state is null || !state.Webhook.IsActive)
        {
            await DropReminderAsync();
            return;
        }
        while (await store.NextOpenAsync(WebhookId) is { } head)
        {
            var now = clock.GetUtcNow();
            if (head.NextRetryAt is { } due && due > now)
            {
                await KeepReminderAsync();
                WakeAt(due - now);
                return;
            }
            if (head.Attempts >= head.MaxAttempts)
            {
                // Its last attempt was claimed by a silo that died before recording it.
                await store.GiveUpAsync(head.Id);
                continue;
            }
            await KeepReminderAsync();
            if (await AttemptAsync(state, head) is null)
            {
                // Another activation holds this delivery (it can only be a duplicate of this grain): leave it to it.
                return;
            }
            state = _state!;
            if (!state.Webhook.IsActive)
            {
                return;
            }
        }
        await DropReminderAsync();
    }

    /// <summary>One attempt: claimed, sent, recorded. Null when another activation claimed it first.</summary>
    private async Task<WebhookDeliveryRecord?> AttemptAsync(WebhookState state, OpenDelivery delivery)
    {
        var attempt = delivery.Attempts + 1;
        var dueIfLost = clock.GetUtcNow() + options.Timeout + options.DelayAfter(attempt);
        if (await store.ClaimAsync(WebhookId, delivery.Id, delivery.Attempts, dueIfLost) is not { } number)
        {
            return null;
        }
        using var timeout = new CancellationTokenSource(options.Timeout);
        var result = await sender.SendAsync(state.Webhook.Url, state.Secret, delivery, timeout.Token);
        var (status, next) = Decide(result, attempt, delivery.MaxAttempts);
        var recorded = await store.RecordAsync(delivery.Id, number, result, status, next);
        if (result.StatusCode == 410)
        {
            // Standard Webhooks: 410 Gone means the receiver wants no more; the webhook is switched off, not deleted.
            _state = await store.UpdateAsync(WebhookId, state.Webhook.Url, state.Webhook.Events, isActive: false, state.Secret);
            logger.LogInformation("Webhook {WebhookId} answered 410 Gone and was deactivated", WebhookId);
        }
        return recorded;
    }

    /// <summary>Spec 06 §11.2: 2xx delivered; 4xx failed at once (but 429, "slow down", waits like a 5xx and honours
    /// Retry-After); anything else — 5xx, 1xx/3xx, timeout, connection error — retries until the attempts run out.</summary>
    private (WebhookDeliveryStatus Status, DateTimeOffset? NextRetryAt) Decide(AttemptResult result, int attempt, int maxAttempts)
    {
        if (result.StatusCode is >= 200 and < 300)
        {
            return (WebhookDeliveryStatus.Delivered, null);
        }
        if (result.StatusCode is >= 400 and < 500 and not 429 || attempt >= maxAttempts)
        {
            return (WebhookDeliveryStatus.Failed, null);
        }
        var wait = options.DelayAfter(attempt);
        if (result.RetryAfter is { } asked && asked > wait)
        {
            wait = asked;
        }
        return (WebhookDeliveryStatus.Retrying, clock.GetUtcNow() + wait);
    }

    private void WakeAt(TimeSpan wait)
    {
        _timer?.Dispose();
        _timer = this.RegisterGrainTimer(_ => DrainAsync(), new GrainTimerCreationOptions(wait, Timeout.InfiniteTimeSpan));
    }

    private async Task KeepReminderAsync() =>
        _reminder ??= await this.RegisterOrUpdateReminder(DeliverReminder, options.ReminderPeriod, options.ReminderPeriod);

    private async Task DropReminderAsync()
    {
        if (_reminder is null && !_reminderLooked)
        {
            _reminder = await this.GetReminder(DeliverReminder);
            _reminderLooked = true;
        }
        if (_reminder is not null)
        {
            await this.UnregisterReminder(_reminder);
            _reminder = null;
        }
    }

    /// <summary>The row, read once per activation. <see cref="GetAsync"/> interleaves, so the first read is shared:
    /// a read finishing after a write's commit must not put the older row back.</summary>
    private async Task<WebhookState?> CurrentAsync()
    {
        if (!_loaded)
        {
            _loading ??= store.LoadAsync(WebhookId);
            var loaded = await _loading;
            if (!_loaded)
            {
                _state = loaded;
                _loaded = true;
            }
        }
        return _state;
    }

    private async Task<WebhookState> RequireAsync() =>
        await CurrentAsync() ?? throw new DomainException(ErrorCodes.WebhookNotFound, "No such webhook.");
}
