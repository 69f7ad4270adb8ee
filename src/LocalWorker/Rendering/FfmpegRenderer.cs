using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Framecast.LocalWorker.Configuration;

namespace Framecast.LocalWorker.Rendering;

/// <summary>
/// Renders real H.264 clips on the CPU: a lavfi background with the scene's images and the prompt as a caption;
/// mixes the referenced audio into one AAC track of the final video.
/// </summary>
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

        var arguments = new List<string> { "-f", "lavfi", "-i", Background(scene) };
        var graph = new StringBuilder();
        var current = "0:v";
        // Images sit in the right third, under the caption (drawn after them), each shown for an equal share of the scene.
        var third = Math.Max(2, scene.Width / 3 & ~1);
        var share = scene.DurationSeconds / Math.Max(1, scene.ImagePaths.Count);
        for (var i = 0; i < scene.ImagePaths.Count; i++)
        {
            arguments.AddRange(["-i", scene.ImagePaths[i]]);
            var enable = scene.ImagePaths.Count == 1 ? ""
                : i == scene.ImagePaths.Count - 1 ? $":enable='gte(t,{Seconds(i * share)})'"
                : $":enable='between(t,{Seconds(i * share)},{Seconds((i + 1) * share - 0.001)})'";
            graph.Append(CultureInfo.InvariantCulture,
                $"[{i + 1}:v]scale={third}:{scene.Height}:force_original_aspect_ratio=decrease,setsar=1[image{i}];"
                + $"[{current}][image{i}]overlay=x={scene.Width - third}+({third}-overlay_w)/2:y=(main_h-overlay_h)/2{enable}[shown{i}];");
            current = $"shown{i}";
        }
        graph.Append(CultureInfo.InvariantCulture, $"[{current}]{filter}[scene]");

        arguments.AddRange(["-filter_complex", graph.ToString(), "-map", "[scene]", "-t", Seconds(scene.DurationSeconds), "-r", Invariant(scene.Fps), .. Encode, outputPath]);
        await FfmpegProcess.RunAsync(settings.FfmpegPath, arguments, cancellationToken);
        return new RenderedVideo(outputPath, scene.DurationSeconds, scene.Width, scene.Height, scene.Fps);
    }

    public async Task<RenderedVideo> AddAudioAsync(RenderedVideo video, IReadOnlyList<AudioTrack> tracks, string outputPath, CancellationToken cancellationToken)
    {
        var length = video.DurationSeconds;
        var heard = tracks.Where(t => t.AudibleSeconds(length) > 0.001).ToList();
        if (heard.Count == 0)
        {
            return video;
        }

        var arguments = new List<string> { "-i", video.Path };
        var graph = new StringBuilder();
        for (var i = 0; i < heard.Count; i++)
        {
            var track = heard[i];
            var seconds = track.AudibleSeconds(length);
            // -stream_loop re-reads the file rather than holding it in memory as aloop would.
            if (track.Loop)
            {
                arguments.AddRange(["-stream_loop", "-1"]);
            }
            arguments.AddRange(["-i", track.Path]);
            graph.Append(CultureInfo.InvariantCulture,
                $"[{i + 1}:a]aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo,atrim=0:{Seconds(seconds)},asetpts=PTS-STARTPTS");
            if (track.FadeInSeconds > 0)
            {
                graph.Append(CultureInfo.InvariantCulture, $",afade=t=in:st=0:d={Seconds(Math.Min(track.FadeInSeconds, seconds))}");
            }
            if (track.FadeOutSeconds > 0)
            {
                var fade = Math.Min(track.FadeOutSeconds, seconds);
                graph.Append(CultureInfo.InvariantCulture, $",afade=t=out:st={Seconds(seconds - fade)}:d={Seconds(fade)}");
            }
            graph.Append(CultureInfo.InvariantCulture,
                $",volume={Seconds(track.Volume)},adelay=delays={Math.Round(track.StartSeconds * 1000).ToString(CultureInfo.InvariantCulture)}:all=1[a{i}];");
        }

        // normalize=0 keeps each track at its own volume; apad and atrim make the mix exactly as long as the video.
        for (var i = 0; i < heard.Count; i++)
        {
            graph.Append(CultureInfo.InvariantCulture, $"[a{i}]");
        }
        graph.Append(CultureInfo.InvariantCulture,
            $"amix=inputs={heard.Count}:duration=longest:dropout_transition=0:normalize=0,apad,atrim=0:{Seconds(length)}[mix]");
        arguments.AddRange(["-filter_complex", graph.ToString(), "-map", "0:v", "-map", "[mix]", "-c:v", "copy",
            "-c:a", "aac", "-b:a", "128k", "-t", Seconds(length), "-movflags", "+faststart", outputPath]);
        await FfmpegProcess.RunAsync(settings.FfmpegPath, arguments, cancellationToken);
        return video with { Path = outputPath };
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

    public async Task<SpritesheetLayout> ExtractSpritesheetAsync(RenderedVideo video, string outputPath, CancellationToken cancellationToken)
    {
        var layout = SpritesheetLayout.For(video);
        // fps keeps one frame per interval from t = 0; tile pads the grid if the video ends early.
        var rate = (1 / layout.IntervalSeconds).ToString("0.######", CultureInfo.InvariantCulture);
        var filter = $"fps={rate},scale={layout.FrameWidth}:{layout.FrameHeight},tile={layout.Columns}x{layout.Rows}";
        await FfmpegProcess.RunAsync(settings.FfmpegPath, ["-i", video.Path, "-vf", filter, "-frames:v", "1", "-q:v", "5", outputPath], cancellationToken);
        return layout;
    }

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
        // A fixed seed: gradients picks its start at random otherwise, and the same scene should render the same way.
        var seed = BitConverter.ToUInt32(hash, 6);
        return $"gradients={size}:c0=0x{from}:c1=0x{to}:speed=0.02:seed={seed}";
    }

    private static string Seconds(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
