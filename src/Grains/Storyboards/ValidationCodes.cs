namespace Framecast.Grains.Storyboards;

/// <summary>
/// The machine codes of validation errors and warnings (the optional <c>code</c> of spec 06 §4).
/// Clients may key on them; messages stay free to change.
/// </summary>
public static class ValidationCodes
{
    // Schema keywords.
    public const string Required = "REQUIRED";
    public const string InvalidType = "INVALID_TYPE";
    public const string InvalidValue = "INVALID_VALUE";
    public const string InvalidFormat = "INVALID_FORMAT";
    public const string OutOfRange = "OUT_OF_RANGE";
    public const string LimitExceeded = "LIMIT_EXCEEDED";
    public const string TooFew = "TOO_FEW";
    public const string TimelineElementInvalid = "TIMELINE_ELEMENT_INVALID";

    // Structure and references (spec 06 §3.5, §3.7).
    public const string DuplicateSceneId = "DUPLICATE_SCENE_ID";
    public const string SceneNotFound = "SCENE_NOT_FOUND";
    public const string TransitionPresetNotFound = "TRANSITION_PRESET_NOT_FOUND";
    public const string TransitionKeyInvalid = "TRANSITION_KEY_INVALID";
    public const string SymbolNotFound = "SYMBOL_NOT_FOUND";
    public const string SpeakerNotFound = "SPEAKER_NOT_FOUND";
    public const string SpeakerWithoutVoice = "SPEAKER_WITHOUT_VOICE";

    // Assets (spec 06 §3.5 R8–R10, §3.6, spec 08 §7).
    public const string AssetIdInvalid = "ASSET_ID_INVALID";
    public const string AssetNotFound = "ASSET_NOT_FOUND";
    public const string AssetWrongType = "ASSET_WRONG_TYPE";
    public const string AssetNotReady = "ASSET_NOT_READY";
    public const string SystemAssetNotFound = "SYSTEM_ASSET_NOT_FOUND";
    public const string SystemAssetUrnNotAllowed = "SYSTEM_ASSET_URN_NOT_ALLOWED";
    public const string SystemAssetNotAllowed = "SYSTEM_ASSET_NOT_ALLOWED";

    // Warnings (spec 06 §3.8).
    public const string LongScene = "LONG_SCENE";
    public const string SystemAssetDeprecated = "SYSTEM_ASSET_DEPRECATED";
    public const string SceneUnused = "SCENE_UNUSED";
    public const string SymbolUnused = "SYMBOL_UNUSED";
}
