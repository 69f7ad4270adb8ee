using System.Text.Json;

namespace Framecast.LocalWorker.Api;

/// <summary>One serializer setup for responses and webhooks, so a webhook body is byte-for-byte a /status body.</summary>
public static class WireJson
{
    /// <summary>Absent values are omitted, as RunPod omits <c>output</c>/<c>error</c> when they have none.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
