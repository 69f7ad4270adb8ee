using Framecast.Cli.Output;
using Framecast.Yaml;

namespace Framecast.Cli.Storyboards;

/// <summary>
/// A storyboard file read into the JSON tree the API takes. YAML goes through the same reader as the server's, so a
/// file means the same here and there, and a syntax error is shown at its line before anything is sent.
/// </summary>
public static class StoryboardFile
{
    // The server's limits (spec: storyboard size and depth); a file past them is refused here without a round trip.
    private const int MaxBytes = 102_400;
    private const int MaxDepth = 64;

    public static JsonObject Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliException(ExitCodes.InvalidInput, $"{path}: no such file.");
        }
        var text = File.ReadAllText(path);
        if (System.Text.Encoding.UTF8.GetByteCount(text) > MaxBytes)
        {
            throw new CliException(ExitCodes.InvalidInput, $"{path}: a storyboard is at most {MaxBytes / 1024} KiB.");
        }
        var isJson = Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase);
        try
        {
            var json = isJson ? text : YamlJsonReader.ToJson(text, MaxBytes, MaxDepth);
            return JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = MaxDepth }) as JsonObject
                ?? throw new CliException(ExitCodes.InvalidInput, $"{path}: a storyboard is an object (title, scenes, …).");
        }
        catch (YamlSyntaxException ex)
        {
            throw new CliException(ExitCodes.InvalidInput, $"{path}:{ex.Line}:{ex.Column}: {ex.Reason}");
        }
        catch (JsonException ex)
        {
            throw new CliException(ExitCodes.InvalidInput, $"{path}:{ex.LineNumber + 1}: not valid JSON: {ex.Message}");
        }
    }

    /// <summary>The scene ids in order, for one progress bar each.</summary>
    public static IReadOnlyList<string> SceneIds(JsonObject storyboard) =>
        storyboard["scenes"] is JsonArray scenes
            ? scenes.Select((scene, i) => scene?["id"] is JsonValue id && id.TryGetValue<string>(out var text) ? text : $"scene {i + 1}").ToList()
            : [];
}
