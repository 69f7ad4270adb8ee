namespace Framecast.Grains.Abstractions.Automations;

/// <summary>A confirmed upload as asset_upload automations see it (<c>trigger.asset</c>): the URL is a presigned GET.</summary>
[GenerateSerializer, Immutable, Alias("framecast.UploadedAsset")]
public sealed record UploadedAsset(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Url,
    [property: Id(2)] string Filename,
    [property: Id(3)] string ContentType);
