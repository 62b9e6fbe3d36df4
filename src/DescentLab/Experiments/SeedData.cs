using DescentLab.Data;

namespace DescentLab.Experiments;

/// <summary>The seed notebook's generated data: noisy coefficients per sample, drawn with NumPy's legacy generator.</summary>
/// <param name="Generator">The generator's settings (the notebook's by default).</param>
public sealed record SeedData(SeedDataGenerator Generator) : DataSpec
{
    /// <summary>The notebook's data: 100 samples, x ~ U(−5, 3), a ~ N(3, 0.5), b ~ N(10, 1), c ~ N(−2, 2).</summary>
    public SeedData()
        : this(new SeedDataGenerator())
    {
    }

    /// <inheritdoc/>
    public override bool DependsOnSeed => true;

    /// <inheritdoc/>
    public override Dataset Create(uint seed) => Generator.Generate(seed);
}
