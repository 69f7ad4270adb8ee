using System.Reflection;
using Framecast.Api.Auth;
using Framecast.Grains.Abstractions;
using Framecast.Grains.Jobs;
using Framecast.Silo.Hosting;
using NetArchTest.Rules;

namespace Framecast.Api.Tests.Architecture;

/// <summary>The layers depend one way: Api → Silo → Grains → Grains.Abstractions; grains know no database or HTTP.</summary>
public sealed class LayeringTests
{
    private static readonly Assembly Abstractions = typeof(FramecastSerialization).Assembly;
    private static readonly Assembly Grains = typeof(JobGrain).Assembly;
    private static readonly Assembly Silo = typeof(SiloOptions).Assembly;
    private static readonly Assembly Api = typeof(AccessPolicy).Assembly;

    private static void AssertNone(Assembly assembly, params string[] forbidden)
    {
        var result = Types.InAssembly(assembly).ShouldNot().HaveDependencyOnAny(forbidden).GetResult();
        Assert.True(result.IsSuccessful, $"{assembly.GetName().Name} depends on {string.Join(", ", forbidden)} in: " +
            string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void Grain_abstractions_depend_on_no_other_layer() =>
        AssertNone(Abstractions, "Framecast.Grains.Jobs", "Framecast.Grains.Users", "Framecast.Grains.Teams", "Framecast.Grains.Accounts",
            "Framecast.Grains.Storyboards", "Framecast.Grains.Persistence", "Framecast.Grains.SystemAssets", "Framecast.Silo", "Framecast.Api",
            "Npgsql", "Dapper", "System.Net.Http", "Microsoft.AspNetCore");

    [Fact]
    public void Grains_reach_the_database_and_http_only_through_their_interfaces() =>
        AssertNone(Grains, "Framecast.Silo", "Framecast.Api", "Npgsql", "Dapper", "System.Net.Http", "Microsoft.AspNetCore", "Amazon");

    [Fact]
    public void The_silo_does_not_know_the_http_front_end() =>
        AssertNone(Silo, "Framecast.Api");

    [Fact]
    public void The_rules_see_real_dependencies()
    {
        // The same check on a layer that does use Npgsql must fail, or the tests above prove nothing.
        Assert.False(Types.InAssembly(Silo).ShouldNot().HaveDependencyOn("Npgsql").GetResult().IsSuccessful);
        Assert.False(Types.InAssembly(Api).ShouldNot().HaveDependencyOn("Framecast.Silo").GetResult().IsSuccessful);
    }
}
