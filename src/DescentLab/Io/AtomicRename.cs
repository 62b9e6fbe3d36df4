using System.Runtime.InteropServices;

namespace DescentLab.Io;

/// <summary>Renames a folder only if the new name does not exist, as one step, so two processes cannot both win.</summary>
internal static partial class AtomicRename
{
    private const int AtFdCwd = -100;
    private const uint RenameNoReplace = 1;
    private const uint RenameExcl = 4;
    // EEXIST is 17 on Linux and on macOS.
    private const int Eexist = 17;
    private const int LinuxEinval = 22;
    private const int LinuxEnosys = 38;

    /// <summary>Renames <paramref name="from"/> to <paramref name="to"/>; false, with nothing changed, when <paramref name="to"/> exists.</summary>
    /// <remarks>
    /// Linux: renameat2(RENAME_NOREPLACE) (glibc 2.28, Linux 3.15); file systems without it (EINVAL) fall back to a lock.
    /// macOS: renamex_np(RENAME_EXCL). Windows: MoveFileEx without MOVEFILE_REPLACE_EXISTING already refuses an
    /// existing target.
    /// </remarks>
    public static bool MoveNoReplace(string from, string to)
    {
        if (OperatingSystem.IsLinux())
        {
            int errno;
            try
            {
                if (Renameat2(AtFdCwd, from, AtFdCwd, to, RenameNoReplace) == 0)
                {
                    return true;
                }

                errno = Marshal.GetLastPInvokeError();
            }
            catch (EntryPointNotFoundException)
            {
                errno = LinuxEnosys;
            }

            if (errno == Eexist)
            {
                return false;
            }

            if (errno is not (LinuxEinval or LinuxEnosys))
            {
                throw new IOException(Marshal.GetPInvokeErrorMessage(errno));
            }
        }
        else if (OperatingSystem.IsMacOS())
        {
            if (RenamexNp(from, to, RenameExcl) == 0)
            {
                return true;
            }

            var errno = Marshal.GetLastPInvokeError();
            return errno == Eexist ? false : throw new IOException(Marshal.GetPInvokeErrorMessage(errno));
        }

        return MoveUnderLock(from, to);
    }

    /// <summary>Check-then-rename under an exclusive lock on a file beside the target (flock on Unix, released if the process dies).</summary>
    private static bool MoveUnderLock(string from, string to)
    {
        var lockPath = Path.Combine(Path.GetDirectoryName(to)!, $".{Path.GetFileName(to)}.lock");
        for (var attempt = 0; ; attempt++)
        {
            FileStream held;
            try
            {
                held = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (attempt < 100)
            {
                Thread.Sleep(20);
                continue;
            }

            using (held)
            {
                if (Directory.Exists(to) || File.Exists(to))
                {
                    return false;
                }

                Directory.Move(from, to);
                return true;
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "renameat2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Renameat2(int oldDirectory, string oldPath, int newDirectory, string newPath, uint flags);

    [LibraryImport("libc", EntryPoint = "renamex_np", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenamexNp(string oldPath, string newPath, uint flags);
}
