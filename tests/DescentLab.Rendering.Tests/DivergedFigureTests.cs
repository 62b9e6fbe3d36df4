using System.Text.Json;
using System.Text.RegularExpressions;
using DescentLab.Experiments;
using DescentLab.Optimizers;
using DescentLab.Sampling;
using DescentLab.Training;

namespace DescentLab.Rendering.Tests;

/// <summary>Figures of runs that blow up: frames from the finite data, paths cut where they leave it, nothing huge drawn.</summary>
public sealed class DivergedFigureTests
{
    [Fact]
    public void Create_OneDivergedRun_FrameFromTheOthersAndThePathCutAtTheEdge()
    {
        var model = FigureModel.Create(DivergedRendering.Mixed, null);
        var gd = model.Runs[0];
        var surface = model.Landscape;

        Assert.True(gd.Diverged);
        Assert.True(gd.LeavesFrame);
        var (x, y) = (gd.PathX[^1], gd.PathY[^1]);
        var onEdge = Math.Abs(x - surface.XValues[0]) < 1e-9 || Math.Abs(x - surface.XValues[^1]) < 1e-9
            || Math.Abs(y - surface.YValues[0]) < 1e-9 || Math.Abs(y - surface.YValues[^1]) < 1e-9;
        Assert.True(onEdge, $"the cut point ({x}, {y}) is not on the frame");
        Assert.All(gd.PathX, v => Assert.InRange(v, surface.XValues[0], surface.XValues[^1]));
        Assert.All(gd.PathY, v => Assert.InRange(v, surface.YValues[0], surface.YValues[^1]));

        // The stable runs' paths are whole and inside.
        Assert.All(model.Runs.Skip(1), r => Assert.Equal(r.PlaneX, r.PathX));
        Assert.NotNull(gd.LossEnd);
        Assert.All(gd.Loss.Where(double.IsFinite), v => Assert.True(v <= model.LossCeiling));
    }

    /// <summary>
    /// rmsprop at lr 10 jumps to a loss of 7.4e5 at step 1, above the loss axes' ceiling (1000 × L(θ₀)), and comes back
    /// to 57 without diverging. Its loss curves ended at step 1 and its path at the frame's edge, so the figures showed
    /// one segment of a run that trained for 200 steps.
    /// </summary>
    [Fact]
    public void Create_RunThatPassesTheCeilingAndComesBack_IsDrawnWhole()
    {
        var rmsprop = new Method("rmsprop", new SamplerOptions { Kind = SamplerKind.Reshuffle, BatchSize = 25 }, new RmspropOptions { LearningRate = 10 });
        var spec = new ExperimentSpec { Methods = [rmsprop], Training = new TrainingOptions { Epochs = 50 } };
        var result = ExperimentRunner.Run(spec);
        var t = result.Runs[0].Trajectory;
        Assert.False(t.Diverged);

        var model = FigureModel.Create(result, null);

        var run = model.Runs[0];
        Assert.Contains(t.Loss.ToArray(), v => v > model.LossCeiling);
        Assert.All(run.Loss, v => Assert.True(double.IsFinite(v)));
        Assert.Equal(t.Loss[^1], run.Loss[^1]);
        Assert.Null(run.LossEnd);
        Assert.False(run.LeavesFrame);
        Assert.Equal(run.Rows, run.PathRows);
        Assert.Equal(run.PlaneX[^1], run.PathX[^1]);
        var surface = model.Landscape;
        Assert.Contains(run.PathX, x => x > surface.XValues[^1] || x < surface.XValues[0]);
    }

    [Fact]
    public void Json_AllDiverged_HoldsNoNumberAboveTheCeilingOrOutsideTheFrame()
    {
        var model = FigureModel.Create(DivergedRendering.AllDiverged, null);
        var json = InteractiveFigures.Json(model);
        using var figures = JsonDocument.Parse(json);
        var ceiling = model.LossCeiling;
        var largest = 0.0;
        foreach (var number in Regex.Matches(json, @"-?\d+(\.\d+)?([eE][-+]?\d+)?").Select(m => double.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture)))
        {
            largest = Math.Max(largest, Math.Abs(number));
        }

        Assert.True(largest <= ceiling * 1.001, $"largest number {largest:G4} above the ceiling {ceiling:G4}");
        var fit = figures.RootElement.EnumerateArray().Single(f => f.GetProperty("id").GetString() == "fig-fit");
        var names = fit.GetProperty("data").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToArray();
        Assert.Contains("gd: diverged, not drawn", names);
        var loss = figures.RootElement.EnumerateArray().Single(f => f.GetProperty("id").GetString() == "fig-loss");
        Assert.Equal(3, loss.GetProperty("data").EnumerateArray().Count(t => t.GetProperty("name").GetString()!.EndsWith("diverged at step 8", StringComparison.Ordinal)));
    }

    [Fact]
    public void WriteFigures_AllDiverged_FitLegendSaysNotDrawnAndTicksAreShort()
    {
        var directory = SeedRendering.NewDirectory();
        ExperimentRenderer.WriteFigures(DivergedRendering.AllDiverged, directory, FigureFormats.Svg);

        var fit = PixelChecks.SvgTexts(Path.Combine(directory, "fit.svg")).ToArray();
        Assert.Contains("gd: diverged, not drawn", fit);
        foreach (var file in Directory.EnumerateFiles(directory, "*.svg"))
        {
            var longest = PixelChecks.SvgTexts(file).Where(t => Regex.IsMatch(t, @"^[-−\d.,e+]+$")).Select(t => t.Length).DefaultIfEmpty(0).Max();
            Assert.True(longest <= 10, $"{Path.GetFileName(file)}: a tick label of {longest} characters");
        }

        var paths = PixelChecks.SvgTexts(Path.Combine(directory, "paths.svg")).ToArray();
        Assert.Contains("gd: leaves the frame, diverged at step 8", paths);
    }

    [Fact]
    public void Create_TwoRows_DrawsEveryFigure()
    {
        var directory = SeedRendering.NewDirectory();
        var files = ExperimentRenderer.WriteFigures(DivergedRendering.TwoRows, directory, FigureFormats.Png);
        Assert.Contains(files, f => Path.GetFileName(f) == "landscape.png");
        Assert.Contains(files, f => Path.GetFileName(f) == "paths.png");
    }
}
