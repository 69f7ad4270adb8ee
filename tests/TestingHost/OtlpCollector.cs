using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Framecast.TestingHost;

/// <summary>
/// An OpenTelemetry collector stand-in on 127.0.0.1 that speaks OTLP/HTTP with protobuf bodies, the exporter's
/// default: it keeps every span of <c>/v1/traces</c> and accepts (and drops) metrics and logs. The spans are read
/// straight off the protobuf wire with the field numbers of opentelemetry/proto/trace/v1/trace.proto; no generated
/// code is needed for the few fields a test looks at.
/// </summary>
public sealed class OtlpCollector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ExportedSpan> _spans = new();

    private OtlpCollector(WebApplication app, string endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    /// <summary>What OTEL_EXPORTER_OTLP_ENDPOINT should say.</summary>
    public string Endpoint { get; }

    public IReadOnlyList<ExportedSpan> Spans => [.. _spans];

    public static async Task<OtlpCollector> StartAsync()
    {
        var port = LocalProcess.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var collector = new OtlpCollector(app, $"http://127.0.0.1:{port}");
        app.MapPost("/v1/traces", collector.ReceiveTracesAsync);
        app.MapPost("/v1/metrics", () => Results.Bytes([], "application/x-protobuf"));
        app.MapPost("/v1/logs", () => Results.Bytes([], "application/x-protobuf"));
        await app.StartAsync();
        return collector;
    }

    public async Task<IReadOnlyList<ExportedSpan>> WaitForAsync(Func<IReadOnlyList<ExportedSpan>, bool> done, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!done(Spans))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the collector has {_spans.Count} spans, not the ones awaited: "
                    + string.Join(", ", Spans.Select(s => $"{s.Scope}/{s.Name}")));
            }
            await Task.Delay(100);
        }
        return Spans;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<IResult> ReceiveTracesAsync(HttpRequest request)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        // ExportTraceServiceRequest: 1 = ResourceSpans; ResourceSpans: 2 = ScopeSpans; ScopeSpans: 1 = scope, 2 = Span.
        foreach (var resourceSpans in Protobuf.Messages(body.ToArray(), 1))
        {
            foreach (var scopeSpans in Protobuf.Messages(resourceSpans, 2))
            {
                var scope = Protobuf.Messages(scopeSpans, 1).Select(m => Protobuf.String(m, 1)).FirstOrDefault() ?? "";
                foreach (var span in Protobuf.Messages(scopeSpans, 2))
                {
                    _spans.Enqueue(ExportedSpan.Read(scope, span));
                }
            }
        }
        return Results.Bytes([], "application/x-protobuf");
    }
}

/// <summary>One exported span: its ids in hex, as traceparent writes them.</summary>
public sealed record ExportedSpan(string Scope, string TraceId, string SpanId, string ParentSpanId, string Name, int Kind, IReadOnlyDictionary<string, string> Attributes)
{
    internal static ExportedSpan Read(string scope, byte[] span)
    {
        var fields = Protobuf.Fields(span).ToList();
        string Hex(int number) => Convert.ToHexStringLower(fields.FirstOrDefault(f => f.Number == number).Bytes ?? []);
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        // 9 = KeyValue { 1 = key, 2 = AnyValue { 1 = string_value } }.
        foreach (var attribute in Protobuf.Messages(span, 9))
        {
            var key = Protobuf.String(attribute, 1);
            var value = Protobuf.Messages(attribute, 2).Select(any => Protobuf.String(any, 1)).FirstOrDefault();
            if (key is not null && value is not null)
            {
                attributes[key] = value;
            }
        }
        var kind = (int)fields.FirstOrDefault(f => f.Number == 6).Varint;
        return new ExportedSpan(scope, Hex(1), Hex(2), Hex(4), Protobuf.String(span, 5) ?? "", kind, attributes);
    }
}

/// <summary>The protobuf wire format, read only: varints and length-delimited fields (others are skipped).</summary>
internal static class Protobuf
{
    internal readonly record struct Field(int Number, ulong Varint, byte[]? Bytes);

    public static IEnumerable<Field> Fields(byte[] message)
    {
        var position = 0;
        while (position < message.Length)
        {
            var tag = ReadVarint(message, ref position);
            var number = (int)(tag >> 3);
            switch (tag & 7)
            {
                case 0:
                    yield return new Field(number, ReadVarint(message, ref position), null);
                    break;
                case 1:
                    position += 8;
                    break;
                case 2:
                    var length = (int)ReadVarint(message, ref position);
                    yield return new Field(number, 0, message[position..(position + length)]);
                    position += length;
                    break;
                case 5:
                    position += 4;
                    break;
                default:
                    throw new InvalidDataException($"wire type {tag & 7} is not protobuf");
            }
        }
    }

    /// <summary>The length-delimited fields of one number: embedded messages, strings or bytes.</summary>
    public static IEnumerable<byte[]> Messages(byte[] message, int number) =>
        Fields(message).Where(f => f.Number == number && f.Bytes is not null).Select(f => f.Bytes!);

    public static string? String(byte[] message, int number) =>
        Fields(message).FirstOrDefault(f => f.Number == number).Bytes is { } bytes ? System.Text.Encoding.UTF8.GetString(bytes) : null;

    private static ulong ReadVarint(byte[] message, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = message[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }
    }
}
