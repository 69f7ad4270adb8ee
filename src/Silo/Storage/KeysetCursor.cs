using System.Globalization;
using System.Text;
using Framecast.Grains.Abstractions.Errors;

namespace Framecast.Silo.Storage;

/// <summary>
/// The opaque cursor of every paginated list: the (timestamp, id) of the last row of a page, for a keyset
/// condition such as <c>(created_at, id) &lt; (@at, @id)</c>. Microsecond ticks keep it exact against
/// PostgreSQL's timestamp precision.
/// </summary>
public static class KeysetCursor
{
    public static string Encode(DateTime at, Guid id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{at.Ticks.ToString(CultureInfo.InvariantCulture)}|{id:N}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <exception cref="DomainException">VALIDATION_ERROR naming <c>cursor</c> for anything this API did not issue.</exception>
    public static (DateTime At, Guid Id) Decode(string cursor)
    {
        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(padded)).Split('|');
            return (new DateTime(long.Parse(parts[0], CultureInfo.InvariantCulture), DateTimeKind.Utc), Guid.ParseExact(parts[1], "N"));
        }
        catch (Exception ex) when (ex is FormatException or IndexOutOfRangeException or ArgumentException or OverflowException)
        {
            throw new DomainException(ErrorCodes.ValidationError, "'cursor' is not a cursor this API returned.",
                new Dictionary<string, object?> { ["field"] = "cursor" });
        }
    }
}
