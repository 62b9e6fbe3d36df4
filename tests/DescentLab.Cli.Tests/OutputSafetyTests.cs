using System.Diagnostics;
using DescentLab.Io;

namespace DescentLab.Cli.Tests;

/// <summary>--force replaces only what DescentLab wrote; racing runs and interrupted replaces lose nothing.</summary>
public sealed class OutputSafetyTests : IDisposable
{
    private readonly Sandbox _box = new();

    public void Dispose() => _box.Dispose();

    [Fact]
    public void Run_ForceOnTheParentOfTheWorkingDirectory_ExitsTwoAndKeepsEverything()
    {
        // mkdir -p d/proj/sub; echo precious > d/proj/thesis.tex; cd d/proj/sub; descentlab run --out .. --force --quiet --figures none --no-report
        var proj = _box.PathOf(Path.Combine("d", "proj"));
        Directory.CreateDirectory(Path.Combine(proj, "sub"));
        File.WriteAllText(Path.Combine(proj, "thesis.tex"), "precious");
        var before = _box.Entries();

        var result = InFolder(Path.Combine(proj, "sub"), "run", "--out", "..", "--force", "--quiet", "--figures", "none", "--no-report");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("descentlab: --out: ..: holds the working directory; DescentLab never replaces it. Choose a new folder with --out." + Environment.NewLine, result.Error);
        Assert.Equal(before, _box.Entries());
        Assert.Equal("precious", File.ReadAllText(Path.Combine(proj, "thesis.tex")));
    }

    [Theory]
    [InlineData("--force")]
    [InlineData("--quiet")]
    public void Run_OutIsTheWorkingDirectory_ExitsTwoWithoutSuggestingForce(string flag)
    {
        File.WriteAllText(_box.PathOf("notes.txt"), "mine");

        var result = InFolder(_box.Root, "run", "--out", ".", flag, "--figures", "none", "--no-report");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is the working directory; DescentLab never replaces it.", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("--force", result.Error, StringComparison.Ordinal);
        Assert.Equal(["notes.txt"], _box.Entries());
    }

    [Fact]
    public void Run_ForceOnAFolderDescentLabDidNotWrite_ExitsTwoAndKeepsIt()
    {
        var folder = _box.PathOf("thesis");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "thesis.tex"), "precious");

        var result = Sandbox.Run("run", "--out", folder, "--force", "--figures", "none", "--no-report");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"has no {OutputFolder.MarkerFileName} file", result.Error, StringComparison.Ordinal);
        Assert.Equal(["thesis", Path.Combine("thesis", "thesis.tex")], _box.Entries());
    }

    [Theory]
    [InlineData("run")]
    [InlineData("landscape")]
    public void Command_OutputFolder_CarriesTheMarker(string command)
    {
        var folder = _box.PathOf(command);

        var result = Sandbox.Run(command, "--epochs", "2", "--figures", "none", "--out", folder);

        Assert.Equal(0, result.ExitCode);
        Assert.True(OutputFolder.IsMarked(folder));
    }

    [Fact]
    public void Run_ForceWhenTheOldFolderIsKept_ExitsZeroAndSaysWhere()
    {
        // A replace whose old folder was moved aside by a run killed before deleting it: the next run keeps it and says so.
        var folder = _box.PathOf("out");
        Assert.Equal(0, Sandbox.Run("run", "--epochs", "2", "--figures", "none", "--no-report", "--out", folder).ExitCode);
        Directory.Move(folder, _box.PathOf(".out.old-2147483000-abc"));
        Assert.Equal(0, Sandbox.Run("run", "--epochs", "2", "--figures", "none", "--no-report", "--out", _box.PathOf("other")).ExitCode);
        Directory.Move(_box.PathOf("other"), folder);

        var result = Sandbox.Run("run", "--epochs", "2", "--figures", "none", "--no-report", "--out", folder, "--force");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("holds older results a stopped run had set aside; it is kept", result.Error, StringComparison.Ordinal);
        Assert.True(OutputFolder.IsMarked(_box.PathOf(".out.old-2147483000-abc")));
    }

    [Fact]
    public void Run_AfterAKillBetweenTheRenamesOfAReplace_RestoresTheOldResults()
    {
        var folder = _box.PathOf("out");
        Assert.Equal(0, Sandbox.Run("run", "--epochs", "2", "--seed", "7", "--figures", "none", "--no-report", "--out", folder).ExitCode);
        Directory.Move(folder, _box.PathOf(".out.old-2147483000-abc"));

        var result = Sandbox.Run("run", "--epochs", "2", "--figures", "none", "--no-report", "--out", folder);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("restored", result.Error, StringComparison.Ordinal);
        Assert.Equal(7, OutputFiles.Experiment(folder).GetProperty("seed").GetInt32());
    }

    [Fact]
    public async Task Run_TwoProcessesIntoOneFolder_OneWinsTheOtherExitsTwo()
    {
        var target = _box.PathOf("same");
        var runs = new[] { "1", "2" }.Select(seed => RunProcess("run", "--seed", seed, "--epochs", "30", "--figures", "none", "--no-report", "--quiet", "--out", target)).ToArray();
        var results = await Task.WhenAll(runs);

        Assert.Equal([0, 2], results.Select(r => r.ExitCode).Order());
        var loser = results.Single(r => r.ExitCode == 2);
        Assert.Contains("already exists", loser.Error, StringComparison.Ordinal);
        var winner = Array.FindIndex(results, r => r.ExitCode == 0);
        Assert.Equal(winner + 1, OutputFiles.Experiment(target).GetProperty("seed").GetInt32());
        Assert.Equal(["same"], _box.Entries().Where(e => !e.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal)));
    }

    private static CommandResult InFolder(string folder, params string[] args)
    {
        var previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = folder;
        try
        {
            return Sandbox.Run(args);
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }

    private static async Task<CommandResult> RunProcess(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "DescentLab.Cli.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new CommandResult(process.ExitCode, await output, await error);
    }
}
