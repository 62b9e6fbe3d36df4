namespace DescentLab.Io;

/// <summary>
/// An output folder written all at once: files go into a hidden temporary folder beside the target, which is renamed
/// into place by <see cref="Complete"/>; disposing without completing deletes it, so a failure leaves no partial folder.
/// </summary>
/// <remarks>
/// A rename within one folder is atomic on POSIX file systems and NTFS, so the target is either absent, the old
/// folder, or the complete new one. Replacing an existing folder (only with <c>replace</c>) moves the old one aside
/// first and deletes it after the rename. A process killed outright leaves only its hidden temporary folder, named
/// <c>.NAME.tmp-PID-…</c>, never a partial target; the next <see cref="Create"/> for the same target removes such
/// folders whose process is gone.
/// </remarks>
public sealed class OutputFolder : IDisposable
{
    private readonly List<string> _createdParents;
    private bool _completed;

    private OutputFolder(string target, string path, List<string> createdParents)
    {
        Target = target;
        Path = path;
        _createdParents = createdParents;
    }

    /// <summary>The full path of the folder the output ends up in.</summary>
    public string Target { get; }

    /// <summary>The full path of the temporary folder to write into.</summary>
    public string Path { get; }

    /// <summary>Throws an <see cref="OutputFolderException"/> if <paramref name="target"/> cannot be used; writes nothing.</summary>
    public static void Check(string target, bool replace)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        var full = FullPath(target);
        if (File.Exists(full))
        {
            throw new OutputFolderException(target, OutputFolderProblem.IsFile, "is a file; the output needs a folder path.");
        }

        if (Directory.Exists(full) && !replace)
        {
            throw new OutputFolderException(target, OutputFolderProblem.Exists, "the folder already exists.");
        }

        for (var parent = System.IO.Path.GetDirectoryName(full); parent is not null; parent = System.IO.Path.GetDirectoryName(parent))
        {
            if (File.Exists(parent))
            {
                throw new OutputFolderException(target, OutputFolderProblem.IsFile, $"{parent} is a file, not a folder.");
            }

            if (Directory.Exists(parent))
            {
                break;
            }
        }
    }

    /// <summary>Checks <paramref name="target"/> and creates the temporary folder beside it (and any missing parent folders).</summary>
    public static OutputFolder Create(string target, bool replace)
    {
        Check(target, replace);
        var full = FullPath(target);
        var parent = System.IO.Path.GetDirectoryName(full) ?? throw new OutputFolderException(target, OutputFolderProblem.NotWritable, "a file system root cannot be an output folder.");
        var created = new List<string>();
        for (var p = parent; p is not null && !Directory.Exists(p); p = System.IO.Path.GetDirectoryName(p))
        {
            created.Add(p);
        }

        created.Reverse();
        RemoveAbandoned(parent, System.IO.Path.GetFileName(full));
        var temp = System.IO.Path.Combine(parent, $".{System.IO.Path.GetFileName(full)}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            foreach (var p in created)
            {
                Directory.CreateDirectory(p);
            }

            Directory.CreateDirectory(temp);
            var probe = System.IO.Path.Combine(temp, ".probe");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Remove(temp, created);
            throw new OutputFolderException(target, OutputFolderProblem.NotWritable, $"cannot write there: {e.Message}", e);
        }

        return new OutputFolder(full, temp, created);
    }

    /// <summary>Renames the temporary folder into place, replacing an existing target.</summary>
    public void Complete()
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        string? old = null;
        if (Directory.Exists(Target))
        {
            old = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Target)!, $".{System.IO.Path.GetFileName(Target)}.old-{Environment.ProcessId}-{Guid.NewGuid():N}");
            Directory.Move(Target, old);
        }

        try
        {
            Directory.Move(Path, Target);
        }
        catch
        {
            if (old is not null)
            {
                Directory.Move(old, Target);
            }

            throw;
        }

        _completed = true;
        if (old is not null)
        {
            Directory.Delete(old, recursive: true);
        }
    }

    /// <summary>Deletes the temporary folder, and the parent folders it created, unless <see cref="Complete"/> ran.</summary>
    public void Dispose()
    {
        if (!_completed)
        {
            Remove(Path, _createdParents);
            _completed = true;
        }
    }

    private static void Remove(string temp, List<string> createdParents)
    {
        try
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }

            for (var i = createdParents.Count - 1; i >= 0; i--)
            {
                if (Directory.Exists(createdParents[i]) && !Directory.EnumerateFileSystemEntries(createdParents[i]).Any())
                {
                    Directory.Delete(createdParents[i]);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Cleaning up is best effort: the failure that led here is the one to report.
        }
    }

    /// <summary>Deletes the temporary and set-aside folders of <paramref name="name"/> left by processes that no longer run (killed outright).</summary>
    private static void RemoveAbandoned(string parent, string name)
    {
        if (!Directory.Exists(parent))
        {
            return;
        }

        var hidden = new EnumerationOptions { AttributesToSkip = 0 };
        foreach (var pattern in new[] { $".{name}.tmp-*", $".{name}.old-*" })
        {
            foreach (var folder in Directory.EnumerateDirectories(parent, pattern, hidden))
            {
                var suffix = System.IO.Path.GetFileName(folder)[(name.Length + 6)..];
                var dash = suffix.IndexOf('-', StringComparison.Ordinal);
                if (dash > 0
                    && int.TryParse(suffix.AsSpan(0, dash), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid)
                    && !IsRunning(pid))
                {
                    Remove(folder, []);
                }
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            return true;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static string FullPath(string target) =>
        System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(target));
}
