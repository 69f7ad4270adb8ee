namespace Framecast.LocalWorker.Rendering;

/// <summary>How two consecutive clips meet: an ffmpeg <c>xfade</c> transition, or a plain cut when <see cref="Xfade"/> is null.</summary>
public sealed record ClipJoin(string? Xfade, double DurationSeconds)
{
    public static readonly ClipJoin Cut = new(null, 0);
}
