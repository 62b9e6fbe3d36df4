using DescentLab.Analysis;
using DescentLab.Experiments;

namespace DescentLab.Tests;

public class NumberTextTests
{
    [Theory]
    [InlineData(2.07046e-10, 6, "2.07046e-10")]
    [InlineData(8.4749e7, 6, "8.4749e+07")]
    [InlineData(1e-8, 6, "1e-08")]
    [InlineData(0.0940856, 6, "0.0940856")]
    [InlineData(689.678, 4, "689.7")]
    [InlineData(double.NaN, 6, "NaN")]
    [InlineData(double.PositiveInfinity, 6, "Infinity")]
    public void G_WritesTheExponentAsTheConsoleDoes(double value, int digits, string expected) =>
        Assert.Equal(expected, NumberText.G(value, digits));

    /// <summary>The warning printed "lr 1E+05 is 1.02E+07× the GD stability bound" beside the console's lower-case exponents.</summary>
    [Fact]
    public void StabilityWarning_OfAHugeLearningRate_WritesTheExponentAsTheConsoleDoes()
    {
        var seed = new ExperimentSpec();
        var methods = seed.Methods.Select(m => m with { Optimizer = m.Optimizer with { LearningRate = 1e5 } });

        var warning = Assert.Single(StabilityWarning.Of(ProblemAnalysis.Analyze(ExperimentRunner.CreateProblem(seed)), methods));

        Assert.StartsWith("gd, sgd, sgd-shuffle: lr 1e+05 is 1.02e+07× the GD stability bound 2/λmax = 0.00977;", warning.Message, StringComparison.Ordinal);
    }
}
