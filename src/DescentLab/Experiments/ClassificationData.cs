using DescentLab.Data;

namespace DescentLab.Experiments;

/// <summary>Generated classification data: two moons, circles, blobs or XOR, drawn with NumPy's legacy generator.</summary>
/// <param name="Generator">The generator's settings.</param>
public sealed record ClassificationData(ClassificationDataGenerator Generator) : DataSpec
{
    /// <inheritdoc/>
    public override bool DependsOnSeed => true;

    /// <inheritdoc/>
    public override Dataset Create(uint seed) => Generator.Generate(seed);
}
