using Framecast.Grains.Storyboards.Schema;

namespace Framecast.Grains.Storyboards;

/// <summary>The storyboard JSON Schema (<c>spec/storyboard.schema.json</c>), embedded in this assembly so code and contract cannot drift.</summary>
public static class StoryboardSchema
{
    public static string Json { get; } = ReadEmbedded();

    public static JsonSchema Instance { get; } = JsonSchema.Parse(Json);

    private static string ReadEmbedded()
    {
        using var stream = typeof(StoryboardSchema).Assembly.GetManifestResourceStream("storyboard.schema.json")
            ?? throw new InvalidOperationException("The embedded storyboard.schema.json is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
