using System.Globalization;
using System.Text;
using Dapper;
using Framecast.Grains.Abstractions.Errors;
using Npgsql;

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

    /// <summary>
    /// Runs <paramref name="sql"/> (a SELECT whose WHERE is open) as one page, newest first on (<paramref name="at"/>,
    /// <paramref name="id"/>): after the cursor's row when there is one, one row more than the page to learn whether
    /// another follows. Returns the page and the next page's cursor, or null after the last.
    /// </summary>
    public static async Task<(List<TRow> Page, string? Next)> PageAsync<TRow>(
        NpgsqlDataSource dataSource, StringBuilder sql, DynamicParameters args, string? cursor, int limit,
        string at, string id, Func<TRow, (DateTime At, Guid Id)> keyOf, CancellationToken cancellationToken)
    {
        if (cursor is not null)
        {
            var (cursorAt, cursorId) = Decode(cursor);
            sql.Append($" AND ({at}, {id}) < (@cursorAt, @cursorId)");
            args.Add("cursorAt", cursorAt);
            args.Add("cursorId", cursorId);
        }
        sql.Append($" ORDER BY {at} DESC, {id} DESC LIMIT @limit");
        args.Add("limit", limit + 1);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<TRow>(new CommandDefinition(sql.ToString(), args, cancellationToken: cancellationToken))).ToList();
        if (rows.Count <= limit)
        {
            return (rows, null);
        }
        rows.RemoveAt(limit);
        var (lastAt, lastId) = keyOf(rows[^1]);
        return (rows, Encode(lastAt, lastId));
    }
}
