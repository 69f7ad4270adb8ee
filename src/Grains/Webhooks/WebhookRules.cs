using System.Net;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.Webhooks;

namespace Framecast.Grains.Webhooks;

/// <summary>
/// The field rules of create and update (spec 04 §9.3, §9.4): an https URL of at most 2,048 characters whose host is
/// not a refused address, and a non-empty list of subscribable events. A host name is judged again when it is sent
/// to, after DNS, since what it resolves to can change.
/// </summary>
public static class WebhookRules
{
    public const int UrlMaxLength = 2048;

    public static string RequireUrl(string? url, bool allowLoopbackHttp)
    {
        if (string.IsNullOrEmpty(url))
        {
            throw Invalid("url", "'url' is required.");
        }
        if (url.Length > UrlMaxLength)
        {
            throw Invalid("url", $"'url' must be at most {UrlMaxLength} characters.");
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !string.IsNullOrEmpty(uri.UserInfo) || uri.Host.Length == 0)
        {
            throw Invalid("url", "'url' must be an absolute URL without credentials.");
        }
        // The raw prefix, not the parsed scheme: the database's check is on the text as stored.
        var https = url.StartsWith("https://", StringComparison.Ordinal);
        var loopbackHttp = allowLoopbackHttp && url.StartsWith("http://127.0.0.1", StringComparison.Ordinal) && uri.Host == "127.0.0.1";
        if (!https && !loopbackHttp)
        {
            throw Invalid("url", "'url' must start with https://.");
        }
        var host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host.Trim('[', ']') : uri.Host;
        if (IPAddress.TryParse(host, out var address))
        {
            if (!WebhookAddresses.IsAllowed(address, allowLoopbackHttp))
            {
                throw Invalid("url", "'url' must not point at a loopback, private, link-local or metadata address.");
            }
        }
        else if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            || host.EndsWith(".internal", StringComparison.OrdinalIgnoreCase) || !host.Contains('.'))
        {
            throw Invalid("url", "'url' must name a public host.");
        }
        return url;
    }

    /// <summary>The events, without duplicates, in the order given.</summary>
    public static IReadOnlyList<string> RequireEvents(IReadOnlyList<string>? events)
    {
        if (events is null || events.Count == 0)
        {
            throw Invalid("events", "'events' must list at least one event.");
        }
        if (events.FirstOrDefault(e => !WebhookEventTypes.IsSubscribable(e)) is { } unknown)
        {
            throw new DomainException(ErrorCodes.ValidationError, $"'{unknown}' is not an event a webhook can subscribe to.",
                new Dictionary<string, object?> { ["field"] = "events", ["allowed"] = WebhookEventTypes.All });
        }
        return events.Distinct(StringComparer.Ordinal).ToList();
    }

    private static DomainException Invalid(string field, string message) =>
        new(ErrorCodes.ValidationError, message, new Dictionary<string, object?> { ["field"] = field });
}
