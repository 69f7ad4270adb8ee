using System.Text.Json;
using System.Text.Json.Nodes;
using Framecast.Grains.Abstractions.Jobs;
using Framecast.Grains.Jobs;

namespace Framecast.Silo.Workers;

/// <summary>Reads RunPod's /status and /stream bodies (and the ComfyUI worker's progress and output in them) in the job's terms.</summary>
public static class RunPodStatus
{
    public static WorkerStatus Parse(JsonElement body)
    {
        var output = body.TryGetProperty("output", out var o) ? o : default;
        return (body.TryGetProperty("status", out var s) ? s.GetString() : null) switch
        {
            "IN_QUEUE" => new WorkerStatus(WorkerState.InQueue),
            "IN_PROGRESS" or "RUNNING" => new WorkerStatus(WorkerState.InProgress, Progress(output)),
            "COMPLETED" => Completed(body, output),
            "FAILED" => new WorkerStatus(WorkerState.Failed, Failure: Failure(body, output)),
            "CANCELLED" => new WorkerStatus(WorkerState.Cancelled),
            "TIMED_OUT" => new WorkerStatus(WorkerState.TimedOut),
            var other => new WorkerStatus(WorkerState.Failed, Failure: new WorkerFailure(FailureType.System, "worker_unknown_status", $"The worker reported status '{other}'.")),
        };
    }

    /// <summary>/stream answers <c>{"status", "stream": [{"output": …}, …]}</c>; the outputs that are progress messages, in order.</summary>
    public static IReadOnlyList<WorkerProgress> ParseStream(JsonElement body)
    {
        if (!body.TryGetProperty("stream", out var stream) || stream.ValueKind != JsonValueKind.Array)
        {
            return [];
        }
        var steps = new List<WorkerProgress>();
        foreach (var item in stream.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("output", out var output) && Progress(output) is { } step)
            {
                steps.Add(step);
            }
        }
        return steps;
    }

    private static WorkerProgress? Progress(JsonElement output)
    {
        if (output.ValueKind != JsonValueKind.Object || !output.TryGetProperty("max", out var max) || !output.TryGetProperty("value", out var value))
        {
            return null;
        }
        // The worker counts one step per scene plus one for assembling the video.
        var scenesTotal = Math.Max(max.GetInt32() - 1, 0);
        var done = Math.Min(value.GetInt32(), scenesTotal);
        var percent = output.TryGetProperty("percent", out var p) && p.TryGetDouble(out var pct) ? (int)Math.Floor(pct) : 0;
        var stage = output.TryGetProperty("stage", out var st) ? st.GetString() : null;
        var phase = done >= scenesTotal && scenesTotal > 0 || stage is "assembling" or "uploading" or "stitching" ? "stitching" : "generating";
        // A "rendered" step names the scene just finished; none is being worked on until the next one begins.
        var scene = stage != "rendered" && output.TryGetProperty("scene_id", out var sc) ? sc.GetString() : null;
        return new WorkerProgress(phase, Math.Clamp(percent, 0, 99), scenesTotal, done, scene);
    }

    private static WorkerStatus Completed(JsonElement body, JsonElement output)
    {
        if (output.ValueKind != JsonValueKind.Object || !output.TryGetProperty("video", out var video))
        {
            return new WorkerStatus(WorkerState.Failed, Failure: new WorkerFailure(FailureType.System, "worker_no_output", "The worker completed without a video."));
        }
        var duration = video.GetProperty("duration_seconds").GetDouble();
        var size = video.GetProperty("size_bytes").GetInt64();
        var scenes = new JsonArray();
        if (output.TryGetProperty("scenes", out var clips))
        {
            foreach (var clip in clips.EnumerateArray())
            {
                scenes.Add(new JsonObject { ["scene_id"] = clip.GetProperty("scene_id").GetString(), ["key"] = clip.GetProperty("key").GetString() });
            }
        }
        var stored = new JsonObject
        {
            ["bucket"] = video.GetProperty("bucket").GetString(),
            ["video_key"] = video.GetProperty("key").GetString(),
            ["thumbnail_key"] = output.TryGetProperty("thumbnail", out var thumb) ? thumb.GetProperty("key").GetString() : null,
            ["scene_clips"] = scenes,
            ["spritesheet"] = Spritesheet(output),
            ["duration"] = Math.Round(duration, 3),
            ["resolution"] = $"{video.GetProperty("width").GetInt32()}x{video.GetProperty("height").GetInt32()}",
            ["format"] = "mp4",
            ["size_bytes"] = size,
            ["metadata"] = new JsonObject
            {
                ["model_used"] = "framecast-comfyui",
                ["generation_time_ms"] = body.TryGetProperty("executionTime", out var ms) && ms.TryGetInt64(out var t) ? t : 0,
            },
        };
        return new WorkerStatus(WorkerState.Completed, Result: new WorkerResult(JsonSerializer.SerializeToElement(stored), size, duration));
    }

    /// <summary>The worker's frame grid, kept with its layout; null when a worker made none (it is optional).</summary>
    private static JsonObject? Spritesheet(JsonElement output)
    {
        if (!output.TryGetProperty("spritesheet", out var sheet) || sheet.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var stored = new JsonObject { ["key"] = sheet.GetProperty("key").GetString() };
        foreach (var field in new[] { "columns", "rows", "frame_count", "frame_width", "frame_height" })
        {
            stored[field] = sheet.GetProperty(field).GetInt32();
        }
        stored["interval_seconds"] = sheet.GetProperty("interval_seconds").GetDouble();
        return stored;
    }

    private static WorkerFailure Failure(JsonElement body, JsonElement output)
    {
        var type = output.ValueKind == JsonValueKind.Object && output.TryGetProperty("failure_type", out var ft) &&
                   Enum.TryParse<FailureType>(ft.GetString(), ignoreCase: true, out var parsed) && parsed != FailureType.Canceled
            ? parsed
            : FailureType.System;
        var message = output.ValueKind == JsonValueKind.Object && output.TryGetProperty("message", out var m) ? m.GetString()
            : body.TryGetProperty("error", out var e) ? e.ToString() : null;
        var scene = output.ValueKind == JsonValueKind.Object && output.TryGetProperty("scene_id", out var sc) ? sc.GetString() : null;
        return new WorkerFailure(type, type == FailureType.Validation ? "spec_invalid_at_generation" : "generation_failed",
            message ?? "The worker failed.", scene);
    }
}
