namespace Framecast.Grains.Abstractions.Errors;

/// <summary>An error code of the spec's envelope and the HTTP status it answers with.</summary>
[GenerateSerializer, Immutable, Alias("framecast.ErrorCode")]
public sealed record ErrorCode([property: Id(0)] string Code, [property: Id(1)] int HttpStatus)
{
    public override string ToString() => Code;
}
