using System.Diagnostics;
using System.Text.Json.Nodes;

namespace DescentLab.Cli.Tests;

/// <summary>
/// The rendering library with reflection-based JSON off, as in a trimmed or ahead-of-time compiled app: the built
/// command, run as a process whose runtimeconfig turns the switch off, writes whole run, landscape and sweep folders
/// (figures, plotly reports). This test project keeps reflection on (Playwright needs it), so only a process can tell.
/// </summary>
public sealed class ReflectionFreeRenderingTests : IDisposable
{
    private const string Switch = "System.Text.Json.JsonSerializer.IsReflectionEnabledByDefault";

    private readonly Sandbox _box = new();

    public void Dispose() => _box.Dispose();

    [Fact]
    public async Task Run_ReflectionOff_WritesFiguresAndReport()
    {
        var folder = _box.PathOf("run");
        await RunWithoutReflection("run", "--epochs", "30", "--replicates", "2", "--out", folder, "--quiet");
        Assert.True(File.Exists(Path.Combine(folder, "figures", "loss.png")));
        Assert.True(File.Exists(Path.Combine(folder, "figures", "bands.svg")));
        Assert.Contains("\"type\":\"contour\"", File.ReadAllText(Path.Combine(folder, "report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Landscape_ReflectionOff_WritesFigures()
    {
        var folder = _box.PathOf("landscape");
        await RunWithoutReflection("landscape", "--epochs", "10", "--resolution", "11", "--out", folder, "--quiet");
        Assert.True(File.Exists(Path.Combine(folder, "figures", "landscape.png")));
        Assert.True(File.Exists(Path.Combine(folder, "landscape-slice.csv")));
    }

    [Fact]
    public async Task Sweep_ReflectionOff_WritesHeatmapsAndReport()
    {
        var config = _box.WriteFile("tiny.json", """{ "name": "tiny", "epochs": 20, "replicates": 2, "sweep": { "lr": [0.001, 0.003], "batchSize": [5, 10] } }""");
        var folder = _box.PathOf("sweep");
        await RunWithoutReflection("sweep", "--config", config, "--threads", "1", "--out", folder, "--quiet");
        Assert.True(File.Exists(Path.Combine(folder, "figures", "heatmap-excess.png")));
        Assert.Contains("\"type\":\"heatmap\"", File.ReadAllText(Path.Combine(folder, "report.html")), StringComparison.Ordinal);
    }

    /// <summary>Runs the built command with the runtimeconfig's reflection switch off; fails with its error output unless it exits 0.</summary>
    private async Task RunWithoutReflection(params string[] args)
    {
        var bin = AppContext.BaseDirectory;
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(bin, "DescentLab.Cli.runtimeconfig.json")))!;
        var options = config["runtimeOptions"]!.AsObject();
        if (options["configProperties"] is not JsonObject properties)
        {
            properties = [];
            options["configProperties"] = properties;
        }

        properties[Switch] = false;
        var runtimeConfig = _box.WriteFile("reflection-off.runtimeconfig.json", config.ToJsonString());
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "exec", "--runtimeconfig", runtimeConfig, "--depsfile", Path.Combine(bin, "DescentLab.Cli.deps.json"), Path.Combine(bin, "DescentLab.Cli.dll") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            Assert.Fail($"descentlab {string.Join(' ', args)} with reflection off did not finish within 3 minutes");
        }

        await stdout;
        Assert.True(process.ExitCode == 0, $"descentlab {string.Join(' ', args)} with reflection off exited {process.ExitCode}: {await stderr}");
    }
}
