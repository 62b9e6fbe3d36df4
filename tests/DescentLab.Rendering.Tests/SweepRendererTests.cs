using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using DescentLab.Data;
using DescentLab.Experiments;
using DescentLab.Models;
using DescentLab.Optimizers;
using DescentLab.Sampling;
using DescentLab.Sweeps;
using DescentLab.Training;
using SkiaSharp;

namespace DescentLab.Rendering.Tests;

public sealed class SweepRendererTests
{
    private static readonly Lazy<(SweepSpec Spec, IReadOnlyList<SweepCellSummary> Cells)> Small = new(() => Sweep(
        new SweepSpec
        {
            Base = new ExperimentSpec { Name = "small", Replicates = 3, Training = new TrainingOptions { Epochs = 150 } },
            LearningRates = [0.001, 0.003, 0.01],
            BatchSizes = [10, 25],
        }));

    [Fact]
    public void WriteFigures_OneSamplerAndOptimizer_WritesTwoHeatmapsPerFormat()
    {
        var directory = SeedRendering.NewDirectory();

        var files = SweepRenderer.WriteFigures(Small.Value.Spec, Small.Value.Cells, directory, FigureFormats.All);

        Assert.Equal(["heatmap-epochs.png", "heatmap-epochs.svg", "heatmap-excess.png", "heatmap-excess.svg"], files.Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void WriteFigures_SeveralOptimizersAndSamplers_OnePairPerCombination()
    {
        var (spec, cells) = Sweep(Small.Value.Spec with
        {
            Samplers = [SamplerKind.Reshuffle, SamplerKind.FullBatch],
            Optimizers = [new OptimizerChoice("sgd", new SgdOptions()), new OptimizerChoice("adam", new AdamOptions())],
        });
        var directory = SeedRendering.NewDirectory();

        var files = SweepRenderer.WriteFigures(spec, cells, directory, FigureFormats.Png);

        Assert.Equal(8, files.Count);
        Assert.Contains(Path.Combine(directory, "heatmap-excess-adam-full-batch.png"), files);
        Assert.Contains(Path.Combine(directory, "heatmap-epochs-sgd-reshuffle.png"), files);
    }

    [Theory]
    [InlineData("heatmap-epochs")]
    [InlineData("heatmap-excess")]
    public void WriteFigures_Png_HasItsSizeTitleAndAColouredPlotArea(string name)
    {
        var directory = SeedRendering.NewDirectory();
        SweepRenderer.WriteFigures(Small.Value.Spec, Small.Value.Cells, directory, FigureFormats.Png);

        using var bitmap = SKBitmap.Decode(Path.Combine(directory, name + ".png"));

        Assert.Equal(1000, bitmap.Width);
        Assert.Equal(640, bitmap.Height);
        Assert.True(PixelChecks.Fraction(bitmap, 0, 0, bitmap.Width, 36, PixelChecks.IsDark) > 0.005, "no title text");

        // The heatmap fills the plot area: hardly any white is left, and the cells take several colours.
        var white = PixelChecks.Fraction(bitmap, 100, 60, 850, 560, PixelChecks.IsWhite);
        Assert.True(white < 0.2, $"plot area {white:P1} white");
        Assert.True(PixelChecks.Colours(bitmap, 100, 60, 850, 560) >= 4);
    }

    [Fact]
    public void WriteFigures_Svg_ParsesAndHoldsTitleAxesAndCellValues()
    {
        var directory = SeedRendering.NewDirectory();
        SweepRenderer.WriteFigures(Small.Value.Spec, Small.Value.Cells, directory, FigureFormats.Svg);

        var texts = PixelChecks.SvgTexts(Path.Combine(directory, "heatmap-excess.svg"));

        Assert.Contains("small: median final excess loss (sgd, reshuffle)", texts);
        Assert.Contains("learning rate", texts);
        Assert.Contains("batch size", texts);
        Assert.Contains("median final excess loss L − L* (log10)", texts);
        Assert.Contains("0.003", texts);
        Assert.Contains("25", texts);
        var cell = Small.Value.Cells.Single(c => c.LearningRate == 0.003 && c.BatchSize == "25");
        Assert.Contains(SweepHeatmap.Number(cell.FinalExcessLoss.Median), texts);
    }

    /// <summary>
    /// A sweep over 24 learning rates drew every cell's value at 13 pt and every learning rate under its column, each over
    /// its neighbours. Labels now shrink to their cells (or are left out, the x label says so), and tick labels thin out.
    /// </summary>
    [Fact]
    public void WriteFigures_ManyLearningRates_NoTwoLabelsOverlap()
    {
        var (spec, cells) = Sweep(Small.Value.Spec with
        {
            Base = Small.Value.Spec.Base with { Replicates = 1, Training = new TrainingOptions { Epochs = 5 } },
            LearningRates = [.. Enumerable.Range(0, 24).Select(k => Math.Round(1e-5 * Math.Pow(10, k / 6.0), 12))],
            BatchSizes = [1, 2, 5, 10, 25, 50],
        });
        var directory = SeedRendering.NewDirectory();

        SweepRenderer.WriteFigures(spec, cells, directory, FigureFormats.Svg);

        foreach (var name in new[] { "heatmap-excess.svg", "heatmap-epochs.svg" })
        {
            // ScottPlot writes a text as translate(centre) with glyph offsets from −width/2, so it spans centre ± |first offset|.
            var texts = System.Xml.Linq.XDocument.Load(Path.Combine(directory, name)).Descendants().Where(e => e.Name.LocalName == "text")
                .Select(e => (Text: e.Value.Trim(), Cell: e.Parent?.Attribute("clip-path") is not null, Transform: Regex.Match((string?)e.Attribute("transform") ?? string.Empty, @"translate\(([-\d.]+) ([-\d.]+)\)"), X: (string?)e.Attribute("x")))
                .Where(t => t.Transform.Success && t.X is not null)
                .Select(t => (t.Text, t.Cell, Centre: double.Parse(t.Transform.Groups[1].Value, CultureInfo.InvariantCulture), Line: double.Parse(t.Transform.Groups[2].Value, CultureInfo.InvariantCulture), Half: Math.Abs(double.Parse(t.X!.Split(',')[0], CultureInfo.InvariantCulture))))
                .ToArray();

            // The cells' labels (drawn clipped to the plot area) row by row, and the learning rates under the columns.
            var ticks = texts.Single(t => t.Text == "1e-5").Line;
            Assert.Contains(texts, t => t.Cell);
            foreach (var line in texts.Where(t => t.Cell || t.Line == ticks).GroupBy(t => (t.Cell, Math.Round(t.Line))))
            {
                var row = line.OrderBy(t => t.Centre).ToArray();
                for (var k = 1; k < row.Length; k++)
                {
                    Assert.True(row[k - 1].Centre + row[k - 1].Half <= row[k].Centre - row[k].Half, $"{name}: '{row[k - 1].Text}' runs into '{row[k].Text}'");
                }
            }
        }
    }

    [Fact]
    public void WriteFigures_NoCellReachesTheTolerance_DrawsEmptyCells()
    {
        var (spec, cells) = Sweep(Small.Value.Spec with { Base = Small.Value.Spec.Base with { Training = new TrainingOptions { Epochs = 3 } } });
        var directory = SeedRendering.NewDirectory();

        SweepRenderer.WriteFigures(spec, cells, directory, FigureFormats.Svg);

        Assert.All(cells, c => Assert.Equal(double.PositiveInfinity, c.EpochsToTolerance.Median));
        Assert.Equal(6, PixelChecks.SvgTexts(Path.Combine(directory, "heatmap-epochs.svg")).Count(t => t == "never"));

        // The report's heatmap draws the empty cells too (plotly draws nothing of a heatmap whose every z is null).
        using var figures = JsonDocument.Parse(PixelChecks.FigureData(SweepRenderer.Render(spec, cells, null)));
        var epochs = figures.RootElement[0].GetProperty("data")[0];
        Assert.All(epochs.GetProperty("z").EnumerateArray().SelectMany(row => row.EnumerateArray()), z => Assert.Equal(0, z.GetDouble()));
        Assert.All(epochs.GetProperty("text").EnumerateArray().SelectMany(row => row.EnumerateArray()), t => Assert.Equal("never", t.GetString()));
        Assert.False(epochs.GetProperty("showscale").GetBoolean());
    }

    [Theory]
    [InlineData("mlp:4:tanh", "median final excess loss L − L_ref")]
    [InlineData("softmax", "median final excess loss L − L_ref")]
    [InlineData("logistic", "median final excess loss L − L* (L_ref if separable)")]
    public void WriteFiguresAndRender_NetworkSweep_NameTheExcessOverItsReference(string model, string quantity)
    {
        var (spec, cells) = Sweep(new SweepSpec
        {
            Base = new ExperimentSpec
            {
                Name = "net",
                Data = new ClassificationData(new ClassificationDataGenerator { Count = 40 }),
                Model = ModelSpec.Parse(model),
                Training = new TrainingOptions { Epochs = 2 },
            },
            LearningRates = [0.1, 0.3],
            BatchSizes = [10],
        });
        var directory = SeedRendering.NewDirectory();

        SweepRenderer.WriteFigures(spec, cells, directory, FigureFormats.Svg);
        var html = SweepRenderer.Render(spec, cells, null);

        var texts = PixelChecks.SvgTexts(Path.Combine(directory, "heatmap-excess.svg"));
        Assert.Contains(quantity + " (log10)", texts);
        Assert.DoesNotContain(texts, t => t.Contains("L − L* (log10)", StringComparison.Ordinal));
        using var figures = JsonDocument.Parse(PixelChecks.FigureData(html));
        Assert.Equal(quantity + " (log10)", figures.RootElement[1].GetProperty("data")[0].GetProperty("colorbar").GetProperty("title").GetProperty("text").GetString());
        Assert.DoesNotContain("Median over replicates of the final L − L*,", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Small_HoldsOnePlotPerHeatmapAndEveryCell()
    {
        var html = SweepRenderer.Render(Small.Value.Spec, Small.Value.Cells, "{\"name\": \"small\"}");

        var divs = Regex.Matches(html, "<div class=\"plot\" id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToArray();
        using var figures = JsonDocument.Parse(PixelChecks.FigureData(html));
        var ids = figures.RootElement.EnumerateArray().Select(f => f.GetProperty("id").GetString()!).ToArray();
        Assert.Equal(["fig-heatmap-0", "fig-heatmap-1"], ids);
        Assert.Equal(ids, divs);
        Assert.Equal("heatmap", figures.RootElement[0].GetProperty("data")[0].GetProperty("type").GetString());
        Assert.Equal(2, figures.RootElement[0].GetProperty("data")[0].GetProperty("z").GetArrayLength());
        Assert.Equal(6, Regex.Count(html, "<tr><td class=\"text\">"));
        Assert.Single(Regex.Matches(html, @"\* plotly\.js v\d+\.\d+\.\d+"));
    }

    [Fact]
    public void Render_ScriptInNames_ComesOutEscaped()
    {
        const string probe = "<img src=x onerror=alert(1)></script><script>alert(2)</script>";
        var (spec, cells) = Sweep(Small.Value.Spec with
        {
            Base = Small.Value.Spec.Base with { Name = "T " + probe, Replicates = 2, Training = new TrainingOptions { Epochs = 5 } },
            Optimizers = [new OptimizerChoice(probe, new SgdOptions())],
        });

        var html = SweepRenderer.Render(spec, cells, "{\"x\": \"" + probe + "\"}");

        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(3, Regex.Count(html, "</script", RegexOptions.IgnoreCase));
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteFiguresAndRender_DivergedCells_AreLabelledDivergedAndNeverColouredAsANumber()
    {
        // lr 0.02 is twice the seed's stability bound: every run of those cells diverges.
        var (spec, cells) = Sweep(Small.Value.Spec with
        {
            Base = Small.Value.Spec.Base with { Replicates = 2, Training = new TrainingOptions { Epochs = 20 } },
            LearningRates = [0.001, 0.02],
        });
        Assert.All(cells.Where(c => c.LearningRate == 0.02), c => Assert.Equal(1, c.DivergedShare));
        var directory = SeedRendering.NewDirectory();

        SweepRenderer.WriteFigures(spec, cells, directory, FigureFormats.Svg);
        var html = SweepRenderer.Render(spec, cells, null);

        foreach (var name in new[] { "heatmap-epochs.svg", "heatmap-excess.svg" })
        {
            var texts = PixelChecks.SvgTexts(Path.Combine(directory, name)).ToArray();
            Assert.Equal(2, texts.Count(t => t == "diverged 100%"));
            Assert.DoesNotContain("∞", texts);
        }

        using var figures = JsonDocument.Parse(PixelChecks.FigureData(html));
        foreach (var figure in figures.RootElement.EnumerateArray())
        {
            var trace = figure.GetProperty("data")[0];
            var column = Array.IndexOf(trace.GetProperty("x").EnumerateArray().Select(x => x.GetString()).ToArray(), "0.02");
            foreach (var row in trace.GetProperty("z").EnumerateArray())
            {
                Assert.Equal(JsonValueKind.Null, row[column].ValueKind);
            }

            Assert.All(trace.GetProperty("text").EnumerateArray(), row => Assert.Equal("diverged 100%", row[column].GetString()));
            Assert.Equal(2, figure.GetProperty("layout").GetProperty("shapes").GetArrayLength());
        }
    }

    private static (SweepSpec, IReadOnlyList<SweepCellSummary>) Sweep(SweepSpec spec) =>
        (spec, SweepCsv.ReadSummary(SweepCsv.Summary(SweepCsv.Tidy(SweepRunner.Run(spec).Rows))));
}
