namespace DescentLab.Cli.Tests;

public sealed class AnalyzeCommandTests : IDisposable
{
    private readonly Sandbox _box = new();

    public void Dispose() => _box.Dispose();

    [Fact]
    public void Analyze_SymmetricData_PrintsZeroOptimumWithoutSign()
    {
        // y = x² on x = ±1, ±2: the odd coefficients of the optimum come out as negative zero.
        var csv = _box.WriteFile("even.csv", "x,y\n-1,1\n1,1\n-2,4\n2,4\n");

        var result = Sandbox.Run("analyze", "--data", csv, "--methods", "gd");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("optimum θ*            x = 0  x^2 = 1  1 = 0", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("-0 ", result.Output, StringComparison.Ordinal);
    }

    /// <summary>A constant x makes x, x² and 1 one direction: θ* (1, 1, 1) is one point of a plane of optima, and analyze and run said nothing of it.</summary>
    [Fact]
    public void AnalyzeAndRun_LinearlyDependentFeatures_SayThatThetaStarIsNotUnique()
    {
        var csv = _box.WriteFile("const.csv", "x,y\n1,2\n1,3\n1,4\n");
        const string Note = "θ* is not unique: the features are linearly dependent (rank 1 of 3 parameters), so L* is reached on a whole plane of θ; θ* is its minimum-norm point, and a run can reach L* without nearing it.";

        var analyze = Sandbox.Run("analyze", "--data", csv, "--batch-size", "1");
        var run = Sandbox.Run("run", "--data", csv, "--batch-size", "1", "--epochs", "5", "--figures", "none", "--no-report", "--out", _box.PathOf("out"));
        var seed = Sandbox.Run("analyze");

        Assert.Equal(0, analyze.ExitCode);
        Assert.Contains("optimum θ*            x = 1  x^2 = 1  1 = 1\n                      " + Note + "\n", analyze.Output, StringComparison.Ordinal);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\noptimum: " + Note + "\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("\"optimumNote\": \"" + Note + "\"", File.ReadAllText(Path.Combine(_box.PathOf("out"), "summary.json")), StringComparison.Ordinal);
        Assert.DoesNotContain("not unique", seed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Number_NegativeZero_IsZero() => Assert.Equal("0", ResultsTable.Number(-0.0));

    [Fact]
    public void Help_AnalyzeHelp_ListsOnlyTheFlagsItReads()
    {
        var result = Sandbox.Run("analyze", "--help");

        Assert.Equal(0, result.ExitCode);
        foreach (var flag in new[] { "--config", "--seed", "--rng", "--data", "--x", "--y", "--degree", "--lr", "--batch-size", "--methods" })
        {
            Assert.Contains(flag, result.Output, StringComparison.Ordinal);
        }

        foreach (var flag in new[] { "--epochs", "--init", "--record-every", "--divergence-factor", "--replicates", "--out", "--force", "--figures" })
        {
            Assert.DoesNotContain(flag, result.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Analyze_CsvSmallerThanTheDefaultBatch_TakesTheBatchSizeItsMessageAsksFor()
    {
        var csv = _box.WriteFile("small.csv", "x,y\n" + string.Join("\n", Enumerable.Range(0, 10).Select(i => $"{i},{(i * i) + 1}")) + "\n");

        var refused = Sandbox.Run("analyze", "--data", csv);
        var result = Sandbox.Run("analyze", "--data", csv, "--batch-size", "5");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--batch-size", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("optimum", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_TrainingFlag_IsRejected()
    {
        var result = Sandbox.Run("analyze", "--epochs", "5");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--epochs", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_IllConditionedData_ShowsContractionBelowOneAndAlignsTheTable()
    {
        // The stopping-distance example: κ ≈ 9·10⁸, so GD's contraction per step is 1 − 10⁻⁹ and six digits round it to 1.
        var result = Sandbox.Run("analyze", "--config", Path.Combine(Sandbox.Examples, "own-data.json"));

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("contraction 1 per step", result.Output, StringComparison.Ordinal);
        Assert.Contains("contraction 1 − 2.", result.Output, StringComparison.Ordinal);
        var lines = result.Output.Split('\n');
        var header = Array.FindIndex(lines, l => l.StartsWith("method ", StringComparison.Ordinal));
        var rows = lines.Skip(header + 1).TakeWhile(l => l.Length > 0).ToArray();
        Assert.Equal(["gd", "sgd-shuffle", "adam"], rows.Select(r => r.Split(' ')[0]));
        Assert.StartsWith("gd                1e-08       0.84749      1 − 9.40856e-10       1.22367e+09", rows[0], StringComparison.Ordinal);
        foreach (var column in new[] { "lr ", "lr·λmax", "GD contraction/step", "steps per" })
        {
            var at = lines[header].IndexOf(column, StringComparison.Ordinal);
            foreach (var row in rows)
            {
                Assert.True(row[at - 1] == ' ' && row[at] != ' ', $"'{column}' at {at} in: {row}");
            }
        }
    }
}
