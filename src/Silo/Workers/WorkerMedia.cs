namespace Framecast.Silo.Workers;

/// <summary>The presigned GET URL of every asset a job's plan plays, by asset id.</summary>
public sealed record WorkerMedia(IReadOnlyDictionary<string, string> Urls)
{
    public static readonly WorkerMedia None = new(new Dictionary<string, string>());

    public string UrlOf(string assetId) =>
        Urls.TryGetValue(assetId, out var url) ? url : throw new KeyNotFoundException($"Asset {assetId} was not resolved.");
}
