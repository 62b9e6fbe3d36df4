using System.Text.Json;

namespace DescentLab.Cli.Tests;

/// <summary>The sweep and merge commands in process: the output folder, shards, threads, the merge, and every bad input.</summary>
public sealed class SweepCommandTests : IDisposable
{
    private const string SmallSweep = """
        {
          "name": "small",
          "epochs": 20,
          "replicates": 3,
          "sweep": { "lr": [0.001, 0.003], "batchSize": [10, 25], "sampler": ["reshuffle", "full-batch"], "optimizer": ["sgd", { "name": "heavy", "kind": "sgd", "momentum": 0.9 }] }
        }
        """;

    private static readonly Dictionary<string, string> NoVariables = [];

    private readonly Sandbox _box = new();

    public void Dispose() => _box.Dispose();

    [Fact]
    public void Sweep_SmallFile_WritesEveryFileWithOneRowPerRunAndCell()
    {
        var config = _box.WriteFile("sweep.json", SmallSweep);
        var result = Sandbox.Run("sweep", "--config", config, "--out", _box.PathOf("out"));

        Assert.Equal(0, result.ExitCode);
        var tidy = File.ReadAllLines(_box.PathOf("out/tidy.csv"));
        var summary = File.ReadAllLines(_box.PathOf("out/summary.csv"));

        // 2 optimizers × (reshuffle: 2 batch sizes + full-batch: 1) × 2 lr = 12 cells, 3 replicates each.
        Assert.Equal(1 + (12 * 3), tidy.Length);
        Assert.Equal(1 + 12, summary.Length);
        Assert.True(File.Exists(_box.PathOf("out/sweep.json")));
        Assert.Equal("12", File.ReadAllText(_box.PathOf("out/figures/heatmaps-All.txt")));
        Assert.Contains("\"sweep\"", File.ReadAllText(_box.PathOf("out/report.html")), StringComparison.Ordinal);
        Assert.Contains("small: 12 cells × 3 replicates, 20 epochs", result.Output, StringComparison.Ordinal);
        Assert.Contains("heavy      full-batch  full", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Sweep_WrittenSweepJson_RerunsTheSameSweep()
    {
        var config = _box.WriteFile("sweep.json", SmallSweep);
        Assert.Equal(0, Sandbox.Run("sweep", "--config", config, "--out", _box.PathOf("a")).ExitCode);

        Assert.Equal(0, Sandbox.Run("sweep", "--config", _box.PathOf("a/sweep.json"), "--out", _box.PathOf("b")).ExitCode);

        foreach (var name in new[] { "sweep.json", "tidy.csv", "summary.csv" })
        {
            Assert.Equal(File.ReadAllBytes(_box.PathOf($"a/{name}")), File.ReadAllBytes(_box.PathOf($"b/{name}")));
        }
    }

    [Fact]
    public void Sweep_OneAndTwoThreads_ByteIdentical()
    {
        var config = _box.WriteFile("sweep.json", SmallSweep);

        Assert.Equal(0, Sandbox.Run("sweep", "--config", config, "--threads", "1", "--out", _box.PathOf("one")).ExitCode);
        Assert.Equal(0, Sandbox.Run("sweep", "--config", config, "--threads", "2", "--out", _box.PathOf("two")).ExitCode);

        Assert.Equal(File.ReadAllBytes(_box.PathOf("one/tidy.csv")), File.ReadAllBytes(_box.PathOf("two/tidy.csv")));
        Assert.Equal(File.ReadAllBytes(_box.PathOf("one/summary.csv")), File.ReadAllBytes(_box.PathOf("two/summary.csv")));
    }

    [Fact]
    public void Merge_ThreeShards_EqualsTheUnshardedSweep()
    {
        var config = _box.WriteFile("sweep.json", SmallSweep);
        Assert.Equal(0, Sandbox.Run("sweep", "--config", config, "--out", _box.PathOf("whole")).ExitCode);
        for (var i = 0; i < 3; i++)
        {
            var shard = Sandbox.Run("sweep", "--config", config, "--shard", $"{i}/3", "--out", _box.PathOf($"shard-{i}"));
            Assert.Equal(0, shard.ExitCode);
            Assert.False(File.Exists(_box.PathOf($"shard-{i}/summary.csv")));
        }

        var merged = Sandbox.Run("merge", _box.PathOf("shard-2"), _box.PathOf("shard-0"), _box.PathOf("shard-1"), "--out", _box.PathOf("all"));

        Assert.Equal(0, merged.ExitCode);
        foreach (var name in new[] { "sweep.json", "tidy.csv", "summary.csv" })
        {
            Assert.Equal(File.ReadAllBytes(_box.PathOf($"whole/{name}")), File.ReadAllBytes(_box.PathOf($"all/{name}")));
        }

        Assert.Equal(File.ReadAllText(_box.PathOf("whole/report.html")), File.ReadAllText(_box.PathOf("all/report.html")));
    }

    [Fact]
    public void Sweep_SlurmArrayVariables_RunTheirShard()
    {
        var config = _box.WriteFile("sweep.json", SmallSweep);
        var slurm = new Dictionary<string, string> { ["SLURM_ARRAY_TASK_ID"] = "1", ["SLURM_ARRAY_TASK_COUNT"] = "3", ["SLURM_ARRAY_TASK_MIN"] = "0" };

        Assert.Equal(0, Sandbox.RunWith(slurm, "sweep", "--config", config, "--out", _box.PathOf("env")).ExitCode);
        Assert.Equal(0, Sandbox.Run("sweep", "--config", config, "--shard", "1/3", "--out", _box.PathOf("flag")).ExitCode);

        Assert.Equal(File.ReadAllBytes(_box.PathOf("flag/tidy.csv")), File.ReadAllBytes(_box.PathOf("env/tidy.csv")));
        Assert.Equal(1 + 12, File.ReadAllLines(_box.PathOf("env/tidy.csv")).Length);
    }

    [Fact]
    public void Sweep_JobCompletionIndexWithShards_RunsThatShard()
    {
        var config = _box.WriteFile("sweep.json", SmallSweep);
        var kubernetes = new Dictionary<string, string> { ["JOB_COMPLETION_INDEX"] = "2" };

        Assert.Equal(0, Sandbox.RunWith(kubernetes, "sweep", "--config", config, "--shards", "4", "--out", _box.PathOf("env")).ExitCode);
        Assert.Equal(0, Sandbox.Run("sweep", "--config", config, "--shard", "2/4", "--out", _box.PathOf("flag")).ExitCode);

        Assert.Equal(File.ReadAllBytes(_box.PathOf("flag/tidy.csv")), File.ReadAllBytes(_box.PathOf("env/tidy.csv")));
    }

    [Fact]
    public void Sweep_ReplicatesFlag_OverridesTheFile()
    {
        var config = _box.WriteFile("sweep.json", SmallSweep);

        Assert.Equal(0, Sandbox.Run("sweep", "--config", config, "--replicates", "2", "--out", _box.PathOf("out")).ExitCode);

        Assert.Equal(1 + (12 * 2), File.ReadAllLines(_box.PathOf("out/tidy.csv")).Length);
        using var json = JsonDocument.Parse(File.ReadAllText(_box.PathOf("out/sweep.json")));
        Assert.Equal(2, json.RootElement.GetProperty("replicates").GetInt32());
    }

    [Fact]
    public void Sweep_Example_RunsAndDrawsNothingWithFiguresNone()
    {
        var result = Sandbox.Run("sweep", "--config", Path.Combine(Sandbox.Examples, "sweep.json"), "--figures", "none", "--no-report", "--out", _box.PathOf("out"));

        Assert.Equal(0, result.ExitCode);
        Assert.False(Directory.Exists(_box.PathOf("out/figures")));
        Assert.False(File.Exists(_box.PathOf("out/report.html")));
        Assert.EndsWith($"summary: {_box.PathOf("out/summary.csv")}\n", result.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_MissingShard_ExitsTwoAndWritesNothing()
    {
        var config = _box.WriteFile("sweep.json", SmallSweep);
        Sandbox.Run("sweep", "--config", config, "--shard", "0/3", "--out", _box.PathOf("s0"));
        Sandbox.Run("sweep", "--config", config, "--shard", "1/3", "--out", _box.PathOf("s1"));

        var result = Sandbox.Run("merge", _box.PathOf("s0"), _box.PathOf("s1"), "--out", _box.PathOf("all"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("the sweep has 36: is a shard left out?", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_box.PathOf("all")));
    }

    [Fact]
    public void Merge_ShardTwice_ExitsTwo()
    {
        var config = _box.WriteFile("sweep.json", SmallSweep);
        Sandbox.Run("sweep", "--config", config, "--shard", "0/2", "--out", _box.PathOf("s0"));
        Sandbox.Run("sweep", "--config", config, "--shard", "1/2", "--out", _box.PathOf("s1"));

        // A copy of a shard (the same folder given twice is refused as such, see MergeCommandTests).
        Directory.CreateDirectory(_box.PathOf("s0-copy"));
        foreach (var file in Directory.EnumerateFiles(_box.PathOf("s0")))
        {
            File.Copy(file, Path.Combine(_box.PathOf("s0-copy"), Path.GetFileName(file)));
        }

        var result = Sandbox.Run("merge", _box.PathOf("s0"), _box.PathOf("s1"), _box.PathOf("s0-copy"), "--out", _box.PathOf("all"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("are both shard 0/2: every run of it appears in more than one shard", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_box.PathOf("all")));
    }

    [Fact]
    public void Merge_ShardsOfDifferentSweeps_ExitsTwo()
    {
        var config = _box.WriteFile("sweep.json", SmallSweep);
        var other = _box.WriteFile("other.json", SmallSweep.Replace("\"epochs\": 20", "\"epochs\": 21", StringComparison.Ordinal));
        Sandbox.Run("sweep", "--config", config, "--shard", "0/2", "--out", _box.PathOf("s0"));
        Sandbox.Run("sweep", "--config", other, "--shard", "1/2", "--out", _box.PathOf("s1"));

        var result = Sandbox.Run("merge", _box.PathOf("s0"), _box.PathOf("s1"), "--out", _box.PathOf("all"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is a shard of another sweep: its sweep.json differs", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_box.PathOf("all")));
    }

    [Fact]
    public void Merge_NotASweepFolder_ExitsTwo()
    {
        Directory.CreateDirectory(_box.PathOf("empty"));

        var result = Sandbox.Run("merge", _box.PathOf("empty"), "--out", _box.PathOf("all"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("the folder has no manifest.json, so it is not a shard folder that 'descentlab sweep --shard' wrote.", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_box.PathOf("all")));
    }

    [Fact]
    public void Merge_NoOut_ExitsTwo()
    {
        var result = Sandbox.Run("merge", _box.PathOf("s0"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--out: give the folder to write the merged sweep into", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--threads=0", "--threads: expected a whole number of at least 1, got '0'.")]
    [InlineData("--threads=two", "--threads: expected a whole number of at least 1, got 'two'.")]
    [InlineData("--replicates=0", "--replicates: expected a whole number of at least 1, got '0'.")]
    [InlineData("--shard=3/3", "--shard: 3/3 gives shard 3 of 3; need 0 ≤ i < N.")]
    [InlineData("--shard=1-3", "--shard: '1-3' is not of the form i/N, e.g. 0/4.")]
    [InlineData("--shards=4", "--shards: 4 shards, but which one?")]
    [InlineData("--figures=gif", "--figures: 'gif' is not a figure choice")]
    public void Sweep_BadFlag_ExitsTwoAndWritesNothing(string flag, string message)
    {
        var config = _box.WriteFile("sweep.json", SmallSweep);

        var result = Sandbox.RunWith(NoVariables, "sweep", "--config", config, flag, "--out", _box.PathOf("out"));

        AssertBadInput(result, message, "sweep.json");
    }

    [Fact]
    public void Sweep_ShardAndShardsDisagree_ExitsTwo()
    {
        var config = _box.WriteFile("sweep.json", SmallSweep);

        AssertBadInput(Sandbox.Run("sweep", "--config", config, "--shard", "1/3", "--shards", "4", "--out", _box.PathOf("out")), "--shards: 4 shards, but --shard 1/3 says 3.", "sweep.json");
    }

    [Fact]
    public void Sweep_BadSlurmVariable_ExitsTwo()
    {
        var config = _box.WriteFile("sweep.json", SmallSweep);
        var slurm = new Dictionary<string, string> { ["SLURM_ARRAY_TASK_ID"] = "x", ["SLURM_ARRAY_TASK_COUNT"] = "3" };

        AssertBadInput(Sandbox.RunWith(slurm, "sweep", "--config", config, "--out", _box.PathOf("out")), "--shard: SLURM_ARRAY_TASK_ID='x' is not an integer.", "sweep.json");
    }

    [Fact]
    public void Sweep_NoConfig_ExitsTwo()
    {
        AssertBadInput(Sandbox.Run("sweep", "--out", _box.PathOf("out")), "--config: a sweep needs a sweep file");
    }

    [Theory]
    [InlineData("{ \"sweep\": { \"lr\": [0.001], } }", "sweep.json: line 1, byte 29: invalid JSON: The JSON object contains a trailing comma")]
    [InlineData("[1]", "sweep.json: (top level): expected an object")]
    [InlineData("{ \"epochs\": 10 }", "sweep.json: sweep: required: an object with the axes lr, batchSize, sampler and optimizer.")]
    [InlineData("{ \"sweep\": { \"lr\": [-1] } }", "sweep.json: sweep.lr: learning rates must be positive and finite.")]
    [InlineData("{ \"sweep\": { \"lr\": [] } }", "sweep.json: sweep.lr: at least one value is needed.")]
    [InlineData("{ \"sweep\": { \"lr\": [0.1, \"x\"] } }", "sweep.json: sweep.lr[1]: expected a number, got a string \"x\".")]
    [InlineData("{ \"sweep\": { \"lr\": [0.1, 0.1] } }", "sweep.json: sweep.lr: a learning rate appears twice.")]
    [InlineData("{ \"sweep\": { \"batchSize\": [0] } }", "sweep.json: sweep.batchSize: batch sizes must be at least 1.")]
    [InlineData("{ \"sweep\": { \"sampler\": [\"random\"] } }", "sweep.json: sweep.sampler[0]: 'random' is not a sampler; use full-batch, sequential, reshuffle, shuffle-once, with-replacement.")]
    [InlineData("{ \"sweep\": { \"optimizer\": [{ \"kind\": \"sgd\", \"lr\": 0.1 }] } }", "sweep.json: sweep.optimizer[0].lr: the learning rate comes from the sweep's lr axis.")]
    [InlineData("{ \"sweep\": { \"optimizer\": [{ \"kind\": \"sgd\", \"momentum\": -1 }] } }", "sweep.json: sweep.optimizer[0].momentum: Invalid momentum value: -1")]
    [InlineData("{ \"sweep\": { \"optimizer\": [\"sgd\", \"sgd\"] } }", "sweep.json: sweep.optimizer: names must be distinct.")]
    [InlineData("{ \"sweep\": { \"optimizer\": [3] } }", "sweep.json: sweep.optimizer[0]: expected an optimizer kind")]
    [InlineData("{ \"sweep\": { \"step\": [1] } }", "sweep.json: sweep.step: unknown field; known fields here:")]
    [InlineData("{ \"methods\": [], \"sweep\": {} }", "sweep.json: methods: a sweep file has no methods")]
    [InlineData("{ \"rng\": \"notebook\", \"sweep\": {} }", "sweep.json: rng: a sweep uses independent randomness")]
    [InlineData("{ \"epochs\": -1, \"sweep\": {} }", "sweep.json: epochs: must be at least 1.")]
    [InlineData("{ \"epochs\": 5, \"sweep\": { \"batchSize\": [5, 500] } }", "sweep.json: sweep.batchSize: the batch size 500 is larger than the 100 samples; use at most 100.")]
    [InlineData("{ \"epochs\": 1000000000, \"sweep\": { \"lr\": 0.001, \"batchSize\": [1] } }", "sweep.json: epochs: 1000000000 epochs of 100 batches (reshuffle-b1-sgd-lr0.001) are 100000000000 steps, more than the step limit")]
    public void Sweep_BadFile_ExitsTwoNamingTheField(string json, string message)
    {
        var config = _box.WriteFile("sweep.json", json);

        AssertBadInput(Sandbox.Run("sweep", "--config", config, "--out", _box.PathOf("out")), message, "sweep.json");
    }

    private void AssertBadInput(CommandResult result, string message, params string[] allowedFiles)
    {
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.StartsWith("descentlab: ", result.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Output);
        Assert.Equal(allowedFiles.Order(StringComparer.Ordinal), _box.Entries());
    }
}
