using DescentLab.Data;

namespace DescentLab.Experiments;

/// <summary>Where an experiment's dataset comes from: generated from the seed, or given.</summary>
public abstract record DataSpec
{
    /// <summary>Whether replicates draw new data (generated data) or share it (a given dataset).</summary>
    public abstract bool DependsOnSeed { get; }

    /// <summary>The dataset for experiment seed <paramref name="seed"/>.</summary>
    public abstract Dataset Create(uint seed);
}
