using System.Globalization;

namespace DescentLab.Cli.Tests;

public sealed class DescentLabCommandTests : IDisposable
{
    private readonly Sandbox _box = new();

    public void Dispose() => _box.Dispose();

    [Fact]
    public void Run_NoArguments_WritesSeedFolderUnderRunsAndPrintsTable()
    {
        var previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = _box.Root;
        try
        {
            var result = Sandbox.Run(false, ExperimentRendering.Default, default, "run");

            Assert.Equal(0, result.ExitCode);
            var folder = _box.PathOf(Path.Combine("runs", "seed-0"));
            Assert.Equal(
                [".descentlab", "data.csv", "experiment.json", "figures", "report.html", "summary.json", "trajectories.csv"],
                Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            var figures = Directory.EnumerateFiles(Path.Combine(folder, "figures")).Select(Path.GetFileName).ToArray();
            Assert.Contains("paths.png", figures);
            Assert.Contains("paths.svg", figures);
            Assert.Contains("batches.png", figures);
            // The report embeds experiment.json, HTML-encoded.
            Assert.Contains("&quot;keepBatchesOfEpoch&quot;: 0", File.ReadAllText(Path.Combine(folder, "report.html")), StringComparison.Ordinal);
            Assert.Contains("report: runs/seed-0/report.html", result.Output, StringComparison.Ordinal);
            Assert.Contains("seed: seed 0, independent randomness, 100 samples", result.Output, StringComparison.Ordinal);
            foreach (var method in new[] { "gd ", "sgd ", "sgd-shuffle ", "optimum θ*" })
            {
                Assert.Contains(method, result.Output, StringComparison.Ordinal);
            }

            var summary = OutputFiles.Summary(folder);
            Assert.Equal(["gd", "sgd", "sgd-shuffle"], OutputFiles.MethodNames(summary));
            Assert.Equal(300, OutputFiles.Method(summary, "gd").GetProperty("steps").GetInt32());
            Assert.Equal(1200, OutputFiles.Method(summary, "sgd").GetProperty("steps").GetInt32());
            Assert.Equal(0, OutputFiles.Experiment(folder).GetProperty("keepBatchesOfEpoch").GetInt32());
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }

    [Fact]
    public void Run_Default_WritesTrajectoryHeaderAndEmptyFirstRowCells()
    {
        var folder = _box.PathOf("out");
        Assert.Equal(0, Sandbox.Run("run", "--out", folder).ExitCode);

        var lines = File.ReadAllLines(Path.Combine(folder, "trajectories.csv"));
        Assert.Equal("method,replicate,step,epoch,samples,batch_loss,loss,x,x^2,1,grad_norm", lines[0]);
        var first = lines[1].Split(',');
        Assert.Equal(["gd", "0", "0", "0", "0", ""], first[..6]);
        Assert.Equal(string.Empty, first[^1]);
        Assert.Equal(1 + 301 + 1201 + 1201, lines.Length);
        var data = File.ReadAllLines(Path.Combine(folder, "data.csv"));
        Assert.Equal("x,y", data[0]);
        Assert.Equal(101, data.Length);
    }

    [Fact]
    public void Run_Seed_SetsSeedAndChangesData()
    {
        var a = _box.PathOf("a");
        var b = _box.PathOf("b");
        Assert.Equal(0, Sandbox.Run("run", "--out", a).ExitCode);
        Assert.Equal(0, Sandbox.Run("run", "--seed", "3", "--out", b).ExitCode);

        Assert.Equal(3u, OutputFiles.Summary(b).GetProperty("seed").GetUInt32());
        Assert.Equal(3u, OutputFiles.Experiment(b).GetProperty("seed").GetUInt32());
        Assert.NotEqual(File.ReadAllText(Path.Combine(a, "data.csv")), File.ReadAllText(Path.Combine(b, "data.csv")));
    }

    [Fact]
    public void Run_RngNotebook_DrawsOneInitPerMethod()
    {
        var folder = _box.PathOf("nb");
        Assert.Equal(0, Sandbox.Run("run", "--rng", "notebook", "--out", folder).ExitCode);

        Assert.Equal("notebook", OutputFiles.Experiment(folder).GetProperty("rng").GetString());
        var summary = OutputFiles.Summary(folder);
        var gd = OutputFiles.Numbers(OutputFiles.Method(summary, "gd").GetProperty("init"));
        var sgd = OutputFiles.Numbers(OutputFiles.Method(summary, "sgd").GetProperty("init"));
        Assert.NotEqual(gd, sgd);
    }

    [Fact]
    public void Run_DataWithColumns_FitsTheCsvAndReferencesDataCsv()
    {
        var csv = _box.WriteFile("points.csv", "t,h,extra\n0,1,9\n1,3,9\n2,9,9\n3,19,9\n4,33,9\n");
        var folder = _box.PathOf("own");

        var result = Sandbox.Run("run", "--data", csv, "--x", "t", "--y", "h", "--methods", "gd", "--lr", "0.01", "--out", folder);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("t,h\n0,1\n1,3\n2,9\n3,19\n4,33\n", File.ReadAllText(Path.Combine(folder, "data.csv")));
        Assert.Equal("points", OutputFiles.Experiment(folder).GetProperty("name").GetString());
        var data = OutputFiles.Experiment(folder).GetProperty("data");
        Assert.Equal("csv", data.GetProperty("kind").GetString());
        Assert.Equal("data.csv", data.GetProperty("path").GetString());
        Assert.Equal(["t", "t^2", "1"], OutputFiles.Summary(folder).GetProperty("parameters").EnumerateArray().Select(e => e.GetString()));
        var optimum = OutputFiles.Numbers(OutputFiles.Summary(folder).GetProperty("optimum").GetProperty("theta"));

        // h = 1 + 2t²: the least-squares fit is exact, so θ* = (0, 2, 1) up to the solver's rounding.
        Assert.Equal(0, optimum[0], 1e-9);
        Assert.Equal(2, optimum[1], 1e-9);
        Assert.Equal(1, optimum[2], 1e-9);
    }

    [Fact]
    public void Run_Degree_AddsParameters()
    {
        var folder = _box.PathOf("d3");
        Assert.Equal(0, Sandbox.Run("run", "--degree", "3", "--lr", "1e-5", "--out", folder).ExitCode);

        Assert.Equal(["x", "x^2", "x^3", "1"], OutputFiles.Summary(folder).GetProperty("parameters").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("method,replicate,step,epoch,samples,batch_loss,loss,x,x^2,x^3,1,grad_norm", File.ReadLines(Path.Combine(folder, "trajectories.csv")).First());
    }

    [Fact]
    public void Run_EpochsLrBatchSizeRecordEvery_AreApplied()
    {
        var folder = _box.PathOf("o");
        var result = Sandbox.Run("run", "--epochs", "20", "--lr", "0.002", "--batch-size", "10", "--record-every", "5", "--out", folder);

        Assert.Equal(0, result.ExitCode);
        var summary = OutputFiles.Summary(folder);
        Assert.Equal(20, OutputFiles.Method(summary, "gd").GetProperty("steps").GetInt32());
        Assert.Equal(200, OutputFiles.Method(summary, "sgd").GetProperty("steps").GetInt32());
        var experiment = OutputFiles.Experiment(folder);
        Assert.Equal(20, experiment.GetProperty("epochs").GetInt32());
        Assert.Equal(5, experiment.GetProperty("recordEvery").GetInt32());
        foreach (var method in experiment.GetProperty("methods").EnumerateArray())
        {
            Assert.Equal(0.002, method.GetProperty("optimizer").GetProperty("lr").GetDouble());
        }

        Assert.Equal(1, experiment.GetProperty("methods")[0].GetProperty("sampler").GetProperty("batchSize").GetInt32());
        Assert.Equal(10, experiment.GetProperty("methods")[1].GetProperty("sampler").GetProperty("batchSize").GetInt32());

        // gd: row 0, steps 1, 5, 10, 15, 20 (the first and last are always kept).
        var gdRows = File.ReadLines(Path.Combine(folder, "trajectories.csv")).Count(l => l.StartsWith("gd,", StringComparison.Ordinal));
        Assert.Equal(6, gdRows);
    }

    [Theory]
    [InlineData("shared")]
    [InlineData("independent")]
    public void Run_InitKind_SharesOrNot(string kind)
    {
        var folder = _box.PathOf(kind);
        Assert.Equal(0, Sandbox.Run("run", "--init", kind, "--epochs", "2", "--out", folder).ExitCode);

        var summary = OutputFiles.Summary(folder);
        var gd = OutputFiles.Numbers(OutputFiles.Method(summary, "gd").GetProperty("init"));
        var sgd = OutputFiles.Numbers(OutputFiles.Method(summary, "sgd").GetProperty("init"));
        Assert.Equal(kind == "shared", gd.SequenceEqual(sgd));
        Assert.Equal(kind, OutputFiles.Experiment(folder).GetProperty("init").GetString());
    }

    [Fact]
    public void Run_InitValues_StartsEveryMethodThere()
    {
        var folder = _box.PathOf("v");
        Assert.Equal(0, Sandbox.Run("run", "--init", "1,2.5,-3", "--epochs", "2", "--out", folder).ExitCode);

        foreach (var method in OutputFiles.Summary(folder).GetProperty("methods").EnumerateArray())
        {
            Assert.Equal([1, 2.5, -3], OutputFiles.Numbers(method.GetProperty("init")));
        }
    }

    [Fact]
    public void Run_Replicates_WritesStatisticsAcrossSeeds()
    {
        var folder = _box.PathOf("r");
        var result = Sandbox.Run("run", "--replicates", "4", "--epochs", "60", "--out", folder);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("3 methods, 60 epochs, 4 replicates", result.Error, StringComparison.Ordinal);
        Assert.Equal(12, result.Error.Split('\n').Count(l => l.Contains(": epoch ", StringComparison.Ordinal)));

        Assert.Equal(4, OutputFiles.Experiment(folder).GetProperty("replicates").GetInt32());
        Assert.Equal(4, OutputFiles.Summary(folder).GetProperty("replicates").GetInt32());
        var runs = File.ReadAllLines(Path.Combine(folder, "replicates", "runs.csv"));
        Assert.Equal(1 + (3 * 4), runs.Length);
        Assert.StartsWith("method,replicate,seed,", runs[0], StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder, "replicates", "comparisons.csv")));
    }

    /// <summary>This exited 1 after training with "… is not recorded; … (Parameter 'options')": the default comparison points were off the interval.</summary>
    [Fact]
    public void Run_ReplicatesRecordingEveryThousandthStep_SkipsTheUnrecordedComparisonPointsAndSaysWhy()
    {
        var folder = _box.PathOf("sparse");
        var result = Sandbox.Run("run", "--replicates", "3", "--epochs", "200", "--record-every", "1000", "--figures", "none", "--no-report", "--out", folder);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("  update 50: not recorded by gd, sgd, sgd-shuffle (the recording interval, recordEvery or --record-every, skips it)\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("  epoch 300: past the end of gd, sgd, sgd-shuffle (200 epochs)\n", result.Output, StringComparison.Ordinal);
        var skipped = OutputFiles.Summary(folder).GetProperty("skippedComparisons");
        Assert.Equal(4, skipped.GetArrayLength());
    }

    [Fact]
    public void Run_Methods_RunsTheNamedBuiltIns()
    {
        var folder = _box.PathOf("m");
        var all = string.Join(',', BuiltInMethods.All.Select(m => m.Name));
        Assert.Equal(0, Sandbox.Run("run", "--methods", all, "--epochs", "3", "--out", folder).ExitCode);

        Assert.Equal(BuiltInMethods.All.Select(m => m.Name), OutputFiles.MethodNames(OutputFiles.Summary(folder)));
        var kinds = OutputFiles.Experiment(folder).GetProperty("methods").EnumerateArray()
            .Select(m => m.GetProperty("optimizer").GetProperty("kind").GetString()).Distinct();
        Assert.Equal(["sgd", "adam", "adamw", "rmsprop", "adagrad"], kinds);
    }

    [Theory]
    [InlineData("none", new string[0])]
    [InlineData("png", new[] { "figure-Png.txt" })]
    [InlineData("svg", new[] { "figure-Svg.txt" })]
    [InlineData("all", new[] { "figure-Png.txt", "figure-Svg.txt" })]
    public void Run_Figures_ChoosesFigureFiles(string flag, string[] drawn)
    {
        var folder = _box.PathOf(flag);
        Assert.Equal(0, Sandbox.Run("run", "--figures", flag, "--epochs", "2", "--out", folder).ExitCode);

        Assert.Equal(flag, OutputFiles.Experiment(folder).GetProperty("output").GetProperty("figures").GetString());
        var figures = Path.Combine(folder, "figures");
        Assert.Equal(drawn, Directory.Exists(figures) ? [.. Directory.EnumerateFiles(figures).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)] : []);
    }

    [Fact]
    public void Run_NoReport_WritesNoReportAndPrintsSummaryPath()
    {
        var folder = _box.PathOf("nr");
        var result = Sandbox.Run("run", "--no-report", "--epochs", "2", "--out", folder);

        Assert.Equal(0, result.ExitCode);
        Assert.False(File.Exists(Path.Combine(folder, "report.html")));
        Assert.False(OutputFiles.Experiment(folder).GetProperty("output").GetProperty("report").GetBoolean());
        Assert.Contains("summary: ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Force_ReplacesAnExistingFolder()
    {
        var folder = _box.PathOf("f");
        Assert.Equal(0, Sandbox.Run("run", "--epochs", "2", "--seed", "1", "--out", folder).ExitCode);
        File.WriteAllText(Path.Combine(folder, "old.txt"), "old");

        var result = Sandbox.Run("run", "--epochs", "2", "--out", folder, "--force");

        Assert.Equal(0, result.ExitCode);
        Assert.False(File.Exists(Path.Combine(folder, "old.txt")));
        Assert.True(File.Exists(Path.Combine(folder, "summary.json")));
        Assert.Equal(["f"], Directory.EnumerateFileSystemEntries(_box.Root, "*", new EnumerationOptions { AttributesToSkip = 0 }).Select(Path.GetFileName));
    }

    [Fact]
    public void Run_Quiet_PrintsOnlyThePath()
    {
        var folder = _box.PathOf("q");
        var result = Sandbox.Run("run", "--quiet", "--epochs", "2", "--out", folder);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Error);
        Assert.Equal($"report: {Path.Combine(folder, "report.html")}{Environment.NewLine}", result.Output);
    }

    [Fact]
    public void Run_NotATerminal_WritesPlainProgressLines()
    {
        var result = Sandbox.Run("run", "--out", _box.PathOf("p"));

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain('\r', result.Error);
        Assert.Contains("  gd: epoch 300/300", result.Error, StringComparison.Ordinal);
        Assert.Contains("  sgd-shuffle: epoch 75/300", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_TerminalWithReplicates_CountsEveryRunInTheBar()
    {
        var result = Sandbox.Run(true, null, default, "run", "--replicates", "3", "--epochs", "20", "--out", _box.PathOf("tr"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("100%  9/9 runs done", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Terminal_DrawsALiveBar()
    {
        var result = Sandbox.Run(true, null, default, "run", "--out", _box.PathOf("t"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\r  training [", result.Error, StringComparison.Ordinal);
        Assert.Contains("100%  3/3 runs done", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("gd: epoch", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_FailureWhileWriting_ExitsOneAndLeavesNothing()
    {
        var result = Sandbox.Run(false, new Sandbox.FailingRendering(), default, "run", "--epochs", "2", "--out", _box.PathOf("x"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("failed while running: disk full", result.Error, StringComparison.Ordinal);
        Assert.Empty(_box.Entries());
    }

    [Fact]
    public void Run_FailureWhileReplacing_KeepsTheOldFolder()
    {
        var folder = _box.PathOf("keep");
        Assert.Equal(0, Sandbox.Run("run", "--epochs", "2", "--figures", "none", "--no-report", "--out", folder).ExitCode);
        File.WriteAllText(Path.Combine(folder, "old.txt"), "old");
        var before = _box.Entries();

        var result = Sandbox.Run(false, new Sandbox.FailingRendering(), default, "run", "--epochs", "2", "--out", folder, "--force");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(before, _box.Entries());
    }

    [Fact]
    public void Run_Cancelled_ExitsOneThirtyAndLeavesNothing()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        var result = Sandbox.Run(false, null, cancellation.Token, "run", "--out", _box.PathOf("c"));

        Assert.Equal(130, result.ExitCode);
        Assert.Contains("cancelled", result.Error, StringComparison.Ordinal);
        Assert.Empty(_box.Entries());
    }

    [Fact]
    public void Landscape_Default_WritesSliceAndProfileSurfaces()
    {
        var folder = _box.PathOf("l");
        var result = Sandbox.Run("landscape", "--resolution", "11", "--out", folder);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            [".descentlab", "data.csv", "experiment.json", "landscape-profile.csv", "landscape-slice.csv"],
            Directory.EnumerateFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(["landscape-Profile-11-All.txt"], Directory.EnumerateFiles(Path.Combine(folder, "figures")).Select(Path.GetFileName));
        var slice = File.ReadAllLines(Path.Combine(folder, "landscape-slice.csv"));
        Assert.Equal("x^2,x,loss", slice[0]);
        Assert.Equal(1 + (11 * 11), slice.Length);
        var minimum = slice.Skip(1).Min(l => double.Parse(l.Split(',')[2], CultureInfo.InvariantCulture));
        Assert.True(minimum >= 23.92, $"no grid point is below L* = 23.9217, got {minimum}");
    }

    [Fact]
    public void Landscape_PlaneFlag_ChoosesTheAxes()
    {
        var folder = _box.PathOf("lp");
        var result = Sandbox.Run("landscape", "--plane", "x,1", "--kind", "profile", "--resolution", "5", "--figures", "none", "--out", folder);

        Assert.Equal(0, result.ExitCode);
        Assert.False(Directory.Exists(Path.Combine(folder, "figures")));
        Assert.Equal("x,1,loss", File.ReadLines(Path.Combine(folder, "landscape-profile.csv")).First());
        Assert.False(File.Exists(Path.Combine(folder, "landscape-slice.csv")));
    }

    [Fact]
    public void Landscape_RealRendering_WritesOnlyTheSurfaceFigures()
    {
        var folder = _box.PathOf("lr");
        var result = Sandbox.Run(false, ExperimentRendering.Default, default, "landscape", "--kind", "profile", "--resolution", "20", "--figures", "png", "--out", folder);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["batches.png", "landscape.png"], Directory.EnumerateFileSystemEntries(Path.Combine(folder, "figures"), "*", Sandbox.Everything).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal));
        Assert.Contains("figures/landscape.png", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_Seed_PrintsOptimumSpectrumAndBounds()
    {
        var result = Sandbox.Run("analyze");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("optimum θ*            x = 9.7165  x^2 = 2.90089  1 = -1.41654", result.Output, StringComparison.Ordinal);
        Assert.Contains("Hessian eigenvalues   1.00135  4.91353  204.717", result.Output, StringComparison.Ordinal);
        Assert.Contains("condition number κ    204.442", result.Output, StringComparison.Ordinal);
        Assert.Contains("GD stable for lr <    0.00976958", result.Output, StringComparison.Ordinal);
        Assert.Empty(_box.Entries());
    }

    [Fact]
    public void Help_RunHelp_ListsEveryFlag()
    {
        var result = Sandbox.Run("run", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("descentlab run [options]", result.Output, StringComparison.Ordinal);
        foreach (var flag in new[] { "--config", "--seed", "--rng", "--data", "--x", "--y", "--degree", "--epochs", "--lr", "--batch-size", "--init", "--methods", "--record-every", "--figures", "--no-report", "--out", "--force", "--quiet" })
        {
            Assert.Contains(flag, result.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Run_Replicates_PrintsDistributionsAndEveryComparisonOfSummaryJson()
    {
        var result = Sandbox.Run("run", "--replicates", "5", "--epochs", "60", "--out", _box.PathOf("out"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("across 5 replicates (seeds 0…4): median and 10%–90% band; reached: L − L* below 1% of L* for good", result.Output, StringComparison.Ordinal);
        var summary = OutputFiles.Summary(_box.PathOf("out"));
        var comparisons = summary.GetProperty("comparisons").EnumerateArray().ToArray();

        // Three pairs, each at epoch 50 and at update 50: epoch 300 and update 300 are past GD's 60 steps.
        Assert.Equal(6, comparisons.Length);
        var table = result.Output[result.Output.IndexOf("paired comparisons", StringComparison.Ordinal)..];
        foreach (var c in comparisons)
        {
            var at = c.GetProperty("axis").GetString() == "epoch" ? $"epoch {c.GetProperty("at").GetInt64()}" : $"update {c.GetProperty("at").GetInt64()}";
            var mean = ResultsTable.Number(c.GetProperty("meanDifference").GetDouble());
            Assert.Matches($@"\n{c.GetProperty("a").GetString()} +{c.GetProperty("b").GetString()} +{at} +{System.Text.RegularExpressions.Regex.Escape(mean)} ", table);
        }

        var bands = summary.GetProperty("bands").GetProperty("methods").EnumerateArray().Select(m => m.GetProperty("name").GetString()!).ToArray();
        Assert.Equal(["gd", "sgd", "sgd-shuffle"], bands);

        // The points past GD's 60 updates are reported, not dropped.
        Assert.Contains("comparison points skipped:\n  epoch 300: past the end of gd, sgd, sgd-shuffle (60 epochs)\n  update 300: past the end of the run: gd ends at update 60, sgd ends at update 240, sgd-shuffle ends at update 240\n", result.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        var skipped = summary.GetProperty("skippedComparisons").EnumerateArray().ToArray();
        Assert.Equal(2, skipped.Length);
        Assert.Equal(["gd", "sgd", "sgd-shuffle"], skipped[1].GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
    }
}
