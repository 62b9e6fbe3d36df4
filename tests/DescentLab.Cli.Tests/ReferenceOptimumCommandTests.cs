namespace DescentLab.Cli.Tests;

/// <summary>The reference optimum L_ref of networks without a closed form, in the table and in summary.json.</summary>
public sealed class ReferenceOptimumCommandTests : IDisposable
{
    private readonly Sandbox _box = new();

    public void Dispose() => _box.Dispose();

    [Fact]
    public void Run_MlpOnCircles_PrintsHowLrefWasObtainedAndExcessLossPerMethod()
    {
        var folder = _box.PathOf("out");
        var result = Sandbox.Run("run", "--dataset", "circles", "--noise", "0.3", "--count", "80", "--model", "mlp:3", "--methods", "gd,adam", "--epochs", "10", "--out", folder);

        Assert.Equal(0, result.ExitCode);
        var summary = OutputFiles.Summary(folder);
        var reference = summary.GetProperty("reference");
        var lref = reference.GetProperty("loss").GetDouble();
        var statement = reference.GetProperty("statement").GetString()!;
        Assert.StartsWith("L_ref by full-batch L-BFGS (memory 10, Armijo backtracking) from the final θ of ", statement, StringComparison.Ordinal);
        Assert.Contains(statement + ": L_ref = ", result.Output, StringComparison.Ordinal);
        Assert.Contains("L − L_ref", result.Output, StringComparison.Ordinal);
        Assert.Equal(13, reference.GetProperty("theta").GetArrayLength());
        foreach (var name in new[] { "gd", "adam" })
        {
            var method = OutputFiles.Method(summary, name);
            Assert.Equal(method.GetProperty("finalLoss").GetDouble() - lref, method.GetProperty("excessLoss").GetDouble());
            Assert.True(method.GetProperty("excessLoss").GetDouble() >= 0, name);
        }
    }

    [Fact]
    public void Run_Logistic_KeepsNewtonsOptimumAndWritesNoReference()
    {
        var folder = _box.PathOf("out");
        Assert.Equal(0, Sandbox.Run("run", "--dataset", "moons", "--model", "logistic", "--methods", "gd", "--epochs", "2", "--out", folder).ExitCode);
        Assert.False(OutputFiles.Summary(folder).TryGetProperty("reference", out _));
    }
}
