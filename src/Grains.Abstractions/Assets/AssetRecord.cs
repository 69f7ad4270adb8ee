using System.Text.Json;

namespace Framecast.Grains.Abstractions.Assets;

/// <summary>An AssetFile row (spec 01 §3.9). The API presigns its object key when it builds a response.</summary>
[GenerateSerializer, Immutable, Alias("framecast.AssetRecord")]
public sealed record AssetRecord(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Owner,
    [property: Id(2)] Guid UploadedBy,
    [property: Id(3)] Guid? ProjectId,
    [property: Id(4)] string Filename,
    [property: Id(5)] string S3Key,
    [property: Id(6)] string ContentType,
    [property: Id(7)] long SizeBytes,
    [property: Id(8)] AssetStatus Status,
    [property: Id(9)] JsonElement Metadata,
    [property: Id(10)] DateTimeOffset CreatedAt,
    [property: Id(11)] DateTimeOffset UpdatedAt);
