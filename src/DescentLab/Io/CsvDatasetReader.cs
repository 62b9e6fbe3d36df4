using System.Globalization;
using DescentLab.Data;

namespace DescentLab.Io;

/// <summary>Reads a dataset from comma-separated text with a header row, choosing its columns by header name.</summary>
/// <remarks>
/// The text is read by <see cref="CsvReader"/> (RFC 4180 quoting, every defect located by file, line and column).
/// Numbers are parsed with the invariant culture, so "1,5" is two fields and never one and a half. Columns not asked
/// for are not parsed but must still be present on every row. Nothing is skipped or repaired.
/// </remarks>
public static class CsvDatasetReader
{
    /// <summary>The fewest data rows a dataset may have: one row cannot show a slope.</summary>
    public const int MinimumRows = 2;

    /// <summary>
    /// Reads the file at <paramref name="path"/> (UTF-8, or as its byte-order mark says). Class labels are integers or
    /// names, numbered as <see cref="ClassLabels"/> says (integers by value, names by ordinal order).
    /// </summary>
    public static Dataset Read(string path, CsvColumns columns)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var reader = InputFile.OpenText(path);
        return Read(reader, path, columns);
    }

    /// <summary>Reads CSV text with numeric columns from <paramref name="reader"/>; <paramref name="sourceName"/> names it in error messages.</summary>
    public static Dataset Read(TextReader reader, string sourceName, IReadOnlyList<string> xColumns, string yColumn) =>
        Read(reader, sourceName, CsvColumns.Numeric(xColumns, yColumn));

    /// <summary>Reads CSV text from <paramref name="reader"/> as <see cref="Read(string, CsvColumns)"/> does; <paramref name="sourceName"/> names it in error messages.</summary>
    public static Dataset Read(TextReader reader, string sourceName, CsvColumns columns)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentNullException.ThrowIfNull(columns);
        var (xColumns, yColumn, labelled) = (columns.Inputs, columns.Output, columns.OutputIsLabel);
        var csv = new CsvReader(reader, sourceName);
        var selected = xColumns.Append(yColumn).Select(csv.ColumnOf).ToArray();
        var numeric = labelled ? selected.Length - 1 : selected.Length;
        var values = selected.Select(_ => new List<double>()).ToArray();
        var labels = labelled ? new ClassLabels() : null;
        var lastLine = csv.EndLine;
        while (csv.Read())
        {
            for (var c = 0; c < numeric; c++)
            {
                values[c].Add(ParseCell(csv, selected[c]));
            }

            if (labels?.Add(csv.Text(selected[^1])) is { } problem)
            {
                throw csv.Error(selected[^1], problem);
            }

            lastLine = csv.EndLine;
        }

        var rows = values[0].Count;
        if (rows < MinimumRows)
        {
            throw new DataFormatException(
                sourceName,
                lastLine + 1,
                null,
                $"expected at least {MinimumRows} data rows after the header, found {rows}.");
        }

        var inputs = values[..^1].Select(v => v.ToArray()).ToArray();
        if (labels is null)
        {
            return new Dataset(xColumns, inputs, yColumn, values[^1].ToArray());
        }

        if (labels.Problem() is { } one)
        {
            throw new DataFormatException(sourceName, lastLine, yColumn, one);
        }

        var (names, indices) = labels.Classes();
        return new Dataset(xColumns, inputs, yColumn, indices) { ClassNames = names };
    }

    private static double ParseCell(CsvReader csv, int column)
    {
        var text = csv[column];
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            var detail = text.Length == 0 ? "the cell is empty; expected a number." : $"\"{MessageText.Excerpt(text)}\" is not a number.";
            throw csv.Error(column, detail);
        }

        if (!double.IsFinite(value))
        {
            var reason = double.IsNaN(value) || text.Contains("inf", StringComparison.OrdinalIgnoreCase) || text.Contains('∞', StringComparison.Ordinal)
                ? "NaN and infinities are not data"
                : "it overflows a double";
            throw csv.Error(column, $"\"{MessageText.Excerpt(text)}\" is not a finite number: {reason}.");
        }

        return value;
    }
}
