using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Framecast.LocalWorker.Configuration;

namespace Framecast.LocalWorker.Rendering;

/// <summary>Renders real H.264 clips on the CPU: a lavfi background with the prompt as a caption.</summary>
public sealed class FfmpegRenderer(WorkerSettings settings) : IVideoRenderer
{
    private static readonly string[] Encode = ["-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-movflags", "+faststart"];

    public async Task<RenderedVideo> RenderSceneAsync(SceneRenderRequest scene, string outputPath, CancellationToken cancellationToken)
    {
        if (!File.Exists(settings.FontPath))
        {
            throw JobFailedException.System($"Caption font {settings.FontPath} is missing; install the Debian package fonts-dejavu-core.", scene.SceneId);
        }

        // Text goes through files so prompts need no filtergraph escaping; expansion=none keeps '%' literal.
        var captionPath = outputPath + ".caption.txt";
        var labelPath = outputPath + ".label.txt";
        await File.WriteAllTextAsync(captionPath, CaptionLayout.Wrap(scene.Prompt, scene.Width, scene.Height), cancellationToken);
        await File.WriteAllTextAsync(labelPath, scene.SceneId, cancellationToken);

        var fontSize = CaptionLayout.FontSize(scene.Height);
        var font = $"fontfile='{settings.FontPath}':expansion=none:fontcolor=white";
        var filter =
            $"drawtext={font}:textfile='{captionPath}':fontsize={fontSize}:line_spacing=4:x=(w-text_w)/2:y=(h-text_h)/2"
            + ":box=1:boxcolor=black@0.45:boxborderw=6,"
            + $"drawtext={font}@0.8:textfile='{labelPath}':fontsize={Math.Max(8, fontSize * 2 / 3)}:x=6:y=6";

        await FfmpegProcess.RunAsync(
            settings.FfmpegPath,
            ["-f", "lavfi", "-i", Background(scene), "-vf", filter, "-t", Seconds(scene.DurationSeconds), "-r", Invariant(scene.Fps), .. Encode, outputPath],
            cancellationToken);
        return new RenderedVideo(outputPath, scene.DurationSeconds, scene.Width, scene.Height, scene.Fps);
    }

    public async Task<RenderedVideo> AssembleAsync(
        IReadOnlyList<RenderedVideo> clips, IReadOnlyList<ClipJoin> joins, string outputPath, CancellationToken cancellationToken)
    {
        var first = clips[0];
        var (width, height, fps) = (first.Width, first.Height, first.Fps);
        var arguments = new List<string>();
        var graph = new StringBuilder();
        // xfade overlaps two clips. Freezing each outgoing clip's last frame for the overlap keeps the
        // total equal to the sum of the scene durations. The pad goes on the input clip: ffmpeg 5.1's
        // tpad does not extend the output of an earlier xfade.
        var overlaps = new double[clips.Count + 1];
        for (var i = 1; i < clips.Count; i++)
        {
            overlaps[i] = joins[i - 1].Xfade is null
                ? 0
                : Math.Min(joins[i - 1].DurationSeconds, Math.Min(clips[i - 1].DurationSeconds, clips[i].DurationSeconds) / 2);
        }
        for (var i = 0; i < clips.Count; i++)
        {
            arguments.AddRange(["-i", clips[i].Path]);
            // xfade needs identical size, rate, format and timebase on both sides.
            graph.Append(CultureInfo.InvariantCulture,
                $"[{i}:v]scale={width}:{height}:force_original_aspect_ratio=decrease,pad={width}:{height}:(ow-iw)/2:(oh-ih)/2,"
                + $"setsar=1,fps={fps},format=yuv420p,settb=AVTB");
            if (overlaps[i + 1] > 0)
            {
                graph.Append(CultureInfo.InvariantCulture, $",tpad=stop_mode=clone:stop_duration={Seconds(overlaps[i + 1])}");
            }
            graph.Append(CultureInfo.InvariantCulture, $"[v{i}];");
        }

        var current = "v0";
        var elapsed = first.DurationSeconds;
        for (var i = 1; i < clips.Count; i++)
        {
            var join = joins[i - 1];
            var next = $"j{i}";
            if (join.Xfade is null)
            {
                graph.Append(CultureInfo.InvariantCulture, $"[{current}][v{i}]concat=n=2:v=1:a=0[{next}];");
            }
            else
            {
                graph.Append(CultureInfo.InvariantCulture,
                    $"[{current}][v{i}]xfade=transition={join.Xfade}:duration={Seconds(overlaps[i])}:offset={Seconds(elapsed)}[{next}];");
            }
            current = next;
            elapsed += clips[i].DurationSeconds;
        }

        graph.Length--; // the trailing ';'
        arguments.AddRange(["-filter_complex", graph.ToString(), "-map", $"[{current}]", "-r", Invariant(fps), .. Encode, outputPath]);
        await FfmpegProcess.RunAsync(settings.FfmpegPath, arguments, cancellationToken);
        return new RenderedVideo(outputPath, Math.Round(elapsed, 3), width, height, fps);
    }

    public Task ExtractThumbnailAsync(RenderedVideo video, string outputPath, CancellationToken cancellationToken) =>
        FfmpegProcess.RunAsync(
            settings.FfmpegPath,
            ["-ss", Seconds(Math.Min(1, video.DurationSeconds / 2)), "-i", video.Path, "-frames:v", "1", "-q:v", "4", outputPath],
            cancellationToken);

    private static string Background(SceneRenderRequest scene)
    {
        var size = $"s={scene.Width}x{scene.Height}:r={scene.Fps}:d={Seconds(scene.DurationSeconds)}";
        if (scene.BackgroundColor is { } color)
        {
            return $"color=c={color}:{size}";
        }

        // A slowly moving gradient whose colors come from the scene id, so scenes are told apart at a glance.
        // Halved channels stay dark enough for the white caption.
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(scene.SceneId));
        var from = Convert.ToHexString([(byte)(hash[0] / 2), (byte)(hash[1] / 2), (byte)(hash[2] / 2)]);
        var to = Convert.ToHexString([(byte)(hash[3] / 2), (byte)(hash[4] / 2), (byte)(hash[5] / 2)]);
        return $"gradients={size}:c0=0x{from}:c1=0x{to}:speed=0.02";
    }

    private static string Seconds(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
