using DescentLab.Landscapes;
using DescentLab.Training;

namespace DescentLab.Tests.Landscapes;

public class LandscapePlaneTests
{
    private static readonly GridAxis Unit = GridAxis.Linear(0, 1, 3);

    [Fact]
    public void Create_SameParameterTwice_ThrowsNamingYParameter()
    {
        var error = Assert.Throws<ArgumentException>(() => new LandscapePlane("x", "x", Unit, Unit, LandscapeKind.Profile));
        Assert.StartsWith("YParameter: 'x' is already the x parameter", error.Message, StringComparison.Ordinal);
        Assert.Equal("yParameter", error.ParamName);
    }

    [Fact]
    public void Create_EmptyName_ThrowsNamingXParameter()
    {
        var error = Assert.Throws<ArgumentException>(() => new LandscapePlane(" ", "x", Unit, Unit, LandscapeKind.Profile));
        Assert.StartsWith("XParameter:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_NonFiniteFixedValue_ThrowsNamingFixedValues()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new LandscapePlane("x", "x^2", Unit, Unit, LandscapeKind.Slice, new Dictionary<string, double> { ["1"] = double.NaN }));
        Assert.StartsWith("FixedValues: the value of '1' is NaN", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_FixedValues_AreCopied()
    {
        var values = new Dictionary<string, double> { ["1"] = -2 };
        var plane = new LandscapePlane("x", "x^2", Unit, Unit, LandscapeKind.Slice, values);
        values["1"] = 5;
        Assert.Equal(-2, plane.FixedValues["1"]);
    }

    [Fact]
    public void Covering_OptimumInitAndPath_HoldsEveryPointWithAMargin()
    {
        var problem = SeedGolden.Problem;
        var optimum = problem.FullData.Optimum.ToArray();
        double[] init = [-0.4, 0.3, 0.1];
        var path = new Trajectory(
            problem.ParameterNames,
            [0, 1, 2],
            [0, 0.5, 1],
            [0, 50, 100],
            [double.NaN, 1, 1],
            [1, 1, double.NaN],
            [double.NaN, 1, 1],
            [[0.0, 5.0, double.PositiveInfinity], [1.0, 1.5, double.NaN], [0, 0, 0]],
            2,
            "loss is not finite");
        var plane = LandscapePlane.Covering(problem, "x^2", "x", 50, 60, LandscapeKind.Profile, [init], [path]);

        // x^2 (index 1) spans 0.3 .. θ*≈2.90: span 2.6, margin 0.26 each side. x (index 0) spans -0.4 .. θ*≈9.72.
        var xLow = Math.Min(0.3, optimum[1]);
        var xHigh = Math.Max(0.3, optimum[1]);
        Assert.Equal(xLow - (0.1 * (xHigh - xLow)), plane.XAxis.Start, 12);
        Assert.Equal(xHigh + (0.1 * (xHigh - xLow)), plane.XAxis.Stop, 12);
        var yHigh = optimum[0];
        Assert.Equal(-0.4 - (0.1 * (yHigh + 0.4)), plane.YAxis.Start, 12);
        Assert.Equal(yHigh + (0.1 * (yHigh + 0.4)), plane.YAxis.Stop, 12);
        Assert.Equal(50, plane.XAxis.Count);
        Assert.Equal(60, plane.YAxis.Count);
        Assert.Equal(LandscapeKind.Profile, plane.Kind);
    }

    [Fact]
    public void Covering_UnknownParameter_ThrowsNamingTheField()
    {
        var error = Assert.Throws<ArgumentException>(() => LandscapePlane.Covering(SeedGolden.Problem, "x", "b", 10, 10, LandscapeKind.Slice));
        Assert.StartsWith("YParameter: unknown parameter 'b'", error.Message, StringComparison.Ordinal);
    }
}
