using DescentLab.Experiments;
using DescentLab.Landscapes;
using DescentLab.Training;

namespace DescentLab.Rendering.Tests;

public sealed class FigureModelTests
{
    [Fact]
    public void Create_Seed_MarksEpochFiftyAtEachMethodsOwnStep()
    {
        var model = FigureModel.Create(SeedRendering.Result, null);
        var steps = model.Runs.Select(r => r.Run.Trajectory.Step[r.Marks.Single().Row]).ToArray();
        Assert.Equal([50L, 200L, 200L], steps);
        Assert.Equal([50.0], model.MarkEpochs);
    }

    [Fact]
    public void Create_Seed_UsesTheABPlaneWithSeedLettersAndOneSharedInit()
    {
        var model = FigureModel.Create(SeedRendering.Result, null);
        Assert.Equal(("x^2", "x"), (model.PlaneXName, model.PlaneYName));
        Assert.Equal(["x (b)", "x^2 (a)", "1 (c)"], model.Labels);
        Assert.True(model.SharedInit);
        Assert.Equal(LandscapeKind.Profile, model.Landscape.Kind);
    }

    [Fact]
    public void Create_Seed_ProfileIsNeverAboveTheLossOfAPathOverIt()
    {
        var model = FigureModel.Create(SeedRendering.Result, new RenderOptions { Resolution = 60 });
        Assert.True(model.Landscape.Minimum >= model.MinimumLoss * (1 - 1e-12));
        foreach (var run in model.Runs)
        {
            var t = run.Run.Trajectory;
            for (var row = 0; row < t.Count; row += 37)
            {
                var profile = Landscape.Evaluate(model.Problem, new LandscapePlane(
                    "x^2", "x", GridAxis.FromValues([t.Parameter(model.Ix)[row]]), GridAxis.FromValues([t.Parameter(model.Iy)[row]]), LandscapeKind.Profile));
                Assert.True(profile.Values[0] <= t.Loss[row] * (1 + 1e-12), $"{run.Name} row {row}");
            }
        }
    }

    [Fact]
    public void Create_ShortRun_MarksASixthOfTheWayAndDropsMarksPastTheEnd()
    {
        var spec = new ExperimentSpec { Training = new TrainingOptions { Epochs = 12 } };
        var result = ExperimentRunner.Run(spec);
        Assert.Equal([2.0], FigureModel.Create(result, null).MarkEpochs);
        Assert.Equal([3.0, 12.0], FigureModel.Create(result, new RenderOptions { MarkEpochs = [12, 3, 40] }).MarkEpochs);
    }

    [Fact]
    public void Create_LongRun_ThinsEachTraceToTheLimitKeepingFirstAndLast()
    {
        var spec = new ExperimentSpec { Training = new TrainingOptions { Epochs = 1500 } };
        var model = FigureModel.Create(ExperimentRunner.Run(spec), new RenderOptions { Resolution = 16 });
        var sgd = model.Runs.Single(r => r.Name == "sgd");
        Assert.Equal(6001, sgd.Run.Trajectory.Count);
        Assert.Equal(Thinning.MaxPoints, sgd.Rows.Length);
        Assert.Equal((0, 6000), (sgd.Rows[0], sgd.Rows[^1]));
        Assert.Equal(sgd.Run.Trajectory.Loss[^1], sgd.Loss[^1]);
        Assert.Equal(1501, model.Runs.Single(r => r.Name == "gd").Rows.Length);
    }

    [Fact]
    public void Create_StepsAxis_ProgressIsTheStepCount()
    {
        var model = FigureModel.Create(SeedRendering.Result, new RenderOptions { XAxis = XAxis.Samples });
        Assert.Equal([30000.0, 30000.0, 30000.0], model.Runs.Select(r => r.Progress[^1]));
        model = FigureModel.Create(SeedRendering.Result, new RenderOptions { XAxis = XAxis.Steps });
        Assert.Equal([300.0, 1200.0, 1200.0], model.Runs.Select(r => r.Progress[^1]));
    }

    [Fact]
    public void Create_SeedKeptBatches_DrawsTheFirstMinibatchRunsFirstEpoch()
    {
        var model = FigureModel.Create(SeedRendering.Result, null);
        var kept = SeedRendering.Result.Runs.Single(r => r.Method.Name == "sgd").Trajectory.KeptBatches!;
        Assert.Equal(4, model.BatchSurfaces.Count);
        Assert.All(model.BatchSurfaces, s => Assert.Equal(25, s.SampleCount));
        for (var b = 0; b < kept.Count; b++)
        {
            var optimum = model.Problem.BatchForm(kept[b]).Optimum;
            Assert.Equal(optimum[1], model.BatchOptima[b].X, 12);
        }
    }

    [Fact]
    public void Create_UnknownPlaneParameter_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => FigureModel.Create(SeedRendering.Result, new RenderOptions { Plane = ("x^3", "x") }));
        Assert.StartsWith("plane: unknown X parameter 'x^3'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new double[] { -2, 10, 3 }, "3x² + 10x − 2")]
    [InlineData(new double[] { 1, -1 }, "−x + 1")]
    [InlineData(new double[] { 0, 0, 2.5 }, "2.5x²")]
    public void Polynomial_Coefficients_ReadsAsPeopleWriteIt(double[] ascending, string expected) =>
        Assert.Equal(expected, FigureModel.Polynomial(ascending));

    [Fact]
    public void Create_ManySamples_DrawsAtMostTheLimitSpreadOverEveryRowAndSaysSo()
    {
        // A 10⁶-row run drew every sample: a 69 MB data.svg, a 99 MB fit.svg and a 46 MB report.
        var spec = new ExperimentSpec
        {
            Data = new SeedData(new DescentLab.Data.SeedDataGenerator { Count = 20_000 }),
            Methods = [.. ExperimentSpec.SeedMethods().Take(1)],
            Training = new TrainingOptions { Epochs = 1 },
        };
        var result = ExperimentRunner.Run(spec);
        var model = FigureModel.Create(result, new RenderOptions { Resolution = 16 });

        Assert.Equal(FigureModel.MaxDataPoints, model.DataX.Length);
        Assert.Equal("samples (5,000 of 20,000 drawn)", model.DataLegend);
        var data = result.Problem.Data;
        Assert.Equal(data.Input(0)[0], model.DataX[0]);
        Assert.Equal(data.Input(0)[^1], model.DataX[^1]);
        Assert.Equal(data.Output[^1], model.DataY[^1]);

        // The fitted curves still span every sample, drawn or not.
        var x = data.Input(0).ToArray();
        Assert.Equal(x.Min(), model.CurveX[0]);
        Assert.Equal(x.Max(), model.CurveX[^1]);
    }

    [Fact]
    public void Create_FewSamples_DrawsEveryOne()
    {
        var model = FigureModel.Create(SeedRendering.Result, new RenderOptions { Resolution = 16 });
        Assert.Equal(SeedRendering.Result.Problem.Data.Input(0).ToArray(), model.DataX);
        Assert.Equal("samples", model.DataLegend);
    }
}
