using System.Text.Json;

namespace DescentLab.Cli.Tests;

/// <summary>The run command with network models: the two-moons example end to end, and one-line refusals where a command covers only the linear model.</summary>
public sealed class ModelCommandTests : IDisposable
{
    private readonly Sandbox _box = new();

    public void Dispose() => _box.Dispose();

    [Fact]
    public void Run_TwoMoonsMlpExample_WritesLossAndAccuracyForEachMethod()
    {
        var folder = _box.PathOf("out");
        var result = Sandbox.Run("run", "--config", Path.Combine(Sandbox.Examples, "two-moons-mlp.json"), "--epochs", "20", "--out", folder);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("model mlp:16,16:tanh (337 parameters, 2-16-16-1, BinaryCrossEntropyWithLogits) on 200 samples, classes 0: 100, 1: 100", result.Output, StringComparison.Ordinal);
        var summary = OutputFiles.Summary(folder);
        Assert.Equal("BCEWithLogitsLoss", summary.GetProperty("loss").GetString());
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("optimum").ValueKind);
        Assert.Equal(337, summary.GetProperty("parameters").GetArrayLength());
        Assert.Equal("0.weight[1,0]", summary.GetProperty("parameters")[2].GetString());
        foreach (var name in new[] { "gd", "sgd-shuffle", "adam" })
        {
            var method = OutputFiles.Method(summary, name);
            var accuracy = method.GetProperty("finalAccuracy").GetDouble();
            Assert.InRange(accuracy, 0.5, 1.0);
            Assert.True(method.GetProperty("finalLoss").GetDouble() < method.GetProperty("initialLoss").GetDouble(), name);
            Assert.Contains(accuracy.ToString("P1", System.Globalization.CultureInfo.InvariantCulture), result.Output, StringComparison.Ordinal);
        }

        Assert.True(File.Exists(Path.Combine(folder, "report.html")));
        var header = File.ReadLines(Path.Combine(folder, "trajectories.csv")).First();
        Assert.StartsWith("method,replicate,step,epoch,samples,batch_loss,loss,\"0.weight[0,0]\",", header, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ExperimentJsonOfANetworkRun_ReproducesIt()
    {
        var first = _box.PathOf("first");
        var second = _box.PathOf("second");
        Assert.Equal(0, Sandbox.Run("run", "--dataset", "blobs", "--model", "softmax", "--epochs", "3", "--methods", "gd,adam", "--out", first).ExitCode);
        Assert.Equal(0, Sandbox.Run("run", "--config", Path.Combine(first, "experiment.json"), "--out", second).ExitCode);
        var a = OutputFiles.Summary(first);
        var b = OutputFiles.Summary(second);
        Assert.Equal("softmax", b.GetProperty("model").GetString());
        Assert.Equal(3, b.GetProperty("classes").GetArrayLength());
        foreach (var name in new[] { "gd", "adam" })
        {
            Assert.Equal(OutputFiles.Method(a, name).GetProperty("finalTheta").GetRawText(), OutputFiles.Method(b, name).GetProperty("finalTheta").GetRawText());
        }
    }

    [Fact]
    public void Run_LogisticOnMoons_ReportsNewtonOptimumAndEndCurvature()
    {
        var folder = _box.PathOf("logistic");
        var result = Sandbox.Run("run", "--dataset", "moons", "--model", "logistic", "--methods", "gd", "--lr", "0.1", "--epochs", "5", "--out", folder);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("θ* by Newton's method in 7 steps: weight[0,0] = 1.15221, weight[0,1] = -4.66985, bias[0] = 0.672816, L* = 0.299357", result.Output, StringComparison.Ordinal);
        var summary = OutputFiles.Summary(folder);
        Assert.Equal(3, summary.GetProperty("optimum").GetProperty("theta").GetArrayLength());
        var curvature = OutputFiles.Method(summary, "gd").GetProperty("endCurvature");
        Assert.Equal(2 / curvature.GetProperty("maxEigenvalue").GetDouble(), curvature.GetProperty("stabilityBound").GetDouble());

        // L* is known, so the table gives the excess loss L − L* as a linear run's table does.
        var lines = result.Output.Split('\n');
        var header = lines.Single(l => l.StartsWith("method ", StringComparison.Ordinal)).Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(["method", "steps", "epochs", "batch loss", "loss", "L − L*", "accuracy", "λmax at end", "2/λmax", "outcome"], header);
        var gd = lines.Single(l => l.StartsWith("gd ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var excess = OutputFiles.Method(summary, "gd").GetProperty("finalLoss").GetDouble() - summary.GetProperty("optimum").GetProperty("loss").GetDouble();
        Assert.Equal(excess, double.Parse(gd[5], System.Globalization.CultureInfo.InvariantCulture), 1e-5 * excess);
    }

    [Fact]
    public void Run_NetworkModel_WritesLossAccuracyAndBoundaryFiguresAndTheReport()
    {
        // Before figures existed for networks, this run wrote the data files only and said the figures were not drawn.
        var folder = _box.PathOf("xor");
        var result = Sandbox.Run(false, ExperimentRendering.Default, default, "run", "--dataset", "xor", "--model", "mlp:4:tanh", "--methods", "gd,adam", "--lr", "0.1", "--epochs", "3", "--figures", "all", "--out", folder);

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("not drawn", result.Error, StringComparison.Ordinal);
        var figures = Directory.GetFiles(Path.Combine(folder, "figures")).Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["accuracy.png", "accuracy.svg", "boundary.png", "boundary.svg", "loss.png", "loss.svg"], figures);
        var report = File.ReadAllText(Path.Combine(folder, "report.html"));
        Assert.Contains("id=\"fig-boundary\"", report, StringComparison.Ordinal);
        Assert.Contains("id=\"replay-slider\"", report, StringComparison.Ordinal);
        Assert.Contains("&quot;model&quot;: &quot;mlp:4:tanh&quot;", report, StringComparison.Ordinal);
        Assert.EndsWith($"report: {Path.Combine(folder, "report.html")}", result.Output.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_NetworkModelWithoutFiguresOrReport_WritesTheDataFilesOnly()
    {
        var folder = _box.PathOf("plain");
        var result = Sandbox.Run(false, ExperimentRendering.Default, default, "run", "--dataset", "xor", "--model", "logistic", "--epochs", "2", "--figures", "none", "--no-report", "--out", folder);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal([".descentlab", "data.csv", "experiment.json", "summary.json", "trajectories.csv"], Directory.GetFileSystemEntries(folder).Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal).ToArray());
        Assert.EndsWith($"summary: {Path.Combine(folder, "summary.json")}", result.Output.TrimEnd(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--model: '0' is not a hidden width (an integer from 1 to 4096) in 'mlp:0'.", "run", "--model", "mlp:0")]
    [InlineData("--model: 'swish' is not an activation; expected tanh, relu or sigmoid.", "run", "--model", "mlp:4:swish")]
    [InlineData("--dataset: 'spiral' is not a dataset; use moons, circles, blobs or xor.", "run", "--dataset", "spiral")]
    [InlineData("--model: logistic needs two classes; the data has 3. Use softmax or an mlp.", "run", "--dataset", "blobs", "--model", "logistic")]
    public void Run_BadModelInput_ExitsTwoWithOneLine(string message, params string[] args)
    {
        var folder = _box.PathOf("bad");
        var result = Sandbox.Run([.. args, "--out", folder]);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"descentlab: {message}", result.Error.TrimEnd());
        Assert.False(Directory.Exists(folder));
    }
}
