using Framecast.Grains.Abstractions.Errors;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Framecast.Api.Errors;

/// <summary>Writes the error envelope. Every error answer of the API goes through here.</summary>
public static class ErrorResponses
{
    public static IResult Result(ErrorCode code, string message, object? details = null) =>
        TypedResults.Json(new ErrorEnvelope(new ErrorBody(code.Code, message, details)), statusCode: code.HttpStatus);

    public static Task WriteAsync(HttpContext context, ErrorCode code, string message, object? details = null, int? retryAfter = null)
    {
        context.Response.StatusCode = code.HttpStatus;
        var json = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        return context.Response.WriteAsJsonAsync(new ErrorEnvelope(new ErrorBody(code.Code, message, details, retryAfter)), json);
    }
}
