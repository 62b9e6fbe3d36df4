using System.Xml.Linq;
using DescentLab.Experiments;
using SkiaSharp;

namespace DescentLab.Rendering.Tests;

public sealed class StaticFigureTests
{
    private static readonly string[] SeedFigures = ["data", "loss", "excess-loss", "fit", "paths", "landscape", "batches"];

    [Fact]
    public void WriteFigures_Seed_WritesOnePngAndOneSvgPerFigure()
    {
        var names = SeedRendering.FigureFiles.Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        var expected = SeedFigures.SelectMany(f => new[] { f + ".png", f + ".svg" }).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, names);
        Assert.All(SeedRendering.FigureFiles, f => Assert.True(new FileInfo(f).Length > 1000, f));
    }

    [Theory]
    [MemberData(nameof(Figures))]
    public void WriteFigures_Png_HasItsSizeTextAndANonBlankPlotArea(string figure)
    {
        using var bitmap = SKBitmap.Decode(Path.Combine(SeedRendering.FigureDirectory, figure + ".png"));
        Assert.Equal(1000, bitmap.Width);
        Assert.Equal(640, bitmap.Height);

        // The title sits in the top strip: dark pixels there mean text was drawn through a real font.
        Assert.True(Fraction(bitmap, 0, 0, bitmap.Width, 36, IsDark) > 0.005, "no title text");

        // The plot area is left of the legend panel and between title and axis labels: it must be drawn on, with several colours.
        var inked = Fraction(bitmap, 100, 60, 650, 560, c => !IsWhite(c));
        Assert.True(inked > 0.02, $"plot area {inked:P1} inked");
        Assert.True(Colours(bitmap, 100, 60, 650, 560) >= 4);
    }

    [Theory]
    [MemberData(nameof(Figures))]
    public void WriteFigures_Svg_ParsesAndHoldsTitleAndLegend(string figure)
    {
        var svg = XDocument.Load(Path.Combine(SeedRendering.FigureDirectory, figure + ".svg"));
        var texts = svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToArray();
        var (title, legend) = figure switch
        {
            "data" => ("The data: 100 samples", new[] { "samples", "generating mean: y = 3x² + 10x − 2" }),
            "loss" => ("Loss against epochs", ["gd: full-data loss", "sgd: batch loss", "sgd-shuffle: full-data loss"]),
            "excess-loss" => ("Excess loss L − L* against epochs", ["gd", "sgd", "sgd-shuffle"]),
            "fit" => ("Real vs fitted: each method's final curve", ["least squares θ*"]),
            "paths" => ("Paths in the (x^2 (a), x (b)) plane", ["gd at epoch 50 (step 50)", "sgd at epoch 50 (step 200)", "sgd-shuffle at epoch 50 (step 200)", "init θ₀ (shared)"]),
            "landscape" => ("Landscape and paths", ["(profile: 1 (c) minimised out)", "gd", "sgd", "sgd-shuffle", "θ* (least squares)", "MSE (log scale)"]),
            _ => ("Each minibatch has its own landscape", ["batch 1 (25 samples): contours and minimum", "batch 4 (25 samples): contours and minimum"]),
        };
        Assert.Contains(title, texts);
        foreach (var entry in legend)
        {
            Assert.Contains(entry, texts);
        }
    }

    [Fact]
    public void LandscapeFigure_Seed_DrawsContourLinesOverTheHeatmap()
    {
        var model = FigureModel.Create(SeedRendering.Result, null);
        var plot = StaticFigures.Figures(model).Single(f => f.Name == "landscape").Build();

        var heatmap = Assert.Single(plot.GetPlottables().OfType<ScottPlot.Plottables.Heatmap>());
        Assert.True(heatmap.Smooth);
        var contours = Assert.Single(plot.GetPlottables().OfType<ScottPlot.Plottables.ContourLines>());
        Assert.True(contours.ContourLineLevels!.Length >= 8);
    }

    [Fact]
    public void WriteFigures_StepsAxis_SaysSoOnTheLossFigure()
    {
        var directory = SeedRendering.NewDirectory();
        var files = ExperimentRenderer.WriteFigures(SeedRendering.Result, directory, FigureFormats.Svg, new RenderOptions { XAxis = XAxis.Steps });
        Assert.All(files, f => Assert.EndsWith(".svg", f, StringComparison.Ordinal));
        var texts = XDocument.Load(Path.Combine(directory, "loss.svg")).Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToArray();
        Assert.Contains("Loss against steps", texts);
        Assert.Contains("steps (parameter updates)", texts);
    }

    [Fact]
    public void WriteFigures_None_WritesNothing()
    {
        var directory = SeedRendering.NewDirectory();
        Assert.Empty(ExperimentRenderer.WriteFigures(SeedRendering.Result, directory, FigureFormats.None));
        Assert.Empty(Directory.GetFiles(directory));
    }

    [Fact]
    public void WriteFigures_ScriptInMethodName_StaysTextInSvg()
    {
        var probe = "<script>alert(1)</script>";
        var spec = SeedRendering.Result.Spec with
        {
            Methods = [.. SeedRendering.Result.Spec.Methods.Select((m, i) => i == 0 ? m with { Name = probe } : m)],
            Training = new Training.TrainingOptions { Epochs = 5 },
        };
        var result = Experiments.ExperimentRunner.Run(spec);
        var directory = SeedRendering.NewDirectory();
        ExperimentRenderer.WriteFigures(result, directory, FigureFormats.Svg);
        var svg = XDocument.Load(Path.Combine(directory, "excess-loss.svg"));
        Assert.DoesNotContain(svg.Descendants(), e => e.Name.LocalName == "script");
        Assert.Contains(probe, svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()));
    }

    [Fact]
    public void WriteFigures_DivergedRun_StillDrawsEveryFigureAndReport()
    {
        var seed = new Experiments.ExperimentSpec();
        var spec = seed with
        {
            Methods = [.. seed.Methods, new Training.Method("too-fast", Sampling.SamplerOptions.FullBatch, new Optimizers.SgdOptions { LearningRate = 0.05 })],
            Training = new Training.TrainingOptions { Epochs = 400 },
        };
        var result = Experiments.ExperimentRunner.Run(spec);
        Assert.True(result.Runs[^1].Trajectory.Diverged);
        var directory = SeedRendering.NewDirectory();
        var files = ExperimentRenderer.WriteFigures(result, directory, FigureFormats.Png);
        Assert.Equal(SeedFigures.Length, files.Count);
        ExperimentRenderer.WriteReport(result, Path.Combine(directory, "report.html"));
        Assert.Contains("at step", File.ReadAllText(Path.Combine(directory, "report.html")), StringComparison.Ordinal);
    }

    public static TheoryData<string> Figures() => [.. SeedFigures];

    private static bool IsWhite(SKColor c) => c.Red > 245 && c.Green > 245 && c.Blue > 245;

    private static bool IsDark(SKColor c) => c.Red < 100 && c.Green < 100 && c.Blue < 100;

    private static double Fraction(SKBitmap bitmap, int left, int top, int right, int bottom, Func<SKColor, bool> test)
    {
        var hits = 0;
        for (var y = top; y < bottom; y++)
        {
            for (var x = left; x < right; x++)
            {
                if (test(bitmap.GetPixel(x, y)))
                {
                    hits++;
                }
            }
        }

        return hits / (double)((right - left) * (bottom - top));
    }

    private static int Colours(SKBitmap bitmap, int left, int top, int right, int bottom)
    {
        var seen = new HashSet<uint>();
        for (var y = top; y < bottom; y += 2)
        {
            for (var x = left; x < right; x += 2)
            {
                seen.Add((uint)bitmap.GetPixel(x, y));
            }
        }

        return seen.Count;
    }
}
