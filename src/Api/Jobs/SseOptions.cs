using System.ComponentModel.DataAnnotations;

namespace Framecast.Api.Jobs;

/// <summary>How long a quiet event stream waits before a `: keep-alive` comment (proxies drop idle connections).</summary>
public sealed class SseOptions
{
    [ConfigurationKeyName("SSE_KEEPALIVE_MS"), Range(1, int.MaxValue, ErrorMessage = "SSE_KEEPALIVE_MS must be positive.")]
    public int KeepAliveMs { get; set; } = 15_000;

    public TimeSpan KeepAliveInterval => TimeSpan.FromMilliseconds(KeepAliveMs);
}
