namespace Framecast.Grains.Abstractions.Assets;

/// <summary>What the API saw of an upload's stored object: whether it exists, its size and its first bytes.</summary>
[GenerateSerializer, Immutable, Alias("framecast.ObservedUpload")]
public sealed record ObservedUpload(
    [property: Id(0)] bool Exists,
    [property: Id(1)] long SizeBytes,
    [property: Id(2)] byte[] Head)
{
    public static ObservedUpload Missing { get; } = new(false, 0, []);
}
