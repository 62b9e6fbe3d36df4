using System.Text.Json;
using System.Text.RegularExpressions;
using DescentLab.Experiments;
using DescentLab.Training;
using SkiaSharp;

namespace DescentLab.Rendering.Tests;

/// <summary>What the renderer adds for an experiment with replicates: the band figures, static and in the report.</summary>
public sealed class ExperimentRendererTests
{
    private static readonly Lazy<ExperimentResult> Replicated = new(() =>
        ExperimentRunner.Run(new ExperimentSpec { Replicates = 8, Training = new TrainingOptions { Epochs = 60 } }));

    private static readonly Lazy<string> Figures = new(() =>
    {
        var directory = SeedRendering.NewDirectory();
        ExperimentRenderer.WriteFigures(Replicated.Value, directory, FigureFormats.All);
        return directory;
    });

    [Theory]
    [InlineData("bands")]
    [InlineData("bands-loss")]
    public void WriteFigures_Replicates_BandPngIsDrawnOn(string name)
    {
        using var bitmap = SKBitmap.Decode(Path.Combine(Figures.Value, name + ".png"));

        Assert.Equal(1000, bitmap.Width);
        Assert.Equal(640, bitmap.Height);
        Assert.True(PixelChecks.Fraction(bitmap, 0, 0, bitmap.Width, 36, PixelChecks.IsDark) > 0.005, "no title text");
        var inked = PixelChecks.Fraction(bitmap, 100, 60, 650, 560, c => !PixelChecks.IsWhite(c));
        Assert.True(inked > 0.05, $"plot area {inked:P1} inked");
        Assert.True(PixelChecks.Colours(bitmap, 100, 60, 650, 560) >= 6);
    }

    [Theory]
    [InlineData("bands", "Excess loss, 8 replicates: median, 10–90% band")]
    [InlineData("bands-loss", "Full-data loss, 8 replicates: median, 10–90% band")]
    public void WriteFigures_Replicates_BandSvgHoldsTitleAndLegend(string name, string title)
    {
        var texts = PixelChecks.SvgTexts(Path.Combine(Figures.Value, name + ".svg"));

        Assert.Contains(title, texts);
        Assert.Contains("gd: median and band", texts);
        Assert.Contains("sgd-shuffle: median and band", texts);
    }

    [Fact]
    public void WriteFigures_OneReplicate_DrawsNoBands()
    {
        Assert.DoesNotContain(SeedRendering.FigureFiles, f => Path.GetFileName(f).StartsWith("bands", StringComparison.Ordinal));
    }

    [Fact]
    public void WriteReport_Replicates_HoldsBothBandFiguresWithThreeTracesPerMethod()
    {
        var path = Path.Combine(SeedRendering.NewDirectory(), "report.html");
        ExperimentRenderer.WriteReport(Replicated.Value, path);
        var html = File.ReadAllText(path);

        using var figures = JsonDocument.Parse(PixelChecks.FigureData(html));
        var ids = figures.RootElement.EnumerateArray().Select(f => f.GetProperty("id").GetString()!).ToArray();
        var divs = Regex.Matches(html, "<div class=\"plot\" id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(ids, divs);
        Assert.Equal(["fig-data", "fig-loss", "fig-excess", "fig-bands-excess", "fig-bands-loss"], ids.Take(5));
        var bands = figures.RootElement.EnumerateArray().Single(f => f.GetProperty("id").GetString() == "fig-bands-excess");
        var traces = bands.GetProperty("data").EnumerateArray().ToArray();
        Assert.Equal(9, traces.Length);
        Assert.Equal("tonexty", traces[1].GetProperty("fill").GetString());

        // Drawn by stroke layer: reshuffled SGD first (underneath), fixed-order SGD above it, GD on top.
        Assert.Equal(["sgd-shuffle: median", "sgd: median", "gd: median"], traces.Where((_, i) => i % 3 == 2).Select(t => t.GetProperty("name").GetString()));
        Assert.Equal("dash", traces[5].GetProperty("line").GetProperty("dash").GetString());
        Assert.Contains("Excess loss across 8 replicates", html, StringComparison.Ordinal);

        // One row per method and one per pair × comparison point (2 epochs whose 50 ≤ 60, 2 update counts).
        var statistics = Replicated.Value.Statistics!;
        Assert.Contains("<table id=\"replicates\">", html, StringComparison.Ordinal);
        Assert.Contains("<table id=\"comparisons\">", html, StringComparison.Ordinal);
        var comparisons = html[html.IndexOf("<table id=\"comparisons\">", StringComparison.Ordinal)..];
        comparisons = comparisons[..comparisons.IndexOf("</table>", StringComparison.Ordinal)];
        Assert.Equal(statistics.Comparisons.Count, Regex.Count(comparisons, "<tr><td"));
        var first = statistics.Comparisons[0];
        Assert.Contains($"<td>{first.Interval.Mean.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)}</td>", comparisons, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteReport_ReplicatesSomeDiverged_WritesInfinityAsTheEpochColumnsDo()
    {
        // GD at lr 0.0105 diverges in 3 of the seed's 10 replicates: before, the same table read "0.00376546–Infinity"
        // for the excess loss and "104.9–∞" for the epochs, and the comparisons "[-34.8524, Infinity]".
        var result = ExperimentRunner.Run(new ExperimentSpec
        {
            Replicates = 10,
            Methods = [.. ExperimentSpec.SeedMethods().Select(m => m.Name == "gd" ? m with { Optimizer = m.Optimizer with { LearningRate = 0.0105 } } : m)],
        });
        Assert.Equal(3, result.Statistics!.Methods[0].DivergedCount);
        var path = Path.Combine(SeedRendering.NewDirectory(), "report.html");

        ExperimentRenderer.WriteReport(result, path);

        var html = File.ReadAllText(path);
        var tables = html[html.IndexOf("<table id=\"replicates\">", StringComparison.Ordinal)..html.IndexOf("<h2>Analysis</h2>", StringComparison.Ordinal)];
        Assert.DoesNotContain("Infinity", tables, StringComparison.Ordinal);
        Assert.Matches("<tr><td class=\"text\">gd</td><td>[0-9.e-]+</td><td>[0-9.e-]+–∞</td>", tables);
        Assert.Contains("<tr><td class=\"text\">gd</td><td class=\"text\">sgd</td><td class=\"text\">epoch 50</td><td>∞</td><td>[-34.8524, ∞]</td>", tables, StringComparison.Ordinal);
    }

    /// <summary>With replicates, the Methods table shows replicate 0's runs, and did not say so.</summary>
    [Fact]
    public void WriteReport_Replicates_SaysTheMethodsTableIsReplicateZero()
    {
        var training = new TrainingOptions { Epochs = 20, KeepBatchesOfEpoch = 0 };
        var withReplicates = Path.Combine(SeedRendering.NewDirectory(), "report.html");
        var single = Path.Combine(SeedRendering.NewDirectory(), "report.html");

        ExperimentRenderer.WriteReport(ExperimentRunner.Run(new ExperimentSpec { Seed = 7, Replicates = 3, Training = training }), withReplicates);
        ExperimentRenderer.WriteReport(ExperimentRunner.Run(new ExperimentSpec { Seed = 7, Training = training }), single);

        Assert.Contains("<h2>Methods</h2>\n<p>Replicate 0 (seed 7) of 3: one run of each method; the distributions across replicates are below.</p>\n<table id=\"methods\">", File.ReadAllText(withReplicates), StringComparison.Ordinal);
        Assert.Contains("<h2>Methods</h2>\n<table id=\"methods\">", File.ReadAllText(single), StringComparison.Ordinal);
    }
}
