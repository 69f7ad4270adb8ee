using System.Text.RegularExpressions;
using Framecast.LocalWorker.Rendering;

namespace Framecast.LocalWorker.Workflow.Steps;

/// <summary>
/// <c>FramecastSceneClip</c>: renders one scene as a captioned clip of its duration, showing the downloaded
/// <c>images</c> one after another in the frame's right third.
/// </summary>
public sealed partial class SceneClipStep(string nodeId, string objectName, SceneRenderRequest request, IReadOnlyList<Uri> images) : IVideoStep
{
    private const double MaxDurationSeconds = 60;

    public string NodeId { get; } = nodeId;

    /// <summary>The object uploaded for this scene: <c>scene_{scene_id}.mp4</c>, made key-safe.</summary>
    public string ObjectName { get; } = objectName;

    public static SceneClipStep Compile(WorkflowNode node)
    {
        var duration = node.RequireNumber("duration_seconds");
        if (duration is <= 0 or > MaxDurationSeconds)
        {
            throw node.Invalid("duration_seconds", $"must be > 0 and <= {MaxDurationSeconds}");
        }

        // Sizes are capped so a stray 4K request cannot stall a 2-core machine; libx264 with yuv420p needs even sizes.
        var request = new SceneRenderRequest(
            node.RequireString("scene_id"),
            node.OptionalString("prompt") ?? "",
            duration,
            Even(Dimension(node, "width", 320, 64, 1280)),
            Even(Dimension(node, "height", 180, 36, 720)),
            Dimension(node, "fps", 12, 1, 30),
            BackgroundColor(node),
            []);
        return new SceneClipStep(node.Id, $"scene_{UnsafeKeyCharacters().Replace(request.SceneId, "_")}.mp4", request, node.OptionalUrls("images"));
    }

    public async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        await context.BeginSceneAsync(NodeId, request.SceneId, cancellationToken);
        var imagePaths = new List<string>(images.Count);
        for (var i = 0; i < images.Count; i++)
        {
            var owner = $"Node {NodeId} ({NodeClassTypes.SceneClip}) images[{i}]";
            var path = context.NewFilePath(".image");
            await context.Downloader.DownloadAsync(images[i], path, owner, cancellationToken);
            await context.Probe.RequireImageAsync(path, owner, cancellationToken);
            imagePaths.Add(path);
        }

        var video = await context.Renderer.RenderSceneAsync(request with { ImagePaths = imagePaths }, context.NewFilePath(".mp4"), cancellationToken);
        context.SceneRendered(NodeId, new RenderedScene(request.SceneId, ObjectName, video));
    }

    private static int Dimension(WorkflowNode node, string input, int fallback, int min, int max) =>
        (int)Math.Clamp(Math.Round(node.OptionalNumber(input) ?? fallback), min, max);

    private static int Even(int value) => value & ~1;

    private static string? BackgroundColor(WorkflowNode node)
    {
        var color = node.OptionalString("background_color");
        if (color is null)
        {
            return null;
        }

        if (HexColor().Match(color) is { Success: true } hex)
        {
            return "0x" + hex.Groups[1].Value;
        }

        return ColorName().IsMatch(color)
            ? color
            : throw node.Invalid("background_color", "must be #RRGGBB or an ffmpeg color name");
    }

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex UnsafeKeyCharacters();

    [GeneratedRegex("^#?([0-9A-Fa-f]{6})$")]
    private static partial Regex HexColor();

    [GeneratedRegex("^[A-Za-z]{3,20}$")]
    private static partial Regex ColorName();
}
