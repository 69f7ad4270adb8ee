using System.Text.Json.Serialization;

namespace Framecast.Cli.Api;

/// <summary>The generated client's JSON settings: the API's enums are snake_case strings (<c>"queued"</c>).</summary>
public partial class FramecastApi
{
    public static void ApplyJson(JsonSerializerOptions options) =>
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));

    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) => ApplyJson(settings);
}
