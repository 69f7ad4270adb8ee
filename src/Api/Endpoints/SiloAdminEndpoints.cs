using System.Globalization;
using Framecast.Api.Auth;
using Framecast.Grains.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Runtime;

namespace Framecast.Api.Endpoints;

/// <summary>GET /v1/admin/silos: the cluster as the operators see it (FRAMECAST_ADMIN_TOKEN), from Orleans' management grain.</summary>
public static class SiloAdminEndpoints
{
    public static IEndpointRouteBuilder MapSiloAdminEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/admin/silos", ListAsync).WithTags("Admin").WithSummary("Silos with their status, activations per grain type and the jobs each drives");
        return routes;
    }

    private static async Task<Ok<ClusterResponse>> ListAsync(HttpContext context, AuthOptions options, IGrainFactory grains, ILocalSiloDetails self)
    {
        AdminEndpoints.RequireAdmin(context, options);
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetDetailedHosts(onlyActive: false);
        var statistics = await management.GetSimpleGrainStatistics();
        var jobGrainType = typeof(JobGrain).FullName!;
        var silos = hosts
            .OrderByDescending(h => h.StartTime)
            .Select(h =>
            {
                var mine = statistics.Where(s => s.SiloAddress.Equals(h.SiloAddress)).ToList();
                return new SiloResponse(
                    h.SiloAddress.ToParsableString(),
                    h.SiloName,
                    h.HostName,
                    ProcessIdOf(h.SiloName),
                    h.Status.ToString().ToLowerInvariant(),
                    h.StartTime,
                    h.IAmAliveTime,
                    mine.Sum(s => s.ActivationCount),
                    mine.GroupBy(s => ClassName(s.GrainType)).ToDictionary(g => g.Key, g => g.Sum(s => s.ActivationCount)),
                    mine.Where(s => ClassName(s.GrainType) == jobGrainType).Sum(s => s.ActivationCount));
            })
            .ToList();
        return TypedResults.Ok(new ClusterResponse(self.SiloAddress.ToParsableString(), silos));
    }

    /// <summary>Orleans names a grain class with its assembly ("Namespace.Type,Assembly"); operators want the class.</summary>
    private static string ClassName(string grainType) => grainType.Split(',', 2)[0];

    /// <summary>Silo names end in the process id (see <c>UseFramecast</c>).</summary>
    private static int? ProcessIdOf(string siloName) =>
        int.TryParse(siloName[(siloName.LastIndexOf('-') + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
}

public sealed record ClusterResponse(string ThisSilo, IReadOnlyList<SiloResponse> Silos);

public sealed record SiloResponse(
    string Address,
    string Name,
    string Host,
    int? ProcessId,
    string Status,
    DateTime StartedAt,
    DateTime IAmAliveAt,
    int Activations,
    IReadOnlyDictionary<string, int> ActivationsByType,
    int DrivenJobs);
