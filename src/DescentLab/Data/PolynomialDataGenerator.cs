using DescentLab.Randomness;

namespace DescentLab.Data;

/// <summary>Data from a polynomial with Gaussian noise: x ~ U(XLow, XHigh), y = c₀ + c₁x + … + c_d x^d + N(0, NoiseSd²); its properties are the settings.</summary>
/// <remarks>
/// <see cref="Generate"/> equals, bit for bit, NumPy's
/// <code>
/// np.random.seed(seed)
/// x = np.random.uniform(x_low, x_high, count)
/// y = np.polynomial.polynomial.polyval(x, coefficients) + np.random.normal(0, noise_sd, count)
/// </code>
/// (polyval is Horner's rule from the highest power down). Defaults: the seed notebook's mean curve −2 + 10x + 3x² on
/// [−5, 3) with 100 samples and unit noise. Each setting is validated when set; the pair XLow &lt; XHigh when generating.
/// </remarks>
public sealed record PolynomialDataGenerator
{
    private readonly int _count = 100;
    private readonly double _xLow = -5;
    private readonly double _xHigh = 3;
    private readonly double[] _coefficients = [-2, 10, 3];
    private readonly double _noiseSd = 1;

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

    /// <summary>The polynomial's coefficients in ascending powers, c₀ first (default −2, 10, 3); at least one, all finite.</summary>
    public IReadOnlyList<double> Coefficients
    {
        get => _coefficients;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(Coefficients));
            if (value.Count == 0)
            {
                throw SettingError.Attach(new ArgumentException("Coefficients must hold at least one value (c0).", nameof(Coefficients)), "coefficients", "Coefficients must hold at least one value (c0).");
            }

            var copy = value.ToArray();
            for (var k = 0; k < copy.Length; k++)
            {
                if (!double.IsFinite(copy[k]))
                {
                    var message = $"Coefficients[{k}] must be a finite number, but was {copy[k]}.";
                    throw SettingError.Attach(new ArgumentException(message, nameof(Coefficients)), "coefficients", message);
                }
            }

            _coefficients = copy;
        }
    }

    /// <summary>The standard deviation of the additive Gaussian noise (default 1; 0 gives the exact curve).</summary>
    public double NoiseSd
    {
        get => _noiseSd;
        init => _noiseSd = double.IsFinite(value) && value >= 0
            ? value
            : throw Refuse(nameof(NoiseSd), value, $"NoiseSd must be a finite, non-negative standard deviation, but was {value}.");
    }

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
        var noise = new double[n];
        random.Uniform(XLow, XHigh, x);
        random.Normal(0, NoiseSd, noise);

        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            y[i] = Evaluate(x[i]) + noise[i];
        }

        return new Dataset(["x"], [x], "y", y);
    }

    /// <summary>The noiseless polynomial at <paramref name="x"/>, by Horner's rule as <c>np.polynomial.polynomial.polyval</c> evaluates it.</summary>
    public double Evaluate(double x)
    {
        var c = _coefficients;
        var value = c[^1];
        for (var k = c.Length - 2; k >= 0; k--)
        {
            value = c[k] + (value * x);
        }

        return value;
    }

    /// <summary>Whether both generators have the same settings, comparing coefficients by value.</summary>
    public bool Equals(PolynomialDataGenerator? other) =>
        other is not null
        && Count == other.Count
        && XLow.Equals(other.XLow)
        && XHigh.Equals(other.XHigh)
        && NoiseSd.Equals(other.NoiseSd)
        && _coefficients.AsSpan().SequenceEqual(other._coefficients);

    /// <summary>A hash of the settings consistent with <see cref="Equals(PolynomialDataGenerator?)"/>.</summary>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Count);
        hash.Add(XLow);
        hash.Add(XHigh);
        hash.Add(NoiseSd);
        foreach (var c in _coefficients)
        {
            hash.Add(c);
        }

        return hash.ToHashCode();
    }

    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append(System.Globalization.CultureInfo.InvariantCulture,
            $"Count = {Count}, XLow = {XLow}, XHigh = {XHigh}, Coefficients = [{string.Join(", ", _coefficients.Select(c => c.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))}], NoiseSd = {NoiseSd}");
        return true;
    }

    private static double Finite(double value, string name) =>
        double.IsFinite(value) ? value : throw Refuse(name, value, $"{name} must be a finite number, but was {value}.");

    /// <summary>The exception for a refused <paramref name="value"/> of property <paramref name="name"/>, with the field named as in a file (noiseSd for NoiseSd).</summary>
    private static ArgumentOutOfRangeException Refuse(string name, object value, string message) => Refuse(name, char.ToLowerInvariant(name[0]) + name[1..], value, message);

    private static ArgumentOutOfRangeException Refuse(string name, string field, object value, string message) =>
        SettingError.Attach(new ArgumentOutOfRangeException(name, value, message), field, message);
}
