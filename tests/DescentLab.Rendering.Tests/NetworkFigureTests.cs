using System.Text.Json;
using System.Xml.Linq;
using DescentLab.Experiments;
using ScottPlot.Plottables;
using SkiaSharp;

namespace DescentLab.Rendering.Tests;

public sealed class NetworkFigureTests
{
    [Fact]
    public void WriteFigures_Mlp_WritesLossAccuracyAndBoundaryAsPngAndSvg()
    {
        var directory = SeedRendering.NewDirectory();
        var files = ExperimentRenderer.WriteFigures(NetworkRendering.Mlp, directory, FigureFormats.All);

        Assert.Equal(
            ["loss.png", "loss.svg", "accuracy.png", "accuracy.svg", "boundary.png", "boundary.svg"],
            files.Select(f => Path.GetFileName(f)!).ToArray());
        using var loss = SKBitmap.Decode(Path.Combine(directory, "loss.png"));
        Assert.Equal((1000, 640), (loss.Width, loss.Height));

        // Three methods: three panels of 500 × 480 side by side.
        using var boundary = SKBitmap.Decode(Path.Combine(directory, "boundary.png"));
        Assert.Equal((1500, 480), (boundary.Width, boundary.Height));
        var texts = Texts(Path.Combine(directory, "boundary.svg"));
        foreach (var run in NetworkRendering.Mlp.Runs)
        {
            Assert.Contains(texts, t => t.StartsWith($"{run.Method.Name}: ", StringComparison.Ordinal) && t.EndsWith("% correct", StringComparison.Ordinal));
        }

        Assert.Contains("class 0", texts);
        Assert.Contains("class 1", texts);
        Assert.Contains("p = 0.5", texts);
    }

    [Fact]
    public void LossFigure_Mlp_IsTheLossOnALogAxisAndSaysThereIsNoKnownOptimum()
    {
        var texts = SvgTexts(NetworkRendering.Mlp, "loss");
        Assert.Contains("Loss against epochs", texts);
        Assert.Contains("binary cross-entropy (log scale; no known L*)", texts);
        Assert.Contains("gd: full-data loss", texts);
        Assert.DoesNotContain(texts, t => t.StartsWith("L* =", StringComparison.Ordinal));

        // The plotted data is the trajectory's: log10 of each run's full-data loss at its recorded rows.
        var model = NetworkFigureModel.Create(NetworkRendering.Mlp, null);
        using var plot = StaticFigures.Figures(model).Single(f => f.Name == "loss").Build();
        var gd = plot.GetPlottables().OfType<Scatter>().Single(s => s.LegendText == "gd: full-data loss");
        var points = gd.Data.GetScatterPoints();
        var t = NetworkRendering.Mlp.Runs[0].Trajectory;
        Assert.Equal(t.Count, points.Count);
        Assert.Equal(Math.Log10(t.Loss[^1]), points[^1].Y, 12);
    }

    [Fact]
    public void LossFigure_Logistic_DrawsLStarFromNewtonsOptimum()
    {
        var optimum = NetworkRendering.Logistic.Optimum!;
        Assert.NotNull(optimum.Theta);
        var texts = SvgTexts(NetworkRendering.Logistic, "loss");
        Assert.Contains("binary cross-entropy (log scale)", texts);
        Assert.Contains($"L* = {optimum.Loss.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)}", texts);
    }

    [Fact]
    public void AccuracyFigure_Mlp_PlotsTheAccuracyOfTheRecordedThetaOnTheFullData()
    {
        var result = NetworkRendering.Mlp;
        var model = NetworkFigureModel.Create(result, null);
        using var plot = StaticFigures.Figures(model).Single(f => f.Name == "accuracy").Build();
        var theta = new double[result.Network.ParameterCount];
        foreach (var run in result.Runs)
        {
            var line = plot.GetPlottables().OfType<Scatter>().Single(s => s.LegendText.StartsWith(run.Method.Name + ":", StringComparison.Ordinal));
            var points = line.Data.GetScatterPoints();
            var t = run.Trajectory;

            // At most 400 points: SGD's 240 recorded steps are all drawn.
            Assert.Equal(Math.Min(t.Count, NetworkFigureModel.MaxAccuracyPoints), points.Count);
            foreach (var k in new[] { 0, points.Count / 2, points.Count - 1 })
            {
                var row = model.Accuracy[result.Runs.ToList().IndexOf(run)].Rows[k];
                t.ParametersAt(row, theta);
                Assert.Equal(t.Epoch[row], points[k].X);
                Assert.Equal(100 * result.Network.Accuracy(theta), points[k].Y, 12);
            }

            Assert.Equal(100 * result.FinalAccuracy(run), points[^1].Y, 12);
        }
    }

