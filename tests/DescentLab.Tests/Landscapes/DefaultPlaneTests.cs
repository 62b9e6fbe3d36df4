using DescentLab.Data;
using DescentLab.Experiments;
using DescentLab.Landscapes;
using DescentLab.Models;

namespace DescentLab.Tests.Landscapes;

public class DefaultPlaneTests
{
    private static readonly double[] X = [-3.0, -1, 0, 1, 2, 4];

    [Fact]
    public void DefaultParameters_Seed_IsXSquaredAgainstX() =>
        Assert.Equal(("x^2", "x"), LandscapePlane.DefaultParameters(ExperimentRunner.CreateProblem(new ExperimentSpec())));

    [Fact]
    public void DefaultParameters_DegreeOne_IsTheTwoParametersThereAreByCurvature()
    {
        // mean(x²) = 31/6 > 1 = mean(1²): x curves more than the intercept.
        var problem = new Problem(new Dataset(["x"], [X], "y", [.. X.Select(v => v + 1)]), 1);
        Assert.Equal(("x", "1"), LandscapePlane.DefaultParameters(problem));
    }

    [Fact]
    public void DefaultParameters_SmallInputsAndTwoColumns_PicksTheLargestDiagonalOfH()
    {
        // Inputs in [−0.3, 0.4]: the intercept (curvature 2) beats every power of u; v's squares are larger than u's.
        double[] u = [.. X.Select(v => v / 10)];
        double[] w = [.. X.Select(v => v / 5)];
        var problem = new Problem(new Dataset(["u", "w"], [u, w], "y", [.. X]), 2);
        Assert.Equal(("1", "w"), LandscapePlane.DefaultParameters(problem));
    }
}
