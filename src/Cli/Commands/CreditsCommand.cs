using System.CommandLine;
using Framecast.Cli.Configuration;
using Framecast.Cli.Output;
using Spectre.Console;

namespace Framecast.Cli.Commands;

/// <summary><c>framecast credits</c>: the balances you can spend from and an owner's usage.</summary>
public static class CreditsCommand
{
    public static Command Create()
    {
        var owner = new Option<string?>("--owner") { Description = "Whose usage: framecast:user:<id> or framecast:team:<id> (default: yours)" };
        var credits = new Command("credits", "Credit balances (yours and your teams') and usage per month") { owner };
        credits.SetHandler(async (parse, cancellationToken) =>
        {
            using var session = ApiSession.Open(parse.Connection());
            var account = await session.Api.GetAccountAsync(cancellationToken);
            var teams = await TeamsAsync(session.Api, cancellationToken);
            var usage = await session.Api.GetUsageAsync(owner: parse.GetValue(owner), cancellationToken: cancellationToken);
            if (parse.WantsJson())
            {
                Terminal.Json(new
                {
                    balances = new[] { new { owner = $"framecast:user:{account.Id}", name = account.Email, credits = account.Credits } }
                        .Concat(teams.Select(t => new { owner = $"framecast:team:{t.Id}", name = t.Name, credits = t.Credits })),
                    usage,
                });
                return;
            }
            var balances = new Table().Title("Balances").AddColumns("pool", "owner URN", "credits");
            balances.AddRow($"you ({Markup.Escape(account.Email)})", $"framecast:user:{account.Id}", account.Credits.ToString());
            foreach (var team in teams)
            {
                balances.AddRow(Markup.Escape(team.Name), $"framecast:team:{team.Id}", team.Credits.ToString());
            }
            Terminal.Out.Write(balances);

            var months = new Table().Title($"Usage of {Markup.Escape(usage.Owner)}").AddColumns("month", "renders", "seconds", "charged", "refunded", "net");
            foreach (var period in usage.Periods)
            {
                months.AddRow(period.Period, period.Renders_count.ToString(), period.Render_seconds.ToString(), period.Credits_used.ToString(),
                    period.Credits_refunded.ToString(), period.Net_credits.ToString());
            }
            var total = usage.Totals;
            months.AddRow("[bold]total[/]", total.Renders_count.ToString(), total.Render_seconds.ToString(), total.Credits_used.ToString(),
                total.Credits_refunded.ToString(), total.Net_credits.ToString());
            Terminal.Out.Write(months);
        });
        return credits;
    }

    /// <summary>A starter belongs to no team and may not list them: for them the list is empty, not an error.</summary>
    private static async Task<IReadOnlyList<TeamResponse>> TeamsAsync(FramecastApi api, CancellationToken cancellationToken)
    {
        try
        {
            return [.. await api.ListTeamsAsync(cancellationToken)];
        }
        catch (FramecastApiException ex) when (ex.StatusCode == 403)
        {
            return [];
        }
    }
}
