namespace DescentLab.Cli.Tests;

/// <summary>Experiment files without output.plane: the plane comes from the problem, so every field stays optional.</summary>
public sealed class DefaultPlaneCommandTests : IDisposable
{
    private readonly Sandbox _box = new();

    public void Dispose() => _box.Dispose();

    [Fact]
    public void Run_DegreeOneFile_RunsOnThePlaneOfXAndIntercept()
    {
        // Before: exit 2, "output.plane: 'x^2' is not a parameter".
        var config = _box.WriteFile("d1.json", """{"degree": 1}""");
        var folder = _box.PathOf("out");

        var result = Sandbox.Run("run", "--config", config, "--out", folder);

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("plane", result.Error, StringComparison.Ordinal);
        Assert.Matches(@"\nmethod +steps +epochs +x +1 +batch loss", result.Output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Analyze_DegreeOneFile_Succeeds()
    {
        var config = _box.WriteFile("d1.json", """{"degree": 1}""");
        var result = Sandbox.Run("analyze", "--config", config);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("parameters x, 1", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void RunAndLandscape_CsvFileWithOtherColumnNames_Succeed()
    {
        _box.WriteFile("d.csv", "t,v\n0,1\n1,2.5\n2,5.2\n3,10.1\n4,16.8\n5,26\n");
        var config = _box.WriteFile("csv.json", """{"data": {"kind": "csv", "path": "d.csv", "x": ["t"], "y": "v"}, "epochs": 20, "methods": [{"name": "gd", "sampler": {"kind": "full-batch"}, "optimizer": {"kind": "sgd", "lr": 0.001}}]}""");

        Assert.Equal(0, Sandbox.Run("run", "--config", config, "--out", _box.PathOf("run")).ExitCode);
        var landscape = Sandbox.Run("landscape", "--config", config, "--out", _box.PathOf("landscape"));

        Assert.Equal(0, landscape.ExitCode);
        Assert.Contains("loss over (t^2, t)", landscape.Output, StringComparison.Ordinal);
    }
}
