using Framecast.Grains.Abstractions.Jobs;
using Framecast.Api.Auth;
using Framecast.Grains.Abstractions.Accounts;
using Framecast.Grains.Abstractions.Teams;
using Framecast.Grains.Abstractions.Users;
using Framecast.Silo.Storage;
using Framecast.Silo.Storage.Accounts;

namespace Framecast.Api.Hosting;

/// <summary>
/// Dev helpers run as <c>dotnet run --project src/Api -- token EMAIL</c> and <c>-- seed</c> (behind <c>just token</c>
/// and <c>just seed</c>): they use the same grains as the API, against <c>DATABASE_URL</c>, with a silo of their own.
/// </summary>
public static class AccountCommands
{
    public const string SeedPassword = "framecast-demo";

    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] is "token" or "seed";

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        await app.Services.GetRequiredService<MigrationRunner>().ApplyAsync();
        // The grains need the co-hosted silo running; it joins the cluster of DATABASE_URL and leaves it at the end.
        await app.StartAsync();
        try
        {
            return args[0] == "token" ? await TokenAsync(app.Services, args) : await SeedAsync(app.Services);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    /// <summary>Prints a JWT for EMAIL: the existing user's id, or a fresh id that the first request provisions as a starter.</summary>
    private static async Task<int> TokenAsync(IServiceProvider services, string[] args)
    {
        if (args.Length < 2 || !EmailAddress.IsValid(args[1].Trim().ToLowerInvariant()))
        {
            await Console.Error.WriteLineAsync("usage: token EMAIL");
            return 2;
        }
        var email = args[1].Trim().ToLowerInvariant();
        var userId = await services.GetRequiredService<AuthStore>().FindUserIdByEmailAsync(email) ?? Guid.NewGuid();
        Console.WriteLine(services.GetRequiredService<JwtTokens>().Issue(userId, email).Token);
        return 0;
    }

    /// <summary>A small demo world: a creator with a team and credits, a starter, both able to sign in with a password.</summary>
    private static async Task<int> SeedAsync(IServiceProvider services)
    {
        var grains = services.GetRequiredService<IGrainFactory>();
        var auth = services.GetRequiredService<AuthStore>();
        var passwords = services.GetRequiredService<Passwords>();
        var tokens = services.GetRequiredService<JwtTokens>();

        async Task<UserProfile> UserAsync(string email)
        {
            // The sign-in identity first: an earlier seed may have stopped between creating it and provisioning the user.
            var id = (await auth.FindIdentityAsync(email))?.UserId ?? await auth.FindUserIdByEmailAsync(email);
            if (id is null)
            {
                id = Guid.NewGuid();
                await auth.CreateIdentityAsync(id.Value, email, passwords.Hash(SeedPassword));
            }
            return await grains.GetGrain<IUserGrain>(id.Value).ProvisionAsync(email);
        }

        var creator = await UserAsync("creator@framecast.local");
        var creatorGrain = grains.GetGrain<IUserGrain>(creator.Id);
        var upgrade = await creatorGrain.UpgradeAsync();
        var teams = await creatorGrain.ListTeamsAsync();
        var studio = teams.FirstOrDefault(t => t.Team.Name == "Demo Studio")?.Team
            ?? (await creatorGrain.CreateTeamAsync("Demo Studio", null)).Team;
        if (studio.Credits < 1000)
        {
            await grains.GetGrain<ICreditPoolGrain>(new CreditPool(CreditPoolKind.Team, studio.Id).Key).AdjustCreditsAsync(1000 - studio.Credits, "seed: demo team credits", null);
        }
        var creatorNow = await creatorGrain.GetAsync();
        if (creatorNow!.Credits < 500)
        {
            await grains.GetGrain<ICreditPoolGrain>(new CreditPool(CreditPoolKind.User, creator.Id).Key).AdjustCreditsAsync(500 - creatorNow.Credits, "seed: demo personal credits", null);
        }
        var starter = await UserAsync("starter@framecast.local");
        var starterGrain = grains.GetGrain<IUserGrain>(starter.Id);
        var starterNow = await starterGrain.GetAsync();
        if (starterNow!.Credits < 100)
        {
            await grains.GetGrain<ICreditPoolGrain>(new CreditPool(CreditPoolKind.User, starter.Id).Key).AdjustCreditsAsync(100 - starterNow.Credits, "seed: demo personal credits", null);
        }

        Console.WriteLine($"""
            Seeded the demo world (password for both: {SeedPassword}):

              creator@framecast.local  creator, 500 credits, owns "{upgrade.Team.Name}" and "Demo Studio" (1000 credits)
                user id   {creator.Id}
                team id   {studio.Id}   owner URN framecast:team:{studio.Id}
                token     {tokens.Issue(creator.Id, creator.Email).Token}

              starter@framecast.local  starter, 100 credits
                user id   {starter.Id}
                token     {tokens.Issue(starter.Id, starter.Email).Token}

            Try it:
              curl -s http://127.0.0.1:3000/v1/account -H "Authorization: Bearer <token>"
              curl -s http://127.0.0.1:3000/v1/teams -H "Authorization: Bearer <creator token>"
              curl -s -X POST http://127.0.0.1:3000/v1/auth/token -H 'Content-Type: application/json' \
                   -d '{"{"}"email":"creator@framecast.local","password":"{SeedPassword}"{"}"}'
            """);
        return 0;
    }
}
