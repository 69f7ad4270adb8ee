using Framecast.Grains.Abstractions.Jobs;
using Framecast.Grains.Jobs;
using Framecast.Silo.Jobs;
using Framecast.Silo.Storage.Jobs;
using Framecast.Silo.Workers;
using Microsoft.Extensions.DependencyInjection;

namespace Framecast.Silo.Hosting;

public static class JobPipelineServiceCollectionExtensions
{
    /// <summary>The job pipeline of a silo: credit-pool and job grains, their stores, the worker backend, the dispatcher and the event feed.</summary>
    public static IServiceCollection AddJobPipeline(this IServiceCollection services, JobExecutionOptions execution, WorkerBackendOptions worker)
    {
        services.AddSingleton(execution);
        services.AddSingleton(worker);
        services.AddSingleton<JobQueries>();
        services.AddSingleton<JobEventFeed>();
        services.AddSingleton<ICreditPoolStore, PostgresCreditPoolStore>();
        services.AddSingleton<IJobStore, PostgresJobStore>();
        services.AddHttpClient<IWorkerBackend, RunPodWorkerBackend>(client => client.Timeout = TimeSpan.FromSeconds(30));
        services.AddGrain<ICreditPoolGrain, CreditPoolGrain>();
        services.AddGrain<IJobGrain, JobGrain>();
        services.AddHostedService<JobDispatcher>();
        return services;
    }
}
