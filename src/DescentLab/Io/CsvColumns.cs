namespace DescentLab.Io;

/// <summary>The columns of a CSV file that make a dataset: the inputs, and the output, read as numbers or as class labels.</summary>
public sealed record CsvColumns
{
    private CsvColumns(IReadOnlyList<string> inputs, string output, bool outputIsLabel)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentException.ThrowIfNullOrWhiteSpace(output);
        // The refusals name the fields of an experiment file's CSV data (x, y, label), so the file reader reports them there.
        if (inputs.Count == 0)
        {
            throw SettingError.Invalid("x", nameof(inputs), "at least one x column is needed.");
        }

        if (inputs.Any(string.IsNullOrWhiteSpace))
        {
            throw SettingError.Invalid("x", nameof(inputs), "an x column name is empty.");
        }

        if (inputs.Distinct(StringComparer.Ordinal).Count() != inputs.Count)
        {
            throw SettingError.Invalid("x", nameof(inputs), "the x columns must be distinct.");
        }

        if (inputs.Contains(output, StringComparer.Ordinal))
        {
            throw SettingError.Invalid(outputIsLabel ? "label" : "y", nameof(output), $"'{output}' is also an x column.");
        }

        Inputs = [.. inputs];
        Output = output;
        OutputIsLabel = outputIsLabel;
    }

    /// <summary>The input columns, in the order the dataset holds them.</summary>
    public IReadOnlyList<string> Inputs { get; }

    /// <summary>The output column.</summary>
    public string Output { get; }

    /// <summary>Whether the output holds class labels (integers or names, numbered as <see cref="Data.ClassLabels"/> says) rather than numbers.</summary>
    public bool OutputIsLabel { get; }

    /// <summary>Numeric inputs <paramref name="x"/> and a numeric output <paramref name="y"/>.</summary>
    /// <exception cref="ArgumentException">No input, a blank or repeated name, or <paramref name="y"/> among the inputs.</exception>
    public static CsvColumns Numeric(IReadOnlyList<string> x, string y) => new(x, y, outputIsLabel: false);

    /// <summary>Numeric inputs <paramref name="x"/> and a column of class labels, <paramref name="label"/>.</summary>
    /// <exception cref="ArgumentException">No input, a blank or repeated name, or <paramref name="label"/> among the inputs.</exception>
    public static CsvColumns Labelled(IReadOnlyList<string> x, string label) => new(x, label, outputIsLabel: true);
}
