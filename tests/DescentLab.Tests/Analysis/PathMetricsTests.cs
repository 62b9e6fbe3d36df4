using DescentLab.Analysis;
using DescentLab.Training;

namespace DescentLab.Tests.Analysis;

public class PathMetricsTests
{
    private static readonly string[] Names = ["x", "1"];

    /// <summary>A two-parameter path with the given full-data losses; θ = (loss, 0) so distances are easy.</summary>
    private static Trajectory Path(double[] loss, long? divergedAt = null)
    {
        var rows = loss.Length;
        return new Trajectory(
            Names,
            [.. Enumerable.Range(0, rows).Select(k => (long)k)],
            [.. Enumerable.Range(0, rows).Select(k => k / 4.0)],
            [.. Enumerable.Range(0, rows).Select(k => k * 25L)],
            [.. Enumerable.Repeat(double.NaN, rows)],
            loss,
            [.. Enumerable.Repeat(double.NaN, rows)],
            [[.. loss.Select(l => l + 3)], [.. Enumerable.Repeat(4.0, rows)]],
            divergedAt,
            divergedAt is null ? null : "loss is not finite");
    }

    [Fact]
    public void Of_Columns_AreExcessLossAndDistance()
    {
        var metrics = PathMetrics.Of(Path([11.0, 5.0, 2.0]), [3.0, 0.0], 1.0);
        Assert.Equal([10.0, 4.0, 1.0], metrics.ExcessLoss.ToArray());

        // θ − θ* = (loss, 4): distances √(121 + 16), √(25 + 16), √(4 + 16).
        Assert.Equal(Math.Sqrt(137), metrics.DistanceToOptimum[0], 14);
        Assert.Equal(Math.Sqrt(41), metrics.DistanceToOptimum[1], 14);
        Assert.Equal(Math.Sqrt(20), metrics.DistanceToOptimum[2], 14);
    }

    [Fact]
    public void FirstBelow_PathThatDipsAndRises_ReturnsTheRowAfterTheLastExceedance()
    {
        // Excess loss 10, 0.5, 3, 0.4, 0.2, 0.1: below 1 for good from row 3.
        var metrics = PathMetrics.Of(Path([11, 1.5, 4, 1.4, 1.2, 1.1]), [0.0, 0.0], 1.0);
        var point = metrics.FirstBelow(1.0);
        Assert.Equal(new ConvergencePoint(3, 3, 0.75, 75), point);
        Assert.Equal(new ConvergencePoint(0, 0, 0, 0), metrics.FirstBelow(100));
        Assert.Null(metrics.FirstBelow(0.1));
    }

    [Fact]
    public void FirstBelow_DivergedPath_IsNull()
    {
        var metrics = PathMetrics.Of(Path([11, 1.5, double.PositiveInfinity], divergedAt: 2), [0.0, 0.0], 1.0);
        Assert.Equal(double.PositiveInfinity, metrics.ExcessLoss[2]);
        Assert.Null(metrics.FirstBelow(1.0));
    }

    [Fact]
    public void FirstBelow_NaNInTheMiddle_CountsAsAbove()
    {
        var metrics = PathMetrics.Of(Path([1.1, double.NaN, 1.2, 1.1]), [0.0, 0.0], 1.0);
        Assert.Equal(2, metrics.FirstBelow(0.5)?.Row);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void FirstBelow_ToleranceNotPositive_Throws(double tolerance)
    {
        var metrics = PathMetrics.Of(Path([1.0]), [0.0, 0.0], 1.0);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => metrics.FirstBelow(tolerance));
        Assert.Equal("tolerance", error.ParamName);
    }

    [Fact]
    public void Of_OptimumOfWrongLength_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => PathMetrics.Of(Path([1.0]), [0.0], 1.0));
        Assert.Equal("optimum", error.ParamName);
    }

    [Fact]
    public void Of_Problem_UsesItsOptimumAndMinimum()
    {
        var problem = Landscapes.SeedGolden.Problem;
        var optimum = problem.FullData.Optimum.ToArray();
        var path = new Trajectory(
            problem.ParameterNames,
            [0],
            [0],
            [0],
            [double.NaN],
            [problem.Loss(optimum) + 0.5],
            [double.NaN],
            [[optimum[0] + 3], [optimum[1]], [optimum[2] + 4]],
            null,
            null);
        var metrics = PathMetrics.Of(path, problem);
        Assert.Equal(0.5, metrics.ExcessLoss[0], 12);
        Assert.Equal(5.0, metrics.DistanceToOptimum[0], 12);
    }
}
