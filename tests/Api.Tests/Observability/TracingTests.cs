using System.Net;
using Framecast.Api.Tests.Infrastructure;
using Framecast.TestingHost;

namespace Framecast.Api.Tests.Observability;

/// <summary>The real process exporting over OTLP to a collector stand-in: one trace from the create request to RunPod.</summary>
public sealed class TracingTests(TracingTests.TracedStack stack) : IClassFixture<TracingTests.TracedStack>
{
    /// <summary>The process stack exporting over OTLP to a collector stand-in, with batches sent every 200 ms.</summary>
    public sealed class TracedStack : ProcessStack
    {
        public OtlpCollector Collector { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            Collector = await OtlpCollector.StartAsync();
            Settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = Collector.Endpoint;
            Settings["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
            Settings["OTEL_BSP_SCHEDULE_DELAY"] = "200";
            await base.InitializeAsync();
        }

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            await Collector.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_create_request_is_one_trace_through_the_api_the_grain_calls_npgsql_and_the_runpod_submit()
    {
        var account = await stack.AccountAsync(credits: 50);
        using var create = account.Request(HttpMethod.Post, "/v1/generate", new
        {
            spec = new { title = "Traced", scenes = new[] { new { id = "s1", prompt = "A traced harbor", duration = 1 } } },
            options = new { local_worker = new { skip_render = true } },
        });
        var created = await stack.Http.SendAsync(create);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var traceparent = created.Headers.TryGetValues("traceparent", out var values) ? values.Single() : null;

        // The exporter sends spans as they end, in batches: "job submit" ends after the /run call inside it and can
        // arrive a batch later, so the wait is for the whole trace to be complete, not for its last child.
        var spans = await stack.Collector.WaitForAsync(all =>
            all.FirstOrDefault(IsCreateRequest) is { } request
            && all.Where(s => s.TraceId == request.TraceId).ToList() is var inTrace
            && inTrace.Any(IsRunPodSubmit)
            && inTrace.Any(IsSubmitSpan)
            && inTrace.All(s => s == request || inTrace.Any(p => p.SpanId == s.ParentSpanId)));

        var server = spans.First(IsCreateRequest);
        var trace = spans.Where(s => s.TraceId == server.TraceId).ToList();
        Assert.Contains(trace, s => s.Scope.StartsWith("Microsoft.Orleans", StringComparison.Ordinal) && s.Name.Contains("ICreditPoolGrain", StringComparison.Ordinal));
        Assert.Contains(trace, s => s.Scope.StartsWith("Microsoft.Orleans", StringComparison.Ordinal) && s.Name.Contains("IJobGrain", StringComparison.Ordinal));
        Assert.Contains(trace, s => s.Scope == "Npgsql");
        Assert.Contains(trace, IsSubmitSpan);
        // Every span but the request's own hangs from another span of the trace: nothing is an orphan.
        var ids = trace.Select(s => s.SpanId).ToHashSet();
        Assert.All(trace.Where(s => s != server), s => Assert.Contains(s.ParentSpanId, ids));
        if (traceparent is not null)
        {
            Assert.Contains(server.TraceId, traceparent);
        }
    }

    private static bool IsCreateRequest(ExportedSpan span) =>
        span.Scope == "Microsoft.AspNetCore" && span.Kind == 2 && span.Name.StartsWith("POST", StringComparison.Ordinal) && span.Name.Contains("generate", StringComparison.Ordinal);

    private static bool IsSubmitSpan(ExportedSpan span) => span.Scope == "Framecast" && span.Name == "job submit";

    private static bool IsRunPodSubmit(ExportedSpan span) =>
        span.Scope == "System.Net.Http" && span.Attributes.TryGetValue("url.full", out var url) && url.EndsWith("/run", StringComparison.Ordinal);
}
