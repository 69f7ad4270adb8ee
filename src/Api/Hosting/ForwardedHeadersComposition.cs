using Framecast.Silo.Hosting;
using Microsoft.AspNetCore.HttpOverrides;

namespace Framecast.Api.Hosting;

/// <summary>ASP.NET Core's forwarded-headers middleware, believing only <see cref="TrustedProxyOptions"/>.</summary>
public static class ForwardedHeadersComposition
{
    public static void AddTrustedProxies(this WebApplicationBuilder builder)
    {
        builder.Services.AddSettings<TrustedProxyOptions>(builder.Configuration);
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<TrustedProxyOptions>((forwarded, proxies) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The defaults trust loopback; only the configured proxies are trusted here.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var address in proxies.Addresses)
            {
                forwarded.KnownProxies.Add(address);
            }
            foreach (var network in proxies.Networks)
            {
                forwarded.KnownIPNetworks.Add(network);
            }
            // A chain of trusted proxies is unwound hop by hop; the walk stops at the first address nobody trusts.
            forwarded.ForwardLimit = null;
        });
    }

    /// <summary>First in the pipeline: the request id's logs, sign-in lockouts and rate limits all see the client's address.</summary>
    public static void UseTrustedProxies(this WebApplication app) => app.UseForwardedHeaders();
}
