using System.Globalization;
using System.Net;

namespace Framecast.Bench;

/// <summary>Everything the benchmark reads from the environment, with the local stack's defaults.</summary>
public sealed record BenchSettings(
    Uri ApiUrl,
    Uri DatabaseUrl,
    string JwtSecret,
    string? JwtIssuer,
    string AdminToken,
    TimeSpan Duration,
    TimeSpan Warmup,
    int Concurrency,
    int Owners,
    int SseSubscribers,
    int Grains,
    string ReportPath)
{
    // The API's own local defaults (src/Api/Auth/AuthOptions.cs), so a bare `just dev` needs no settings.
    private const string LocalJwtSecret = "framecast-local-development-jwt-secret-change-me";
    private const string LocalAdminToken = "framecast-local-admin-token";

    public static BenchSettings FromEnvironment()
    {
        var settings = new BenchSettings(
            ApiUrl: new Uri(Text("BENCH_API_URL") ?? "http://127.0.0.1:3000"),
            DatabaseUrl: new Uri(Text("DATABASE_URL") ?? "postgres://postgres@127.0.0.1:5433/framecast"),
            JwtSecret: Text("JWT_SECRET") ?? LocalJwtSecret,
            JwtIssuer: Text("JWT_ISSUER"),
            AdminToken: Text("FRAMECAST_ADMIN_TOKEN") ?? LocalAdminToken,
            Duration: TimeSpan.FromSeconds(Positive("BENCH_DURATION_SECONDS", 10)),
            Warmup: TimeSpan.FromSeconds(int.TryParse(Text("BENCH_WARMUP_SECONDS"), out var warmup) && warmup >= 0 ? warmup : 15),
            Concurrency: Positive("BENCH_CONCURRENCY", 32),
            Owners: Positive("BENCH_OWNERS", 16),
            SseSubscribers: Positive("BENCH_SSE_SUBSCRIBERS", 10000),
            Grains: Positive("BENCH_GRAINS", 100_000),
            ReportPath: Text("BENCH_REPORT_PATH") ?? Path.Combine(".local", "bench", "report.json"));
        // Load is only ever sent to this machine.
        RequireLoopback("BENCH_API_URL", settings.ApiUrl);
        RequireLoopback("DATABASE_URL", settings.DatabaseUrl);
        return settings;
    }

    private static void RequireLoopback(string name, Uri url)
    {
        var loopback = url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
        if (!loopback)
        {
            throw new BenchFailure($"{name} must point at this machine (loopback), not {url.Host}.");
        }
    }

    private static string? Text(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

    private static int Positive(string name, int fallback)
    {
        var text = Text(name);
        if (text is null)
        {
            return fallback;
        }
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new BenchFailure($"{name} must be a positive integer, not '{text}'.");
    }
}
