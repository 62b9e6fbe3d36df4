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
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "old.txt"), "old");

        using (var folder = OutputFolder.Create(target, replace: true))
        {
            File.WriteAllText(Path.Combine(folder.Path, "new.txt"), "new");
            Assert.True(File.Exists(Path.Combine(target, "old.txt")));
            folder.Complete();
        }

        Assert.Equal(["new.txt"], Directory.EnumerateFileSystemEntries(target, "*", All).Select(Path.GetFileName));
        Assert.Equal(["t"], Directory.EnumerateFileSystemEntries(_root, "*", All).Select(Path.GetFileName));
    }

    [Fact]
    public void Create_AfterAKilledRun_RemovesItsAbandonedFolderOnly()
    {
        // PIDs are below 2^22 on Linux, so this one belongs to no process; the current process's folder is kept.
        var abandoned = Path.Combine(_root, ".k.tmp-2147483000-abc");
        var live = Path.Combine(_root, $".k.tmp-{Environment.ProcessId}-def");
        var other = Path.Combine(_root, ".other.tmp-2147483000-abc");
        foreach (var folder in new[] { abandoned, live, other })
        {
            Directory.CreateDirectory(folder);
        }

        using (OutputFolder.Create(Path.Combine(_root, "k"), replace: false))
        {
            Assert.False(Directory.Exists(abandoned));
            Assert.True(Directory.Exists(live));
            Assert.True(Directory.Exists(other));
        }
    }

    [Fact]
    public void Check_ExistingTargetWithoutReplace_Throws()
    {
        var target = Path.Combine(_root, "e");
        Directory.CreateDirectory(target);

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
}
