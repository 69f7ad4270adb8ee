using System.CommandLine;
using Framecast.Cli.Configuration;
using Framecast.Cli.Output;
using Spectre.Console;

namespace Framecast.Cli.Commands;

/// <summary><c>framecast keys create|list|revoke</c>: API keys for scripts and services.</summary>
public static class KeysCommand
{
    public static Command Create()
    {
        var keys = new Command("keys", "Create, list and revoke API keys");

        var name = new Option<string?>("--name") { Description = "A name to know the key by" };
        var owner = new Option<string?>("--owner") { Description = "Who the key acts for: framecast:user:<id> or framecast:team:<id> (default: you)" };
        var scopes = new Option<string[]>("--scope") { Description = "A scope the key gets (repeatable; default: the API's default scopes)", AllowMultipleArgumentsPerToken = false };
        var create = new Command("create", "Create a key; its secret is shown this once") { name, owner, scopes };
        create.SetHandler(async (parse, cancellationToken) =>
        {
            using var session = ApiSession.Open(parse.Connection());
            var wanted = parse.GetValue(scopes);
            var created = await session.Api.CreateApiKeyAsync(new CreateApiKeyRequest
            {
                Name = parse.GetValue(name),
                Owner = parse.GetValue(owner),
                Scopes = wanted is { Length: > 0 } ? wanted : null,
            }, cancellationToken);
            if (parse.WantsJson())
            {
                Terminal.Json(created);
                return;
            }
            Terminal.Out.MarkupLineInterpolated($"Key [bold]{created.Api_key.Id}[/] ({created.Api_key.Name}) for {created.Api_key.Owner}, scopes {string.Join(", ", created.Api_key.Scopes)}.");
            Terminal.Out.MarkupLine("Its secret, shown only now:");
            Terminal.Out.WriteLine(created.Raw_key);
        });
        keys.Subcommands.Add(create);

        var list = new Command("list", "Your keys, newest first, revoked ones included");
        list.SetHandler(async (parse, cancellationToken) =>
        {
            using var session = ApiSession.Open(parse.Connection());
            var all = await session.Api.ListApiKeysAsync(cancellationToken);
            if (parse.WantsJson())
            {
                Terminal.Json(all);
                return;
            }
            var table = new Table().AddColumns("id", "name", "prefix", "owner", "scopes", "state");
            foreach (var key in all)
            {
                var state = key.Revoked_at is not null ? "revoked" : key.Expires_at < DateTimeOffset.UtcNow ? "expired" : "active";
                table.AddRow(key.Id.ToString(), Markup.Escape(key.Name), Markup.Escape(key.Key_prefix), Markup.Escape(key.Owner),
                    Markup.Escape(string.Join(" ", key.Scopes)), state);
            }
            Terminal.Out.Write(table);
        });
        keys.Subcommands.Add(list);

        var keyId = new Argument<Guid>("key-id") { Description = "The key's id" };
        var revoke = new Command("revoke", "Revoke a key; it stops working at once") { keyId };
        revoke.SetHandler(async (parse, cancellationToken) =>
        {
            using var session = ApiSession.Open(parse.Connection());
            await session.Api.RevokeApiKeyAsync(parse.GetValue(keyId), cancellationToken);
            if (parse.WantsJson())
            {
                Terminal.Json(new { id = parse.GetValue(keyId), revoked = true });
            }
            else
            {
                Terminal.Out.WriteLine($"Key {parse.GetValue(keyId)} revoked.");
            }
        });
        keys.Subcommands.Add(revoke);
        return keys;
    }
}
