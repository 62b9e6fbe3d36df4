using System.Globalization;
using System.Text;
using DescentLab.Data;

namespace DescentLab.Io;

/// <summary>Reads comma-separated text with a header row, record by record, with cells chosen by header name.</summary>
/// <remarks>
/// RFC 4180: fields are separated by commas and may be enclosed in double quotes, with a doubled quote for a quote
/// inside; a quoted field may hold commas and line breaks, kept as they are. Records end in LF, CRLF or a lone CR, and a
/// byte-order mark before the header is skipped. Unquoted fields are trimmed of surrounding whitespace. Header names
/// are read as <see cref="CsvNumbers.Text"/> wrote them (a formula guard's apostrophe removed), must be non-empty and
/// distinct. Every row must have as many fields as the header; blank lines are tolerated only at the end. Any defect
/// throws a <see cref="DataFormatException"/> naming the source, the line (the header is line 1) and the column.
/// </remarks>
public sealed class CsvReader
{
    private const int End = -1;

    private readonly string _text;
    private readonly List<string> _fields = [];
    private readonly StringBuilder _field = new();
    private string[] _header = [];
    private int _line = 1;
    private int _position;
    private int _blankLine;

    /// <summary>Reads the header from <paramref name="reader"/>; <paramref name="sourceName"/> names the text in error messages.</summary>
    public CsvReader(TextReader reader, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        _text = reader.ReadToEnd();
        SourceName = sourceName;
        if (Peek() == '\uFEFF')
        {
            // A byte-order mark the TextReader did not consume.
            Take();
        }

        _header = ReadHeader();
    }

    /// <summary>The file path, or the name given for the text, used in error messages.</summary>
    public string SourceName { get; }

    /// <summary>The column names, in file order.</summary>
    public IReadOnlyList<string> Header => _header;

    /// <summary>The physical line on which the current record starts (the header is line 1).</summary>
    public int Line { get; private set; } = 1;

    /// <summary>The physical line on which the current record (or the header, before any record) ends.</summary>
    public int EndLine { get; private set; }

    /// <summary>The current record's field in column <paramref name="column"/>, unquoted, exactly as written.</summary>
    public string this[int column] => _fields[column];

    /// <summary>Reads a text cell as <see cref="CsvNumbers.Text"/> wrote it: unquoted, the formula guard's apostrophe removed.</summary>
    public string Text(int column) => CsvNumbers.ReadText(_fields[column]);

    /// <summary>Moves to the next record; false at the end of the text.</summary>
    public bool Read()
    {
        while (ReadRecord(out var blank))
        {
            if (blank)
            {
                // A trailing blank line is tolerated, but one with data after it is reported there.
                _blankLine = _blankLine == 0 ? Line : _blankLine;
                continue;
            }

            if (_blankLine != 0)
            {
                throw new DataFormatException(SourceName, _blankLine, null, "blank line between data rows.");
            }

            if (_fields.Count != _header.Length)
            {
                var expected = $"expected {_header.Length} fields as in the header, found {_fields.Count}";
                throw _fields.Count < _header.Length
                    ? new DataFormatException(SourceName, Line, _header[_fields.Count], $"{expected}: the row ends before this column.")
                    : new DataFormatException(SourceName, Line, null, $"{expected}: the row has fields beyond the last column '{_header[^1]}'.");
            }

            return true;
        }

        return false;
    }

    /// <summary>The index of the column named <paramref name="name"/> (case-sensitive); a located error naming the columns there are if none is.</summary>
    public int ColumnOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var index = Array.IndexOf(_header, name);
        if (index >= 0)
        {
            return index;
        }

        var existing = string.Join(", ", _header.Select(h => $"'{h}'"));
        var detail = $"no such column; the header has {existing}.";
        var near = Array.Find(_header, h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
        if (near is not null)
        {
            detail += $" Names are case-sensitive: did you mean '{near}'?";
        }
        else if (_header.Length == 1 && _header[0].Contains(';', StringComparison.Ordinal))
        {
            detail += " The file looks separated by ';'; only ',' separates fields.";
        }

        throw new DataFormatException(SourceName, 1, name, detail);
    }

    /// <summary>
    /// A number as <see cref="CsvNumbers.Format(double)"/> writes it, and only so: the shortest round-trip form, "inf",
    /// "-inf" or "nan". Anything else (spaces, "1.0", "1e0", a word) is a located error: what DescentLab wrote reads back
    /// exactly, and an edited cell does not pass for a value.
    /// </summary>
    public double Number(int column) =>
        OptionalNumber(column) ?? throw Error(column, "the cell is empty; expected a number.");

    /// <summary>A number as <see cref="Number"/> reads it, or null for an empty cell.</summary>
    public double? OptionalNumber(int column)
    {
        var text = _fields[column];
        if (text.Length == 0)
        {
            return null;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
            && CsvNumbers.Format(parsed) == text
            ? parsed
            : text switch
            {
                "nan" => double.NaN,
                "inf" => double.PositiveInfinity,
                "-inf" => double.NegativeInfinity,
                _ => throw Error(column, $"\"{MessageText.Excerpt(text)}\" is not a number in the form DescentLab writes (round-trip digits, inf, -inf or nan)."),
            };
    }

    /// <summary>A whole number from <paramref name="minimum"/> to <paramref name="maximum"/>, written in plain digits as DescentLab writes it.</summary>
    public long WholeNumber(int column, long minimum = 0, long maximum = long.MaxValue) =>
        OptionalWholeNumber(column, minimum, maximum) ?? throw Error(column, "the cell is empty; expected a whole number.");

    /// <summary>A whole number as <see cref="WholeNumber"/> reads it, or null for an empty cell.</summary>
    public long? OptionalWholeNumber(int column, long minimum = 0, long maximum = long.MaxValue)
    {
        var text = _fields[column];
        if (text.Length == 0)
        {
            return null;
        }

        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            || value.ToString(CultureInfo.InvariantCulture) != text)
        {
            throw Error(column, $"\"{MessageText.Excerpt(text)}\" is not a whole number.");
        }

        return value >= minimum && value <= maximum
            ? value
            : throw Error(column, string.Create(CultureInfo.InvariantCulture, $"{value} is out of range; expected {minimum} to {maximum}."));
    }

