namespace Framecast.LocalWorker.Api;

/// <summary>One yielded item of /stream: RunPod wraps each in <c>{"output": …}</c>.</summary>
public sealed record StreamItem([property: JsonPropertyName("output")] object Output);
