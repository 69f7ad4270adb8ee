using System.Text.Json;
using System.Text.Json.Nodes;

namespace Framecast.LocalWorker.Workflow;

/// <summary>
/// <c>input.framecast.options.local_worker</c>: lets a test or a developer choose how this emulator
/// ends a job. The real RunPod worker ignores it.
/// </summary>
public sealed record SteeringOptions(
    [property: JsonPropertyName("outcome")] string? Outcome,
    [property: JsonPropertyName("failure_type")] string? FailureType,
    [property: JsonPropertyName("fail_at_scene")] int? FailAtScene,
    [property: JsonPropertyName("delay_ms")] int? DelayMs,
    [property: JsonPropertyName("report_success_twice")] bool? ReportSuccessTwice,
    [property: JsonPropertyName("skip_render")] bool? SkipRender)
{
    public const string Succeed = "succeed";
    public const string Fail = "fail";
    public const string Hang = "hang";

    public static readonly SteeringOptions None = new(null, null, null, null, null, null);

    public static SteeringOptions Parse(JsonNode? node)
    {
        if (node is null)
        {
            return None;
        }

        SteeringOptions steering;
        try
        {
            steering = node.Deserialize<SteeringOptions>() ?? None;
        }
        catch (JsonException e)
        {
            throw JobFailedException.Validation($"input.framecast.options.local_worker is malformed: {e.Message}");
        }

        if (steering.Outcome is not (null or Succeed or Fail or Hang))
        {
            throw JobFailedException.Validation("local_worker.outcome must be succeed, fail or hang.");
        }

        if (steering.FailureType is { } type && !FailureTypes.IsKnown(type))
        {
            throw JobFailedException.Validation("local_worker.failure_type must be system, timeout, validation or canceled.");
        }

        if (steering.FailAtScene < 0 || steering.DelayMs < 0)
        {
            throw JobFailedException.Validation("local_worker.fail_at_scene and delay_ms must not be negative.");
        }

        return steering;
    }
}
