using DescentLab.Experiments;
using DescentLab.Landscapes;
using DescentLab.Training;

namespace DescentLab.Tests.Landscapes;

public class LandscapeJobTests
{
    private static readonly Lazy<ExperimentResult> Seed = new(() => ExperimentRunner.Run(new ExperimentSpec { Training = new TrainingOptions { Epochs = 20 } }));

    [Fact]
    public void Evaluate_Default_SliceThenProfileOverTheDefaultPlane()
    {
        var surfaces = new LandscapeJob { Resolution = 7 }.Evaluate(Seed.Value);

        Assert.Equal([LandscapeKind.Slice, LandscapeKind.Profile], surfaces.Select(s => s.Kind));
        Assert.All(surfaces, s => Assert.Equal(("x^2", "x", 7, 7), (s.XParameter, s.YParameter, s.XCount, s.YCount)));
    }

    [Fact]
    public void Evaluate_Grid_CoversEveryPathPoint()
    {
        var surface = new LandscapeJob { Plane = ("x", "1"), Kinds = [LandscapeKind.Profile], Resolution = 5 }.Evaluate(Seed.Value).Single();

        foreach (var run in Seed.Value.Runs)
        {
            var x = run.Trajectory.Parameter(0);
            var y = run.Trajectory.Parameter(2);
            for (var k = 0; k < run.Trajectory.Count; k++)
            {
                Assert.InRange(x[k], surface.XValues[0], surface.XValues[^1]);
                Assert.InRange(y[k], surface.YValues[0], surface.YValues[^1]);
            }
        }
    }

    [Theory]
    [InlineData(new LandscapeKind[0])]
    [InlineData(new[] { LandscapeKind.Slice, LandscapeKind.Slice })]
    [InlineData(new[] { (LandscapeKind)7 })]
    public void Kinds_EmptyRepeatedOrUnknown_Throws(LandscapeKind[] kinds) =>
        Assert.Throws<ArgumentException>(() => new LandscapeJob { Kinds = kinds });

    [Theory]
    [InlineData(1)]
    [InlineData(GridAxis.MaxCount + 1)]
    public void Resolution_OutOfRange_Throws(int resolution) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new LandscapeJob { Resolution = resolution });

    [Fact]
    public void FigureKind_ProfileEvaluated_IsTheProfile()
    {
        Assert.Equal(LandscapeKind.Profile, new LandscapeJob().FigureKind);
        Assert.Equal(LandscapeKind.Slice, new LandscapeJob { Kinds = [LandscapeKind.Slice] }.FigureKind);
    }
}
