using DescentLab.Data;
using DescentLab.Experiments;
using DescentLab.Io;
using DescentLab.Models;
using DescentLab.Statistics;

namespace DescentLab.Tests.Statistics;

/// <summary>One "reached" rule: L − L* below a fraction of L*, with L* floored at 10⁻⁶ of mean(y²).</summary>
public class ToleranceTests
{
    [Fact]
    public void ToleranceFor_Seed_IsOnePercentOfMinimumLoss()
    {
        var problem = ExperimentRunner.CreateProblem(new ExperimentSpec());
        Assert.Equal(0.01 * problem.FullData.MinimumLoss, new StatisticsOptions().ToleranceFor(problem.FullData));
    }

    [Fact]
    public void ToleranceFor_ScaledData_ScalesWithIt()
    {
        // An absolute tolerance of 1 meant "reached" on data in metres and "never" on the same data in millimetres.
        var options = new StatisticsOptions();
        var x = new[] { -1.0, 0, 1, 2, 3 };
        var y = new[] { 1.0, 0.5, 2, 2.5, 5 };
        var metres = new Problem(new Dataset(["x"], [x], "y", y), 1);
        var millimetres = new Problem(new Dataset(["x"], [x], "y", [.. y.Select(v => v * 1000)]), 1);
        Assert.Equal(1e6 * options.ToleranceFor(metres.FullData), options.ToleranceFor(millimetres.FullData), 6);
    }

    [Fact]
    public void ToleranceFor_ExactFit_UsesTheFloor()
    {
        var x = new[] { -1.0, 0, 1, 2 };
        var problem = new Problem(new Dataset(["x"], [x], "y", [.. x.Select(v => (2 * v) + 1)]), 1);
        var meanSquare = problem.FullData.MeanSquare;
        Assert.True(problem.FullData.MinimumLoss < 1e-20);
        Assert.Equal(0.01 * 1e-6 * meanSquare, new StatisticsOptions().ToleranceFor(problem.FullData), 0.01 * 1e-6 * meanSquare * 1e-12);
    }

    [Fact]
    public void ToleranceText_SaysTheRule() =>
        Assert.Equal("L − L* below 5% of L*", new StatisticsOptions { RelativeTolerance = 0.05 }.ToleranceText);

    [Fact]
    public void Parse_OldAbsoluteToleranceField_IsRejectedWithTheNewName()
    {
        var e = Assert.Throws<SpecFormatException>(() => ExperimentJson.Parse("""{"statistics": {"tolerance": 1}}""", "."));
        Assert.StartsWith("statistics.tolerance: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("relativeTolerance", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RelativeToleranceAndDivergenceFactor_RoundTrip()
    {
        var file = ExperimentJson.Parse("""{"divergenceFactor": 1e9, "statistics": {"relativeTolerance": 0.05}}""", ".");
        Assert.Equal(1e9, file.Spec.Training.DivergenceFactor);
        Assert.Equal(0.05, file.Spec.Statistics.RelativeTolerance);
        var again = ExperimentJson.Parse(ExperimentJson.Write(file), ".");
        Assert.Equal(file.Spec, again.Spec);
    }

    [Fact]
    public void Parse_DivergenceFactorBelowOne_NamesTheField()
    {
        var e = Assert.Throws<SpecFormatException>(() => ExperimentJson.Parse("""{"divergenceFactor": 0.5}""", "."));
        Assert.StartsWith("divergenceFactor: ", e.Message, StringComparison.Ordinal);
    }
}
