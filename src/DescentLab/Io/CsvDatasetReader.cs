using System.Globalization;
using System.Text;
using DescentLab.Data;

namespace DescentLab.Io;

/// <summary>Reads a dataset from comma-separated text with a header row, choosing its columns by header name.</summary>
/// <remarks>
/// Fields are separated by commas and may be surrounded by whitespace or enclosed in double quotes, with a doubled
/// quote for a quote inside (RFC 4180). Numbers are parsed with the invariant culture, so "1,5" is two fields and
/// never one and a half. Columns not asked for are not parsed but must still be present on every row. Any defect
/// throws a <see cref="DataFormatException"/> naming the file, the line (the header is line 1) and the column:
/// nothing is skipped or repaired.
/// </remarks>
public static class CsvDatasetReader
{
    /// <summary>The fewest data rows a dataset may have: one row cannot show a slope.</summary>
    public const int MinimumRows = 2;

    /// <summary>Reads the file at <paramref name="path"/> (UTF-8, or as its byte-order mark says).</summary>
    public static Dataset Read(string path, IReadOnlyList<string> xColumns, string yColumn)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var reader = InputFile.OpenText(path);
        return Read(reader, path, xColumns, yColumn);
    }

    /// <summary>Reads CSV text from <paramref name="reader"/>; <paramref name="sourceName"/> names it in error messages.</summary>
    public static Dataset Read(TextReader reader, string sourceName, IReadOnlyList<string> xColumns, string yColumn)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentNullException.ThrowIfNull(xColumns);
        ArgumentException.ThrowIfNullOrWhiteSpace(yColumn);
        if (xColumns.Count == 0)
        {
            throw new ArgumentException("At least one x column is needed.", nameof(xColumns));
        }

        if (xColumns.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("An x column name is empty.", nameof(xColumns));
        }

        if (xColumns.Distinct(StringComparer.Ordinal).Count() != xColumns.Count)
        {
            throw new ArgumentException("The x columns must be distinct.", nameof(xColumns));
        }

        if (xColumns.Contains(yColumn, StringComparer.Ordinal))
        {
            throw new ArgumentException($"Column '{yColumn}' cannot be both an x column and the y column.", nameof(yColumn));
        }

        var records = new RecordReader(reader, sourceName);
        var header = ReadHeader(records, sourceName);
        records.Header = header;
        var selected = xColumns.Append(yColumn).Select(name => IndexOf(header, name, sourceName)).ToArray();
        var values = selected.Select(_ => new List<double>()).ToArray();

        var fields = new List<string>();
        var blankLine = 0;
        var lastLine = records.LineNumber;
        while (records.TryRead(fields, out var line))
        {
            if (records.Blank)
            {
                // A trailing blank line is tolerated, but one with data after it is reported there.
                blankLine = blankLine == 0 ? line : blankLine;
                continue;
            }

            if (blankLine != 0)
            {
                throw new DataFormatException(sourceName, blankLine, null, "blank line between data rows.");
            }

            if (fields.Count != header.Length)
            {
                throw Ragged(sourceName, line, header, fields.Count);
            }

            for (var c = 0; c < selected.Length; c++)
            {
                values[c].Add(ParseCell(fields[selected[c]], sourceName, line, header[selected[c]]));
            }

            lastLine = records.LineNumber;
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
        return new Dataset(xColumns, inputs, yColumn, values[^1].ToArray());
    }

    private static string[] ReadHeader(RecordReader records, string sourceName)
    {
        var fields = new List<string>();
        if (!records.TryRead(fields, out _))
        {
            throw new DataFormatException(sourceName, 1, null, "the file is empty; expected a header row.");
        }

        if (records.Blank)
        {
            var rest = new List<string>();
            while (records.TryRead(rest, out _))
            {
                if (!records.Blank)
                {
                    throw new DataFormatException(sourceName, 1, null, "expected a header row, found a blank line.");
                }
            }

            throw new DataFormatException(sourceName, 1, null, "the file is empty; expected a header row.");
        }

        // A name DescentLab wrote with an apostrophe against spreadsheet formulas reads back as it was.
        var header = fields.Select(Statistics.CsvNumbers.ReadText).ToArray();
        for (var k = 0; k < header.Length; k++)
        {
            if (string.IsNullOrWhiteSpace(header[k]))
            {
                throw new DataFormatException(sourceName, 1, null, $"header field {k + 1} of {header.Length} is empty; every column needs a name.");
            }

            var first = Array.IndexOf(header, header[k]);
            if (first != k)
            {
                throw new DataFormatException(
                    sourceName,
                    1,
                    header[k],
                    $"the header names this column twice (fields {first + 1} and {k + 1}).");
            }
        }

        return header;
    }

    private static int IndexOf(string[] header, string name, string sourceName)
    {
        var index = Array.IndexOf(header, name);
        if (index >= 0)
        {
            return index;
        }

        var existing = string.Join(", ", header.Select(h => $"'{h}'"));
        var detail = $"no such column; the header has {existing}.";
        var near = Array.Find(header, h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
        if (near is not null)
        {
            detail += $" Names are case-sensitive: did you mean '{near}'?";
        }
        else if (header.Length == 1 && header[0].Contains(';', StringComparison.Ordinal))
        {
            detail += " The file looks separated by ';'; only ',' separates fields.";
        }

        throw new DataFormatException(sourceName, 1, name, detail);
    }

    private static DataFormatException Ragged(string sourceName, int line, string[] header, int found)
    {
        var expected = $"expected {header.Length} fields as in the header, found {found}";
        return found < header.Length
            ? new DataFormatException(sourceName, line, header[found], $"{expected}: the row ends before this column.")
            : new DataFormatException(sourceName, line, null, $"{expected}: the row has fields beyond the last column '{header[^1]}'.");
    }

    private static double ParseCell(string text, string sourceName, int line, string column)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            var detail = text.Length == 0 ? "the cell is empty; expected a number." : $"\"{MessageText.Excerpt(text)}\" is not a number.";
            throw new DataFormatException(sourceName, line, column, detail);
        }

        if (!double.IsFinite(value))
        {
            var reason = double.IsNaN(value) || text.Contains("inf", StringComparison.OrdinalIgnoreCase) || text.Contains('∞', StringComparison.Ordinal)
                ? "NaN and infinities are not data"
                : "it overflows a double";
            throw new DataFormatException(sourceName, line, column, $"\"{MessageText.Excerpt(text)}\" is not a finite number: {reason}.");
        }

        return value;
    }


    /// <summary>Splits text into records of fields, following quotes across line breaks and counting physical lines.</summary>
    private sealed class RecordReader(TextReader reader, string sourceName)
    {
        private readonly StringBuilder _field = new();

        /// <summary>The last physical line read, 1-based.</summary>
        public int LineNumber { get; private set; }

        /// <summary>The header, once read, to name columns in messages.</summary>
        public string[]? Header { get; set; }

        /// <summary>Whether the last record read was a line of whitespace only (it then has one empty field).</summary>
        public bool Blank { get; private set; }

        /// <summary>Reads the next record into <paramref name="fields"/>; false at the end of the text.</summary>
        public bool TryRead(List<string> fields, out int startLine)
        {
            fields.Clear();
            Blank = false;
            var text = reader.ReadLine();
            if (text is null)
            {
                startLine = LineNumber + 1;
                return false;
            }

            startLine = ++LineNumber;
            if (startLine == 1 && text.Length > 0 && text[0] == '\uFEFF')
            {
                // A byte-order mark the TextReader did not consume.
                text = text[1..];
            }

            if (string.IsNullOrWhiteSpace(text))
            {
                Blank = true;
                fields.Add(string.Empty);
                return true;
            }

            var position = 0;
            while (true)
            {
                while (position < text.Length && IsSpace(text[position]))
                {
                    position++;
                }

                if (position < text.Length && text[position] == '"')
                {
                    (text, position) = ReadQuoted(text, position + 1, startLine, fields.Count);
                    fields.Add(_field.ToString());
                    while (position < text.Length && IsSpace(text[position]))
                    {
                        position++;
                    }

                    if (position < text.Length && text[position] != ',')
                    {
                        throw new DataFormatException(
                            sourceName,
                            LineNumber,
                            ColumnName(fields.Count - 1),
                            $"unexpected text after a closing quote: \"{MessageText.Excerpt(text[position..])}\".");
                    }
                }
                else
                {
                    var end = text.IndexOf(',', position);
                    end = end < 0 ? text.Length : end;
                    fields.Add(text[position..end].Trim());
                    position = end;
                }

                if (position >= text.Length)
                {
                    return true;
                }

                position++;
            }
        }

        private (string Text, int Position) ReadQuoted(string text, int position, int startLine, int fieldIndex)
        {
            _field.Clear();
            while (true)
            {
                var quote = text.IndexOf('"', position);
                if (quote < 0)
                {
                    // RFC 4180 lets a quoted field span lines; the field keeps the line break.
                    _field.Append(text, position, text.Length - position).Append('\n');
                    var next = reader.ReadLine() ?? throw new DataFormatException(
                        sourceName,
                        startLine,
                        ColumnName(fieldIndex),
                        "a quoted field is not closed before the end of the file.");
                    LineNumber++;
                    text = next;
                    position = 0;
                    continue;
                }

                _field.Append(text, position, quote - position);
                if (quote + 1 < text.Length && text[quote + 1] == '"')
                {
                    _field.Append('"');
                    position = quote + 2;
                    continue;
                }

                return (text, quote + 1);
            }
        }

        private string? ColumnName(int fieldIndex) =>
            Header is not null && fieldIndex < Header.Length ? Header[fieldIndex] : null;

        private static bool IsSpace(char c) => c is ' ' or '\t';
    }
}
