using System.Text.Json;
using Framecast.Grains.Abstractions.Assets;

namespace Framecast.Silo.Storage.Assets;

/// <summary>An asset_files row as Dapper reads it with <see cref="Columns"/>; JSON and the status arrive as text.</summary>
internal sealed class AssetRow
{
    public const string Columns = """
        id AS Id, owner AS Owner, uploaded_by AS UploadedBy, project_id AS ProjectId, filename AS Filename, s3_key AS S3Key,
        content_type AS ContentType, size_bytes AS SizeBytes, status::text AS Status, metadata::text AS Metadata,
        created_at AS CreatedAt, updated_at AS UpdatedAt
        """;

    public Guid Id { get; set; }
    public string Owner { get; set; } = "";
    public Guid UploadedBy { get; set; }
    public Guid? ProjectId { get; set; }
    public string Filename { get; set; } = "";
    public string S3Key { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long SizeBytes { get; set; }
    public string Status { get; set; } = "";
    public string Metadata { get; set; } = "{}";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public AssetRecord ToRecord()
    {
        using var metadata = JsonDocument.Parse(Metadata);
        return new AssetRecord(Id, Owner, UploadedBy, ProjectId, Filename, S3Key, ContentType, SizeBytes, AssetStatuses.Parse(Status),
            metadata.RootElement.Clone(), Utc(CreatedAt), Utc(UpdatedAt));
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
