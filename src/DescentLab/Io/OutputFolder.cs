using System.Globalization;

namespace DescentLab.Io;

/// <summary>
/// An output folder written all at once: files go into a hidden temporary folder beside the target, which is renamed
/// into place by <see cref="Complete"/>; disposing without completing deletes it, so a failure leaves no partial folder.
/// </summary>
/// <remarks>
/// Every folder made here holds a marker file, <see cref="MarkerFileName"/>, with the format version and an id of its
/// own. Replacing an existing folder (only with <c>replace</c>) is allowed only for a folder that holds the marker, and
/// never for the working directory, a folder above it, the home folder or a file system root. The final rename fails
/// when the target exists (renameat2 with RENAME_NOREPLACE on Linux, a lock file elsewhere), so of two runs racing for
/// one target one wins and the other gets <see cref="OutputFolderProblem.Exists"/>. A replace moves the old folder aside
/// to <c>.NAME.old-PID-…</c>, renames the new one into place, then deletes the old one. A process killed outright leaves
/// its hidden temporary folder <c>.NAME.tmp-PID-…</c>, which the next <see cref="Create"/> deletes, and possibly a
/// set-aside old folder, which it renames back into place when the target is missing and otherwise keeps: results are
/// never deleted on a guess.
/// </remarks>
public sealed class OutputFolder : IDisposable
{
    /// <summary>The marker file's name inside every output folder.</summary>
    public const string MarkerFileName = ".descentlab";

    /// <summary>The marker's format version.</summary>
    public const int FormatVersion = 1;

    private const string MarkerFirstLine = "descentlab output folder";

    private static readonly HashSet<OutputFolder> Live = [];

    private readonly Lock _gate = new();
    private readonly List<string> _createdParents;
    private readonly string? _replacedId;
    private readonly List<string> _notes;
    private bool _completed;

    private OutputFolder(string target, string path, List<string> createdParents, string? replacedId, List<string> notes)
    {
        Target = target;
        Path = path;
        _createdParents = createdParents;
        _replacedId = replacedId;
        _notes = notes;
    }

    /// <summary>The full path of the folder the output ends up in.</summary>
    public string Target { get; }

    /// <summary>The full path of the temporary folder to write into.</summary>
    public string Path { get; }

    /// <summary>Deletes a folder recursively; tests replace it to make a deletion fail.</summary>
    internal Action<string> DeleteFolder { get; set; } = folder => Directory.Delete(folder, recursive: true);

    /// <summary>What was found and done besides writing the output (an interrupted run's folder restored or kept), one line each.</summary>
    public IReadOnlyList<string> Notes => _notes;

    /// <summary>Whether <paramref name="folder"/> holds the marker of a folder this library wrote.</summary>
    public static bool IsMarked(string folder) => MarkerId(folder) is not null;

    /// <summary>Throws an <see cref="OutputFolderException"/> if <paramref name="target"/> cannot be used; writes nothing.</summary>
    public static void Check(string target, bool replace) => CheckReplaceable(target, replace);

    /// <summary>Checks <paramref name="target"/> and creates the temporary folder beside it (and any missing parent folders).</summary>
    public static OutputFolder Create(string target, bool replace)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        var full = FullPath(target);
        var parent = System.IO.Path.GetDirectoryName(full)
            ?? throw new OutputFolderException(target, OutputFolderProblem.Protected, "a file system root is never an output folder.");
        var notes = new List<string>();
        TidyAbandoned(parent, System.IO.Path.GetFileName(full), notes);
        string? replacedId;
        try
        {
            replacedId = CheckReplaceable(target, replace);
        }
        catch (OutputFolderException e) when (notes.Count > 0)
        {
            throw new OutputFolderException(target, e.Problem, $"{Detail(e)} ({string.Join(" ", notes)})", e);
        }

        var created = new List<string>();
        for (var p = parent; p is not null && !Directory.Exists(p); p = System.IO.Path.GetDirectoryName(p))
        {
            created.Add(p);
        }

