using System.Text.Json;
using Framecast.Api.Assets;
using Framecast.Api.Auth;
using Framecast.Api.Jobs;
using Framecast.Grains.Abstractions.Accounts;
using Framecast.Grains.Abstractions.Assets;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.Projects;
using Framecast.Grains.Abstractions.Jobs;
using Framecast.Grains.Assets;
using Framecast.Silo.ObjectStorage;
using Framecast.Silo.Storage.Assets;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Framecast.Api.Endpoints;

/// <summary>Uploaded assets (spec 04 §7): presigned upload, confirm by inspecting the stored bytes, list, get, delete.
/// Every write goes through the storage pool grain of the asset's owner.</summary>
public static class AssetEndpoints
{
    public static IEndpointRouteBuilder MapAssetEndpoints(this IEndpointRouteBuilder routes)
    {
        var assets = routes.MapGroup("/v1/assets").WithTags("Assets");
        assets.MapPost("/upload-url", CreateUploadUrlAsync).WithSummary("Register an upload and get a presigned PUT URL, valid 15 minutes");
        assets.MapPost("/{id:guid}/confirm", ConfirmAsync).WithSummary("Verify the uploaded object (size, type by its bytes); the asset becomes ready");
        assets.MapGet("/", ListAsync).WithSummary("List accessible assets, newest first");
        assets.MapGet("/{id:guid}", GetAsync).WithSummary("Get an asset; a ready one has a download URL presigned for an hour");
        assets.MapDelete("/{id:guid}", DeleteAsync).WithSummary("Delete an asset and its stored object");
        return routes;
    }

    private static async Task<Created<UploadUrlResponse>> CreateUploadUrlAsync(
        Caller caller, HttpRequest request, AccessPolicy policy, OwnerAccess access, IGrainFactory grains,
        ObjectStore store, CancellationToken cancellationToken)
    {
        policy.Authorize(caller, Operation.CreateUploadUrl);
        var body = await JsonBody.ReadAsync(request);
        var filename = Filename(body.Root);
        var contentType = ContentType(body.Root);
        var size = Size(body.Root);
        var requestedOwner = body.OptionalString("owner", OwnerUrn.MaxLength) is { } urn ? OwnerUrn.Parse(urn) : (OwnerUrn?)null;
        var projectId = body.OptionalString("project_id", 36) is { } text
            ? Guid.TryParseExact(text, "D", out var parsed) ? parsed : throw Invalid("project_id", "must be a UUID")
            : (Guid?)null;

        OwnerUrn owner;
        if (projectId is { } id)
        {
            // A project's assets belong to its team: the project must be visible, the role must allow uploads.
            var project = await grains.GetGrain<IProjectGrain>(id).GetAsync();
            var role = project is null ? null : await access.RoleInTeamAsync(caller.UserId, project.TeamId);
            if (project is null || role is null)
            {
                throw new DomainException(ErrorCodes.ProjectNotFound, "No such project.", new Dictionary<string, object?> { ["project_id"] = id });
            }
            if (!TeamPermissions.Allows(role.Value, TeamAction.UploadAssets))
            {
                throw new DomainException(ErrorCodes.InsufficientRole, "Viewers cannot upload assets to the team's projects.");
            }
            owner = OwnerUrn.ForTeam(project.TeamId);
            if (requestedOwner is { } explicitOwner && explicitOwner != owner)
            {
                throw new DomainException(ErrorCodes.OwnerProjectMismatch, $"A project's assets are owned by its team, {owner}.",
                    new Dictionary<string, object?> { ["owner"] = explicitOwner.ToString(), ["expected_owner"] = owner.ToString() });
            }
        }
        else
        {
            owner = requestedOwner ?? OwnerAccess.DefaultOwner(caller);
        }
        await access.RequireUseAsync(caller, owner);

        var assetId = Guid.NewGuid();
        var upload = new NewUpload(assetId, owner.ToString(), caller.UserId, projectId, filename,
            StorageKeys.AssetKey(owner.ToString(), assetId, filename), contentType, size);
        var asset = await grains.GetGrain<IStoragePoolGrain>(CreditPool.For(owner).Key).CreateUploadAsync(upload);
        var expiresAt = DateTimeOffset.UtcNow.Add(AssetLimits.UploadUrlLifetime);
        var url = store.PresignPut(store.Options.OutputsBucket, asset.S3Key, asset.ContentType, AssetLimits.UploadUrlLifetime);
        return TypedResults.Created($"/v1/assets/{asset.Id}",
            new UploadUrlResponse(AssetResponse.From(asset), url, expiresAt, new Dictionary<string, string> { ["Content-Type"] = asset.ContentType }));
    }

