using Serilog.Context;

namespace Framecast.Api.Hosting;

/// <summary>Gives every request an id (the client's X-Request-Id when it sends a sane one), echoes it,
/// and puts it on every log line written while the request runs.</summary>
public sealed class RequestIdMiddleware(RequestDelegate next)
{
    public const string Header = "X-Request-Id";

    public async Task InvokeAsync(HttpContext context)
    {
        var incoming = context.Request.Headers[Header].ToString();
        var requestId = incoming.Length is > 0 and <= 128 && incoming.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? incoming
            : context.TraceIdentifier;
        context.TraceIdentifier = requestId;
        context.Response.Headers[Header] = requestId;
        using (LogContext.PushProperty("RequestId", requestId))
        {
            await next(context);
        }
    }
}
