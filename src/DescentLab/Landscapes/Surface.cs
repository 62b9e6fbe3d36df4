namespace DescentLab.Landscapes;

/// <summary>An evaluated landscape: the loss at every point of a grid over two named parameters.</summary>
/// <remarks>
/// Values are row-major with one row per y value: the value at (x[i], y[j]) is <c>Values[j·XCount + i]</c>, the
/// layout of a <c>z[y][x]</c> array as matplotlib's <c>contourf</c> and plotly's <c>Surface</c> take it. Values are the
/// mean-squared error (the seed notebook's contour showed 0.5·MSE).
/// </remarks>
public sealed class Surface
{
    private readonly double[] _x;
    private readonly double[] _y;
    private readonly double[] _values;

    internal Surface(
        string xParameter,
        string yParameter,
        LandscapeKind kind,
        double[] x,
        double[] y,
        double[] values,
        IReadOnlyDictionary<string, double> fixedValues,
        int sampleCount)
    {
        XParameter = xParameter;
        YParameter = yParameter;
        Kind = kind;
        _x = x;
        _y = y;
        _values = values;
        FixedValues = fixedValues;
        SampleCount = sampleCount;
        // NaN is left out (Math.Min and Math.Max would return it): far out on a plane a network's output can overflow
        // to ∞ − ∞, and the grid's range is then that of its numbers, with the NaN points counted apart.
        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        var notANumber = 0;
        foreach (var v in values)
        {
            if (double.IsNaN(v))
            {
                notANumber++;
                continue;
            }

            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        Minimum = notANumber == values.Length ? double.NaN : min;
        Maximum = notANumber == values.Length ? double.NaN : max;
        NotANumberCount = notANumber;
    }

    /// <summary>The parameter along the horizontal axis.</summary>
    public string XParameter { get; }

    /// <summary>The parameter along the vertical axis.</summary>
    public string YParameter { get; }

    /// <summary>Slice or profile.</summary>
    public LandscapeKind Kind { get; }

    /// <summary>The x values of the grid, increasing.</summary>
    public ReadOnlySpan<double> XValues => _x;

    /// <summary>The y values of the grid, increasing.</summary>
    public ReadOnlySpan<double> YValues => _y;

    /// <summary>The number of x values.</summary>
    public int XCount => _x.Length;

    /// <summary>The number of y values.</summary>
    public int YCount => _y.Length;

    /// <summary>The loss values, one row of <see cref="XCount"/> values per y value.</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>The loss at (x[<paramref name="xIndex"/>], y[<paramref name="yIndex"/>]).</summary>
    public double this[int xIndex, int yIndex]
    {
        get
        {
            if ((uint)xIndex >= (uint)_x.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(xIndex), xIndex, $"xIndex: must be below {_x.Length}.");
            }

            if ((uint)yIndex >= (uint)_y.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(yIndex), yIndex, $"yIndex: must be below {_y.Length}.");
            }

            return _values[(yIndex * _x.Length) + xIndex];
        }
    }

    /// <summary>For a slice, the value every other parameter was held at; empty for a profile.</summary>
    public IReadOnlyDictionary<string, double> FixedValues { get; }

    /// <summary>The number of samples the loss was taken over (n for the full data, the batch size for a batch).</summary>
    public int SampleCount { get; }

    /// <summary>The smallest value on the grid that is a number (NaN if none is).</summary>
    public double Minimum { get; }

    /// <summary>The largest value on the grid that is a number (NaN if none is).</summary>
    public double Maximum { get; }

    /// <summary>How many grid values are NaN.</summary>
    public int NotANumberCount { get; }
}
