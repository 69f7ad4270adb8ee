using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using Dapper;
using Framecast.Grains.Jobs;
using Framecast.Silo.ObjectStorage;
using Framecast.Silo.Workers;
using Framecast.TestingHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Framecast.Silo.Tests.Workers;

public sealed class WorkerMediaResolverTests
{
    [Fact]
    public async Task A_system_asset_resolves_to_a_url_that_serves_its_wav_from_the_system_bucket()
    {
        await using var cluster = await FramecastCluster.StartAsync(1);
        var services = cluster.ServicesOf(cluster.Silos[0]);
        var storage = services.GetRequiredService<ObjectStorageOptions>();
        await services.GetRequiredService<ObjectStore>().EnsureBucketsAsync();
        var id = $"asset_sfx_knock_{Guid.NewGuid():N}"[..30];
        var key = $"assets/sfx/{id}.wav";
        var bytes = "RIFF-test-bytes"u8.ToArray();
        await services.GetRequiredService<IAmazonS3>().PutObjectAsync(new PutObjectRequest
        {
            BucketName = storage.SystemBucket, Key = key, InputStream = new MemoryStream(bytes), ContentType = "audio/wav", UseChunkEncoding = false,
        });
        await using (var connection = new NpgsqlConnection(cluster.DatabaseUrl))
        {
            await connection.ExecuteAsync(
                "INSERT INTO system_assets (id, category, name, s3_key, content_type, size_bytes) VALUES (@id, 'sfx', @name, @key, 'audio/wav', @size)",
                new { id, name = id["asset_sfx_".Length..], key, size = bytes.Length });
        }
        var spec = JsonDocument.Parse($$$"""
            {"title": "t", "scenes": [{"id": "a", "prompt": "A", "duration": 1, "audio": {"sfx": [{"asset_id": "{{{id}}}"}]}}]}
            """).RootElement.Clone();

        var media = await services.GetRequiredService<WorkerMediaResolver>()
            .ResolveAsync(spec, ScenePlan.From(spec), TimeSpan.FromMinutes(30), CancellationToken.None);

        using var http = new HttpClient();
        Assert.Equal(bytes, await http.GetByteArrayAsync(media.UrlOf(id)));
    }

    [Fact]
    public async Task An_unknown_system_asset_and_a_missing_symbol_image_are_named_by_their_paths()
    {
        await using var cluster = await FramecastCluster.StartAsync(1);
        var image = Guid.NewGuid();
        var spec = JsonDocument.Parse($$$"""
            {"title": "t", "symbols": {"fox": {"prompt": "a fox", "reference_images": [{"id": "{{{image}}}"}]}},
             "scenes": [{"id": "a", "prompt": "@fox", "duration": 1, "audio": {"music": {"asset_id": "asset_music_nowhere"} } }]}
            """).RootElement.Clone();

        var rejected = await Assert.ThrowsAsync<WorkerInputRejectedException>(() => cluster.ServicesOf(cluster.Silos[0])
            .GetRequiredService<WorkerMediaResolver>().ResolveAsync(spec, ScenePlan.From(spec), TimeSpan.FromMinutes(30), CancellationToken.None));

        Assert.Equal(Framecast.Grains.Abstractions.Jobs.FailureType.Validation, rejected.Failure.FailureType);
        Assert.Contains("scenes[0].audio.music.asset_id (asset_music_nowhere)", rejected.Failure.Message);
        Assert.Contains($"symbols.fox.reference_images[0].id ({image})", rejected.Failure.Message);
    }

    [Fact]
    public void Urls_outlive_a_wait_and_a_run_of_the_max_processing_time_within_the_presign_limit()
    {
        Assert.Equal(TimeSpan.FromMinutes(65), WorkerMediaResolver.LifetimeFor(TimeSpan.FromMinutes(30)));
        Assert.Equal(TimeSpan.FromDays(7), WorkerMediaResolver.LifetimeFor(TimeSpan.FromDays(5)));
    }
}
