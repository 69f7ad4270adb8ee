using System.Text.Json;
using Framecast.Grains.Abstractions.Errors;
using Microsoft.AspNetCore.Diagnostics;

namespace Framecast.Api.Errors;

/// <summary>The one place that turns exceptions into the error envelope: domain errors keep their
/// code and status, malformed input is a 400, anything else a logged 500 that shows no internals.</summary>
public sealed class ErrorEnvelopeExceptionHandler(ILogger<ErrorEnvelopeExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (context.Response.HasStarted)
        {
            return false;
        }
        if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer and nothing went wrong here.
            return true;
        }
        var (code, message, details) = exception switch
        {
            DomainException domain => (domain.Error, domain.Message, (object?)domain.Details),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                (ErrorCodes.PayloadTooLarge, "The request body is too large.", null),
            BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } =>
                (ErrorCodes.UnsupportedMediaType, "Send the body as application/json.", null),
            BadHttpRequestException bad => (ErrorCodes.ValidationError, Describe(bad), null),
            JsonException json => (ErrorCodes.ValidationError, $"The request body is not valid JSON: {json.Message}", null),
            // The database is restarting or unreachable — also when it surfaces wrapped, as Orleans wraps a grain
            // storage failure during an activation: nothing was acknowledged, so a retry is safe.
            _ when IsTransientDatabaseFailure(exception) => (ErrorCodes.Unavailable, "The database is unavailable for a moment; retry the request.", null),
            // A silo went away mid-call (crashed, frozen, shutting down): the membership moves its grains elsewhere
            // within seconds, so the same request will find them.
            SiloUnavailableException or OrleansMessageRejectionException =>
                (ErrorCodes.Unavailable, "Part of the cluster is unavailable for a moment; retry the request.", null),
            // GRAIN_CALL_TIMEOUT_MS passed: the outcome is unknown (it may still commit); creates retry safely by key.
            TimeoutException => (ErrorCodes.Timeout, "The request took too long; its outcome is unknown. Retry with the same idempotency key.", null),
            _ => (ErrorCodes.InternalError, "An unexpected error occurred.", null),
        };
        if (code.HttpStatus == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = "1";
        }
        if (code == ErrorCodes.InternalError)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
        }
        await ErrorResponses.WriteAsync(context, code, message, details);
        return true;
    }

    private static bool IsTransientDatabaseFailure(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is System.Data.Common.DbException { IsTransient: true })
            {
                return true;
            }
        }
        return false;
    }

    private static string Describe(BadHttpRequestException bad) =>
        bad.InnerException is JsonException json
            ? $"The request body is not valid JSON or has a field of the wrong type: {json.Message}"
            : bad.Message;
}
