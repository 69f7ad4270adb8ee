namespace Framecast.Grains.Abstractions.Assets;

/// <summary>The limits of uploads (spec 04 §7, 07 §5, §9).</summary>
public static class AssetLimits
{
    public const long MaxSizeBytes = 52_428_800;

    public const int MaxFilenameLength = 255;

    /// <summary>How long a presigned upload URL works; a pending upload counts against the quota for as long.</summary>
    public static readonly TimeSpan UploadUrlLifetime = TimeSpan.FromMinutes(15);

    public static readonly TimeSpan DownloadUrlLifetime = TimeSpan.FromHours(1);

    /// <summary>Confirm accepts a stored object within ±5 % of the declared size.</summary>
    public const decimal SizeTolerance = 0.05m;

    public static IReadOnlyList<string> ContentTypes { get; } =
        ["image/jpeg", "image/png", "image/webp", "audio/mpeg", "audio/wav", "audio/ogg", "video/mp4"];

    public static bool WithinTolerance(long declared, long observed) =>
        Math.Abs(observed - declared) <= declared * SizeTolerance;
}
