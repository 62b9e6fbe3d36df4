using DescentLab.Data;

namespace DescentLab.Experiments;

/// <summary>A dataset given in memory; the same for every seed.</summary>
/// <param name="Dataset">The dataset.</param>
public sealed record GivenData(Dataset Dataset) : DataSpec
{
    /// <inheritdoc/>
    public override bool DependsOnSeed => false;

    /// <inheritdoc/>
    public override Dataset Create(uint seed) => Dataset;
}
