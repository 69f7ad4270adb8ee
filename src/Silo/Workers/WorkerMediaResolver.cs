using System.Text.Json;
using Dapper;
using Framecast.Grains.Abstractions.Jobs;
using Framecast.Grains.Jobs;
using Framecast.Grains.Storyboards;
using Framecast.Silo.ObjectStorage;
using Npgsql;

namespace Framecast.Silo.Workers;

/// <summary>
/// Turns the asset ids a job plays into URLs the worker can download: uploads (only when still <c>ready</c>) from
/// the outputs bucket, system assets from the system bucket. Access was checked when the storyboard was validated;
/// this is the second look at submission, for assets deleted since (spec 08 §7: the job fails as validation).
/// </summary>
public sealed class WorkerMediaResolver(NpgsqlDataSource dataSource, ObjectStore store)
{
    private const string SystemAssetPrefix = "asset_";

    // SigV4 presigned URLs live at most 7 days.
    private static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(7);

    /// <summary>
    /// A job may wait up to its max processing time before it starts and then run as long again (the grain measures
    /// the timeout from the start once the worker reports one), so URLs outlive both with a margin.
    /// </summary>
    public static TimeSpan LifetimeFor(TimeSpan maxProcessingTime)
    {
        var lifetime = maxProcessingTime * 2 + TimeSpan.FromMinutes(5);
        return lifetime < MaxLifetime ? lifetime : MaxLifetime;
    }

    /// <exception cref="WorkerInputRejectedException">An asset is gone; the message names where the spec uses it.</exception>
    public async Task<WorkerMedia> ResolveAsync(JsonElement spec, ScenePlan plan, TimeSpan maxProcessingTime, CancellationToken cancellationToken)
    {
        var ids = plan.AssetIds;
        if (ids.Count == 0)
        {
            return WorkerMedia.None;
        }
        var systemIds = ids.Where(id => id.StartsWith(SystemAssetPrefix, StringComparison.Ordinal)).ToArray();
        var uploadIds = ids.Select(id => Guid.TryParse(id, out var guid) ? guid : (Guid?)null).OfType<Guid>().ToArray();

        var keys = new Dictionary<string, (string Bucket, string Key)>(StringComparer.Ordinal);
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            if (uploadIds.Length > 0)
            {
                var uploads = await connection.QueryAsync<(Guid Id, string S3Key)>(new CommandDefinition(
                    "SELECT id, s3_key FROM asset_files WHERE id = ANY(@uploadIds) AND status = 'ready'",
                    new { uploadIds }, cancellationToken: cancellationToken));
                foreach (var (id, key) in uploads)
                {
                    keys[id.ToString("D")] = (store.Options.OutputsBucket, key);
                }
            }
            if (systemIds.Length > 0)
            {
                var system = await connection.QueryAsync<(string Id, string S3Key)>(new CommandDefinition(
                    "SELECT id, s3_key FROM system_assets WHERE id = ANY(@systemIds)",
                    new { systemIds }, cancellationToken: cancellationToken));
                foreach (var (id, key) in system)
                {
                    keys[id] = (store.Options.SystemBucket, key);
                }
            }
        }

        var lifetime = LifetimeFor(maxProcessingTime);
        var urls = new Dictionary<string, string>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var id in ids)
        {
            // Upload ids are matched in their canonical form, however the spec spelled them.
            var lookup = Guid.TryParse(id, out var guid) ? guid.ToString("D") : id;
            if (keys.TryGetValue(lookup, out var location))
            {
                urls[id] = store.PresignGet(location.Bucket, location.Key, lifetime);
            }
            else
            {
                missing.Add(id);
            }
        }
        if (missing.Count > 0)
        {
            var paths = AssetReference.CollectFrom(spec).Where(r => missing.Contains(r.AssetId)).Select(r => $"{r.Path} ({r.AssetId})").Distinct();
            throw new WorkerInputRejectedException(new WorkerFailure(FailureType.Validation, "asset_unavailable",
                $"Referenced assets are no longer available (deleted, or not ready): {string.Join(", ", paths)}."));
        }
        return new WorkerMedia(urls);
    }
}
