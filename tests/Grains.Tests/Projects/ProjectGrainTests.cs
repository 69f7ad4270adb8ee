using Framecast.Grains.Abstractions;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Abstractions.Projects;
using Framecast.Grains.Projects;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.TestingHost;

namespace Framecast.Grains.Tests.Projects;

/// <summary>The project state machine of spec 04 §6, on a real in-process silo with the store in memory.</summary>
public sealed class ProjectGrainTests : IAsyncLifetime
{
    private readonly InMemoryProjects _store = new();
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<IProjectStore>(_store);
            silo.Services.AddSerializer(serializer => serializer.AddFramecastTypes());
        });
        builder.ConfigureClient(client => client.Services.AddSerializer(serializer => serializer.AddFramecastTypes()));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private async Task<IProjectGrain> NewProjectAsync(string? spec = """{"title":"t"}""")
    {
        var grain = _cluster.Client.GetGrain<IProjectGrain>(Guid.NewGuid());
        await grain.CreateAsync(new NewProject(Guid.NewGuid(), Guid.NewGuid(), "Film", spec));
        return grain;
    }

    private static async Task AssertStateErrorAsync(Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<DomainException>(call);
        Assert.Equal(ErrorCodes.InvalidProjectState.Code, error.Error.Code);
    }

    [Fact]
    public async Task Archive_is_allowed_from_draft_and_completed_and_unarchive_always_returns_to_draft()
    {
        var grain = await NewProjectAsync();
        Assert.Equal(ProjectStatus.Archived, (await grain.ArchiveAsync()).Status);
        Assert.Equal(ProjectStatus.Draft, (await grain.UnarchiveAsync()).Status);

        _store.MoveBehindTheGrain(grain.GetPrimaryKey(), ProjectStatus.Completed);
        await grain.RefreshAsync();
        Assert.Equal(ProjectStatus.Archived, (await grain.ArchiveAsync()).Status);
        // A completed status before the archive is not restored.
        Assert.Equal(ProjectStatus.Draft, (await grain.UnarchiveAsync()).Status);
        await AssertStateErrorAsync(() => grain.UnarchiveAsync());
    }

    [Fact]
    public async Task A_rendering_project_refuses_rename_spec_archive_and_delete()
    {
        var grain = await NewProjectAsync();
        _store.MoveBehindTheGrain(grain.GetPrimaryKey(), ProjectStatus.Rendering);
        await grain.RefreshAsync();

        await AssertStateErrorAsync(() => grain.RenameAsync("x"));
        await AssertStateErrorAsync(() => grain.ReplaceSpecAsync("{}"));
        await AssertStateErrorAsync(() => grain.ArchiveAsync());
        await AssertStateErrorAsync(() => grain.DeleteAsync());
        Assert.Equal(0, _store.Writes);
    }

    [Fact]
    public async Task An_archived_project_may_be_renamed_but_its_storyboard_cannot_change()
    {
        var grain = await NewProjectAsync();
        await grain.ArchiveAsync();

        Assert.Equal("Renamed", (await grain.RenameAsync("Renamed")).Name);
        await AssertStateErrorAsync(() => grain.ReplaceSpecAsync("""{"title":"new"}"""));
        Assert.Equal("""{"title":"t"}""", (await grain.GetAsync())!.SpecJson);
    }

    [Fact]
    public async Task A_write_that_finds_the_row_moved_by_the_pool_decides_again_on_the_fresh_row()
    {
        var grain = await NewProjectAsync();
        // The pool began a render without the grain being told: its copy says draft, at an old version.
        _store.MoveBehindTheGrain(grain.GetPrimaryKey(), ProjectStatus.Rendering);
        await AssertStateErrorAsync(() => grain.ArchiveAsync());

        // The render completed, again unannounced: the write reloads and passes.
        _store.MoveBehindTheGrain(grain.GetPrimaryKey(), ProjectStatus.Completed);
        var replaced = await grain.ReplaceSpecAsync("""{"title":"v2"}""");
        Assert.Equal(ProjectStatus.Completed, replaced.Status);
        Assert.Equal("""{"title":"v2"}""", replaced.SpecJson);
    }
}
