using System.Text.Json;
using System.Text.Json.Nodes;
using Framecast.Grains.Jobs;
using Framecast.Silo.Workers;

namespace Framecast.Silo.Tests.Workers;

public sealed class ComfyWorkflowTests
{
    private static readonly WorkerMedia Media = new(new Dictionary<string, string>
    {
        ["asset_music_theme"] = "http://s3.test/system/music.wav",
        ["asset_sfx_door"] = "http://s3.test/system/door.wav",
        ["asset_transition_swoosh"] = "http://s3.test/system/swoosh.wav",
        ["11111111-1111-1111-1111-111111111111"] = "http://s3.test/outputs/fox.png",
    });

    private static JsonObject Build(string spec) =>
        ComfyWorkflow.Build(ScenePlan.From(JsonDocument.Parse(spec).RootElement.Clone()), new VideoFormat(), Media);

    private static IEnumerable<JsonObject> NodesOf(JsonObject workflow, string classType) =>
        workflow.Select(n => n.Value!.AsObject()).Where(n => n["class_type"]!.GetValue<string>() == classType);

    [Fact]
    public void Audio_nodes_carry_the_urls_and_the_offsets_on_the_video_clock_and_the_save_node_links_every_one()
    {
        var workflow = Build("""
            {"title": "t",
             "global_audio": {"music": {"asset_id": "asset_music_theme", "volume": 0.5, "loop": true, "fade_out": 1}},
             "transitions": {"default": {"type": "cut", "audio": {"asset_id": "asset_transition_swoosh"}}},
             "scenes": [{"id": "a", "prompt": "A", "duration": 2},
                        {"id": "b", "prompt": "B", "duration": 3, "audio": {"sfx": [{"asset_id": "asset_sfx_door", "start": 1.5, "volume": 0.7}]}}]}
            """);

        var audio = NodesOf(workflow, "FramecastAudio").Select(n => n["inputs"]!.AsObject()).ToList();
        Assert.Equal(
            [("http://s3.test/system/music.wav", 0.0), ("http://s3.test/system/swoosh.wav", 2.0), ("http://s3.test/system/door.wav", 3.5)],
            audio.Select(a => (a["url"]!.GetValue<string>(), a["start_seconds"]!.GetValue<double>())));
        var music = audio[0];
        Assert.Equal(0.5, music["volume"]!.GetValue<double>());
        Assert.True(music["loop"]!.GetValue<bool>());
        Assert.Equal(1, music["fade_out_seconds"]!.GetValue<double>());
        Assert.Equal(5, music["duration_seconds"]!.GetValue<double>());
        Assert.Null(audio[2]["duration_seconds"]);

        var audioIds = workflow.Where(n => n.Value!["class_type"]!.GetValue<string>() == "FramecastAudio").Select(n => n.Key).ToList();
        var save = Assert.Single(NodesOf(workflow, "FramecastSaveVideo"));
        Assert.Equal(audioIds, save["inputs"]!["audio"]!.AsArray().Select(link => link![0]!.GetValue<string>()));
    }

    [Fact]
    public void A_scene_that_mentions_a_symbol_shows_its_reference_images_and_a_storyboard_without_audio_stays_video_only()
    {
        var workflow = Build("""
            {"title": "t", "symbols": {"fox": {"prompt": "a red fox", "reference_images": [{"id": "11111111-1111-1111-1111-111111111111"}]}},
             "scenes": [{"id": "a", "prompt": "@fox sleeps", "duration": 1}, {"id": "b", "prompt": "snow falls", "duration": 1}]}
            """);

        var scenes = NodesOf(workflow, "FramecastSceneClip").Select(n => n["inputs"]!.AsObject()).ToList();
        Assert.Equal(["http://s3.test/outputs/fox.png"], scenes[0]["images"]!.AsArray().Select(u => u!.GetValue<string>()));
        Assert.Null(scenes[1]["images"]);
        Assert.Empty(NodesOf(workflow, "FramecastAudio"));
        Assert.Null(Assert.Single(NodesOf(workflow, "FramecastSaveVideo"))["inputs"]!["audio"]);
    }
}
