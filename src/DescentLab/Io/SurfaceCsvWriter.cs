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
        var rows = Enumerable.Range(0, surface.YCount).SelectMany(j => Enumerable.Range(0, surface.XCount).Select(i => (IEnumerable<string>)[
            CsvNumbers.Format(surface.XValues[i]),
            CsvNumbers.Format(surface.YValues[j]),
            CsvNumbers.Format(surface[i, j]),
        ]));
        CsvNumbers.WriteRows(writer, $"{CsvNumbers.Text(surface.XParameter)},{CsvNumbers.Text(surface.YParameter)},loss", rows);
    }

    /// <summary>Writes <paramref name="surface"/> to a new or replaced UTF-8 file (no byte-order mark) at <paramref name="path"/>.</summary>
    public static void Write(Surface surface, string path) => CsvNumbers.WriteFile(path, writer => Write(surface, writer));
}
