using DescentLab.Randomness;

namespace DescentLab.Data;

/// <summary>The seed notebook's data: x ~ U(XLow, XHigh), per-sample coefficients a, b, c ~ N(mean, sd), y = a·x² + b·x + c; its properties are the settings, with the notebook's values as defaults.</summary>
/// <remarks>
/// <see cref="Generate"/> equals, bit for bit, NumPy's
/// <code>
/// np.random.seed(seed)
/// x = np.random.uniform(x_low, x_high, count)
/// a = np.random.normal(a_mean, a_sd, count)
/// b = np.random.normal(b_mean, b_sd, count)
/// c = np.random.normal(c_mean, c_sd, count)
/// y = a * x**2 + b * x + c
/// </code>
/// Each setting is validated when set; the pair XLow &lt; XHigh, which no single setter can see, when generating.
/// </remarks>
public sealed record SeedDataGenerator
{
    private readonly int _count = 100;
    private readonly double _xLow = -5;
    private readonly double _xHigh = 3;
    private readonly double _aMean = 3;
    private readonly double _aSd = 0.5;
    private readonly double _bMean = 10;
    private readonly double _bSd = 1;
    private readonly double _cMean = -2;
    private readonly double _cSd = 2;

    /// <summary>The number of samples n (default 100).</summary>
    public int Count
    {
        get => _count;
        init => _count = value is > 0 and <= Dataset.MaxSamples
            ? value
            : throw Refuse(nameof(Count), "count", value, value > 0 ? $"Count must be at most {Dataset.MaxSamples} (the sample limit), but was {value}." : $"Count must be positive, but was {value}.");
    }

    /// <summary>The lower end of x's uniform range (default −5).</summary>
    public double XLow { get => _xLow; init => _xLow = Finite(value, nameof(XLow)); }

    /// <summary>The upper end of x's uniform range (default 3).</summary>
    public double XHigh { get => _xHigh; init => _xHigh = Finite(value, nameof(XHigh)); }

    /// <summary>The mean of a, the per-sample coefficient of x² (default 3).</summary>
    public double AMean { get => _aMean; init => _aMean = Finite(value, nameof(AMean)); }

    /// <summary>The standard deviation of a (default 0.5).</summary>
    public double ASd { get => _aSd; init => _aSd = StandardDeviation(value, nameof(ASd)); }

    /// <summary>The mean of b, the per-sample coefficient of x (default 10).</summary>
    public double BMean { get => _bMean; init => _bMean = Finite(value, nameof(BMean)); }

    /// <summary>The standard deviation of b (default 1).</summary>
    public double BSd { get => _bSd; init => _bSd = StandardDeviation(value, nameof(BSd)); }

    /// <summary>The mean of c, the per-sample intercept (default −2).</summary>
    public double CMean { get => _cMean; init => _cMean = Finite(value, nameof(CMean)); }

    /// <summary>The standard deviation of c (default 2).</summary>
    public double CSd { get => _cSd; init => _cSd = StandardDeviation(value, nameof(CSd)); }

    /// <summary>The mean curve's coefficients in ascending powers, (CMean, BMean, AMean): −2 + 10x + 3x² by default.</summary>
    public IReadOnlyList<double> MeanCoefficients => [CMean, BMean, AMean];

    /// <summary>The dataset (input "x", output "y") NumPy's legacy generator gives after <c>np.random.seed(seed)</c>.</summary>
    public Dataset Generate(uint seed)
    {
        if (!(XLow < XHigh))
        {
            throw new InvalidOperationException($"XLow ({XLow}) must be less than XHigh ({XHigh}).");
        }

        var n = Count;
        var random = new NumPyRandomState(seed);
        var x = new double[n];
        var a = new double[n];
        var b = new double[n];
        var c = new double[n];
        random.Uniform(XLow, XHigh, x);
        random.Normal(AMean, ASd, a);
        random.Normal(BMean, BSd, b);
        random.Normal(CMean, CSd, c);

        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            // NumPy evaluates a * x**2 + b * x + c as ((a * (x * x)) + (b * x)) + c, one rounding per operation.
            y[i] = (a[i] * (x[i] * x[i])) + (b[i] * x[i]) + c[i];
        }

        return new Dataset(["x"], [x], "y", y);
    }

    private static double Finite(double value, string name) =>
        double.IsFinite(value) ? value : throw Refuse(name, value, $"{name} must be a finite number, but was {value}.");

    private static double StandardDeviation(double value, string name) =>
        double.IsFinite(value) && value >= 0
            ? value
            : throw Refuse(name, value, $"{name} must be a finite, non-negative standard deviation, but was {value}.");

    /// <summary>The exception for a refused <paramref name="value"/> of property <paramref name="name"/>, with the field named as in a file (aSd for ASd).</summary>
    private static ArgumentOutOfRangeException Refuse(string name, object value, string message) => Refuse(name, char.ToLowerInvariant(name[0]) + name[1..], value, message);

    private static ArgumentOutOfRangeException Refuse(string name, string field, object value, string message) =>
        SettingError.Attach(new ArgumentOutOfRangeException(name, value, message), field, message);
}
