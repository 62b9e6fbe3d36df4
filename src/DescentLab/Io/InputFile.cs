using System.Globalization;
using System.Text;

namespace DescentLab.Io;

/// <summary>Opens a file the user names as input: a regular file of at most <see cref="MaxBytes"/>, never a device or a pipe.</summary>
public static class InputFile
{
    /// <summary>The largest input file read (256 MiB, about six million rows of two numbers).</summary>
    public const long MaxBytes = 256L * 1024 * 1024;

    /// <summary>Opens <paramref name="path"/> as UTF-8 text (or as its byte-order mark says); throws an <see cref="IOException"/> saying why not.</summary>
    public static StreamReader OpenText(string path) =>
        new(Open(path), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);

    /// <summary>Reads all of <paramref name="path"/> as text, with the checks of <see cref="OpenText"/>.</summary>
    public static string ReadAllText(string path)
    {
        using var reader = OpenText(path);
        return reader.ReadToEnd();
    }

    /// <summary>Reads all of <paramref name="path"/> as bytes, with the checks of <see cref="OpenText"/>.</summary>
    public static byte[] ReadAllBytes(string path)
    {
        using var stream = Open(path);
        using var bytes = new MemoryStream((int)stream.Length);
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }

    private static FileStream Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path.Contains('\0', StringComparison.Ordinal))
        {
            throw new IOException("the path contains a NUL character.");
        }

        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            // A device (/dev/zero), a pipe or a /proc file reports no length, or none that bounds what it yields.
            if (!stream.CanSeek || (stream.Length == 0 && stream.ReadByte() >= 0))
            {
                throw new IOException($"{path} is not a regular file; give a file on disk.");
            }

            if (stream.Length > MaxBytes)
            {
                throw new IOException(string.Create(CultureInfo.InvariantCulture, $"{path} holds {stream.Length / (1024.0 * 1024.0):0.#} MiB, more than the input limit of {MaxBytes / (1024 * 1024)} MiB."));
            }

            stream.Position = 0;
            return stream;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }
}
