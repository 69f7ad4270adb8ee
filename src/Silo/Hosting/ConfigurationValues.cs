using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Framecast.Silo.Hosting;

/// <summary>Reading settings from environment variables: a malformed or out-of-range value falls back to the default.</summary>
public static class ConfigurationValues
{
    public static string? Text(this IConfiguration configuration, string key) =>
        configuration[key] is { Length: > 0 } value ? value : null;

    public static int PositiveInt(this IConfiguration configuration, string key, int fallback) =>
        int.TryParse(configuration[key], out var value) && value > 0 ? value : fallback;

    public static TimeSpan Milliseconds(this IConfiguration configuration, string key, TimeSpan fallback) =>
        int.TryParse(configuration[key], out var ms) && ms > 0 ? TimeSpan.FromMilliseconds(ms) : fallback;

    public static decimal NonNegativeDecimal(this IConfiguration configuration, string key, decimal fallback) =>
        decimal.TryParse(configuration[key], NumberStyles.Number, CultureInfo.InvariantCulture, out var value) && value >= 0 ? value : fallback;
}
