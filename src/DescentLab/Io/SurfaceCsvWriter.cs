using System.Text;
using DescentLab.Landscapes;

namespace DescentLab.Io;

/// <summary>Writes a loss surface as a long CSV table: one row per grid point, columns x parameter, y parameter, loss.</summary>
/// <remarks>Rows run over x within y (x varies fastest); numbers as <see cref="CsvNumbers.Format(double)"/> writes them (shortest round-trip form, "inf", "-inf", "nan"), as in every CSV DescentLab writes; lines end in "\n".</remarks>
public static class SurfaceCsvWriter
{
    /// <summary>Writes <paramref name="surface"/> to <paramref name="writer"/>.</summary>
    public static void Write(Surface surface, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(surface);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write($"{Quote(surface.XParameter)},{Quote(surface.YParameter)},loss\n");
        var xs = surface.XValues;
        var ys = surface.YValues;
        for (var j = 0; j < ys.Length; j++)
        {
            var y = CsvNumbers.Format(ys[j]);
            for (var i = 0; i < xs.Length; i++)
            {
                writer.Write(CsvNumbers.Format(xs[i]));
                writer.Write(',');
                writer.Write(y);
                writer.Write(',');
                writer.Write(CsvNumbers.Format(surface[i, j]));
                writer.Write('\n');
            }
        }
    }

    /// <summary>Writes <paramref name="surface"/> to a new or replaced UTF-8 file (no byte-order mark) at <paramref name="path"/>.</summary>
    public static void Write(Surface surface, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16);
        Write(surface, writer);
    }

    private static string Quote(string text) => CsvNumbers.Text(text);
}
