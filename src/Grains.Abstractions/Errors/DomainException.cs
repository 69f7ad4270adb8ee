namespace Framecast.Grains.Abstractions.Errors;

/// <summary>A rule of the domain said no. The API turns it into the error envelope with the code's status.</summary>
public class DomainException(ErrorCode error, string message, IReadOnlyDictionary<string, object?>? details = null)
    : Exception(message)
{
    public ErrorCode Error { get; } = error;

    public IReadOnlyDictionary<string, object?>? Details { get; } = details;
}
