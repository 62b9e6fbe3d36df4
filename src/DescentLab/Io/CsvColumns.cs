namespace DescentLab.Io;

/// <summary>The columns of a CSV file that make a dataset: the inputs, and the output, read as numbers or as class labels.</summary>
public sealed record CsvColumns
{
    private CsvColumns(IReadOnlyList<string> inputs, string output, bool outputIsLabel)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentException.ThrowIfNullOrWhiteSpace(output);
        if (inputs.Count == 0)
        {
            throw new ArgumentException("At least one x column is needed.", nameof(inputs));
        }

        if (inputs.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("An x column name is empty.", nameof(inputs));
        }

        if (inputs.Distinct(StringComparer.Ordinal).Count() != inputs.Count)
        {
            throw new ArgumentException("The x columns must be distinct.", nameof(inputs));
        }

        if (inputs.Contains(output, StringComparer.Ordinal))
        {
            throw new ArgumentException($"Column '{output}' cannot be both an x column and the {(outputIsLabel ? "label" : "y")} column.", nameof(output));
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
