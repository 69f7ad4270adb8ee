using System.CommandLine;
using Framecast.Cli.Configuration;
using Framecast.Cli.Output;
using Spectre.Console;

namespace Framecast.Cli.Commands;

/// <summary><c>framecast teams list</c>.</summary>
public static class TeamsCommand
{
    public static Command Create()
    {
        var teams = new Command("teams", "Your teams");
        var list = new Command("list", "The teams you belong to, with your role and their credits");
        list.SetHandler(async (parse, cancellationToken) =>
        {
            using var session = ApiSession.Open(parse.Connection());
            var all = await session.Api.ListTeamsAsync(cancellationToken);
            if (parse.WantsJson())
            {
                Terminal.Json(all);
                return;
            }
            var table = new Table().AddColumns("id", "name", "role", "credits", "owner URN");
            foreach (var team in all)
            {
                table.AddRow(team.Id.ToString(), Markup.Escape(team.Name), $"{team.Role}".ToLowerInvariant(), team.Credits.ToString(), $"framecast:team:{team.Id}");
            }
            Terminal.Out.Write(table);
        });
        teams.Subcommands.Add(list);
        return teams;
    }
}
