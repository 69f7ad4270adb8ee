using Dapper;
using Framecast.Silo.Storage;
using Framecast.TestingHost;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Framecast.Silo.Tests;

public sealed class MigrationTests
{
    [Fact]
    public async Task The_embedded_scripts_include_the_orleans_schema_in_order()
    {
        Assert.Contains(MigrationRunner.Scripts, s => s.Version == "004_orleans");
        Assert.Equal(MigrationRunner.Scripts.Select(s => s.Version).Order(StringComparer.Ordinal), MigrationRunner.Scripts.Select(s => s.Version));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Applying_migrations_twice_applies_nothing_the_second_time()
    {
        await using var dataSource = NpgsqlDataSource.Create(await PostgresServer.CreateDatabaseAsync());
        var runner = new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance);

        Assert.Equal(MigrationRunner.Scripts.Count, await runner.ApplyAsync());
        Assert.Equal(0, await runner.ApplyAsync());

        await using var connection = await dataSource.OpenConnectionAsync();
        Assert.Equal(MigrationRunner.Scripts.Count, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM schema_migrations"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM orleans_membership"));
        // Every query the three ADO.NET providers read at start-up is installed.
        var keys = (await connection.QueryAsync<string>("SELECT querykey FROM orleansquery")).ToHashSet();
        Assert.Subset(keys, new HashSet<string> { "InsertMembershipKey", "UpdateMembershipKey", "WriteToStorageKey", "ReadFromStorageKey", "UpsertReminderRowKey", "ReadRangeRows1Key" });
    }

    [Fact]
    public async Task Two_runners_migrating_one_database_at_once_both_succeed_and_apply_each_script_once()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync();
        await using var first = NpgsqlDataSource.Create(connectionString);
        await using var second = NpgsqlDataSource.Create(connectionString);
        var runners = new[] { first, second, first, second }
            .Select(ds => new MigrationRunner(ds, NullLogger<MigrationRunner>.Instance)).ToList();

        var applied = await Task.WhenAll(runners.Select(r => Task.Run(() => r.ApplyAsync())));

        Assert.Equal(MigrationRunner.Scripts.Count, applied.Sum());
        await using var connection = await first.OpenConnectionAsync();
        Assert.Equal(MigrationRunner.Scripts.Count, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task A_migration_numbered_below_an_applied_one_is_refused()
    {
        await using var dataSource = NpgsqlDataSource.Create(await PostgresServer.CreateDatabaseAsync());
        var runner = new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance);
        await runner.ApplyAsync();
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            await using var forget = new NpgsqlCommand("DELETE FROM schema_migrations WHERE version = '001_runtime'", connection);
            await forget.ExecuteNonQueryAsync();
        }

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => runner.ApplyAsync());

        Assert.Contains("001_runtime", refused.Message);
    }
}
