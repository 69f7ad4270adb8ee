using Framecast.Grains.Abstractions.Jobs;
using Framecast.Grains.Jobs;

namespace Framecast.Grains.Tests.Jobs;

public sealed class RefundPolicyTests
{
    // The worked examples of spec 07 §12.3 (charged = 100).
    [Theory]
    [InlineData(JobStatus.Failed, FailureType.System, 45, 100)]
    [InlineData(JobStatus.Failed, FailureType.Timeout, 80, 100)]
    [InlineData(JobStatus.Failed, FailureType.Validation, 40, 60)]
    [InlineData(JobStatus.Canceled, FailureType.Canceled, 30, 63)]
    [InlineData(JobStatus.Canceled, FailureType.Canceled, 0, 90)]
    public void Refunds_follow_the_specs_worked_examples(JobStatus status, FailureType type, int percent, int expected) =>
        Assert.Equal(expected, RefundPolicy.Refund(100, status, type, percent));

    [Fact]
    public void A_completed_job_is_never_refunded() =>
        Assert.Equal(0, RefundPolicy.Refund(100, JobStatus.Completed, null, 100));

    [Fact]
    public void Cancel_uses_floor_in_exact_arithmetic_not_binary_floating_point() =>
        // 30 charged at 30 %: floor(30 × 0.7 × 0.9) = floor(18.9) = 18, as the spec says the formula gives.
        Assert.Equal(18, RefundPolicy.Refund(30, JobStatus.Canceled, FailureType.Canceled, 30));

    [Fact]
    public void A_refund_never_exceeds_the_charge_nor_goes_below_zero()
    {
        for (var charged = 0; charged <= 200; charged += 7)
        {
            foreach (var type in Enum.GetValues<FailureType>())
            {
                for (var percent = -10; percent <= 110; percent += 5)
                {
                    var refund = RefundPolicy.Refund(charged, type == FailureType.Canceled ? JobStatus.Canceled : JobStatus.Failed, type, percent);
                    Assert.InRange(refund, 0, charged);
                }
            }
        }
    }

    [Fact]
    public void Cancel_always_keeps_at_least_ten_percent() =>
        Assert.Equal(9, RefundPolicy.Refund(10, JobStatus.Canceled, FailureType.Canceled, 0));
}
