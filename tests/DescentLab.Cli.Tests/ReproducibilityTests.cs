namespace DescentLab.Cli.Tests;

/// <summary>An experiment file, run twice, and the experiment.json a run writes, rerun, give the same bytes.</summary>
public sealed class ReproducibilityTests : IDisposable
{
    private readonly Sandbox _box = new();

    public void Dispose() => _box.Dispose();

    [Theory]
    [InlineData("seed.json")]
    [InlineData("optimizers.json")]
    [InlineData("own-data.json")]
    public void Run_ExampleTwice_OutputsAreByteIdentical(string example)
    {
        var spec = Path.Combine(Sandbox.Examples, example);
        var a = _box.PathOf("a");
        var b = _box.PathOf("b");

        Assert.Equal(0, Sandbox.Run("run", "--config", spec, "--out", a).ExitCode);
        Assert.Equal(0, Sandbox.Run("run", "--config", spec, "--out", b).ExitCode);

        AssertSameOutput(a, b);
    }

    [Theory]
    [InlineData("seed.json")]
    [InlineData("own-data.json")]
    public void Run_WrittenExperimentJson_ReproducesTheRun(string example)
    {
        var a = _box.PathOf("a");
        var b = _box.PathOf("b");
        Assert.Equal(0, Sandbox.Run("run", "--config", Path.Combine(Sandbox.Examples, example), "--out", a).ExitCode);

        Assert.Equal(0, Sandbox.Run("run", "--config", Path.Combine(a, "experiment.json"), "--out", b).ExitCode);

        AssertSameOutput(a, b);
    }

    [Fact]
    public void Run_NoArguments_EqualsTheSeedExample()
    {
        var a = _box.PathOf("a");
        var b = _box.PathOf("b");

        Assert.Equal(0, Sandbox.Run("run", "--out", a).ExitCode);
        Assert.Equal(0, Sandbox.Run("run", "--config", Path.Combine(Sandbox.Examples, "seed.json"), "--out", b).ExitCode);

        AssertSameOutput(a, b);
    }

    [Fact]
    public void Run_NotebookWithFlags_RerunsFromExperimentJson()
    {
        var a = _box.PathOf("a");
        var b = _box.PathOf("b");
        Assert.Equal(0, Sandbox.Run("run", "--rng", "notebook", "--seed", "7", "--methods", "gd,momentum,adam", "--epochs", "40", "--init", "independent", "--out", a).ExitCode);

        Assert.Equal(0, Sandbox.Run("run", "--config", Path.Combine(a, "experiment.json"), "--out", b).ExitCode);

        AssertSameOutput(a, b);
    }

    [Fact]
    public void Run_ReplicatesTwice_SummaryWithComparisonsIsByteIdentical()
    {
        var a = _box.PathOf("a");
        var b = _box.PathOf("b");

        Assert.Equal(0, Sandbox.Run("run", "--replicates", "6", "--epochs", "60", "--out", a).ExitCode);
        Assert.Equal(0, Sandbox.Run("run", "--replicates", "6", "--epochs", "60", "--out", b).ExitCode);

        AssertSameOutput(a, b);
        var summary = OutputFiles.SummaryWithoutTiming(a);
        Assert.Contains("\"comparisons\"", summary, StringComparison.Ordinal);
        Assert.Contains("\"bands\"", summary, StringComparison.Ordinal);
    }

    private static void AssertSameOutput(string a, string b)
    {
        foreach (var name in new[] { "experiment.json", "trajectories.csv", "data.csv" })
        {
            Assert.True(File.ReadAllBytes(Path.Combine(a, name)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(b, name))), $"{name} differs");
        }

        Assert.Equal(OutputFiles.SummaryWithoutTiming(a), OutputFiles.SummaryWithoutTiming(b));
    }
}
