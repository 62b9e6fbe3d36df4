namespace DescentLab.Data;

/// <summary>A regression dataset: one or more named input columns and one named output column, all of equal length.</summary>
public sealed class Dataset
{
    /// <summary>The most samples a dataset may have (10⁷: about 400 MB of packed rows at degree 2, with the trajectory and figures on top).</summary>
    public const int MaxSamples = 10_000_000;

    private readonly double[][] _inputs;
    private readonly double[] _output;

    /// <summary>Creates a dataset from column arrays; the arrays are copied.</summary>
    public Dataset(IReadOnlyList<string> inputNames, IReadOnlyList<double[]> inputs, string outputName, double[] output)
    {
        ArgumentNullException.ThrowIfNull(inputNames);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputName);
        if (inputs.Count == 0)
        {
            throw new ArgumentException("A dataset needs at least one input column.", nameof(inputs));
        }

        if (inputNames.Count != inputs.Count)
        {
            throw new ArgumentException($"{inputNames.Count} input names for {inputs.Count} input columns.", nameof(inputNames));
        }

        for (var j = 0; j < inputs.Count; j++)
        {
            if (inputs[j].Length != output.Length)
            {
                throw new ArgumentException(
                    $"Input column '{inputNames[j]}' has {inputs[j].Length} values but output '{outputName}' has {output.Length}.",
                    nameof(inputs));
            }
        }

        if (inputNames.Distinct(StringComparer.Ordinal).Count() != inputNames.Count)
        {
            throw new ArgumentException("Input column names must be distinct.", nameof(inputNames));
        }

        InputNames = [.. inputNames];
        OutputName = outputName;
        _inputs = [.. inputs.Select(c => (double[])c.Clone())];
        _output = (double[])output.Clone();
    }

    /// <summary>The input columns' names, in column order.</summary>
    public IReadOnlyList<string> InputNames { get; }

    /// <summary>The output column's name.</summary>
    public string OutputName { get; }

    /// <summary>The number of samples.</summary>
    public int Count => _output.Length;

    /// <summary>The number of input columns.</summary>
    public int InputCount => _inputs.Length;

    /// <summary>The values of input column <paramref name="column"/>.</summary>
    public ReadOnlySpan<double> Input(int column) => _inputs[column];

    /// <summary>The output values.</summary>
    public ReadOnlySpan<double> Output => _output;

    /// <summary>A copy with every value rounded to single precision, as <c>torch.Tensor(ndarray)</c> stores float64 data.</summary>
    public Dataset RoundedToSingle() => new(
        InputNames,
        [.. _inputs.Select(RoundToSingle)],
        OutputName,
        RoundToSingle(_output));

    private static double[] RoundToSingle(double[] values) => [.. values.Select(v => (double)(float)v)];
}
