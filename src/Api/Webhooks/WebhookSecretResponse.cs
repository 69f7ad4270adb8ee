using Framecast.Grains.Abstractions.Webhooks;
using Framecast.Grains.Webhooks;

namespace Framecast.Api.Webhooks;

/// <summary>
/// The answer of create and rotate, the only times the secret is shown: <c>secret</c> as spec 06 §10 signs with it,
/// and the same key in the <c>whsec_</c> form that Standard Webhooks verifiers take.
/// </summary>
public sealed record WebhookSecretResponse(WebhookResponse Webhook, string Secret, string StandardWebhooksSecret)
{
    public static WebhookSecretResponse From(WebhookWithSecret created) =>
        new(WebhookResponse.From(created.Webhook), created.Secret, WebhookSignature.StandardSecret(created.Secret));
}