    private static async Task<Ok<AssetResponse>> ConfirmAsync(
        Guid id, Caller caller, AccessPolicy policy, AssetQueries queries, IGrainFactory grains, ObjectStore store, CancellationToken cancellationToken)
    {
        var asset = await policy.AuthorizeAssetAsync(caller, Operation.ConfirmUpload, await queries.GetAsync(id, cancellationToken));
        if (asset.Status != AssetStatus.Pending)
        {
            // Before touching S3; the pool grain checks again inside its turn.
            throw new DomainException(ErrorCodes.AssetNotPending, $"The asset is {asset.Status.ToDb()}; only a pending upload can be confirmed.",
                new Dictionary<string, object?> { ["status"] = asset.Status.ToDb() });
        }
        var observed = await ObserveAsync(store, asset.S3Key, cancellationToken);
        var confirmed = await grains.GetGrain<IStoragePoolGrain>(CreditPool.ForOwner(asset.Owner).Key).ConfirmAsync(asset.Id, caller.UserId, observed);
        return TypedResults.Ok(AssetResponse.From(confirmed));
    }

    /// <summary>HEAD for the size, then a ranged GET of the first bytes: the type is judged by the bytes, not by the stored Content-Type.</summary>
    private static async Task<ObservedUpload> ObserveAsync(ObjectStore store, string key, CancellationToken cancellationToken)
    {
        var bucket = store.Options.OutputsBucket;
        if (await store.SizeAsync(bucket, key, cancellationToken) is not { } size)
        {
            return ObservedUpload.Missing;
        }
        var head = size == 0 ? [] : await store.ReadStartAsync(bucket, key, ContentSniffer.HeadLength, cancellationToken);
        return new ObservedUpload(true, size, head);
    }

    private static async Task<Ok<Page<AssetResponse>>> ListAsync(
        Caller caller, AccessPolicy policy, OwnerAccess access, AssetQueries queries,
        string? owner, Guid? project_id, string? content_type, string? status, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        policy.Authorize(caller, Operation.ListAssets);
        var pageSize = PageSize.From(limit);
        AssetStatus? statusFilter = status is null ? null
            : AssetStatuses.TryParse(status, out var parsed) ? parsed
            : throw Invalid("status", "must be pending, ready or failed");
        if (content_type is { Length: 0 or > 255 })
        {
            throw Invalid("content_type", "must be 1 to 255 characters");
        }
        var accessible = (await access.AccessibleUrnsAsync(caller)).Select(u => u.ToString()).ToList();
        if (owner is not null)
        {
            var wanted = OwnerUrn.Parse(owner).ToString();
            accessible = accessible.Contains(wanted) ? [wanted] : [];
        }
        var page = await queries.ListAsync(new AssetFilter(accessible, project_id, content_type, statusFilter, cursor, pageSize), cancellationToken);
        return TypedResults.Ok(new Page<AssetResponse>([.. page.Assets.Select(AssetResponse.From)], page.NextCursor, page.NextCursor is not null));
    }

    private static async Task<Ok<AssetResponse>> GetAsync(
        Guid id, Caller caller, AccessPolicy policy, AssetQueries queries, ObjectStore store, CancellationToken cancellationToken)
    {
        var asset = await policy.AuthorizeAssetAsync(caller, Operation.GetAsset, await queries.GetAsync(id, cancellationToken));
        return TypedResults.Ok(AssetResponse.WithDownload(asset, store));
    }

    private static async Task<NoContent> DeleteAsync(
        Guid id, Caller caller, AccessPolicy policy, AssetQueries queries, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var asset = await policy.AuthorizeAssetAsync(caller, Operation.DeleteAsset, await queries.GetAsync(id, cancellationToken));
        if (!await grains.GetGrain<IStoragePoolGrain>(CreditPool.ForOwner(asset.Owner).Key).DeleteAsync(asset.Id))
        {
            throw new DomainException(ErrorCodes.AssetNotFound, "No such asset.");
        }
        return TypedResults.NoContent();
    }

    private static string Filename(JsonElement body)
    {
        var name = RequiredString(body, "filename");
        return AssetFilename.Problem(name) is { } problem ? throw Invalid("filename", problem) : name;
    }

    private static string ContentType(JsonElement body)
    {
        var type = RequiredString(body, "content_type");
        return AssetLimits.ContentTypes.Contains(type)
            ? type
            : throw new DomainException(ErrorCodes.ValidationError, $"'content_type' must be one of {string.Join(", ", AssetLimits.ContentTypes)}.",
                new Dictionary<string, object?> { ["field"] = "content_type", ["valid_values"] = AssetLimits.ContentTypes });
    }

    private static long Size(JsonElement body) =>
        body.TryGetProperty("size_bytes", out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var size)
            ? size is >= 1 and <= AssetLimits.MaxSizeBytes ? size : throw Invalid("size_bytes", $"must be 1 to {AssetLimits.MaxSizeBytes} bytes")
            : throw Invalid("size_bytes", "is required and must be an integer");

    private static string RequiredString(JsonElement body, string field)
    {
        if (!body.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.String)
        {
            throw Invalid(field, "is required and must be a string");
        }
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate (\ud800) cannot become a .NET string.
            throw Invalid(field, "must be valid Unicode (it holds a lone surrogate)");
        }
    }

    private static DomainException Invalid(string field, string problem) =>
        new(ErrorCodes.ValidationError, $"'{field}' {problem}.", new Dictionary<string, object?> { ["field"] = field });
}
