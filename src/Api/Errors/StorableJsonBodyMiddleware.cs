using System.Text.Json;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.Text;
using Framecast.Grains.Storyboards;

namespace Framecast.Api.Errors;

/// <summary>
/// Every JSON request body, whatever binds it later (a typed record, a JsonElement, a storyboard), is scanned once,
/// before any handler or store sees it, and answered 400 when it holds what a lenient binder would take silently: bytes
/// that are not UTF-8, a property given twice in one object (which value counts would be the binder's guess), or a
/// string PostgreSQL cannot store and System.Text.Json cannot write back (an escaped NUL or a lone UTF-16 surrogate;
/// only escaped strings can hold them, so only those are decoded). A body that is not JSON at all is left to its
/// endpoint, which answers it in its own words. A charset other than UTF-8 is 415. YAML bodies are checked where they are parsed (<see cref="Jobs.JsonBody"/>).
/// </summary>
public sealed class StorableJsonBodyMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength is not 0 && request.HasJsonContentType())
        {
            StoryboardDocument.RequireUtf8(request.ContentType);
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
        if (!System.Text.Unicode.Utf8.IsValid(json))
        {
            return ("body", "is not valid UTF-8");
        }
        var objects = new Stack<HashSet<string>>();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 256, CommentHandling = JsonCommentHandling.Skip });
        var field = "body";
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        objects.Push(new HashSet<string>(StringComparer.Ordinal));
                        continue;
                    case JsonTokenType.EndObject:
                        objects.Pop();
                        continue;
                    case JsonTokenType.PropertyName when !reader.ValueIsEscaped:
                        field = reader.GetString()!;
                        if (!objects.Peek().Add(field))
                        {
                            return (field, "is given twice in one object");
                        }
                        continue;
                    case JsonTokenType.String or JsonTokenType.PropertyName when reader.ValueIsEscaped:
                        break;
                    default:
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
                    if (!objects.Peek().Add(field))
                    {
                        return (field, "is given twice in one object");
                    }
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
