namespace Framecast.Grains.Abstractions.Errors;

/// <summary>
/// A rule of the domain said no. It crosses grain calls as it is (Orleans serializes it), and the
/// API turns it into the error envelope with the code's status.
/// </summary>
[GenerateSerializer, Alias("framecast.DomainException")]
public sealed class DomainException(ErrorCode error, string message, IReadOnlyDictionary<string, object?>? details = null)
    : Exception(message)
{
    [Id(0)]
    public ErrorCode Error { get; private set; } = error;

    /// <summary>Values are strings, numbers, ids and lists of them: what the envelope's details hold.</summary>
    [Id(1)]
    public IReadOnlyDictionary<string, object?>? Details { get; private set; } = details;
}
