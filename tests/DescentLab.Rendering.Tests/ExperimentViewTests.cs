using System.Text.Json;
using DescentLab.Experiments;
using DescentLab.Io;
using DescentLab.Training;

namespace DescentLab.Rendering.Tests;

/// <summary>The live view of an experiment: summary.json's content, unchanged, and the thinned series the page draws.</summary>
public sealed class ExperimentViewTests
{
    private static readonly Lazy<JsonDocument> Seed = new(() => JsonDocument.Parse(ExperimentView.Run(ExperimentFile.Seed)));

    private static JsonElement View => Seed.Value.RootElement.GetProperty("view");

    [Fact]
    public void Run_SeedExperiment_SummaryEqualsSummaryJsonOfASeparateRun()
    {
        var result = ExperimentRunner.Run(ExperimentFile.Seed.Spec);
        using var stream = new MemoryStream();
        SummaryJsonWriter.Write(result, stream);
        using var expected = JsonDocument.Parse(stream.ToArray());

        var summary = Seed.Value.RootElement.GetProperty("summary");

        // Everything but the run times: the same text, so the same doubles, bit for bit.
        foreach (var property in expected.RootElement.EnumerateObject().Where(p => p.Name != "timing"))
        {
            Assert.Equal(property.Value.GetRawText(), summary.GetProperty(property.Name).GetRawText());
        }

        Assert.Equal(
            expected.RootElement.EnumerateObject().Select(p => p.Name),
            summary.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Run_SeedExperiment_EchoesTheResolvedExperimentFile()
    {
        var echoed = Seed.Value.RootElement.GetProperty("experiment").GetRawText();

        var back = ExperimentJson.ParseSelfContained(echoed);

        Assert.Equal(ExperimentJson.Write(ExperimentFile.Seed), ExperimentJson.Write(back));
    }

    [Fact]
    public void Run_SeedExperiment_SeriesAreThinnedWithFirstAndLastRowKept()
    {
        var result = ExperimentRunner.Run(ExperimentFile.Seed.Spec);
        var runs = View.GetProperty("runs").EnumerateArray().ToArray();

        Assert.Equal(["gd", "sgd", "sgd-shuffle"], runs.Select(r => r.GetProperty("name").GetString()));
        for (var m = 0; m < runs.Length; m++)
        {
            var t = result.Runs[m].Trajectory;
            var steps = runs[m].GetProperty("step").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            var loss = runs[m].GetProperty("loss").EnumerateArray().Select(e => e.GetDouble()).ToArray();

            Assert.Equal(Math.Min(t.Count, new ViewOptions().MaxPoints), steps.Length);
            Assert.Equal(steps.Length, loss.Length);
            Assert.Equal(0, steps[0]);
            Assert.Equal(t.Step[^1], steps[^1]);
            Assert.Equal(t.Loss[^1], loss[^1], 6e-7 * t.Loss[^1]);
            Assert.True(steps.Zip(steps.Skip(1)).All(p => p.First < p.Second), "steps not increasing");
        }
    }

    [Fact]
    public void Run_SeedExperiment_DirectionsSumToTheExcessLoss()
    {
        foreach (var run in View.GetProperty("runs").EnumerateArray())
        {
            var excess = run.GetProperty("excessLoss").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            var directions = run.GetProperty("directions").EnumerateArray()
                .Select(d => d.EnumerateArray().Select(e => e.GetDouble()).ToArray()).ToArray();

            Assert.Equal(3, directions.Length);
            for (var k = 0; k < excess.Length; k += 7)
            {
                var sum = directions.Sum(d => d[k]);

                // Seven significant digits each, and L − L* from the quadratic form includes g*ᵀd (g* ≈ 1e-13).
                Assert.Equal(excess[k], sum, (2e-6 * excess[k]) + 1e-9);
            }
        }
    }

    [Fact]
    public void Run_SeedExperiment_AnalysisHasEachMethodsContractions()
    {
        var analysis = Seed.Value.RootElement.GetProperty("analysis");
        var eigenvalues = analysis.GetProperty("eigenvalues").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var gd = analysis.GetProperty("methods")[0];
        var contractions = gd.GetProperty("contractions").EnumerateArray().Select(e => e.GetDouble()).ToArray();

        Assert.Equal(0.001, gd.GetProperty("lr").GetDouble());
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(Math.Abs(1 - (0.001 * eigenvalues[i])), contractions[i], 1e-6);
        }

        Assert.Equal(2 / eigenvalues[2], analysis.GetProperty("stabilityBound").GetDouble(), 1e-8);
    }

    [Fact]
    public void Run_SeedExperiment_LandscapeIsTheDefaultGrid()
    {
        var landscape = View.GetProperty("landscape");

        Assert.Equal(48, landscape.GetProperty("x").GetArrayLength());
        Assert.Equal(48, landscape.GetProperty("z").GetArrayLength());
        Assert.Equal(48, landscape.GetProperty("z")[0].GetArrayLength());
        Assert.Equal("x^2", View.GetProperty("plane").GetProperty("x").GetString());
        Assert.Equal(JsonValueKind.Null, View.GetProperty("bands").ValueKind);
    }

    [Fact]
    public void Run_Replicates_SendsOneBandPerMethod()
    {
        var file = ExperimentFile.Seed with { Spec = ExperimentFile.Seed.Spec with { Replicates = 4, Training = new TrainingOptions { Epochs = 20 } } };

        using var view = JsonDocument.Parse(ExperimentView.Run(file));

        var bands = view.RootElement.GetProperty("view").GetProperty("bands").EnumerateArray().ToArray();
        Assert.Equal(3, bands.Length);
        Assert.All(bands, b => Assert.Equal(b.GetProperty("x").GetArrayLength(), b.GetProperty("excessLoss").GetProperty("median").GetArrayLength()));
        Assert.Equal(4, bands[0].GetProperty("replicates").GetInt32());
    }

    [Theory]
    [InlineData(1, "These readings come from one run (one seed); they cannot decide which method is faster: set Replicates above 1 for bands across seeds.")]
    [InlineData(4, "These readings are replicate 0's; the bands across seeds show which differences hold.")]
    public void Run_Readings_PointToWhatThePageHas(int replicates, string expected)
    {
        // The page has a Replicates control and bands, not the report's flag and tables: it used to say "rerun with
        // --replicates R" and "the tables across replicates above", which it does not show.
        var file = ExperimentFile.Seed with { Spec = ExperimentFile.Seed.Spec with { Replicates = replicates, Training = new TrainingOptions { Epochs = 20 } } };

        using var view = JsonDocument.Parse(ExperimentView.Run(file));

        var readings = view.RootElement.GetProperty("view").GetProperty("readings").EnumerateArray().Select(r => r.GetString()!).ToArray();
        Assert.Contains(expected, readings);
        Assert.DoesNotContain(readings, r => r.Contains("--replicates", StringComparison.Ordinal) || r.Contains("tables", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_SeedExperiment_AnswerStaysUnder200KB()
    {
        var bytes = ExperimentView.Run(ExperimentFile.Seed).Length;

        // Thinned as the report thins, at most 300 points a trace and a 48×48 landscape: about 107 KB.
        Assert.InRange(bytes, 50_000, 200 * 1024);
    }

    [Fact]
    public void Run_Cancelled_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => ExperimentView.Run(ExperimentFile.Seed, cancellationToken: cancelled.Token));
    }

    [Fact]
    public void Report_SeedExperiment_EqualsTheReportTheRendererWrites()
    {
        var result = ExperimentRunner.Run(ExperimentFile.Seed.Spec);
        var path = Path.Combine(SeedRendering.NewDirectory(), "report.html");
        ExperimentRenderer.WriteReport(result, path, RenderOptions.For(ExperimentFile.Seed.Output), ExperimentJson.Write(ExperimentFile.Seed));

        var html = ExperimentView.Report(ExperimentFile.Seed);

        Assert.Equal(File.ReadAllText(path), html);
    }

    [Fact]
    public void Analyze_SeedExperiment_EqualsTheRunsAnalysis()
    {
        using var analysis = JsonDocument.Parse(ExperimentView.Analyze(ExperimentFile.Seed));

        Assert.Equal(
            Seed.Value.RootElement.GetProperty("analysis").GetRawText(),
            analysis.RootElement.GetProperty("analysis").GetRawText());
    }
}
