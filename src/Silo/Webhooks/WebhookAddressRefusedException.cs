namespace Framecast.Silo.Webhooks;

/// <summary>The host of a webhook resolved only to refused addresses at send time.</summary>
public sealed class WebhookAddressRefusedException(string message) : IOException(message);
