using Framecast.Api.Auth;
using Framecast.Grains.Abstractions.Jobs;
using Framecast.Grains.Jobs;
using Framecast.Grains.Storyboards;

namespace Framecast.Api.Jobs;

/// <summary>A caller's job creation (generate, clone, render): its storyboard may use the uploads of the job's owner
/// and of that owner's team, as far as the caller can see them.</summary>
public sealed class JobAdmission(JobAdmitter admitter, OwnerAccess owners)
{
    public Task<AdmissionResult> AdmitAsync(Caller caller, JobRequest request, CancellationToken cancellationToken) =>
        admitter.AdmitAsync(request, new AssetLookupScope(() => owners.AccessibleUrnsAsync(caller), request.Owner), cancellationToken);
}
