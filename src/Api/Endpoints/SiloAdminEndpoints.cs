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
        // Asked one silo at a time: a frozen or crashed silo that the membership has not yet declared dead must
        // not take the whole answer down with it; it shows as unreachable.
        var statistics = await Task.WhenAll(hosts.Where(h => h.Status == SiloStatus.Active)
            .Select(async h => (h.SiloAddress, Statistics: await StatisticsOfAsync(management, h.SiloAddress))));
        var bySilo = statistics.Where(s => s.Statistics is not null).ToDictionary(s => s.SiloAddress, s => s.Statistics!);
        var jobGrainType = typeof(JobGrain).FullName!;
        var silos = hosts
            .OrderByDescending(h => h.StartTime)
            .Select(h =>
            {
                var reachable = bySilo.TryGetValue(h.SiloAddress, out var mine);
                mine ??= [];
                return new SiloResponse(
                    h.SiloAddress.ToParsableString(),
                    h.SiloName,
                    h.HostName,
                    ProcessIdOf(h.SiloName),
                    h.Status.ToString().ToLowerInvariant(),
                    reachable,
                    h.StartTime,
                    h.IAmAliveTime,
                    mine.Sum(s => s.ActivationCount),
                    mine.GroupBy(s => ClassName(s.GrainType)).ToDictionary(g => g.Key, g => g.Sum(s => s.ActivationCount)),
                    mine.Where(s => ClassName(s.GrainType) == jobGrainType).Sum(s => s.ActivationCount));
            })
            .ToList();
        return TypedResults.Ok(new ClusterResponse(self.SiloAddress.ToParsableString(), silos));
    }

    private static async Task<SimpleGrainStatistic[]?> StatisticsOfAsync(IManagementGrain management, SiloAddress silo)
    {
        try
        {
            return await management.GetSimpleGrainStatistics([silo]).WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (Exception ex) when (ex is SiloUnavailableException or TimeoutException or OrleansException)
        {
            return null;
        }
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
    bool Reachable,
    DateTime StartedAt,
    DateTime IAmAliveAt,
    int Activations,
    IReadOnlyDictionary<string, int> ActivationsByType,
    int DrivenJobs);
