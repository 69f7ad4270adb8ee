namespace Framecast.LocalWorker.Rendering;

public interface IVideoRenderer
{
    Task<RenderedVideo> RenderSceneAsync(SceneRenderRequest scene, string outputPath, CancellationToken cancellationToken);

    /// <summary>Joins clips in order; <paramref name="joins"/>[i] sits between clips i and i+1. The result lasts the sum of the clips.</summary>
    Task<RenderedVideo> AssembleAsync(
        IReadOnlyList<RenderedVideo> clips, IReadOnlyList<ClipJoin> joins, string outputPath, CancellationToken cancellationToken);

    /// <summary>The video with the tracks mixed into one audio track as long as the video.</summary>
    Task<RenderedVideo> AddAudioAsync(RenderedVideo video, IReadOnlyList<AudioTrack> tracks, string outputPath, CancellationToken cancellationToken);

    Task ExtractThumbnailAsync(RenderedVideo video, string outputPath, CancellationToken cancellationToken);

    /// <summary>Writes a JPEG grid of frames of <paramref name="video"/> and says how it is laid out.</summary>
    Task<SpritesheetLayout> ExtractSpritesheetAsync(RenderedVideo video, string outputPath, CancellationToken cancellationToken);
}
