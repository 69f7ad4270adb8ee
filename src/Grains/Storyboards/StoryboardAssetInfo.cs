namespace Framecast.Grains.Storyboards;

/// <summary>What validation needs of an AssetFile: its MIME type and its status (<c>pending</c>, <c>ready</c>, …).</summary>
public sealed record StoryboardAssetInfo(Guid Id, string ContentType, string Status)
{
    public const string ReadyStatus = "ready";

    public bool IsReady => Status == ReadyStatus;
}
