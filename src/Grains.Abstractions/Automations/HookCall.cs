namespace Framecast.Grains.Abstractions.Automations;

/// <summary>An inbound hook request as it arrived: the signature header, unparsed, and the exact body bytes it signs.</summary>
[GenerateSerializer, Immutable, Alias("framecast.HookCall")]
public sealed record HookCall([property: Id(0)] string? SignatureHeader, [property: Id(1)] byte[] Body);
