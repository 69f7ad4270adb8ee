using System.Globalization;
using System.Text.RegularExpressions;

namespace Framecast.Grains.Abstractions.Usage;

/// <summary>
/// The usage of one owner (or one credit pool) in one UTC month (spec 07 §12.5): renders admitted, credits charged at
/// admission, credits refunded at settlement, seconds rendered. <see cref="NetCredits"/> is derived, never stored.
/// </summary>
[GenerateSerializer, Immutable, Alias("framecast.UsagePeriod")]
public sealed partial record UsagePeriod(
    [property: Id(0)] string Period,
    [property: Id(1)] int RendersCount,
    [property: Id(2)] int RenderSeconds,
    [property: Id(3)] int CreditsUsed,
    [property: Id(4)] int CreditsRefunded,
    [property: Id(5)] DateTimeOffset? UpdatedAt)
{
    public int NetCredits => CreditsUsed - CreditsRefunded;

    public static UsagePeriod Empty(string period) => new(period, 0, 0, 0, 0, null);

    /// <summary>The period the database books into: <c>to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM')</c>.</summary>
    public static string PeriodOf(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>INV-US1: <c>YYYY-MM</c> with a month of 01–12 (and a year from 1000, so month arithmetic on it stays in range).</summary>
    public static bool IsPeriod(string? text) => text is not null && PeriodPattern().IsMatch(text);

    [GeneratedRegex(@"^[1-9]\d{3}-(0[1-9]|1[0-2])\z")]
    private static partial Regex PeriodPattern();
}