    [Theory]
    [InlineData("mlp")]
    [InlineData("softmax")]
    public void Boundary_PredictedClasses_AgreeWithTheModelsOwnPrediction(string which)
    {
        var result = which == "mlp" ? NetworkRendering.Mlp : NetworkRendering.Softmax;
        var model = NetworkFigureModel.Create(result, null);
        var (gx, gy) = model.BoundaryGrid;
        var seen = new HashSet<int>();
        for (var r = 0; r < result.Runs.Count; r++)
        {
            var classes = model.FinalClasses[r]!;
            for (var j = 0; j < gy.Length; j += 7)
            {
                for (var i = 0; i < gx.Length; i += 7)
                {
                    var expected = NetworkRendering.FinalPrediction(result, result.Runs[r], gx[i], gy[j]);
                    Assert.Equal(expected, classes[(j * gx.Length) + i]);
                    seen.Add(expected);
                }
            }

        }

        // Not a vacuous check: the sampled cells cover every class.
        Assert.Equal(result.Network.Data.ClassNames!.Count, seen.Count);

        // The drawn heatmap holds the same classes with y flipped (row 0 at the top), and its colours are one tint per class.
        var panels = StaticFigures.BoundaryPanels(model);
        try
        {
            for (var r = 0; r < panels.Length; r++)
            {
                var heatmap = Assert.Single(panels[r].GetPlottables().OfType<Heatmap>());
                Assert.False(heatmap.Smooth);
                for (var j = 0; j < gy.Length; j += 11)
                {
                    for (var i = 0; i < gx.Length; i += 11)
                    {
                        var expected = NetworkRendering.FinalPrediction(result, result.Runs[r], gx[i], gy[j]);
                        Assert.Equal(expected, heatmap.Intensities[gy.Length - 1 - j, i]);
                    }
                }

                var k = result.Network.Data.ClassNames!.Count;
                var tints = Enumerable.Range(0, k).Select(c => heatmap.Colormap.GetColor((c + 0.5) / k)).Distinct().Count();
                Assert.Equal(k, tints);
            }
        }
        finally
        {
            foreach (var panel in panels)
            {
                panel.Dispose();
            }
        }
    }

    [Fact]
    public void BoundaryPng_AwayFromSamplesAndEdges_ShowsThePredictedClassTint()
    {
        var result = NetworkRendering.Softmax;
        var model = NetworkFigureModel.Create(result, null);
        var directory = SeedRendering.NewDirectory();
        ExperimentRenderer.WriteFigures(result, directory, FigureFormats.Png);
        using var bitmap = SKBitmap.Decode(Path.Combine(directory, "boundary.png"));
        var (gx, gy) = model.BoundaryGrid;
        var (px, py, _) = model.Points;
        var (xSpan, ySpan) = (gx[^1] - gx[0], gy[^1] - gy[0]);
        var checkedCells = 0;
        var (figure, panels, width, height) = StaticFigures.BoundaryFigure(model);
        try
        {
            // Drawn again as the file was, so each panel's data area is known in image pixels.
            Assert.Equal((bitmap.Width, bitmap.Height), (width, height));
            using var surface = SKSurface.Create(new SKImageInfo(width, height));
            StaticFigures.Draw(figure, surface.Canvas, width, height);
            for (var r = 0; r < panels.Length; r++)
            {
                var classes = model.FinalClasses[r]!;
                for (var j = 10; j < gy.Length - 10; j += 23)
                {
                    for (var i = 10; i < gx.Length - 10; i += 23)
                    {
                        // Only cells whose neighbourhood has one class and no sample: there the pixel is the region's tint alone.
                        var c = classes[(j * gx.Length) + i];
                        var uniform = Enumerable.Range(-6, 13).All(dj => Enumerable.Range(-6, 13).All(di => classes[((j + dj) * gx.Length) + i + di] == c));
                        var clear = Enumerable.Range(0, px.Length).All(s => Math.Abs(px[s] - gx[i]) > 0.04 * xSpan || Math.Abs(py[s] - gy[j]) > 0.04 * ySpan);
                        // The first panel's class legend sits in its lower right corner.
                        var legend = r == 0 && i > 0.55 * gx.Length && j < 0.4 * gy.Length;
                        if (!uniform || !clear || legend)
                        {
                            continue;
                        }

                        var pixel = panels[r].GetPixel(new ScottPlot.Coordinates(gx[i], gy[j]));
                        var colour = bitmap.GetPixel((int)pixel.X, (int)pixel.Y);
                        var tint = Tint(Palette.Of(c));
                        Assert.True(Math.Abs(colour.Red - tint.R) <= 2 && Math.Abs(colour.Green - tint.G) <= 2 && Math.Abs(colour.Blue - tint.B) <= 2, $"panel {r} cell ({i}, {j}): {colour} is not class {c}'s tint");
                        checkedCells++;
                    }
                }
            }
        }
        finally
        {
            foreach (var panel in panels)
            {
                panel.Dispose();
            }
        }

        Assert.True(checkedCells >= 10, $"only {checkedCells} cells checked");
    }

