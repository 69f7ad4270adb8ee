using System.Text.Json;
using Framecast.Silo.Storage;
using Framecast.Silo.Storage.SystemAssets;
using Framecast.TestingHost;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Framecast.Silo.Tests.SystemAssets;

/// <summary>The migration is the catalog's one source: what it seeds is spec 08 §8, entry for entry.</summary>
public sealed class SystemAssetCatalogSeedTests
{
    public sealed record SpecEntry(string Id, string Category, string Name, string Description, decimal DurationSeconds, string[] Tags);

    public static IReadOnlyList<SpecEntry> Spec08 { get; } = LoadSpec08();

    [Fact]
    public async Task The_migration_seeds_the_42_entries_of_spec_08_with_their_fields()
    {
        var seeded = await SeededCatalogAsync();

        Assert.Equal(42, seeded.Count);
        Assert.Equal(
            [("ambient", 11), ("music", 10), ("sfx", 15), ("transition", 6)],
            seeded.GroupBy(a => a.Category).Select(g => (g.Key, g.Count())).OrderBy(g => g.Key, StringComparer.Ordinal));
        var byId = seeded.ToDictionary(a => a.Id);
        Assert.Equal(Spec08.Select(e => e.Id).Order(StringComparer.Ordinal), byId.Keys.Order(StringComparer.Ordinal));
        foreach (var entry in Spec08)
        {
            var row = byId[entry.Id];
            Assert.Equal((entry.Category, entry.Name, entry.Description, entry.DurationSeconds), (row.Category, row.Name, row.Description, row.DurationSeconds));
            Assert.Equal(entry.Tags, row.Tags);
            Assert.Null(row.DeprecatedAt);
        }
    }

    [Fact]
    public async Task Every_entry_is_a_wav_under_its_category_whose_size_follows_from_its_duration()
    {
        var seeded = await SeededCatalogAsync();

        Assert.All(seeded, asset =>
        {
            Assert.Equal($"assets/{asset.Category}/{asset.Id}.wav", asset.S3Key);
            Assert.Equal("audio/wav", asset.ContentType);
            // 44-byte header, then 16-bit samples at 16 kHz for exactly the duration.
            Assert.Equal(44 + 2 * (long)(asset.DurationSeconds!.Value * 16_000), asset.SizeBytes);
        });
        Assert.Equal(8_044, seeded.Single(a => a.Id == "asset_sfx_pop").SizeBytes);
    }

    [Fact]
    public async Task Durations_come_back_without_the_columns_trailing_zeros()
    {
        var seeded = await SeededCatalogAsync();

        Assert.Equal("0.25", seeded.Single(a => a.Id == "asset_sfx_pop").DurationSeconds!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("5", seeded.Single(a => a.Id == "asset_ambient_crowd").DurationSeconds!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static readonly Lazy<Task<string>> Migrated = new(MigrateAsync);

    /// <summary>A freshly migrated database, migrated once per test run (nothing writes the catalog).</summary>
    public static Task<string> MigratedDatabaseAsync() => Migrated.Value;

    private static async Task<IReadOnlyList<Grains.SystemAssets.SystemAsset>> SeededCatalogAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(await MigratedDatabaseAsync());
        return await new SystemAssetQueries(dataSource).ListAsync();
    }

    private static async Task<string> MigrateAsync()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync();
        return connectionString;
    }

    private static List<SpecEntry> LoadSpec08()
    {
        using var stream = typeof(SystemAssetCatalogSeedTests).Assembly.GetManifestResourceStream("spec-08-catalog.json")!;
        return JsonSerializer.Deserialize<List<SpecEntry>>(stream, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower })!;
    }
}
