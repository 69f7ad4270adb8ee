using Framecast.Api.Errors;
using Framecast.Grains.Abstractions.Errors;
using Microsoft.AspNetCore.Diagnostics;

namespace Framecast.Api.Hosting;

/// <summary>Bodiless 4xx answers from routing (no such route, wrong method) in the envelope too.</summary>
public static class StatusCodeEnvelopes
{
    public static Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        return http.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => ErrorResponses.WriteAsync(http, ErrorCodes.NotFound, $"No route matches {http.Request.Method} {http.Request.Path}."),
            StatusCodes.Status405MethodNotAllowed => ErrorResponses.WriteAsync(http, ErrorCodes.MethodNotAllowed, $"{http.Request.Method} is not allowed on {http.Request.Path}."),
            StatusCodes.Status415UnsupportedMediaType => ErrorResponses.WriteAsync(http, ErrorCodes.UnsupportedMediaType, "Send the body as application/json."),
            StatusCodes.Status413PayloadTooLarge => ErrorResponses.WriteAsync(http, ErrorCodes.PayloadTooLarge, "The request body is too large."),
            StatusCodes.Status400BadRequest => ErrorResponses.WriteAsync(http, ErrorCodes.ValidationError, "The request is malformed."),
            StatusCodes.Status401Unauthorized => ErrorResponses.WriteAsync(http, ErrorCodes.Unauthenticated, "A valid bearer token or API key is required."),
            _ => Task.CompletedTask,
        };
    }
}