    [Fact]
    public void Report_Mlp_ReplaysTheBoundaryWithFramesThatAgreeWithTheModel()
    {
        var result = NetworkRendering.Mlp;
        var path = Path.Combine(SeedRendering.NewDirectory(), "report.html");
        ExperimentRenderer.WriteReport(result, path, specJson: "{}");
        var html = File.ReadAllText(path);

        Assert.Contains("<h2>Loss and accuracy</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<th>λmax at end</th><th>2/λmax at end</th>", html, StringComparison.Ordinal);
        Assert.Contains("No closed-form optimum exists for this network: excess loss is measured against the reference L_ref, a local optimum.", html, StringComparison.Ordinal);
        Assert.Contains("id=\"replay-slider\"", html, StringComparison.Ordinal);
        using var figures = JsonDocument.Parse(FigureData(html));
        var ids = figures.RootElement.EnumerateArray().Select(f => f.GetProperty("id").GetString()!).ToArray();
        Assert.Equal(["fig-loss", "fig-accuracy", "fig-boundary"], ids);

        var boundary = figures.RootElement[2];
        var x = boundary.GetProperty("data")[0].GetProperty("x").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var y = boundary.GetProperty("data")[0].GetProperty("y").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var replay = boundary.GetProperty("replay").GetProperty("boundaries");
        Assert.Equal(result.Runs.Count, replay.GetArrayLength());
        for (var r = 0; r < result.Runs.Count; r++)
        {
            var run = result.Runs[r];
            var b = replay[r];
            Assert.Equal(r, b.GetProperty("trace").GetInt32());
            var steps = b.GetProperty("step").EnumerateArray().Select(v => v.GetInt64()).ToArray();
            var frames = b.GetProperty("z");
            Assert.Equal(steps.Length, frames.GetArrayLength());
            Assert.Equal(run.Trajectory.Step[^1], steps[^1]);

            // The shown regions (trace r's z) are the last frame's, and that frame is the model's prediction at the final θ.
            Assert.Equal(frames[steps.Length - 1].GetRawText(), boundary.GetProperty("data")[r].GetProperty("z").GetRawText());
            for (var j = 0; j < y.Length; j += 9)
            {
                for (var i = 0; i < x.Length; i += 9)
                {
                    Assert.Equal(NetworkRendering.FinalPrediction(result, run, x[i], y[j]), frames[steps.Length - 1][j][i].GetInt32());
                }
            }

            // The first frame is the init's prediction, which differs from the final one somewhere.
            Assert.NotEqual(frames[0].GetRawText(), frames[steps.Length - 1].GetRawText());
        }
    }

