using System.Reflection;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Framecast.Silo.Storage;

/// <summary>
/// Applies the numbered scripts of sql/ (embedded in this assembly) that the database has not seen,
/// each in its own transaction, under an advisory lock so that silos starting together take turns.
/// </summary>
public sealed class MigrationRunner(NpgsqlDataSource dataSource, ILogger<MigrationRunner> logger)
{
    private const long AdvisoryLockKey = 0x4652_4D43_4153_54; // "FRMCAST"

    public static IReadOnlyList<(string Version, string Sql)> Scripts { get; } = LoadScripts();

    public async Task<int> ApplyAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync("SELECT pg_advisory_lock(@key)", new { key = AdvisoryLockKey });
        try
        {
            await connection.ExecuteAsync("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    text PRIMARY KEY,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """);
            var applied = (await connection.QueryAsync<string>("SELECT version FROM schema_migrations")).ToHashSet();
            var newest = applied.Max(StringComparer.Ordinal);
            // A script numbered below one already applied was added out of order: applying it now
            // would run it against a schema it was not written for.
            if (Scripts.FirstOrDefault(s => !applied.Contains(s.Version) && StringComparer.Ordinal.Compare(s.Version, newest) < 0) is { Version: { } late })
            {
                throw new InvalidOperationException($"Migration {late} sorts before {newest}, which is already applied; number new migrations after the last one.");
            }
            var count = 0;
            foreach (var (version, sql) in Scripts.Where(s => !applied.Contains(s.Version)))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await connection.ExecuteAsync(sql, transaction: transaction);
                await connection.ExecuteAsync("INSERT INTO schema_migrations (version) VALUES (@version)", new { version }, transaction);
                await transaction.CommitAsync(cancellationToken);
                logger.LogInformation("Applied migration {Version}", version);
                count++;
            }
            return count;
        }
        finally
        {
            await connection.ExecuteAsync("SELECT pg_advisory_unlock(@key)", new { key = AdvisoryLockKey });
        }
    }

    private static List<(string, string)> LoadScripts()
    {
        var assembly = typeof(MigrationRunner).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(name => name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name =>
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var reader = new StreamReader(stream);
                var file = name.Split('.')[^2];
                return (file, reader.ReadToEnd());
            })
            .OrderBy(s => s.file, StringComparer.Ordinal)
            .ToList();
    }
}
