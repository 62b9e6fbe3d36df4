using DescentLab.Io;

namespace DescentLab.Tests.Io;

public sealed class OutputFolderTests : IDisposable
{
    /// <summary>Hidden entries too: the temporary folders are hidden, and .NET skips hidden entries by default.</summary>
    private static readonly EnumerationOptions All = new() { AttributesToSkip = 0 };

    private readonly string _root = Directory.CreateTempSubdirectory("descentlab-folder-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Complete_NewTarget_RenamesTheTemporaryFolderIntoPlace()
    {
        var target = Path.Combine(_root, "runs", "a");
        using (var folder = OutputFolder.Create(target, replace: false))
        {
            Assert.False(Directory.Exists(target));
            Assert.Equal(Path.Combine(_root, "runs"), Path.GetDirectoryName(folder.Path));
            File.WriteAllText(Path.Combine(folder.Path, "f.txt"), "new");
            folder.Complete();
        }

        Assert.Equal("new", File.ReadAllText(Path.Combine(target, "f.txt")));
        Assert.Equal(["a"], Directory.EnumerateFileSystemEntries(Path.Combine(_root, "runs"), "*", All).Select(Path.GetFileName));
    }

    [Fact]
    public void Dispose_WithoutComplete_RemovesTheTemporaryFolderAndCreatedParents()
    {
        var target = Path.Combine(_root, "x", "y", "z");
        using (var folder = OutputFolder.Create(target, replace: false))
        {
            File.WriteAllText(Path.Combine(folder.Path, "half"), "written");
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(_root, "*", All));
    }

    [Fact]
    public void Complete_ExistingTargetWithReplace_ReplacesItWhole()
    {
        var target = Path.Combine(_root, "t");
        Written(target, "old.txt");

        using (var folder = OutputFolder.Create(target, replace: true))
        {
            File.WriteAllText(Path.Combine(folder.Path, "new.txt"), "new");
            Assert.True(File.Exists(Path.Combine(target, "old.txt")));
            folder.Complete();
            Assert.Empty(folder.Notes);
        }

        Assert.Equal([OutputFolder.MarkerFileName, "new.txt"], Directory.EnumerateFileSystemEntries(target, "*", All).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(["t"], Directory.EnumerateFileSystemEntries(_root, "*", All).Select(Path.GetFileName));
    }

    [Fact]
    public void Complete_EveryFolder_HoldsTheMarkerWithFormatVersion()
    {
        var target = Path.Combine(_root, "m");
        Written(target, "f.txt");

        var lines = File.ReadAllLines(Path.Combine(target, OutputFolder.MarkerFileName));

        Assert.Equal("descentlab output folder", lines[0]);
        Assert.Equal($"format {OutputFolder.FormatVersion}", lines[1]);
        Assert.StartsWith("id ", lines[2], StringComparison.Ordinal);
        Assert.True(OutputFolder.IsMarked(target));
    }

    [Fact]
    public void Create_ReplaceAFolderItDidNotWrite_ThrowsNotOursAndKeepsIt()
    {
        var target = Path.Combine(_root, "thesis");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "thesis.tex"), "precious");

        var e = Assert.Throws<OutputFolderException>(() => OutputFolder.Create(target, replace: true));

        Assert.Equal(OutputFolderProblem.NotOurs, e.Problem);
        Assert.Contains("was not written by DescentLab", e.Message, StringComparison.Ordinal);
        Assert.Equal(["thesis"], Directory.EnumerateFileSystemEntries(_root, "*", All).Select(Path.GetFileName));
        Assert.Equal("precious", File.ReadAllText(Path.Combine(target, "thesis.tex")));
    }

    [Fact]
    public void Create_ReplaceASymbolicLinkToAMarkedFolder_ThrowsNotOurs()
    {
        var real = Path.Combine(_root, "real");
        Written(real, "f.txt");
        var link = Path.Combine(_root, "link");
        Directory.CreateSymbolicLink(link, real);

        var e = Assert.Throws<OutputFolderException>(() => OutputFolder.Create(link, replace: true));

        Assert.Equal(OutputFolderProblem.NotOurs, e.Problem);
        Assert.True(File.Exists(Path.Combine(real, "f.txt")));
    }

    [Fact]
    public void Create_ReplaceAFileSystemRoot_ThrowsProtected()
    {
        var e = Assert.Throws<OutputFolderException>(() => OutputFolder.Create(Path.GetPathRoot(_root)!, replace: true));

        Assert.Equal(OutputFolderProblem.Protected, e.Problem);
    }

    [Fact]
    public void Complete_TargetAppearedMeanwhile_ThrowsExistsAndKeepsTheOtherRunsFolder()
    {
        // Two runs both pass the check; the one that finishes first wins, the other must not replace it.
        var target = Path.Combine(_root, "same");
        using var first = OutputFolder.Create(target, replace: false);
        using var second = OutputFolder.Create(target, replace: false);
        File.WriteAllText(Path.Combine(first.Path, "seed.txt"), "1");
        File.WriteAllText(Path.Combine(second.Path, "seed.txt"), "2");
        first.Complete();

        var e = Assert.Throws<OutputFolderException>(second.Complete);

        Assert.Equal(OutputFolderProblem.Exists, e.Problem);
        Assert.Contains("already exists", e.Message, StringComparison.Ordinal);
        Assert.Equal("1", File.ReadAllText(Path.Combine(target, "seed.txt")));
        second.Dispose();
        Assert.Equal(["same"], Directory.EnumerateFileSystemEntries(_root, "*", All).Select(Path.GetFileName));
    }

