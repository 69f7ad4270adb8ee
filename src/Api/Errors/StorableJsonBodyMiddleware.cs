using System.Text.Json;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.Text;

namespace Framecast.Api.Errors;

/// <summary>
/// Every JSON request body, whatever binds it later (a typed record, a JsonElement, a storyboard), is scanned once
/// for strings PostgreSQL cannot store and System.Text.Json cannot write back: an escaped NUL or a lone UTF-16
/// surrogate. Those answer 400 here, before any handler or store sees them. Only escaped strings can hold them (raw
/// control bytes are not JSON), so the scan decodes nothing else. A body that is not JSON at all is left to its endpoint,
/// which answers it in its own words. YAML bodies are checked where they are parsed (<see cref="Jobs.JsonBody"/>).
/// </summary>
public sealed class StorableJsonBodyMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength is not 0 && request.HasJsonContentType())
        {
            // Kestrel's MaxRequestBodySize bounds what is read here.
            var body = new MemoryStream();
            await request.Body.CopyToAsync(body, context.RequestAborted);
            body.Position = 0;
            request.Body = body;
            if (Problem(body.GetBuffer().AsSpan(0, (int)body.Length)) is { } found)
            {
                throw new DomainException(ErrorCodes.ValidationError, $"'{found.Field}' {found.Problem}.",
                    new Dictionary<string, object?> { ["field"] = found.Field });
            }
        }
        await next(context);
    }

    private static (string Field, string Problem)? Problem(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 256, CommentHandling = JsonCommentHandling.Skip });
        var field = "body";
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName) || !reader.ValueIsEscaped)
                {
                    continue;
                }
                var isName = reader.TokenType == JsonTokenType.PropertyName;
                string text;
                try
                {
                    text = reader.GetString()!;
                }
                catch (InvalidOperationException)
                {
                    return (field, isName ? "has a property name that is not valid UTF-16" : "is not valid UTF-16 text");
                }
                if (StorableText.Problem(text) is { } problem)
                {
                    return isName ? (field, $"has a property name that {problem}") : (field, problem);
                }
                if (isName)
                {
                    field = text;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: the endpoint's own parsing answers it.
        }
        return null;
    }
}
