using Framecast.Grains.Abstractions.Errors;

namespace Framecast.Api.Jobs;

/// <summary>The <c>limit</c> of every paginated list (spec 04 §0.5): 20 when absent, 1 to 100 when given.</summary>
public static class PageSize
{
    public const int Default = 20;

    public const int Max = 100;

    public static int From(int? limit) => limit is null ? Default
        : limit is >= 1 and <= Max ? limit.Value
        : throw new DomainException(ErrorCodes.ValidationError, $"'limit' must be between 1 and {Max}.",
            new Dictionary<string, object?> { ["field"] = "limit" });
}
