using Harness.Core;
using Harness.Images;

namespace Harness.Tests.Workloads;

/// <summary>Publishes (or reuses) the Native AOT workload binary once for the test assembly.</summary>
public sealed class WorkloadBinaryFixture
{
    public WorkloadBinary Binary { get; } =
        new ImageBuilder(HarnessPaths.Default(), _ => { }).EnsureWorkloadAsync(CancellationToken.None).GetAwaiter().GetResult();
}

[CollectionDefinition("workload-binary")]
public sealed class WorkloadBinaryCollection : ICollectionFixture<WorkloadBinaryFixture>;
