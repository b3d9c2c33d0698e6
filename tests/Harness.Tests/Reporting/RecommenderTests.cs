using Harness.Reporting;
using Harness.Tests.Fakes;

namespace Harness.Tests.Reporting;

public class RecommenderTests
{
    /// <summary>SYNTHETIC figures in the shape this machine measures (ms): runc ~40, gVisor ~160, microVM (TCG) ~4800.</summary>
    private static Recommender Synthetic() => new(SyntheticRun.Create(
    [
        ("runc-standard", "cold_start_ready_ms", [38.0, 40, 42]), ("runc-hardened", "cold_start_ready_ms", [39.0, 41, 43]),
        ("gvisor", "cold_start_ready_ms", [150.0, 160, 170]), ("qemu-microvm", "cold_start_ready_ms", [4700.0, 4800, 4900]),
    ]));

    [Fact]
    public void I_can_get_a_microvm_for_30_seconds_of_untrusted_code() =>
        Assert.Equal(Recommender.MicroVm, Synthetic().Recommend(new(Trust.UserSupplied, 5000, 30, false, Tenancy.Multi, Role.CodeSandbox)).Tier);

    [Fact]
    public void I_can_get_a_hardened_container_for_a_50_ms_trusted_tool_call()
    {
        var r = Synthetic().Recommend(new(Trust.Internal, 50, 0.05, false, Tenancy.Single, Role.AgentRuntime));
        Assert.Equal(Recommender.Hardened, r.Tier);
        Assert.Equal(Recommender.Standard, r.RunnerUp);
    }

    [Fact]
    public void I_can_get_a_microvm_for_regulated_multi_tenant_work() =>
        Assert.Equal(Recommender.MicroVm, Synthetic().Recommend(new(Trust.UserSupplied, 50, 0.05, true, Tenancy.Multi, Role.AgentRuntime)).Tier);

    [Fact]
    public void I_can_get_gvisor_for_a_short_untrusted_tool_call_when_the_vm_start_does_not_fit()
    {
        var r = Synthetic().Recommend(new(Trust.UserSupplied, 250, 0.05, false, Tenancy.Single, Role.AgentRuntime));
        Assert.Equal(Recommender.Gvisor, r.Tier);
        Assert.Equal(Recommender.MicroVm, r.RunnerUp);
        Assert.Contains("4800 ms", r.Why);
    }

    [Fact]
    public void I_can_route_a_mix_and_pay_less_start_up_than_microvm_everywhere()
    {
        var rec = Synthetic();
        double hybrid = rec.Route(Recommender.ArticleClasses).Sum(r => r.StartCostMsPerS);
        double allVm = rec.Route(Recommender.ArticleClasses, Recommender.MicroVm).Sum(r => r.StartCostMsPerS);
        Assert.True(hybrid < allVm);
    }

    [Theory]
    [InlineData(5, 5, 20, ClaimVerdict.Within)]
    [InlineData(20, 5, 20, ClaimVerdict.Within)]
    [InlineData(4.999, 5, 20, ClaimVerdict.Below)]
    [InlineData(20.001, 5, 20, ClaimVerdict.Above)]
    public void I_can_place_a_measured_figure_against_a_claimed_range(double measured, double lo, double hi, ClaimVerdict expected) =>
        Assert.Equal(expected, SeedClaims.Judge(measured, lo, hi));
}
