using DescentLab.Data;

namespace DescentLab.Experiments;

/// <summary>Generated data: a polynomial in x plus Gaussian noise, drawn with NumPy's legacy generator.</summary>
/// <param name="Generator">The generator's settings.</param>
public sealed record PolynomialData(PolynomialDataGenerator Generator) : DataSpec
{
    /// <inheritdoc/>
    public override bool DependsOnSeed => true;

    /// <inheritdoc/>
    public override Dataset Create(uint seed) => Generator.Generate(seed);
}
