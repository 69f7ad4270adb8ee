using System.CommandLine;
using Framecast.Cli.Commands;
using Framecast.Cli.Output;

var root = new RootCommand("framecast: render storyboards into videos with the Framecast API")
{
    LoginCommand.Create(),
    LoginCommand.CreateLogout(),
    RenderCommand.Create(),
    JobsCommand.Create(),
    KeysCommand.Create(),
    TeamsCommand.Create(),
    CreditsCommand.Create(),
};
root.Options.Add(GlobalOptions.Json);
root.Options.Add(GlobalOptions.ApiUrl);

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
    {
        Console.Error.WriteLine($"error: {error.Message}");
    }
    return ExitCodes.InvalidInput;
}
// Ctrl-C is the commands' own business: following a job stops without canceling it unless asked to.
return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
