namespace Framecast.LocalWorker.Rendering;

/// <summary>
/// A downloaded audio file placed on the final video's clock. It plays from <see cref="StartSeconds"/> for
/// <see cref="DurationSeconds"/> (null: its own length), repeating when <see cref="Loop"/>; the video's end cuts it.
/// </summary>
public sealed record AudioTrack(
    string Path,
    double SourceSeconds,
    double StartSeconds,
    double Volume,
    bool Loop,
    double FadeInSeconds,
    double FadeOutSeconds,
    double? DurationSeconds)
{
    /// <summary>How long it is heard in a video of <paramref name="videoSeconds"/>; 0 when it starts after the end.</summary>
    public double AudibleSeconds(double videoSeconds)
    {
        var room = videoSeconds - StartSeconds;
        var wanted = Loop ? DurationSeconds ?? room : Math.Min(SourceSeconds, DurationSeconds ?? SourceSeconds);
        return Math.Max(0, Math.Min(wanted, room));
    }
}
