using System.Globalization;
using Framecast.Api.Auth;
using Framecast.Api.Usage;
using Framecast.Grains.Abstractions.Accounts;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.Usage;
using Framecast.Silo.Storage.Usage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Framecast.Api.Endpoints;

/// <summary>Usage reads (spec 07 §12.5; the spec leaves the route open, 07 §14). The rows are written by the credit pools.</summary>
public static class UsageEndpoints
{
    /// <summary>Ten years of months: enough for any report, small enough to answer in one page.</summary>
    public const int MaxMonths = 120;

    public static IEndpointRouteBuilder MapUsageEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/usage", GetAsync).WithName("GetUsage").WithTags("Usage")
            .WithSummary("Renders, credits charged and refunded, and seconds rendered per UTC month, for an owner URN (default: your own)");
        return routes;
    }

    private static async Task<Ok<UsageResponse>> GetAsync(string? owner, string? from, string? to, Caller caller, AccessPolicy access,
        UsageQueries queries, TimeProvider clock, CancellationToken cancellationToken)
    {
        var urn = owner is null ? caller.PersonalUrn : OwnerUrn.Parse(owner);
        await access.AuthorizeOwnerReadAsync(caller, Operation.GetUsage, urn);
        var now = clock.GetUtcNow();
        var last = Period(to, "to") ?? UsagePeriod.PeriodOf(now);
        var first = Period(from, "from") ?? UsagePeriod.PeriodOf(Month(last).AddMonths(-11));
        var months = (Month(last).Year - Month(first).Year) * 12 + Month(last).Month - Month(first).Month + 1;
        if (months < 1 || months > MaxMonths)
        {
            throw new DomainException(ErrorCodes.ValidationError, $"'from' must not be after 'to', and the range may span at most {MaxMonths} months.",
                new Dictionary<string, object?> { ["field"] = months < 1 ? "from" : "to" });
        }
        var periods = await queries.ListAsync(urn, first, last, cancellationToken);
        return TypedResults.Ok(UsageResponse.Of(urn.ToString(), first, last, periods));
    }

    private static string? Period(string? value, string field) =>
        value is null || UsagePeriod.IsPeriod(value)
            ? value
            : throw new DomainException(ErrorCodes.ValidationError, $"'{field}' must be a month, YYYY-MM.",
                new Dictionary<string, object?> { ["field"] = field });

    private static DateTimeOffset Month(string period) =>
        DateTimeOffset.ParseExact(period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
