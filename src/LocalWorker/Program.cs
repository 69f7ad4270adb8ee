using Framecast.LocalWorker;
using Framecast.LocalWorker.Configuration;

// SIGTERM stops the host, which cancels running jobs and kills their ffmpeg processes.
await LocalWorkerHost.Build(WorkerSettings.FromEnvironment(), args).RunAsync();
