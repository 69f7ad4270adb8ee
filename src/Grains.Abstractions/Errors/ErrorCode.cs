namespace Framecast.Grains.Abstractions.Errors;

/// <summary>An error code of the spec's envelope and the HTTP status it answers with.</summary>
public sealed record ErrorCode(string Code, int HttpStatus)
{
    public override string ToString() => Code;
}
