using System.Globalization;
using DescentLab.Data;

namespace DescentLab.Io;

/// <summary>Writes a dataset as comma-separated text that <see cref="CsvDatasetReader"/> reads back bit for bit.</summary>
/// <remarks>
/// The header is the input names, then the output name; each row the values in the same order, in the invariant
/// culture's round-trip format ("R": the shortest text that parses back to the same double). Lines end in "\n".
/// A classification dataset's output column holds each row's class name (integers as digits, names as text cells), so
/// <see cref="CsvDatasetReader.Read(TextReader, string, CsvColumns)"/> gives the same classes
/// in the same order.
/// </remarks>
public static class CsvDatasetWriter
{
    /// <summary>Writes <paramref name="data"/> to <paramref name="writer"/>.</summary>
    public static void Write(Dataset data, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(writer);
        var columns = Enumerable.Range(0, data.InputCount).Select(c => data.Input(c).ToArray()).Append(data.Output.ToArray()).ToArray();
        var names = data.InputNames.Append(data.OutputName).ToArray();
        for (var c = 0; c < columns.Length; c++)
        {
            var bad = Array.FindIndex(columns[c], v => !double.IsFinite(v));
            if (bad >= 0)
            {
                throw new ArgumentException(
                    $"Column '{names[c]}' row {bad + 1} is {columns[c][bad].ToString(CultureInfo.InvariantCulture)}; a data file holds finite numbers only.",
                    nameof(data));
            }
        }

        var classNames = data.ClassNames?
            .Select(name => long.TryParse(name, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) ? name : CsvNumbers.Text(name))
            .ToArray();
        // Every value is finite, so each cell is its shortest round-trip text, as Python's repr().
        var cells = columns.Select(column => column.Select(CsvNumbers.Format).ToArray()).ToArray();
        if (classNames is not null)
        {
            cells[^1] = [.. columns[^1].Select(label => classNames[(int)label])];
        }

        var rows = Enumerable.Range(0, data.Count).Select(i => cells.Select(column => column[i]));
        CsvNumbers.WriteRows(writer, string.Join(',', names.Select(CsvNumbers.Text)), rows);
    }

    /// <summary>Writes <paramref name="data"/> to a new or replaced UTF-8 file (no byte-order mark) at <paramref name="path"/>.</summary>
    public static void Write(Dataset data, string path) => CsvNumbers.WriteFile(path, writer => Write(data, writer));
}
