namespace DescentLab.Data;

/// <summary>A data file that cannot be read as a dataset; the message names the file, the line and the column.</summary>
public sealed class DataFormatException : FormatException
{
    /// <summary>Creates an exception with a generic message.</summary>
    public DataFormatException()
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/>.</summary>
    public DataFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/> caused by <paramref name="innerException"/>.</summary>
    public DataFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for line <paramref name="line"/> of <paramref name="sourceName"/>, column <paramref name="column"/> if any.</summary>
    public DataFormatException(string sourceName, int line, string? column, string detail)
        : base(Describe(sourceName, line, column, detail))
    {
        SourceName = sourceName;
        Line = line;
        Column = column;
        Detail = detail;
    }

    /// <summary>The file path, or the name given for a reader, that the data came from.</summary>
    public string? SourceName { get; }

    /// <summary>The 1-based line of the problem, counting the header as line 1; 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>The header name of the column at fault, or null when the problem is not in one column.</summary>
    public string? Column { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string? Detail { get; }

    private static string Describe(string sourceName, int line, string? column, string detail) =>
        column is null
            ? $"{sourceName}: line {line}: {detail}"
            : $"{sourceName}: line {line}, column '{column}': {detail}";
}
