using Framecast.LocalWorker.Rendering;

namespace Framecast.LocalWorker.Workflow.Steps;

/// <summary>
/// <c>FramecastAudio</c>: downloads one audio file and places it on the final video's clock; the save node
/// that lists it mixes it in.
/// </summary>
public sealed class AudioStep(
    string nodeId, Uri url, double startSeconds, double volume, bool loop, double fadeInSeconds, double fadeOutSeconds, double? durationSeconds)
    : IWorkflowStep
{
    public string NodeId { get; } = nodeId;

    public static AudioStep Compile(WorkflowNode node)
    {
        var start = NonNegative(node, "start_seconds");
        var volume = node.OptionalNumber("volume") ?? 1;
        if (volume is < 0 or > 1)
        {
            throw node.Invalid("volume", "must be between 0 and 1");
        }
        var duration = node.OptionalNumber("duration_seconds");
        if (duration <= 0)
        {
            throw node.Invalid("duration_seconds", "must be > 0");
        }
        return new AudioStep(node.Id, node.RequireUrl("url"), start, volume, node.OptionalBool("loop", false),
            NonNegative(node, "fade_in_seconds"), NonNegative(node, "fade_out_seconds"), duration);
    }

    public async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        var owner = $"Node {NodeId} ({NodeClassTypes.Audio})";
        var path = context.NewFilePath(".audio");
        await context.Downloader.DownloadAsync(url, path, owner, cancellationToken);
        var seconds = await context.Probe.AudioSecondsAsync(path, owner, cancellationToken);
        context.SetAudio(NodeId, new AudioTrack(path, seconds, startSeconds, volume, loop, fadeInSeconds, fadeOutSeconds, durationSeconds));
    }

    private static double NonNegative(WorkflowNode node, string input) => node.OptionalNumber(input) switch
    {
        null => 0,
        < 0 => throw node.Invalid(input, "must be >= 0"),
        var value => value.Value,
    };
}
