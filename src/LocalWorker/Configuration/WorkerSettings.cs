using System.Globalization;

namespace Framecast.LocalWorker.Configuration;

/// <summary>Worker settings. Read from environment variables only, so the worker runs with no config file.</summary>
public sealed record WorkerSettings
{
    public string Urls { get; init; } = "http://127.0.0.1:8189";

    /// <summary>Jobs rendered at the same time; each one runs one ffmpeg process at a time.</summary>
    public int Concurrency { get; init; } = 2;

    /// <summary>When set, every call needs <c>Authorization: Bearer {key}</c>, as RunPod does.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Pause between webhook attempts; RunPod retries twice, 10 s apart.</summary>
    public TimeSpan WebhookRetryDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a finished job stays readable at /status; RunPod keeps results 30 minutes.</summary>
    public TimeSpan ResultRetention { get; init; } = TimeSpan.FromMinutes(30);

    public string FfmpegPath { get; init; } = "ffmpeg";

    /// <summary>Reads media durations; Debian's ffmpeg package ships it beside ffmpeg.</summary>
    public string FfprobePath { get; init; } = "ffprobe";

    /// <summary>The longest a referenced audio or image file may take to download.</summary>
    public TimeSpan DownloadTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The largest referenced file accepted; uploads are limited to 50 MB (spec 07).</summary>
    public long MaxDownloadBytes { get; init; } = 52_428_800;

    public string FontPath { get; init; } = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

    public string S3Endpoint { get; init; } = "http://127.0.0.1:4569";

    public string S3Region { get; init; } = "us-east-1";

    public string S3AccessKeyId { get; init; } = "S3RVER";

    public string S3SecretAccessKey { get; init; } = "S3RVER";

    public bool S3ForcePathStyle { get; init; } = true;

    public static WorkerSettings FromEnvironment()
    {
        var defaults = new WorkerSettings();
        return new WorkerSettings
        {
            Urls = Env("LOCAL_WORKER_URLS") ?? defaults.Urls,
            Concurrency = Math.Max(1, IntEnv("LOCAL_WORKER_CONCURRENCY") ?? defaults.Concurrency),
            ApiKey = Env("LOCAL_WORKER_API_KEY"),
            WebhookRetryDelay = IntEnv("LOCAL_WORKER_WEBHOOK_RETRY_MS") is { } ms
                ? TimeSpan.FromMilliseconds(Math.Max(0, ms))
                : defaults.WebhookRetryDelay,
            FfmpegPath = Env("FFMPEG_PATH") ?? defaults.FfmpegPath,
            FfprobePath = Env("FFPROBE_PATH") ?? defaults.FfprobePath,
            DownloadTimeout = IntEnv("LOCAL_WORKER_DOWNLOAD_TIMEOUT_MS") is > 0 and var downloadMs
                ? TimeSpan.FromMilliseconds(downloadMs)
                : defaults.DownloadTimeout,
            MaxDownloadBytes = long.TryParse(Env("LOCAL_WORKER_MAX_DOWNLOAD_BYTES"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var maxBytes) && maxBytes > 0
                ? maxBytes
                : defaults.MaxDownloadBytes,
            S3Endpoint = Env("S3_ENDPOINT") ?? defaults.S3Endpoint,
            S3Region = Env("S3_REGION") ?? defaults.S3Region,
            S3AccessKeyId = Env("S3_ACCESS_KEY_ID") ?? defaults.S3AccessKeyId,
            S3SecretAccessKey = Env("S3_SECRET_ACCESS_KEY") ?? defaults.S3SecretAccessKey,
            S3ForcePathStyle = Env("S3_FORCE_PATH_STYLE") is { } style
                ? !string.Equals(style, "false", StringComparison.OrdinalIgnoreCase) && style != "0"
                : defaults.S3ForcePathStyle,
        };
    }

    private static string? Env(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

    private static int? IntEnv(string name) =>
        int.TryParse(Env(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
