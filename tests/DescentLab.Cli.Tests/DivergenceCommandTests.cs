using System.Globalization;
using System.Text.Json;

namespace DescentLab.Cli.Tests;

/// <summary>The commands a student tries first with a learning rate above the stability bound: each must say "diverged".</summary>
public sealed class DivergenceCommandTests : IDisposable
{
    private readonly Sandbox _box = new();

    public void Dispose() => _box.Dispose();

    [Fact]
    public void Run_Lr002_WarnsBeforeTrainingAndReportsEachRunDivergedAtItsStep()
    {
        var folder = _box.PathOf("out");
        var result = Sandbox.Run("run", "--lr", "0.02", "--out", folder);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("descentlab: warning: gd, sgd, sgd-shuffle: lr 0.02 is 2.05× the GD stability bound 2/λmax = 0.00977", result.Error, StringComparison.Ordinal);
        var summary = OutputFiles.Summary(folder);
        foreach (var name in new[] { "gd", "sgd", "sgd-shuffle" })
        {
            var method = OutputFiles.Method(summary, name);
            Assert.True(method.GetProperty("diverged").GetBoolean(), name);
            var step = method.GetProperty("divergedAtStep").GetInt64();
            Assert.Equal(step, method.GetProperty("steps").GetInt64());
            var loss = method.GetProperty("finalLoss").GetDouble();
            Assert.InRange(loss, 1e6 * 24, 1e12);
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"diverged at step {step}"), result.Output, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(" no\n", result.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Lr0011GdAndShuffled_BothDivergedWithFiniteLosses()
    {
        var folder = _box.PathOf("out");
        var result = Sandbox.Run("run", "--lr", "0.011", "--methods", "gd,sgd-shuffle", "--out", folder, "--figures", "none", "--no-report");

        Assert.Equal(0, result.ExitCode);
        var summary = OutputFiles.Summary(folder);
        foreach (var name in new[] { "gd", "sgd-shuffle" })
        {
            var method = OutputFiles.Method(summary, name);
            Assert.True(method.GetProperty("diverged").GetBoolean(), name);
            Assert.Equal(JsonValueKind.Number, method.GetProperty("finalLoss").ValueKind);
            Assert.StartsWith("full-data loss ", method.GetProperty("divergenceReason").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Run_DivergenceFactorFlag_MovesTheStop()
    {
        var early = _box.PathOf("early");
        var late = _box.PathOf("late");
        Assert.Equal(0, Sandbox.Run("run", "--lr", "0.011", "--methods", "gd", "--out", early, "--figures", "none", "--no-report").ExitCode);
        Assert.Equal(0, Sandbox.Run("run", "--lr", "0.011", "--methods", "gd", "--divergence-factor", "1e12", "--out", late, "--figures", "none", "--no-report").ExitCode);

        long Step(string folder) => OutputFiles.Method(OutputFiles.Summary(folder), "gd").GetProperty("divergedAtStep").GetInt64();
        Assert.True(Step(early) < Step(late));
        Assert.Equal(1e12, OutputFiles.Experiment(late).GetProperty("divergenceFactor").GetDouble());
    }

    [Theory]
    [InlineData("0.5")]
    [InlineData("abc")]
    public void Run_BadDivergenceFactor_ExitsTwoNamingTheFlag(string value)
    {
        var result = Sandbox.Run("run", "--divergence-factor", value, "--out", _box.PathOf("out"));
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("descentlab: --divergence-factor: ", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_box.PathOf("out")));
    }

    [Fact]
    public void Run_StableLr_NoWarning()
    {
        var result = Sandbox.Run("run", "--out", _box.PathOf("out"), "--figures", "none", "--no-report");
        Assert.DoesNotContain("warning", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Sweep_ExampleCellBatch5Lr001_ReportsItsDivergedShare()
    {
        // Before the rule, this cell's 90th percentile was an excess loss of 6e29 and "diverged 0%".
        var result = Sandbox.Run("sweep", "--config", Path.Combine(Sandbox.Examples, "sweep.json"), "--out", _box.PathOf("sweep"));

        Assert.Equal(0, result.ExitCode);
        var summary = File.ReadAllLines(_box.PathOf("sweep/summary.csv"));
        var header = summary[0].Split(',');
        var cell = summary.Skip(1).Select(l => l.Split(',')).Single(c => c[Array.IndexOf(header, "batch_size")] == "5" && c[Array.IndexOf(header, "lr")] == "0.01");
        Assert.True(double.Parse(cell[Array.IndexOf(header, "diverged_share")], CultureInfo.InvariantCulture) > 0);
        var tidy = File.ReadAllLines(_box.PathOf("sweep/tidy.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.All(tidy, row => Assert.DoesNotContain("e+29", string.Join(",", row), StringComparison.Ordinal));
    }
}