    [Fact]
    public void Report_Logistic_StatesNewtonsOptimumAndTheExcessLoss()
    {
        var result = NetworkRendering.Logistic;
        var path = Path.Combine(SeedRendering.NewDirectory(), "report.html");
        ExperimentRenderer.WriteReport(result, path);
        var html = File.ReadAllText(path);
        Assert.Contains(System.Net.WebUtility.HtmlEncode($"θ* by Newton's method in {result.Optimum!.Iterations} steps."), html, StringComparison.Ordinal);
        Assert.Contains("<th>excess loss L − L*</th>", html, StringComparison.Ordinal);
        Assert.Contains("θ*[weight[0,0]]", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_Mlp_StatesTheReferenceOptimumAsTheTableAndSummaryDo()
    {
        var result = NetworkRendering.Mlp;
        var reference = result.Reference!;
        Assert.False(reference.SeparatesData);

        var html = Report(result);

        var optimum = html[html.IndexOf("<h2>Optimum</h2>", StringComparison.Ordinal)..];
        Assert.Contains(System.Net.WebUtility.HtmlEncode(reference.Statement + "."), optimum, StringComparison.Ordinal);
        Assert.Contains("a local reference, not a global optimum", optimum, StringComparison.Ordinal);
        Assert.Contains($"<tr><th class=\"text\">L_ref = L(θ_ref)</th><td class=\"text\">{G(reference.Loss)}</td></tr>", optimum, StringComparison.Ordinal);
        Assert.DoesNotContain("losses are shown as they are", html, StringComparison.Ordinal);

        // The methods table's column is the console table's L − L_ref.
        Assert.Contains("<th>excess loss L − L_ref</th>", html, StringComparison.Ordinal);
        Assert.Contains($"<td>{G(result.ExcessLoss(result.Runs[0]))}</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_MlpThatSeparatesTheData_SaysTheLossHasNoMinimiser()
    {
        var result = ExperimentRunner.RunNetwork(new ExperimentSpec
        {
            Data = new ClassificationData(new DescentLab.Data.ClassificationDataGenerator { Shape = DescentLab.Data.ClassificationShape.Blobs, Centers = 2, Count = 40 }),
            Model = DescentLab.Models.ModelSpec.Parse("mlp:4:tanh"),
            Training = new DescentLab.Training.TrainingOptions { Epochs = 5 },
        });
        var reference = result.Reference!;
        Assert.True(reference.SeparatesData);

        var html = Report(result);

        var optimum = html[html.IndexOf("<h2>Optimum</h2>", StringComparison.Ordinal)..];
        Assert.Contains(System.Net.WebUtility.HtmlEncode(reference.Statement + "."), optimum, StringComparison.Ordinal);
        Assert.Contains("so the loss has no minimiser (it tends to 0 as the weights grow) and L_ref is only a point on the way down", optimum, StringComparison.Ordinal);
        Assert.Contains($"<tr><th class=\"text\">L_ref = L(θ_ref)</th><td class=\"text\">{G(reference.Loss)}</td></tr>", optimum, StringComparison.Ordinal);
    }

    [Fact]
    public void ExcessLossFigure_Logistic_DrawsLossMinusNewtonsLStarAndTheReportSaysSo()
    {
        var result = NetworkRendering.Logistic;
        var minimum = result.Optimum!.Loss;
        var directory = SeedRendering.NewDirectory();

        var files = ExperimentRenderer.WriteFigures(result, directory, FigureFormats.Svg);

        Assert.Contains(Path.Combine(directory, "excess-loss.svg"), files);
        var texts = Texts(Path.Combine(directory, "excess-loss.svg"));
        Assert.Contains("L(θ) − L* (log scale)", texts);
        var model = NetworkFigureModel.Create(result, null);
        using var plot = StaticFigures.Figures(model).Single(f => f.Name == "excess-loss").Build();
        var gd = plot.GetPlottables().OfType<Scatter>().Single(s => s.LegendText == "gd");
        var points = gd.Data.GetScatterPoints();
        var t = result.Runs[0].Trajectory;
        Assert.Equal(Math.Log10(t.Loss[^1] - minimum), points[^1].Y, 12);

        var path = Path.Combine(SeedRendering.NewDirectory(), "report.html");
        ExperimentRenderer.WriteReport(result, path);
        var html = File.ReadAllText(path);
        using var figures = JsonDocument.Parse(FigureData(html));
        var excess = figures.RootElement.EnumerateArray().Single(f => f.GetProperty("id").GetString() == "fig-excess");
        var y = excess.GetProperty("data").EnumerateArray().Single(d => d.GetProperty("name").GetString() == "gd").GetProperty("y");
        // The report's figures hold 7 significant digits.
        Assert.Equal(t.Loss[^1] - minimum, y[y.GetArrayLength() - 1].GetDouble(), 1e-6 * (t.Loss[^1] - minimum));
        Assert.Contains("L(θ) − L*, with L* the loss at Newton", html, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteFigures_Mlp_DrawsNoExcessLossWithoutAKnownLStar()
    {
        var directory = SeedRendering.NewDirectory();

        var files = ExperimentRenderer.WriteFigures(NetworkRendering.Mlp, directory, FigureFormats.Svg);

        Assert.DoesNotContain(Path.Combine(directory, "excess-loss.svg"), files);
    }

    private static string Report(NetworkExperimentResult result)
    {
        var path = Path.Combine(SeedRendering.NewDirectory(), "report.html");
        ExperimentRenderer.WriteReport(result, path);
        return File.ReadAllText(path);
    }

    private static string G(double value) => value.ToString("G6", System.Globalization.CultureInfo.InvariantCulture).Replace("E-", "e-", StringComparison.Ordinal);

    private static string[] SvgTexts(NetworkExperimentResult result, string figure)
    {
        var directory = SeedRendering.NewDirectory();
        ExperimentRenderer.WriteFigures(result, directory, FigureFormats.Svg);
        return Texts(Path.Combine(directory, figure + ".svg"));
    }

    private static string[] Texts(string svg) =>
        [.. XDocument.Load(svg).Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim())];

    private static (byte R, byte G, byte B) Tint(string hex)
    {
        var rgb = Convert.FromHexString(hex.AsSpan(1));
        return ((byte)(rgb[0] + ((255 - rgb[0]) * 3 / 4)), (byte)(rgb[1] + ((255 - rgb[1]) * 3 / 4)), (byte)(rgb[2] + ((255 - rgb[2]) * 3 / 4)));
    }

    private static string FigureData(string html)
    {
        var start = html.IndexOf("<script type=\"application/json\" id=\"figure-data\">", StringComparison.Ordinal);
        start = html.IndexOf('>', start) + 1;
        return html[start..html.IndexOf("</script>", start, StringComparison.Ordinal)];
    }
}
