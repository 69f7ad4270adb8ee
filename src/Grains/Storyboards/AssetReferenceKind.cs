namespace Framecast.Grains.Storyboards;

/// <summary>What a spec location expects an asset to be (spec 06 §2).</summary>
public enum AssetReferenceKind
{
    /// <summary>An audio track: an upload or a system asset.</summary>
    Audio,

    /// <summary>A symbol's voice sample: an audio upload, never a system asset.</summary>
    Voice,

    /// <summary>A symbol's reference image: an image upload.</summary>
    Image,
}
