namespace Framecast.LocalWorker.Rendering;

/// <summary>A video file in the job's work folder.</summary>
public sealed record RenderedVideo(string Path, double DurationSeconds, int Width, int Height, int Fps);
