using Framecast.Silo.Storage;
using Microsoft.Extensions.Hosting;

namespace Framecast.Silo.Hosting;

/// <summary>
/// Applies the migrations before the silo starts: Orleans' ADO.NET providers read their queries
/// from the OrleansQuery table the migrations install. Registered before UseOrleans, so it starts first.
/// </summary>
public sealed class MigrationsAtStart(MigrationRunner migrations, SiloOptions options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.ApplyMigrations)
        {
            await migrations.ApplyAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
