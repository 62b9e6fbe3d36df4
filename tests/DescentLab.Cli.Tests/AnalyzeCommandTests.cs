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

    [Fact]
    public void Number_NegativeZero_IsZero() => Assert.Equal("0", ResultsTable.Number(-0.0));

    [Fact]
    public void Help_AnalyzeHelp_ListsOnlyTheFlagsItReads()
    {
        var result = Sandbox.Run("analyze", "--help");

        Assert.Equal(0, result.ExitCode);
        foreach (var flag in new[] { "--config", "--seed", "--rng", "--data", "--x", "--y", "--degree", "--lr", "--methods" })
        {
            Assert.Contains(flag, result.Output, StringComparison.Ordinal);
        }

        foreach (var flag in new[] { "--epochs", "--batch-size", "--init", "--record-every", "--divergence-factor", "--replicates", "--out", "--force", "--figures" })
        {
            Assert.DoesNotContain(flag, result.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Analyze_TrainingFlag_IsRejected()
    {
        var result = Sandbox.Run("analyze", "--epochs", "5");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--epochs", result.Error, StringComparison.Ordinal);
    }
}