        created.Reverse();
        var temp = System.IO.Path.Combine(parent, $".{System.IO.Path.GetFileName(full)}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            foreach (var p in created)
            {
                Directory.CreateDirectory(p);
            }

            Directory.CreateDirectory(temp);
            File.WriteAllText(
                System.IO.Path.Combine(temp, MarkerFileName),
                string.Create(CultureInfo.InvariantCulture, $"{MarkerFirstLine}\nformat {FormatVersion}\nid {Guid.NewGuid():N}\n"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Remove(temp, created);
            throw new OutputFolderException(target, OutputFolderProblem.NotWritable, $"cannot write there: {e.Message}", e);
        }

        var folder = new OutputFolder(full, temp, created, replacedId, notes);
        lock (Live)
        {
            Live.Add(folder);
        }

        return folder;
    }

    /// <summary>
    /// Deletes the temporary folder of every output folder of this process that is neither completed nor disposed, for a
    /// process about to exit on a signal without waiting for its work to stop; returns how many there were.
    /// </summary>
    public static int AbandonAll()
    {
        OutputFolder[] live;
        lock (Live)
        {
            live = [.. Live];
        }

        foreach (var folder in live)
        {
            folder.Dispose();
        }

        return live.Length;
    }

    /// <summary>
    /// Renames the temporary folder into place; with replace, the old folder is set aside first and deleted after. Throws
    /// an <see cref="OutputFolderException"/> whose message says what is on disk when that cannot be done.
    /// </summary>
    public void Complete()
    {
        lock (_gate)
        {
            CompleteLocked();
        }

        Forget();
    }

    private void CompleteLocked()
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        var name = System.IO.Path.GetFileName(Target);
        var parent = System.IO.Path.GetDirectoryName(Target)!;
        if (_replacedId is null || !Directory.Exists(Target))
        {
            MoveNoReplace(Path, Target);
            _completed = true;
            return;
        }

        var old = System.IO.Path.Combine(parent, $".{name}.old-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            Directory.Move(Target, old);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputFolderException(Target, OutputFolderProblem.NotWritable, $"cannot move the old folder aside ({e.Message}); it was left as it was and this run's output was not kept.", e);
        }

        if (MarkerId(old) != _replacedId)
        {
            // Another run replaced the target between the check and now: put its folder back and give way.
            TryMoveNoReplace(old, Target);
            throw new OutputFolderException(Target, OutputFolderProblem.Exists, "another run replaced it while this one ran; this run's output was not kept.");
        }

        try
        {
            MoveNoReplace(Path, Target);
        }
        catch (OutputFolderException e)
        {
            var restored = TryMoveNoReplace(old, Target);
            if (restored)
            {
                throw;
            }

            throw new OutputFolderException(Target, e.Problem, $"{Detail(e)} The old folder is kept at {old}.", e);
        }

        _completed = true;
        try
        {
            DeleteFolder(old);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _notes.Add($"the old folder it replaced could not be deleted ({e.Message}); it is kept at {old}.");
        }
    }

