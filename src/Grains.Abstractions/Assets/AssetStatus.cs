namespace Framecast.Grains.Abstractions.Assets;

/// <summary>An upload's status (spec 02): pending → ready, or pending → failed; ready and failed are final.</summary>
public enum AssetStatus
{
    Pending,
    Ready,
    Failed,
}

public static class AssetStatuses
{
    public static string ToDb(this AssetStatus status) => status.ToString().ToLowerInvariant();

    public static bool TryParse(string? text, out AssetStatus status)
    {
        status = default;
        return text is "pending" or "ready" or "failed" && Enum.TryParse(text, ignoreCase: true, out status);
    }

    public static AssetStatus Parse(string text) =>
        TryParse(text, out var status) ? status : throw new FormatException($"Unknown asset status '{text}'.");
}
