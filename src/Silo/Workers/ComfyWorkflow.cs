using System.Text.Json.Nodes;
using Framecast.Grains.Jobs;

namespace Framecast.Silo.Workers;

/// <summary>
/// Translates a scene plan into the ComfyUI API-format graph the worker runs (spec/worker-input.md):
/// one FramecastSceneClip per scene, a FramecastTransition between scenes that have one, a
/// FramecastConcat over all clips, a FramecastAudio per track of the plan and a FramecastSaveVideo that mixes
/// the tracks into the video and uploads under the job's prefix. Assets are given as the URLs of <paramref name="media"/>.
/// </summary>
public static class ComfyWorkflow
{
    public static JsonObject Build(ScenePlan plan, VideoFormat format, WorkerMedia media)
    {
        var workflow = new JsonObject();
        var clips = new JsonArray();
        var transitions = new JsonArray();
        var next = 1;
        var sceneNodes = new List<string>();
        foreach (var scene in plan.Scenes)
        {
            var id = (next++).ToString();
            sceneNodes.Add(id);
            var inputs = new JsonObject
            {
                ["scene_id"] = scene.Id,
                ["prompt"] = scene.Prompt,
                ["duration_seconds"] = scene.DurationSeconds,
                ["width"] = format.Width,
                ["height"] = format.Height,
                ["fps"] = format.Fps,
            };
            if (scene.ImageAssetIds.Count > 0)
            {
                inputs["images"] = new JsonArray(scene.ImageAssetIds.Select(image => (JsonNode)media.UrlOf(image)).ToArray());
            }
            workflow[id] = Node("FramecastSceneClip", inputs);
            clips.Add(Link(id));
        }
        for (var i = 0; i + 1 < plan.Scenes.Count; i++)
        {
            if (plan.Scenes[i].TransitionToNext is not { } transition || transition.Type == "cut")
            {
                continue;
            }
            var id = (next++).ToString();
            var inputs = new JsonObject { ["type"] = transition.Type, ["from"] = Link(sceneNodes[i]), ["to"] = Link(sceneNodes[i + 1]) };
            if (transition.DurationSeconds is { } seconds)
            {
                inputs["duration_seconds"] = seconds;
            }
            workflow[id] = Node("FramecastTransition", inputs);
            transitions.Add(Link(id));
        }
        var concat = (next++).ToString();
        workflow[concat] = Node("FramecastConcat", new JsonObject { ["clips"] = clips, ["transitions"] = transitions });
        var audio = new JsonArray();
        foreach (var track in plan.Audio)
        {
            var id = (next++).ToString();
            var inputs = new JsonObject
            {
                ["url"] = media.UrlOf(track.AssetId),
                ["start_seconds"] = track.StartSeconds,
                ["volume"] = track.Volume,
                ["loop"] = track.Loop,
                ["fade_in_seconds"] = track.FadeInSeconds,
                ["fade_out_seconds"] = track.FadeOutSeconds,
            };
            if (track.DurationSeconds is { } seconds)
            {
                inputs["duration_seconds"] = seconds;
            }
            workflow[id] = Node("FramecastAudio", inputs);
            audio.Add(Link(id));
        }
        var save = new JsonObject { ["video"] = Link(concat) };
        if (audio.Count > 0)
        {
            save["audio"] = audio;
        }
        workflow[(next++).ToString()] = Node("FramecastSaveVideo", save);
        return workflow;
    }

    private static JsonObject Node(string classType, JsonObject inputs) => new() { ["class_type"] = classType, ["inputs"] = inputs };

    private static JsonArray Link(string nodeId) => [nodeId, 0];
}

/// <summary>The render size and rate; small by default so the CPU worker stays quick.</summary>
public sealed record VideoFormat(int Width = 320, int Height = 180, int Fps = 12);
