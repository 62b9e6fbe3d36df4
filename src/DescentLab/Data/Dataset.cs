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

    /// <summary>The output values (for a classification dataset, class indices 0 … K−1).</summary>
    public ReadOnlySpan<double> Output => _output;

    /// <summary>For a classification dataset, the name of each class (the output holds indices into it); null for regression.</summary>
    public IReadOnlyList<string>? ClassNames
    {
        get;
        init
        {
            if (value is not null)
            {
                if (value.Count < 2 || value.Distinct(StringComparer.Ordinal).Count() != value.Count)
                {
                    throw new ArgumentException("A classification dataset needs at least two distinct class names.", nameof(ClassNames));
                }

                foreach (var label in _output)
                {
                    if (!(label >= 0 && label < value.Count && label == Math.Floor(label)))
                    {
                        throw new ArgumentException($"Label {label} is not a class index 0 … {value.Count - 1}.", nameof(ClassNames));
                    }
                }
            }

            field = value is null ? null : [.. value];
        }
    }

    /// <summary>The number of samples of each class, in class order; empty for regression.</summary>
    public int[] ClassCounts()
    {
        if (ClassNames is null)
        {
            return [];
        }

        var counts = new int[ClassNames.Count];
        foreach (var label in _output)
        {
            counts[(int)label]++;
        }

        return counts;
    }

    /// <summary>
    /// This dataset as classification data: each distinct output value becomes a class, in ascending order, named by the
    /// value (so labels 0/1 stay 0/1 and labels 3, 7 become classes 0, 1 named "3", "7"). Itself when it already has classes.
    /// </summary>
    /// <exception cref="ArgumentException">An output is not an integer, or there are fewer than two or more than <see cref="ClassLabels.MaxClasses"/> classes.</exception>
    public Dataset ToClassification()
    {
        if (ClassNames is not null)
        {
            return this;
        }

        for (var i = 0; i < _output.Length; i++)
        {
            if (!(double.IsFinite(_output[i]) && _output[i] == Math.Floor(_output[i])))
            {
                throw new ArgumentException($"'{OutputName}' holds {_output[i].ToString(System.Globalization.CultureInfo.InvariantCulture)} on row {i + 1}; class labels must be integers.");
            }
        }

        var values = _output.Distinct().Order().ToArray();
        if (values.Length is < 2 or > ClassLabels.MaxClasses)
        {
            throw new ArgumentException($"'{OutputName}' has {values.Length} distinct labels; a classifier needs 2 to {ClassLabels.MaxClasses} classes.");
        }

        var index = values.Select((v, k) => (v, k)).ToDictionary(e => e.v, e => (double)e.k);
        return new Dataset(InputNames, [.. _inputs], OutputName, [.. _output.Select(v => index[v])])
        {
            ClassNames = [.. values.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture))],
        };
    }

    /// <summary>A copy with every value rounded to single precision, as <c>torch.Tensor(ndarray)</c> stores float64 data.</summary>
    public Dataset RoundedToSingle() => new(
        InputNames,
        [.. _inputs.Select(RoundToSingle)],
        OutputName,
        RoundToSingle(_output))
    {
        ClassNames = ClassNames,
    };

    private static double[] RoundToSingle(double[] values) => [.. values.Select(v => (double)(float)v)];
}