    /// <summary>Deletes the temporary folder, and the parent folders it created, unless <see cref="Complete"/> ran.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (!_completed)
            {
                Remove(Path, _createdParents);
                _completed = true;
            }
        }

        Forget();
    }

    private void Forget()
    {
        lock (Live)
        {
            Live.Remove(this);
        }
    }

    /// <summary>Checks the target; with replace and an existing folder, returns the id of its marker.</summary>
    private static string? CheckReplaceable(string target, bool replace)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        var full = FullPath(target);
        if (File.Exists(full))
        {
            throw new OutputFolderException(target, OutputFolderProblem.IsFile, "is a file; the output needs a folder path.");
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

        if (!Directory.Exists(full))
        {
            return null;
        }

        if (ProtectedReason(full) is { } reason)
        {
            throw new OutputFolderException(target, OutputFolderProblem.Protected, $"{reason}; DescentLab never replaces it. Choose a new folder with --out.");
        }

        var info = new DirectoryInfo(full);
        if (info.LinkTarget is not null)
        {
            throw new OutputFolderException(target, OutputFolderProblem.NotOurs, "is a symbolic link; DescentLab only replaces folders it wrote. Choose a new folder with --out.");
        }

        var id = MarkerId(full);
        if (id is null)
        {
            throw new OutputFolderException(target, OutputFolderProblem.NotOurs, $"the folder already exists and was not written by DescentLab (it has no {MarkerFileName} file), so it is never replaced. Choose a new folder with --out.");
        }

        return replace
            ? id
            : throw new OutputFolderException(target, OutputFolderProblem.Exists, "the folder already exists.");
    }

    /// <summary>Why <paramref name="full"/> may never be replaced, or null: the working directory, a folder above it, home or a root.</summary>
    private static string? ProtectedReason(string full)
    {
        var real = RealPath(full);
        if (System.IO.Path.GetPathRoot(real) is { } root && System.IO.Path.TrimEndingDirectorySeparator(root) == System.IO.Path.TrimEndingDirectorySeparator(real))
        {
            return "is a file system root";
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile, Environment.SpecialFolderOption.DoNotVerify);
        if (home.Length > 0 && (RealPath(home) == real || IsInside(RealPath(home), real)))
        {
            return RealPath(home) == real ? "is the home folder" : "holds the home folder";
        }

        var current = RealPath(Environment.CurrentDirectory);
        if (current == real)
        {
            return "is the working directory";
        }

        return IsInside(current, real) ? "holds the working directory" : null;
    }

    /// <summary>Whether <paramref name="path"/> lies strictly inside <paramref name="folder"/>.</summary>
    private static bool IsInside(string path, string folder)
    {
        var prefix = folder.EndsWith(System.IO.Path.DirectorySeparatorChar) ? folder : folder + System.IO.Path.DirectorySeparatorChar;
        return path.StartsWith(prefix, StringComparison.Ordinal);
    }

    /// <summary>The path with every symbolic link along it resolved, as far as the folders exist.</summary>
    private static string RealPath(string path)
    {
        var full = FullPath(path);
        var parent = System.IO.Path.GetDirectoryName(full);
        var resolvedParent = parent is null ? null : RealPath(parent);
        var here = resolvedParent is null ? full : System.IO.Path.Combine(resolvedParent, System.IO.Path.GetFileName(full));
        try
        {
            var info = new DirectoryInfo(here);
            if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } final)
            {
                return FullPath(final.FullName);
            }
        }
        catch (IOException)
        {
            // A link loop or an unreadable folder: compare the path as it is.
        }

        return here;
    }

    /// <summary>The id in the marker of <paramref name="folder"/>, or null when it has no valid marker.</summary>
    private static string? MarkerId(string folder)
    {
        var path = System.IO.Path.Combine(folder, MarkerFileName);
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.LinkTarget is not null || info.Length > 4096)
            {
                return null;
            }

            var lines = File.ReadAllLines(path);
            return lines.Length >= 3 && lines[0] == MarkerFirstLine && lines[1].StartsWith("format ", StringComparison.Ordinal) && lines[2].StartsWith("id ", StringComparison.Ordinal)
                ? lines[2][3..]
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void MoveNoReplace(string from, string to)
    {
        try
        {
            if (!AtomicRename.MoveNoReplace(from, to))
            {
                throw new OutputFolderException(
                    to,
                    OutputFolderProblem.Exists,
                    "the folder already exists: another run created it while this one ran; this run's output was not kept.");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && e is not OutputFolderException)
        {
            throw new OutputFolderException(to, OutputFolderProblem.NotWritable, $"cannot rename the finished output into place ({e.Message}); this run's output was not kept.", e);
        }
    }

    private static bool TryMoveNoReplace(string from, string to)
    {
        try
        {
            return AtomicRename.MoveNoReplace(from, to);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The message without the "TARGET: " every <see cref="OutputFolderException"/> message starts with.</summary>
    private static string Detail(OutputFolderException e) => e.Message[(e.Target.Length + 2)..];

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

    /// <summary>
    /// Tidies after processes that no longer run (killed outright): deletes their marked temporary folders of
    /// <paramref name="name"/>, and renames a set-aside old folder back into place when the target is missing. A
    /// set-aside folder is never deleted.
    /// </summary>
    private static void TidyAbandoned(string parent, string name, List<string> notes)
    {
        if (!Directory.Exists(parent))
        {
            return;
        }

        var hidden = new EnumerationOptions { AttributesToSkip = 0 };
        var target = System.IO.Path.Combine(parent, name);
        foreach (var folder in Directory.EnumerateDirectories(parent, $".{name}.tmp-*", hidden).ToList())
        {
            if (IsAbandoned(folder, name) && IsMarked(folder))
            {
                Remove(folder, []);
            }
        }

        foreach (var folder in Directory.EnumerateDirectories(parent, $".{name}.old-*", hidden).Order(StringComparer.Ordinal).ToList())
        {
            if (!IsAbandoned(folder, name) || !IsMarked(folder))
            {
                continue;
            }

            if (!Directory.Exists(target) && TryMoveNoReplace(folder, target))
            {
                notes.Add($"restored {target} from {System.IO.Path.GetFileName(folder)}, which a run stopped while replacing it had set aside.");
            }
            else
            {
                notes.Add($"{folder} holds older results a stopped run had set aside; it is kept: delete it when no longer needed.");
            }
        }
    }

    private static bool IsAbandoned(string folder, string name)
    {
        var suffix = System.IO.Path.GetFileName(folder)[(name.Length + 6)..];
        var dash = suffix.IndexOf('-', StringComparison.Ordinal);
        return dash > 0
            && int.TryParse(suffix.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            && !IsRunning(pid);
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
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    private static string FullPath(string target) =>
        System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(target));
}