    /// <summary>"true" or "false", exactly.</summary>
    public bool TrueOrFalse(int column) => _fields[column] switch
    {
        "true" => true,
        "false" => false,
        var text => throw Error(column, $"\"{MessageText.Excerpt(text)}\" is not true or false."),
    };

    /// <summary>An error located at the current record's line and column <paramref name="column"/>.</summary>
    public DataFormatException Error(int column, string detail) => new(SourceName, Line, _header[column], detail);

    private string[] ReadHeader()
    {
        if (!ReadRecord(out var blank))
        {
            throw new DataFormatException(SourceName, 1, null, "the file is empty; expected a header row.");
        }

        if (blank)
        {
            while (ReadRecord(out var rest))
            {
                if (!rest)
                {
                    throw new DataFormatException(SourceName, 1, null, "expected a header row, found a blank line.");
                }
            }

            throw new DataFormatException(SourceName, 1, null, "the file is empty; expected a header row.");
        }

        // A name DescentLab wrote with an apostrophe against spreadsheet formulas reads back as it was.
        var header = _fields.Select(CsvNumbers.ReadText).ToArray();
        for (var k = 0; k < header.Length; k++)
        {
            if (string.IsNullOrWhiteSpace(header[k]))
            {
                throw new DataFormatException(SourceName, 1, null, $"header field {k + 1} of {header.Length} is empty; every column needs a name.");
            }

            var first = Array.IndexOf(header, header[k]);
            if (first != k)
            {
                throw new DataFormatException(SourceName, 1, header[k], $"the header names this column twice (fields {first + 1} and {k + 1}).");
            }
        }

        return header;
    }

    /// <summary>Splits the next record into <see cref="_fields"/>; false at the end of the text.</summary>
    /// <param name="blank">Whether the record is a line of spaces and tabs only.</param>
    private bool ReadRecord(out bool blank)
    {
        _fields.Clear();
        blank = false;
        if (Peek() == End)
        {
            return false;
        }

        Line = _line;
        var anything = false;
        while (true)
        {
            while (Peek() is ' ' or '\t')
            {
                Take();
            }

            if (Peek() == '"')
            {
                anything = true;
                Take();
                ReadQuoted();
                while (Peek() is ' ' or '\t')
                {
                    Take();
                }

                if (Peek() is not (',' or '\n' or '\r' or End))
                {
                    throw new DataFormatException(
                        SourceName,
                        _line,
                        ColumnName(_fields.Count - 1),
                        $"unexpected text after a closing quote: \"{MessageText.Excerpt(RestOfLine())}\".");
                }
            }
            else
            {
                var length = _text.AsSpan(_position).IndexOfAny(",\n\r") is var found and >= 0 ? found : _text.Length - _position;
                var text = _text.Substring(_position, length).Trim();
                _position += length;
                anything |= text.Length > 0;
                _fields.Add(text);
            }

            var c = Take();
            if (c == ',')
            {
                anything = true;
                continue;
            }

            EndLine = _line;
            if (c == '\r' && Peek() == '\n')
            {
                Take();
            }

            if (c != End)
            {
                _line++;
            }

            blank = !anything;
            return true;
        }
    }

    /// <summary>Reads a quoted field after its opening quote, up to and including the closing quote.</summary>
    private void ReadQuoted()
    {
        var startLine = _line;
        var fieldIndex = _fields.Count;
        _field.Clear();
        while (true)
        {
            var c = Take();
            switch (c)
            {
                case End:
                    throw new DataFormatException(SourceName, startLine, ColumnName(fieldIndex), "a quoted field is not closed before the end of the file.");
                case '"' when Peek() == '"':
                    Take();
                    _field.Append('"');
                    break;
                case '"':
                    _fields.Add(_field.ToString());
                    return;
                case '\n':
                case '\r' when Peek() != '\n':
                    // RFC 4180 lets a quoted field span lines; the field keeps the line break as written.
                    _line++;
                    _field.Append((char)c);
                    break;
                default:
                    _field.Append((char)c);
                    break;
            }
        }
    }

    private string RestOfLine()
    {
        var rest = _text.AsSpan(_position);
        var end = rest.IndexOfAny('\n', '\r') is var found and >= 0 ? found : rest.Length;
        return rest[..Math.Min(end, MessageText.ExcerptLength + 1)].ToString();
    }

    private string? ColumnName(int fieldIndex) =>
        fieldIndex >= 0 && fieldIndex < _header.Length ? _header[fieldIndex] : null;

    private int Peek() => _position < _text.Length ? _text[_position] : End;

    private int Take() => _position < _text.Length ? _text[_position++] : End;
}
