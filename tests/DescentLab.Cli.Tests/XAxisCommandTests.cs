namespace DescentLab.Cli.Tests;

/// <summary>--x-axis on run and landscape: what loss curves are drawn against, written into experiment.json.</summary>
public sealed class XAxisCommandTests : IDisposable
{
    private readonly Sandbox _box = new();

    public void Dispose() => _box.Dispose();

    [Theory]
    [InlineData("run", "steps", "step")]
    [InlineData("run", "samples", "samples")]
    [InlineData("landscape", "epochs", "epoch")]
    public void Command_XAxisFlag_IsTheOutputsXAxis(string command, string flag, string written)
    {
        var folder = _box.PathOf("out");
        var result = Sandbox.Run(command, "--x-axis", flag, "--epochs", "5", "--out", folder);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(written, OutputFiles.Experiment(folder).GetProperty("output").GetProperty("xAxis").GetString());
    }

    [Fact]
    public void Run_UnknownXAxis_ExitsTwoNamingTheFlag()
    {
        var result = Sandbox.Run("run", "--x-axis", "time", "--out", _box.PathOf("out"));
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("descentlab: --x-axis: 'time' is not an x-axis; use epochs, steps or samples.", result.Error.Trim());
        Assert.False(Directory.Exists(_box.PathOf("out")));
    }
}
