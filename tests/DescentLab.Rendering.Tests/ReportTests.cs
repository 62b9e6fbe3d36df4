using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using DescentLab.Analysis;
using DescentLab.Experiments;
using DescentLab.Training;

namespace DescentLab.Rendering.Tests;

public sealed partial class ReportTests
{
    [Fact]
    public void WriteReport_Seed_IsAtMostEightMegabytes()
    {
        var length = new FileInfo(SeedRendering.ReportPath).Length;
        Assert.InRange(length, 4_000_000, 8_000_000);
    }

    [Fact]
    public void WriteReport_Seed_HoldsOnePlotlyCopyAndOnePlotPerFigure()
    {
        var html = File.ReadAllText(SeedRendering.ReportPath);
        Assert.Single(Regex.Matches(html, @"\* plotly\.js v\d+\.\d+\.\d+"));
        var divs = Regex.Matches(html, "<div class=\"plot\" id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToArray();
        using var figures = JsonDocument.Parse(FigureData(html));
        var ids = figures.RootElement.EnumerateArray().Select(f => f.GetProperty("id").GetString()!).ToArray();
        Assert.Equal(ids, divs);
        Assert.Equal(["fig-data", "fig-loss", "fig-excess", "fig-fit", "fig-paths", "fig-landscape", "fig-surface", "fig-batches", "fig-paths3d", "fig-replay"], ids);
        Assert.DoesNotContain("http://", FigureData(html), StringComparison.Ordinal);
    }

    [Fact]
    public void WriteReport_Seed_TracesAreAtMostTheLimitAndTheShuffledRunIsItsOwn()
    {
        var html = File.ReadAllText(SeedRendering.ReportPath);
        using var figures = JsonDocument.Parse(FigureData(html));
        var paths = figures.RootElement.EnumerateArray().Single(f => f.GetProperty("id").GetString() == "fig-paths");
        var traces = paths.GetProperty("data").EnumerateArray().ToArray();
        var shuffled = traces.Single(t => t.GetProperty("name").GetString() == "sgd-shuffle");
        var fixedOrder = traces.Single(t => t.GetProperty("name").GetString() == "sgd");
        var run = SeedRendering.Result.Runs.Single(r => r.Method.Name == "sgd-shuffle").Trajectory;

        // The seed notebook drew the unshuffled run under the shuffled run's name; here the x values are the shuffled run's a.
        var xs = shuffled.GetProperty("x").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal(run.Count, xs.Length);
        Assert.Equal(run.Parameter(1)[600], xs[600], 6);
        Assert.NotEqual(fixedOrder.GetProperty("x")[600].GetDouble(), xs[600]);
        Assert.All(figures.RootElement.EnumerateArray().SelectMany(f => f.GetProperty("data").EnumerateArray()), t =>
        {
            if (t.TryGetProperty("x", out var x) && t.GetProperty("type").GetString() is "scatter" or "scatter3d")
            {
                Assert.InRange(x.GetArrayLength(), 1, 5000);
            }
        });
    }

    [Fact]
    public void WriteReport_Seed_ReadsTheAnalysisFromItsNumbers()
    {
        var html = File.ReadAllText(SeedRendering.ReportPath);
        var analysis = ProblemAnalysis.Analyze(SeedRendering.Result.Problem);
        var fraction = (1e-3 / analysis.StabilityBound).ToString("G2", CultureInfo.InvariantCulture);
        var left = Math.Pow(analysis.SlowestContraction(1e-3), 300) * 100;
        Assert.Contains($"lr 0.001 is {fraction} of the GD stability bound", html, StringComparison.Ordinal);
        Assert.Contains($"so 300 GD steps leave {left:0}% of its error", html, StringComparison.Ordinal);
        Assert.Contains(analysis.ConditionNumber.ToString("G4", CultureInfo.InvariantCulture), html, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteReport_Seed_TablesEveryMethodWithItsFinalLoss()
    {
        var html = File.ReadAllText(SeedRendering.ReportPath);
        var table = html[html.IndexOf("<table id=\"methods\">", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("</table>", StringComparison.Ordinal)];
        foreach (var run in SeedRendering.Result.Runs)
        {
            var loss = run.Trajectory.Loss[^1].ToString("G6", CultureInfo.InvariantCulture);
            Assert.Contains($"<td class=\"text\">{run.Method.Name}</td>", table, StringComparison.Ordinal);
            Assert.Contains($"<td>{loss}</td>", table, StringComparison.Ordinal);
        }

        Assert.Equal(3, Regex.Count(table, "<tr><td"));
        Assert.Equal(3, Regex.Count(table, "<td class=\"text\">SGD, lr 0.001</td>"));
    }

    [Fact]
    public void WriteReport_XssProbeInNamesAndTitle_ComesOutEscaped()
    {
        const string probe = "<img src=x onerror=alert(1)></script><script>alert(2)</script>";
        var seed = new ExperimentSpec();
        var spec = seed with
        {
            Methods = [.. seed.Methods.Select((m, i) => i == 1 ? m with { Name = probe } : m)],
            Training = new TrainingOptions { Epochs = 10 },
        };
        var result = ExperimentRunner.Run(spec);
        var path = Path.Combine(SeedRendering.NewDirectory(), "report.html");
        ExperimentRenderer.WriteReport(result, path, new RenderOptions { Title = "T " + probe }, specJson: "{\"x\": \"" + probe + "\"}");
        var html = File.ReadAllText(path);

        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("alert(2)</script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;", html, StringComparison.Ordinal);

        // Three script blocks (plotly.js, the figure JSON, the page's code), so exactly three closing tags.
        Assert.Equal(3, Regex.Count(html, "</script", RegexOptions.IgnoreCase));

        // The name reaches plotly as HTML-encoded text, which plotly shows literally rather than as markup.
        using var figures = JsonDocument.Parse(FigureData(html));
        var names = figures.RootElement.EnumerateArray().SelectMany(f => f.GetProperty("data").EnumerateArray())
            .Where(t => t.TryGetProperty("name", out _)).Select(t => t.GetProperty("name").GetString()).ToArray();
        Assert.Contains(System.Net.WebUtility.HtmlEncode(probe), names);
        Assert.DoesNotContain(probe, names);
    }

    [Fact]
    public void WriteReport_Seed_LogAxesLabelEveryTickAsAFullNumber()
    {
        var html = File.ReadAllText(SeedRendering.ReportPath);
        using var figures = JsonDocument.Parse(FigureData(html));
        var logAxes = figures.RootElement.EnumerateArray()
            .Select(f => f.GetProperty("layout").TryGetProperty("yaxis", out var axis) ? axis : default)
            .Where(a => a.ValueKind == JsonValueKind.Object && a.TryGetProperty("type", out var type) && type.GetString() == "log")
            .ToArray();

        // plotly's default ("small digits") labels 200 and 500 between decades as "2" and "5".
        Assert.NotEmpty(logAxes);
        Assert.All(logAxes, a => Assert.Equal("complete", a.GetProperty("minorloglabels").GetString()));
    }

    [Fact]
    public void WriteReport_Seed_3DScenesStepBackFromTheDefaultCamera()
    {
        var html = File.ReadAllText(SeedRendering.ReportPath);
        using var figures = JsonDocument.Parse(FigureData(html));
        var scenes = figures.RootElement.EnumerateArray()
            .Select(f => f.GetProperty("layout").TryGetProperty("scene", out var scene) ? scene : default)
            .Where(s => s.ValueKind == JsonValueKind.Object)
            .ToArray();

        // plotly's default eye (1.25, 1.25, 1.25) at the centre clipped the cube's bottom corner, where θ* lies.
        Assert.Equal(3, scenes.Length);
        Assert.All(scenes, s =>
        {
            var eye = s.GetProperty("camera").GetProperty("eye");
            var (x, y, z) = (eye.GetProperty("x").GetDouble(), eye.GetProperty("y").GetDouble(), eye.GetProperty("z").GetDouble());
            Assert.True(Math.Sqrt((x * x) + (y * y) + (z * z)) > Math.Sqrt(3 * 1.25 * 1.25));
            Assert.True(s.GetProperty("camera").GetProperty("center").GetProperty("z").GetDouble() < 0);
        });
    }

    private static string FigureData(string html)
    {
        var start = html.IndexOf("<script type=\"application/json\" id=\"figure-data\">", StringComparison.Ordinal);
        start = html.IndexOf('>', start) + 1;
        return html[start..html.IndexOf("</script>", start, StringComparison.Ordinal)];
    }
}
