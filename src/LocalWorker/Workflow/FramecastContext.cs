using System.Text.Json;
using System.Text.Json.Nodes;

namespace Framecast.LocalWorker.Workflow;

/// <summary><c>input.framecast</c>: the Framecast job this render belongs to and where its files go.</summary>
public sealed record FramecastContext(
    [property: JsonPropertyName("job_id")] string? JobId,
    [property: JsonPropertyName("output")] OutputLocation? Output,
    [property: JsonPropertyName("options")] JsonObject? Options)
{
    public static FramecastContext Parse(JsonNode? node)
    {
        if (node is null)
        {
            return new FramecastContext(null, null, null);
        }

        try
        {
            return node.Deserialize<FramecastContext>() ?? new FramecastContext(null, null, null);
        }
        catch (JsonException e)
        {
            throw JobFailedException.Validation($"input.framecast is malformed: {e.Message}");
        }
    }

    public SteeringOptions Steering() => SteeringOptions.Parse(Options?["local_worker"]);
}