    [Fact]
    public void Complete_TwoReplacesRacing_OneWinsAndNothingIsLost()
    {
        var target = Path.Combine(_root, "r");
        Written(target, "old.txt");
        using var first = OutputFolder.Create(target, replace: true);
        using var second = OutputFolder.Create(target, replace: true);
        File.WriteAllText(Path.Combine(first.Path, "seed.txt"), "1");
        File.WriteAllText(Path.Combine(second.Path, "seed.txt"), "2");
        first.Complete();

        var e = Assert.Throws<OutputFolderException>(second.Complete);

        Assert.Equal(OutputFolderProblem.Exists, e.Problem);
        Assert.Equal("1", File.ReadAllText(Path.Combine(target, "seed.txt")));
        second.Dispose();
        Assert.Equal(["r"], Directory.EnumerateFileSystemEntries(_root, "*", All).Select(Path.GetFileName));
    }

    [Fact]
    public void Complete_OldFolderCannotBeDeleted_KeepsItAndSaysWhere()
    {
        var target = Path.Combine(_root, "d");
        Written(target, "old.txt");
        using var folder = OutputFolder.Create(target, replace: true);
        folder.DeleteFolder = _ => throw new UnauthorizedAccessException("Access to the path is denied.");
        File.WriteAllText(Path.Combine(folder.Path, "new.txt"), "new");

        folder.Complete();

        Assert.True(File.Exists(Path.Combine(target, "new.txt")));
        var kept = Assert.Single(Directory.EnumerateDirectories(_root, ".d.old-*", All));
        Assert.True(File.Exists(Path.Combine(kept, "old.txt")));
        var note = Assert.Single(folder.Notes);
        Assert.Contains($"it is kept at {kept}", note, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_AfterAKillBetweenTheRenamesOfAReplace_RestoresTheOldFolder()
    {
        // A run killed after moving the old folder aside and before renaming its own into place leaves both hidden.
        Written(Path.Combine(_root, "done"), "old.txt");
        var setAside = Path.Combine(_root, ".k.old-2147483000-abc");
        Directory.Move(Path.Combine(_root, "done"), setAside);
        var temp = Path.Combine(_root, ".k.tmp-2147483000-def");
        Written(Path.Combine(_root, "half"), "new.txt");
        Directory.Move(Path.Combine(_root, "half"), temp);
        var target = Path.Combine(_root, "k");

        var e = Assert.Throws<OutputFolderException>(() => OutputFolder.Create(target, replace: false));

        Assert.Equal(OutputFolderProblem.Exists, e.Problem);
        Assert.Contains("restored", e.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(target, "old.txt")));
        Assert.Equal(["k"], Directory.EnumerateFileSystemEntries(_root, "*", All).Select(Path.GetFileName));
    }

    [Fact]
    public void Create_AfterAKillBeforeTheOldFolderWasDeleted_KeepsIt()
    {
        Written(Path.Combine(_root, "k"), "new.txt");
        Written(Path.Combine(_root, "done"), "old.txt");
        var setAside = Path.Combine(_root, ".k.old-2147483000-abc");
        Directory.Move(Path.Combine(_root, "done"), setAside);

        using (var folder = OutputFolder.Create(Path.Combine(_root, "k"), replace: true))
        {
            Assert.Contains(folder.Notes, n => n.Contains("it is kept", StringComparison.Ordinal));
        }

        Assert.True(File.Exists(Path.Combine(setAside, "old.txt")));
    }

    [Fact]
    public void Create_AfterAKilledRun_RemovesItsAbandonedFolderOnly()
    {
        // PIDs are below 2^22 on Linux, so this one belongs to no process; the current process's folder is kept, and
        // so is an unmarked folder that merely looks like a temporary one.
        var abandoned = Path.Combine(_root, ".k.tmp-2147483000-abc");
        var live = Path.Combine(_root, $".k.tmp-{Environment.ProcessId}-def");
        var other = Path.Combine(_root, ".other.tmp-2147483000-abc");
        var unmarked = Path.Combine(_root, ".k.tmp-2147483001-xyz");
        foreach (var folder in new[] { abandoned, live, other })
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, OutputFolder.MarkerFileName), "descentlab output folder\nformat 1\nid x\n");
        }

        Directory.CreateDirectory(unmarked);
        using (OutputFolder.Create(Path.Combine(_root, "k"), replace: false))
        {
            Assert.False(Directory.Exists(abandoned));
            Assert.True(Directory.Exists(live));
            Assert.True(Directory.Exists(other));
            Assert.True(Directory.Exists(unmarked));
        }
    }

    [Fact]
    public void Check_ExistingTargetWithoutReplace_Throws()
    {
        var target = Path.Combine(_root, "e");
        Written(target, "f.txt");

        var e = Assert.Throws<OutputFolderException>(() => OutputFolder.Create(target, replace: false));

        Assert.Equal(OutputFolderProblem.Exists, e.Problem);
        Assert.Equal(["e"], Directory.EnumerateFileSystemEntries(_root, "*", All).Select(Path.GetFileName));
    }

    [Fact]
    public void Check_ParentIsAFile_ThrowsIsFile()
    {
        File.WriteAllText(Path.Combine(_root, "f"), "x");

        var e = Assert.Throws<OutputFolderException>(() => OutputFolder.Check(Path.Combine(_root, "f", "a", "b"), replace: true));

        Assert.Equal(OutputFolderProblem.IsFile, e.Problem);
    }

    /// <summary>A folder as a completed output folder leaves it: marked, with one file.</summary>
    private static void Written(string target, string file)
    {
        using var folder = OutputFolder.Create(target, replace: false);
        File.WriteAllText(Path.Combine(folder.Path, file), file);
        folder.Complete();
    }
}
