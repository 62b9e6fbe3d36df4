namespace DescentLab.Cli.Tests;

/// <summary>Names with control characters are bad input: exit 2 before any work, nothing written.</summary>
public sealed class ControlCharacterNameTests : IDisposable
{
    private readonly Sandbox _box = new();

    public void Dispose() => _box.Dispose();

    [Fact]
    public void Sweep_OptimizerNameWithNewline_ExitsTwoNamingTheFieldBeforeAnyRun()
    {
        // Before: the sweep ran, wrote the name quoted into tidy.csv, then failed with exit 1 reading it back.
        var config = _box.WriteFile("nl.json", """
            { "name": "nl", "epochs": 3, "replicates": 2,
              "sweep": { "lr": [0.001], "batchSize": [10], "sampler": ["reshuffle"], "optimizer": [{ "name": "a\nb", "kind": "sgd" }] } }
            """);

        var result = Sandbox.Run("sweep", "--config", config, "--out", _box.PathOf("out"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("name: 'a\\nb' contains a control character", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("sweeping", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
        Assert.False(Directory.Exists(_box.PathOf("out")));
    }

    [Theory]
    [InlineData("""{"methods": [{"name": "gd\tfast", "sampler": {"kind": "full-batch"}, "optimizer": {"kind": "sgd", "lr": 0.001}}]}""", "methods[0].name")]
    [InlineData("""{"name": "seed\u0007"}""", "name")]
    public void Run_ExperimentNameWithControlCharacter_ExitsTwo(string json, string field)
    {
        var config = _box.WriteFile("e.json", json);

        var result = Sandbox.Run("run", "--config", config, "--out", _box.PathOf("out"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{field}: '", result.Error, StringComparison.Ordinal);
        Assert.Contains("contains a control character", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_box.PathOf("out")));
    }
}
