using System.Text.Json;
using Framecast.Grains.Abstractions.Automations;

namespace Framecast.Grains.Automations;

/// <summary>What one firing's placeholders may read: its time, the hook's or trigger's payload, the uploaded asset, the variables.</summary>
public sealed record TemplateContext(
    DateTimeOffset Time,
    JsonElement? Payload,
    UploadedAsset? Asset,
    IReadOnlyDictionary<string, string> Variables);
