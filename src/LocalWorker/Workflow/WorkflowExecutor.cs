using Framecast.LocalWorker.Rendering;
using Framecast.LocalWorker.Storage;

namespace Framecast.LocalWorker.Workflow;

/// <summary>Compiles a job's workflow, then runs its steps in order in a scratch folder removed afterwards.</summary>
public sealed class WorkflowExecutor(
    FfmpegRenderer ffmpeg, PlaceholderRenderer placeholder, OutputUploader uploader, MediaDownloader downloader, MediaProbe probe)
{
    public async Task<JobCompletion> ExecuteAsync(WorkerJob job, WorkerInput input, CancellationToken cancellationToken)
    {
        var workflow = WorkflowCompiler.Compile(input.Workflow, input.Framecast);
        var renderer = input.Steering.SkipRender == true ? (IVideoRenderer)placeholder : ffmpeg;
        var workDirectory = Directory.CreateTempSubdirectory("framecast-local-worker-");
        try
        {
            var context = new StepContext(
                workDirectory.FullName, workflow.SceneCount, input.Steering, renderer, uploader, downloader, probe, job.ReportProgress);
            foreach (var step in workflow.Steps)
            {
                await step.ExecuteAsync(context, cancellationToken);
            }

            return context.Completion ?? throw new InvalidOperationException("The workflow finished without its save step.");
        }
        finally
        {
            workDirectory.Delete(recursive: true);
        }
    }
}
