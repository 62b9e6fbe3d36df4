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

        var result = Sandbox.Run("analyze", "--data", csv, "--batch-size", "1");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("optimum θ*            x = 0  x^2 = 1  1 = 0", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("-0 ", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Number_NegativeZero_IsZero() => Assert.Equal("0", ResultsTable.Number(-0.0));
}
