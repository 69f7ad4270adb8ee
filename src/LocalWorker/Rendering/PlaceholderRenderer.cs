namespace Framecast.LocalWorker.Rendering;

/// <summary>
/// For <c>skip_render</c> jobs (load tests): every clip is the same embedded 1 s 64x36 H.264 file,
/// written without starting ffmpeg.
/// </summary>
public sealed class PlaceholderRenderer : IVideoRenderer
{
    private const int Width = 64;
    private const int Height = 36;
    private const int Fps = 12;
    private const double Duration = 1;

    public async Task<RenderedVideo> RenderSceneAsync(SceneRenderRequest scene, string outputPath, CancellationToken cancellationToken)
    {
        await CopyResourceAsync("placeholder.mp4", outputPath, cancellationToken);
        return new RenderedVideo(outputPath, Duration, Width, Height, Fps);
    }

    public async Task<RenderedVideo> AssembleAsync(
        IReadOnlyList<RenderedVideo> clips, IReadOnlyList<ClipJoin> joins, string outputPath, CancellationToken cancellationToken)
    {
        await CopyResourceAsync("placeholder.mp4", outputPath, cancellationToken);
        return new RenderedVideo(outputPath, Duration, Width, Height, Fps);
    }

    /// <summary>The placeholder stays silent: load tests measure the API, not the mixer.</summary>
    public Task<RenderedVideo> AddAudioAsync(RenderedVideo video, IReadOnlyList<AudioTrack> tracks, string outputPath, CancellationToken cancellationToken) =>
        Task.FromResult(video);

    public Task ExtractThumbnailAsync(RenderedVideo video, string outputPath, CancellationToken cancellationToken) =>
        CopyResourceAsync("placeholder.jpg", outputPath, cancellationToken);

    /// <summary>The placeholder's one frame is the whole sheet.</summary>
    public async Task<SpritesheetLayout> ExtractSpritesheetAsync(RenderedVideo video, string outputPath, CancellationToken cancellationToken)
    {
        await CopyResourceAsync("placeholder.jpg", outputPath, cancellationToken);
        return new SpritesheetLayout(1, 1, 1, Width, Height, Duration);
    }

    private static async Task CopyResourceAsync(string name, string outputPath, CancellationToken cancellationToken)
    {
        await using var resource = typeof(PlaceholderRenderer).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing from the build.");
        await using var file = File.Create(outputPath);
        await resource.CopyToAsync(file, cancellationToken);
    }
}
