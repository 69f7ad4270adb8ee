using Framecast.Grains.Abstractions.Accounts;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Accounts;

namespace Framecast.Grains.Tests.Accounts;

public sealed class OwnerUrnTests
{
    private static readonly Guid T = Guid.Parse("11111111-2222-3333-4444-555555555555");
    private static readonly Guid U = Guid.Parse("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");

    [Fact]
    public void The_three_forms_round_trip_and_are_classified_by_shape()
    {
        Assert.Equal($"framecast:user:{U}", OwnerUrn.ForUser(U).ToString());
        Assert.Equal($"framecast:team:{T}", OwnerUrn.ForTeam(T).ToString());
        Assert.Equal($"framecast:{T}:{U}", OwnerUrn.ForMembership(T, U).ToString());
        foreach (var urn in new[] { OwnerUrn.ForUser(U), OwnerUrn.ForTeam(T), OwnerUrn.ForMembership(T, U) })
        {
            Assert.Equal(urn, OwnerUrn.Parse(urn.ToString()));
        }
        var membership = OwnerUrn.Parse($"framecast:{T}:{U}");
        Assert.Equal((OwnerUrnKind.Membership, (Guid?)T, (Guid?)U), (membership.Kind, membership.TeamId, membership.UserId));
        Assert.Null(OwnerUrn.ForUser(U).TeamId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("framecast:user:usr_abc123")]
    [InlineData("framecast:user:AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE")]
    [InlineData("framecast:user:aaaaaaaabbbbccccddddeeeeeeeeeeee")]
    [InlineData("framecast:system:sfx:whoosh")]
    [InlineData("framecast:tm_x:usr_y")]
    [InlineData("urn:framecast:user:aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee")]
    [InlineData("framecast:team:aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee:x")]
    public void Malformed_urns_do_not_parse(string? text)
    {
        Assert.False(OwnerUrn.TryParse(text, out _));
        if (text is not null)
        {
            Assert.Equal("VALIDATION_ERROR", Assert.Throws<DomainException>(() => OwnerUrn.Parse(text)).Error.Code);
        }
    }

    [Theory]
    [InlineData(TeamRole.Owner, TeamAction.DeleteTeam, true)]
    [InlineData(TeamRole.Admin, TeamAction.DeleteTeam, false)]
    [InlineData(TeamRole.Admin, TeamAction.Invite, true)]
    [InlineData(TeamRole.Member, TeamAction.Invite, false)]
    [InlineData(TeamRole.Member, TeamAction.Render, true)]
    [InlineData(TeamRole.Viewer, TeamAction.Render, false)]
    [InlineData(TeamRole.Viewer, TeamAction.ViewMembers, true)]
    [InlineData(TeamRole.Viewer, TeamAction.UseOwnerUrn, false)]
    [InlineData(TeamRole.Viewer, TeamAction.Leave, true)]
    public void The_role_matrix_matches_the_spec(TeamRole role, TeamAction action, bool allowed) =>
        Assert.Equal(allowed, TeamPermissions.Allows(role, action));

    [Theory]
    [InlineData("My Team", "my-team")]
    [InlineData("  Crème  brûlée!! ", "creme-brulee")]
    [InlineData("Straße & Œuvre", "strasse-oeuvre")]
    [InlineData("日本", "")]
    public void Slugify_lowercases_transliterates_and_joins_with_single_hyphens(string name, string slug) =>
        Assert.Equal(slug, Slugs.Slugify(name));

    [Fact]
    public void Generated_slugs_are_valid_and_at_most_fifty_characters()
    {
        foreach (var name in new[] { new string('a', 100), "日本", "--x--", "Team " + new string('-', 60) + "z" })
        {
            var slug = Slugs.Generate(name);
            Assert.True(Slugs.IsValid(slug), slug);
        }
    }
}
