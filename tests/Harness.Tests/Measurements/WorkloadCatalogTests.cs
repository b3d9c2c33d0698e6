using Harness.Measurements;

namespace Harness.Tests.Measurements;

public class WorkloadCatalogTests
{
    [Fact]
    public void I_can_rely_on_n_of_at_least_30_per_cell_in_the_full_profile()
    {
        // codeexec is the declared exception: 3 runs of 30 s, each a series of per-second throughput windows.
        foreach (var w in WorkloadCatalog.All.Where(w => w.Id != "codeexec"))
            Assert.True(w.N(RunProfile.Full) >= 30, $"{w.Id}: full n = {w.N(RunProfile.Full)}");
        Assert.All(WorkloadCatalog.All, w => Assert.True(w.N(RunProfile.Nightly) >= w.N(RunProfile.Quick)));
    }
}
