using System.Diagnostics;

namespace DescentLab.Cli.Tests;

/// <summary>
/// The built command as a process with the runtime's vector instructions switched off: the results must be the same
/// bytes as with them, so that a rerun on another machine (no AVX2, ARM64, WebAssembly) reproduces a run exactly.
/// </summary>
/// <remarks>
/// <c>DOTNET_EnableHWIntrinsic=0</c> takes every scalar fallback; <c>DOTNET_EnableAVX2=0</c> keeps 128-bit vectors
/// only. The reference run sets <c>DOTNET_EnableHWIntrinsic=1</c> itself, so the comparison holds even when the tests
/// run with intrinsics off.
/// </remarks>
public sealed class HardwarePathTests : IDisposable
{
    private readonly Sandbox _box = new();

    public void Dispose() => _box.Dispose();

    [Theory]
    [InlineData("seed.json", "DOTNET_EnableHWIntrinsic")]
    [InlineData("seed.json", "DOTNET_EnableAVX2")]
    [InlineData("optimizers.json", "DOTNET_EnableHWIntrinsic")]
    public async Task Run_WithoutVectorInstructions_SameSummaryAndTrajectories(string example, string variable)
    {
        var spec = Path.Combine(Sandbox.Examples, example);
        var vector = _box.PathOf("vector");
        var scalar = _box.PathOf("scalar");

        await RunCommand("DOTNET_EnableHWIntrinsic", "1", "run", "--config", spec, "--figures", "none", "--no-report", "--quiet", "--out", vector);
        await RunCommand(variable, "0", "run", "--config", spec, "--figures", "none", "--no-report", "--quiet", "--out", scalar);

        Assert.Equal(OutputFiles.SummaryWithoutTiming(vector), OutputFiles.SummaryWithoutTiming(scalar));
        foreach (var file in new[] { "trajectories.csv", "data.csv", "experiment.json" })
        {
            Assert.True(
                File.ReadAllBytes(Path.Combine(vector, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(scalar, file))),
                $"{file} differs with {variable}=0");
        }
    }

    [Fact]
    public async Task Sweep_WithoutVectorInstructions_SameTidyAndSummary()
    {
        var spec = Path.Combine(Sandbox.Examples, "sweep.json");
        var vector = _box.PathOf("vector");
        var scalar = _box.PathOf("scalar");

        await RunCommand("DOTNET_EnableHWIntrinsic", "1", "sweep", "--config", spec, "--quiet", "--out", vector);
        await RunCommand("DOTNET_EnableHWIntrinsic", "0", "sweep", "--config", spec, "--quiet", "--out", scalar);

        foreach (var file in new[] { "tidy.csv", "summary.csv" })
        {
            Assert.Equal(File.ReadAllText(Path.Combine(vector, file)), File.ReadAllText(Path.Combine(scalar, file)));
        }
    }

    private static async Task RunCommand(string variable, string value, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { [variable] = value },
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "DescentLab.Cli.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            Assert.Fail($"descentlab {string.Join(' ', args)} with {variable}={value} did not finish within 2 minutes");
        }

        await stdout;
        Assert.True(process.ExitCode == 0, $"descentlab {string.Join(' ', args)} with {variable}={value} exited {process.ExitCode}: {await stderr}");
    }
}
