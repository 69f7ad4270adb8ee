namespace Framecast.LocalWorker.Tests.Infrastructure;

/// <summary>Worker inputs as the API builds them (see spec/worker-input.md).</summary>
public static class Workflows
{
    public record Scene(string Id, double Duration, string Prompt = "A quiet harbor at dawn, gulls circling over the boats");

    /// <summary>Scenes in order, <paramref name="transitions"/>[i] between scene i and i+1 (null = none, i.e. a cut).</summary>
    public static JsonObject Input(IReadOnlyList<Scene> scenes, IReadOnlyList<string?>? transitions = null, JsonObject? steering = null, string jobId = "job-1")
    {
        var workflow = new JsonObject();
        for (var i = 0; i < scenes.Count; i++)
        {
            workflow[$"{i + 1}"] = Node("FramecastSceneClip", new JsonObject
            {
                ["scene_id"] = scenes[i].Id,
                ["prompt"] = scenes[i].Prompt,
                ["duration_seconds"] = scenes[i].Duration,
                ["width"] = 320,
                ["height"] = 180,
                ["fps"] = 12,
            });
        }

        var transitionLinks = new JsonArray();
        for (var i = 0; i < (transitions?.Count ?? 0); i++)
        {
            if (transitions![i] is not { } type)
            {
                continue;
            }

            var id = $"t{i + 1}";
            workflow[id] = Node("FramecastTransition", new JsonObject
            {
                ["type"] = type,
                ["duration_seconds"] = 0.5,
                ["from"] = Link($"{i + 1}"),
                ["to"] = Link($"{i + 2}"),
            });
            transitionLinks.Add(Link(id));
        }

        workflow["concat"] = Node("FramecastConcat", new JsonObject
        {
            ["clips"] = new JsonArray(scenes.Select((_, i) => (JsonNode)Link($"{i + 1}")).ToArray()),
            ["transitions"] = transitionLinks,
        });
        workflow["save"] = Node("FramecastSaveVideo", new JsonObject { ["video"] = Link("concat") });

        return Wrap(workflow, steering, jobId);
    }

    public static JsonObject Wrap(JsonNode? workflow, JsonObject? steering = null, string jobId = "job-1")
    {
        var options = new JsonObject();
        if (steering is not null)
        {
            options["local_worker"] = steering;
        }

        var input = new JsonObject
        {
            ["framecast"] = new JsonObject
            {
                ["job_id"] = jobId,
                ["output"] = new JsonObject { ["bucket"] = WorkerFixture.Bucket, ["prefix"] = $"user/u1/jobs/{jobId}/" },
                ["options"] = options,
            },
        };
        if (workflow is not null)
        {
            input["workflow"] = workflow;
        }

        return input;
    }

    public static JsonArray Link(string nodeId) => new(nodeId, 0);

    public static JsonObject Node(string classType, JsonObject inputs) => new() { ["class_type"] = classType, ["inputs"] = inputs };
}
