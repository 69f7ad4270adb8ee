using System.Security.Cryptography;
using System.Text;
using Framecast.LocalWorker.Configuration;

namespace Framecast.LocalWorker.Api;

/// <summary>RunPod's auth: <c>Authorization: Bearer {key}</c>; open when no key is configured.</summary>
public sealed class ApiKeyFilter(WorkerSettings settings) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (settings.ApiKey is not { } key)
        {
            return next(context);
        }

        var presented = context.HttpContext.Request.Headers.Authorization.ToString();
        var expected = "Bearer " + key;
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected))
            ? next(context)
            : ValueTask.FromResult<object?>(Results.Json(new ErrorResponse("Unauthorized"), WireJson.Options, statusCode: StatusCodes.Status401Unauthorized));
    }
}
