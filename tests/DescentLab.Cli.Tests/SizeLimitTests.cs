namespace DescentLab.Cli.Tests;

/// <summary>Experiments too big for memory are refused up front; long runs record a thinned trajectory unless asked for every step.</summary>
public sealed class SizeLimitTests : IDisposable
{
    private readonly Sandbox _box = new();

    public void Dispose() => _box.Dispose();

    [Fact]
    public void Run_ReplicatesOfRunsRecordingEveryStep_ExitsTwoNamingTheLimitAndWritesNothing()
    {
        // 10⁵ replicates of runs recording 10,001 points each: about 17 GB of curves; it used to eat memory until it died.
        var result = Sandbox.Run("run", "--replicates", "100000", "--epochs", "2500", "--record-every", "1", "--figures", "none", "--no-report", "--out", _box.PathOf("out"));

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("descentlab: --max-memory: this experiment needs about ", result.Error, StringComparison.Ordinal);
        Assert.Contains("(3 methods × 100,000 replicates, up to 10,001 recorded points a run, 100 samples), more than the limit of ", result.Error, StringComparison.Ordinal);
        Assert.EndsWith("; record fewer points with --record-every, run fewer replicates or epochs, or raise --max-memory." + Environment.NewLine, result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
        Assert.Empty(_box.Entries());
    }

    [Fact]
    public void Run_UnderARaisedLimit_RunsWhatALowerLimitRefuses()
    {
        // Two replicates of 250,000 steps recorded in full: about 236 MB with the process's own 200 MB.
        var args = new[] { "run", "--methods", "sgd", "--batch-size", "1", "--epochs", "2500", "--record-every", "1", "--replicates", "2", "--figures", "none", "--no-report", "--quiet" };

        var refused = Sandbox.Run([.. args, "--max-memory", "0.22", "--out", _box.PathOf("a")]);
        var ran = Sandbox.Run([.. args, "--max-memory", "1", "--out", _box.PathOf("b")]);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("more than the limit of 225 MB", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, ran.ExitCode);
        Assert.Equal(["b"], _box.Entries().Where(e => !e.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal)));
    }

    [Fact]
    public void Run_MillionsOfSteps_RecordsAtMostAHundredThousandPointsAndSaysHowToGetAll()
    {
        // Batch 1 on the seed's 100 samples for 4000 epochs: 400,000 steps a run.
        var out1 = _box.PathOf("out");
        var result = Sandbox.Run("run", "--methods", "sgd", "--batch-size", "1", "--epochs", "4000", "--figures", "none", "--no-report", "--out", out1);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("descentlab: note: the longest run takes 400,000 steps; recording every 5 steps (at most 100,000 points a run). Give --record-every 1 to record every step.", result.Error, StringComparison.Ordinal);
        Assert.Contains("\"recordEvery\": 5", File.ReadAllText(Path.Combine(out1, "experiment.json")), StringComparison.Ordinal);
        var rows = File.ReadLines(Path.Combine(out1, "trajectories.csv")).Count() - 1;
        Assert.InRange(rows, 80_000, 100_000);
    }

    [Fact]
    public void Run_RecordEveryGiven_IsKeptAsGiven()
    {
        var out1 = _box.PathOf("out");
        var result = Sandbox.Run("run", "--methods", "sgd", "--batch-size", "1", "--epochs", "4000", "--record-every", "1", "--figures", "none", "--no-report", "--out", out1);

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("note:", result.Error, StringComparison.Ordinal);
        Assert.Equal(400_002, File.ReadLines(Path.Combine(out1, "trajectories.csv")).Count());
    }

    [Fact]
    public void Run_Seed_RecordsEveryStepAsBefore()
    {
        var out1 = _box.PathOf("out");
        var result = Sandbox.Run("run", "--figures", "none", "--no-report", "--out", out1);

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("note:", result.Error, StringComparison.Ordinal);
        Assert.Contains("\"recordEvery\": 1", File.ReadAllText(Path.Combine(out1, "experiment.json")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("2e6")]
    [InlineData("0.0000001")]
    public void Run_MaxMemoryOutOfRange_ExitsTwoNamingTheRange(string value)
    {
        var result = Sandbox.Run("run", "--max-memory", value, "--figures", "none", "--no-report", "--out", _box.PathOf("out"));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"descentlab: --max-memory: expected a number of GB from 0.001 to 1048576, got '{value}'." + Environment.NewLine, result.Error);
        Assert.Empty(_box.Entries());
    }
}
