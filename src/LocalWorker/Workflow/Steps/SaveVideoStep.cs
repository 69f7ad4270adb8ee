namespace Framecast.LocalWorker.Workflow.Steps;

/// <summary>
/// <c>FramecastSaveVideo</c>: uploads <c>final.mp4</c>, every <c>scene_{id}.mp4</c>, <c>thumbnail.jpg</c> and <c>spritesheet.jpg</c>
/// under the job prefix (spec 07 §6) and produces the completion output. The tracks of <c>audio</c>, if any, are
/// mixed into <c>final.mp4</c>'s one AAC track; the scene clips stay video-only.
/// </summary>
public sealed class SaveVideoStep(string nodeId, NodeLink video, IReadOnlyList<NodeLink> audio, string bucket, string prefix) : IWorkflowStep
{
    public string NodeId { get; } = nodeId;

    public static SaveVideoStep Compile(WorkflowNode node, StepRegistry registry, OutputLocation? output)
    {
        var video = node.RequireLink("video");
        registry.Resolve<IVideoStep>(node, "video", video, "a video node");
        var audio = node.OptionalLinks("audio");
        foreach (var track in audio)
        {
            registry.Resolve<AudioStep>(node, "audio", track, NodeClassTypes.Audio);
        }

        var bucket = node.OptionalString("bucket") ?? output?.Bucket;
        if (string.IsNullOrWhiteSpace(bucket))
        {
            throw node.Invalid("bucket", "is missing and input.framecast.output.bucket is not set either");
        }

        var prefix = (node.OptionalString("key_prefix") ?? output?.Prefix)?.TrimStart('/');
        if (string.IsNullOrEmpty(prefix))
        {
            throw node.Invalid("key_prefix", "is missing and input.framecast.output.prefix is not set either");
        }

        if (prefix.Split('/').Any(segment => segment is "." or ".."))
        {
            throw node.Invalid("key_prefix", "must not contain . or .. segments");
        }

        return new SaveVideoStep(node.Id, video, audio, bucket, prefix.EndsWith('/') ? prefix : prefix + "/");
    }

    public async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        context.BeginUpload(NodeId);
        var final = context.Video(video);
        if (audio.Count > 0)
        {
            final = await context.Renderer.AddAudioAsync(final, audio.Select(context.Audio).ToList(), context.NewFilePath(".mp4"), cancellationToken);
        }
        var thumbnailPath = context.NewFilePath(".jpg");
        await context.Renderer.ExtractThumbnailAsync(final, thumbnailPath, cancellationToken);
        var spritesheetPath = context.NewFilePath(".jpg");
        var layout = await context.Renderer.ExtractSpritesheetAsync(final, spritesheetPath, cancellationToken);

        var scenes = new List<StoredScene>(context.Scenes.Count);
        foreach (var scene in context.Scenes)
        {
            var key = prefix + scene.ObjectName;
            await context.Uploader.UploadAsync(bucket, key, scene.Video.Path, "video/mp4", cancellationToken);
            scenes.Add(new StoredScene(scene.SceneId, key, scene.Video.DurationSeconds));
        }

        var thumbnailKey = prefix + "thumbnail.jpg";
        await context.Uploader.UploadAsync(bucket, thumbnailKey, thumbnailPath, "image/jpeg", cancellationToken);
        var spritesheetKey = prefix + "spritesheet.jpg";
        await context.Uploader.UploadAsync(bucket, spritesheetKey, spritesheetPath, "image/jpeg", cancellationToken);

        // The final video goes last: once it exists, everything it refers to exists too.
        var finalKey = prefix + "final.mp4";
        var size = await context.Uploader.UploadAsync(bucket, finalKey, final.Path, "video/mp4", cancellationToken);
        context.Completion = new JobCompletion(
            new StoredVideo(bucket, finalKey, size, final.DurationSeconds, final.Width, final.Height),
            scenes,
            new StoredObject(bucket, thumbnailKey),
            new StoredSpritesheet(bucket, spritesheetKey, layout.Columns, layout.Rows, layout.FrameCount, layout.FrameWidth, layout.FrameHeight, layout.IntervalSeconds));
    }
}
