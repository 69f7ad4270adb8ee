namespace Framecast.LocalWorker.Rendering;

/// <summary>
/// A grid of frames taken at equal intervals from a video, left to right then top to bottom: frame i shows the
/// video at <c>i × IntervalSeconds</c>, so a player scrubbing to t shows tile <c>floor(t / IntervalSeconds)</c>.
/// </summary>
public sealed record SpritesheetLayout(int Columns, int Rows, int FrameCount, int FrameWidth, int FrameHeight, double IntervalSeconds)
{
    public const int DefaultColumns = 5;
    public const int DefaultRows = 2;
    public const int MaxFrameWidth = 160;

    /// <summary>The default grid for a video: 5×2 frames at most 160 pixels wide, keeping the aspect ratio in even sizes.</summary>
    public static SpritesheetLayout For(RenderedVideo video)
    {
        var width = Math.Min(MaxFrameWidth, video.Width) & ~1;
        var height = Math.Max(2, (int)Math.Round(width * (double)video.Height / video.Width / 2) * 2);
        var frames = DefaultColumns * DefaultRows;
        return new SpritesheetLayout(DefaultColumns, DefaultRows, frames, width, height, Math.Round(video.DurationSeconds / frames, 6));
    }
}
