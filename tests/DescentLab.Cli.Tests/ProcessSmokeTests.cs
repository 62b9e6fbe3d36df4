using System.Diagnostics;

namespace DescentLab.Cli.Tests;

/// <summary>The built command as a process: a termination signal mid-run exits 130 and leaves no folder.</summary>
/// <remarks>
/// SIGTERM, not SIGINT: a process inherits an ignored SIGINT from a parent that runs it in the background (as a test
/// runner may), and .NET then leaves it ignored. The command handles both signals through the same cancellation.
/// </remarks>
public sealed class ProcessSmokeTests : IDisposable
{
    private readonly Sandbox _box = new();

    public void Dispose() => _box.Dispose();

    [Fact]
    public async Task Run_Interrupted_ExitsOneThirtyAndLeavesNoFolder()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        var target = _box.PathOf("long");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "DescentLab.Cli.dll"), "run", "--epochs", "100000000", "--record-every", "10000000", "--out", target },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();

        // The first progress line comes after the temporary folder is made: the run is under way.
        var first = await process.StandardError.ReadLineAsync();
        Assert.StartsWith("descentlab: running seed", first, StringComparison.Ordinal);
        Assert.Single(Directory.EnumerateDirectories(_box.Root, ".long.tmp-*", new EnumerationOptions { AttributesToSkip = 0 }));
        var signal = new ProcessStartInfo("kill") { ArgumentList = { "-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, RedirectStandardError = true };
        using (var kill = Process.Start(signal)!)
        {
            var killError = await kill.StandardError.ReadToEndAsync();
            await kill.WaitForExitAsync();
            Assert.True(kill.ExitCode == 0, $"kill failed: {killError}");
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            Assert.Fail("the run did not stop within 30 s of SIGTERM");
        }

        Assert.Equal(130, process.ExitCode);
        Assert.Contains("cancelled; nothing was written.", await process.StandardError.ReadToEndAsync(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, await stdout);
        Assert.Empty(_box.Entries());
    }

    [Fact]
    public async Task Run_InterruptedWhileDrawingABigDataset_ExitsOneThirtyWithinASecondOrSo()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        // Drawing 10^6 points does not check the cancellation token: the command must not wait for it.
        var random = new Random(1);
        var csv = new System.Text.StringBuilder("x,y\n");
        for (var i = 0; i < 300_000; i++)
        {
            var x = (random.NextDouble() * 6) - 3;
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{x},{(2 * x * x) + random.NextDouble()}\n");
        }

        var data = _box.WriteFile("big.csv", csv.ToString());
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "DescentLab.Cli.dll"), "run", "--data", data, "--epochs", "2", "--out", _box.PathOf("o") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        string? line;
        while ((line = await process.StandardError.ReadLineAsync()) is not null && !line.Contains("writing figures", StringComparison.Ordinal))
        {
        }

        Assert.NotNull(line);
        await Task.Delay(300);
        var clock = Stopwatch.StartNew();
        using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } })!)
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        var seconds = clock.Elapsed.TotalSeconds;

        Assert.Equal(130, process.ExitCode);
        // A grace of half a second, then the exit itself; generous for a shared machine, and far below the 13 s it took.
        Assert.True(seconds < 4, $"stopped {seconds:0.0} s after SIGTERM");
        Assert.Contains("cancelled; nothing was written.", await process.StandardError.ReadToEndAsync(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, await stdout);
        Assert.Equal(["big.csv"], _box.Entries());
    }
}
