using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.Jobs;
using Framecast.Silo.Workers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Framecast.Api.Endpoints;

/// <summary>
/// Where RunPod (or the local worker) posts when a job ends. RunPod does not sign its webhook, so the
/// URL carries an HMAC of the job id, and the body is only a hint: the job grain re-reads /status.
/// </summary>
public static class WorkerCallbackEndpoints
{
    public static IEndpointRouteBuilder MapWorkerCallbackEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/internal/worker-callback/{jobId:guid}", CallbackAsync).ExcludeFromDescription();
        return routes;
    }

    private static async Task<Ok> CallbackAsync(Guid jobId, string? token, WorkerBackendOptions options, IGrainFactory grains)
    {
        if (!WorkerCallbackToken.IsValid(jobId, token, options.CallbackSecret))
        {
            throw new DomainException(ErrorCodes.Unauthenticated, "The callback token is not valid for this job.");
        }
        await grains.GetGrain<IJobGrain>(jobId).PokeAsync();
        return TypedResults.Ok();
    }
}
