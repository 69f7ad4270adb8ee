using Framecast.Grains.Abstractions.Jobs;

namespace Framecast.Grains.Jobs;

/// <summary>spec/pricing.md "Priority": urgent costs half as much again as the estimate, rounded up; the other
/// priorities cost the estimate.</summary>
public static class PriorityPricing
{
    public static int Credits(int estimatedCredits, JobPriority priority) =>
        priority == JobPriority.Urgent ? (estimatedCredits * 3 + 1) / 2 : estimatedCredits;
}
