namespace Framecast.Grains.Abstractions.Assets;

/// <summary>A pending upload the API asks the owner's storage pool to record; every field is already validated.</summary>
[GenerateSerializer, Immutable, Alias("framecast.NewUpload")]
public sealed record NewUpload(
    [property: Id(0)] Guid AssetId,
    [property: Id(1)] string Owner,
    [property: Id(2)] Guid UploadedBy,
    [property: Id(3)] Guid? ProjectId,
    [property: Id(4)] string Filename,
    [property: Id(5)] string S3Key,
    [property: Id(6)] string ContentType,
    [property: Id(7)] long SizeBytes);
