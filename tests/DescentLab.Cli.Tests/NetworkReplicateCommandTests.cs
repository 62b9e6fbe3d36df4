namespace DescentLab.Cli.Tests;

/// <summary>--replicates with a network model: statistics across seeds in the table, summary.json and replicates/.</summary>
public sealed class NetworkReplicateCommandTests : IDisposable
{
    private readonly Sandbox _box = new();

    public void Dispose() => _box.Dispose();

    [Fact]
    public void Run_MlpWithReplicates_WritesStatisticsWithAccuracy()
    {
        // This exited 2 before: "replicates: statistics across replicates are not available for the mlp:4:tanh model yet; use 1."
        var folder = _box.PathOf("out");
        var result = Sandbox.Run("run", "--dataset", "moons", "--count", "60", "--model", "mlp:4", "--methods", "gd,adam", "--epochs", "5", "--replicates", "3", "--out", folder);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("across 3 replicates (seeds 0…2)", result.Output, StringComparison.Ordinal);
        Assert.Contains("excess loss against each replicate's own L_ref", result.Output, StringComparison.Ordinal);
        Assert.Contains("final accuracy", result.Output, StringComparison.Ordinal);

        var runs = File.ReadAllLines(Path.Combine(folder, "replicates", "runs.csv"));
        Assert.StartsWith("method,replicate,seed,diverged,diverged_at_step,steps,final_loss,minimum_loss,final_excess_loss,epochs_to_tolerance,steps_to_tolerance,final_accuracy,", runs[0], StringComparison.Ordinal);
        Assert.Equal(1 + (2 * 3), runs.Length);
        foreach (var name in new[] { "curves.csv", "bands.csv", "comparisons.csv" })
        {
            Assert.True(File.Exists(Path.Combine(folder, "replicates", name)), name);
        }

        var summary = OutputFiles.Summary(folder);
        var gd = summary.GetProperty("bands").GetProperty("methods")[0];
        Assert.Equal("gd", gd.GetProperty("name").GetString());
        Assert.Equal(3, gd.GetProperty("replicates").GetInt32());
        Assert.InRange(gd.GetProperty("finalAccuracy").GetProperty("median").GetDouble(), 0, 1);

        // Replicate 0's row is the run in summary.json's methods.
        var cells = runs[1].Split(',');
        Assert.Equal(OutputFiles.Method(summary, "gd").GetProperty("finalLoss").GetDouble(), double.Parse(cells[6], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(summary.GetProperty("reference").GetProperty("loss").GetDouble(), double.Parse(cells[7], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Sweep_MlpModel_WritesTidyRowsForEveryCellAndReplicate()
    {
        // This exited 2 before: "--config: sweeps cover the linear model only in this version; the sweep's model is mlp:3:tanh."
        var config = _box.WriteFile("s.json", """{ "seed": 0, "epochs": 3, "replicates": 2, "model": "mlp:3", "data": { "kind": "moons", "count": 40 }, "sweep": { "lr": [0.1, 1], "batchSize": [10], "sampler": ["reshuffle"], "optimizer": ["sgd"] } }""");
        var folder = _box.PathOf("sweep");
        var result = Sandbox.Run("sweep", "--config", config, "--figures", "none", "--no-report", "--out", folder);

        Assert.Equal(0, result.ExitCode);
        var tidy = File.ReadAllLines(Path.Combine(folder, "tidy.csv"));
        Assert.Equal(1 + 4, tidy.Length);
    }

    [Fact]
    public void Sweep_LogisticOnThreeBlobs_ExitsTwoNamingTheModel()
    {
        var config = _box.WriteFile("s.json", """{ "epochs": 3, "model": "logistic", "data": { "kind": "blobs", "count": 40 }, "sweep": { "lr": [0.1], "batchSize": [10], "sampler": ["reshuffle"], "optimizer": ["sgd"] } }""");
        var result = Sandbox.Run("sweep", "--config", config, "--out", _box.PathOf("bad"));
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"descentlab: {config}: model: logistic needs two classes; the data has 3. Use softmax or an mlp.", result.Error.TrimEnd());
    }

    [Fact]
    public void Run_LinearReplicates_HaveNoAccuracyColumn()
    {
        var folder = _box.PathOf("lin");
        Assert.Equal(0, Sandbox.Run("run", "--replicates", "2", "--epochs", "3", "--figures", "none", "--no-report", "--out", folder).ExitCode);
        Assert.DoesNotContain("final_accuracy", File.ReadLines(Path.Combine(folder, "replicates", "runs.csv")).First(), StringComparison.Ordinal);
    }
}
