using Framecast.Api.Auth;
using Framecast.Silo.Hosting;
using Framecast.Silo.Membership;
using Framecast.Silo.Runtime;
using Framecast.Silo.Storage.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Framecast.Api.Endpoints;

/// <summary>GET /v1/admin/silos: the cluster as the operators see it (FRAMECAST_ADMIN_TOKEN).</summary>
public static class SiloAdminEndpoints
{
    public static IEndpointRouteBuilder MapSiloAdminEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/admin/silos", ListAsync).WithTags("Admin").WithSummary("Silos, their heartbeats and the jobs each drives; this silo's activations");
        return routes;
    }

    private static async Task<Ok<ClusterResponse>> ListAsync(
        HttpContext context, AuthOptions options, SiloMembership membership, JobQueries jobs, GrainRuntime runtime, SiloIdentity self,
        CancellationToken cancellationToken)
    {
        AdminEndpoints.RequireAdmin(context, options);
        var leases = await jobs.LeasesBySiloAsync(cancellationToken);
        var silos = (await membership.ListAsync(cancellationToken))
            .Select(s => new SiloResponse(s.Id, s.Host, s.ProcessId, s.Status, s.StartedAt, s.HeartbeatAt, s.EndedAt, leases.GetValueOrDefault(s.Id)))
            .ToList();
        return TypedResults.Ok(new ClusterResponse(self.Id, runtime.ActivationCount, silos));
    }
}

public sealed record ClusterResponse(Guid ThisSilo, int ThisSiloActivations, IReadOnlyList<SiloResponse> Silos);

public sealed record SiloResponse(Guid Id, string Host, int ProcessId, string Status, DateTime StartedAt, DateTime HeartbeatAt, DateTime? EndedAt, int DrivenJobs);
