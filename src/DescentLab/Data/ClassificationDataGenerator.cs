using DescentLab.Randomness;

namespace DescentLab.Data;

/// <summary>Two-dimensional classification data drawn with NumPy's legacy generator, following scikit-learn 1.2's conventions.</summary>
/// <remarks>
/// With <c>generator = np.random.RandomState(seed)</c>, <see cref="Generate"/> reproduces:
/// <list type="bullet">
/// <item><c>make_moons(n, shuffle=True, noise, random_state=generator)</c>: ⌊n/2⌋ points on the outer half circle
/// (cos t, sin t), the rest on the inner one (1 − cos t, 1 − sin t − ½), t = <c>np.linspace(0, π, ·)</c>; label 0 outer,
/// 1 inner; the rows shuffled by <c>generator.shuffle(np.arange(n))</c>, then <c>generator.normal(scale=noise,
/// size=(n, 2))</c> added.</item>
/// <item><c>make_circles(n, shuffle=True, noise, factor)</c>: the same with t = <c>np.linspace(0, 2π, ·, endpoint=False)</c>
/// on the unit circle (label 0) and the circle of radius <see cref="Factor"/> (label 1).</item>
/// <item><c>make_blobs(n, n_features=2, centers=k, cluster_std, center_box=(−10, 10), shuffle=True)</c>: centres from
/// <c>generator.uniform(−10, 10, (k, 2))</c>, ⌊n/k⌋ points per centre (one more for the first n mod k) from
/// <c>generator.normal(centre, cluster_std, (nᵢ, 2))</c>, then the rows shuffled.</item>
/// <item>XOR, which scikit-learn does not have: <c>generator.uniform(−1, 1, (n, 2))</c>, label 1 where x₁·x₂ &lt; 0, then
/// noise added as for the moons.</item>
/// </list>
/// Inputs are named x1 and x2, the output <c>label</c>, and the classes "0", "1", …. <c>np.cos</c> and <c>np.sin</c>
/// may use NumPy's own vector routines, so the circle points agree with NumPy's to the last bit or two, not always exactly.
/// </remarks>
public sealed record ClassificationDataGenerator
{
    /// <summary>The most clusters <see cref="Centers"/> may ask for.</summary>
    public const int MaxCenters = 100;

    private readonly int _count = 200;
    private readonly double _noise = 0.2;
    private readonly double _factor = 0.5;
    private readonly int _centers = 3;
    private readonly double _clusterStd = 1.0;

    /// <summary>The shape (default two moons).</summary>
    public ClassificationShape Shape { get; init; } = ClassificationShape.Moons;

    /// <summary>The number of samples n (default 200).</summary>
    public int Count
    {
        get => _count;
        init => _count = value is >= 2 and <= Dataset.MaxSamples
            ? value
            : throw Refuse(nameof(Count), value, $"must be a whole number from 2 to {Dataset.MaxSamples}, but was {value}.");
    }

    /// <summary>The standard deviation of the Gaussian noise added to moons, circles and XOR (default 0.2; 0 adds none and draws nothing).</summary>
    public double Noise
    {
        get => _noise;
        init => _noise = value >= 0 && double.IsFinite(value) ? value : throw Refuse(nameof(Noise), value, Invariant($"must be a finite number ≥ 0, but was {value}."));
    }

    /// <summary>The inner circle's radius relative to the outer one (circles; default 0.5, scikit-learn's is 0.8).</summary>
    public double Factor
    {
        get => _factor;
        init => _factor = value is > 0 and < 1 ? value : throw Refuse(nameof(Factor), value, Invariant($"must be between 0 and 1 (both excluded), but was {value}."));
    }

    /// <summary>The number of clusters (blobs; default 3).</summary>
    public int Centers
    {
        get => _centers;
        init => _centers = value is >= 2 and <= MaxCenters ? value : throw Refuse(nameof(Centers), value, Invariant($"must be a whole number from 2 to {MaxCenters}, but was {value}."));
    }

    /// <summary>The standard deviation of each cluster (blobs; default 1).</summary>
    public double ClusterStd
    {
        get => _clusterStd;
        init => _clusterStd = value > 0 && double.IsFinite(value) ? value : throw Refuse(nameof(ClusterStd), value, Invariant($"must be a finite number > 0, but was {value}."));
    }

    /// <summary>The number of classes the shape has.</summary>
    public int ClassCount => Shape == ClassificationShape.Blobs ? Centers : 2;

    /// <summary>
    /// Whether <paramref name="shape"/> uses the option a file names <paramref name="field"/> (count, noise, factor, centers,
    /// clusterStd): an option its shape does not use is left out of a written file and refused where given.
    /// </summary>
    public static bool Uses(ClassificationShape shape, string field) => field switch
    {
        "noise" => shape != ClassificationShape.Blobs,
        "factor" => shape == ClassificationShape.Circles,
        "centers" or "clusterStd" => shape == ClassificationShape.Blobs,
        _ => true,
    };

    /// <summary>The shapes that use <paramref name="field"/>, as a refusal says it; <paramref name="name"/> names a field where it is given (a flag, a file's field).</summary>
    public static string ShapesUsing(string field, Func<string, string> name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return field switch
        {
            "noise" => $"moons, circles and xor (blobs spread by {name("clusterStd")})",
            "factor" => "circles only",
            _ => "blobs only",
        };
    }

    /// <summary>Draws the dataset for <paramref name="seed"/>.</summary>
    public Dataset Generate(uint seed)
    {
        var generator = new NumPyRandomState(seed);
        var n = Count;
        var x1 = new double[n];
        var x2 = new double[n];
        var label = new double[n];
        switch (Shape)
        {
            case ClassificationShape.Moons:
            case ClassificationShape.Circles:
                Curves(x1, x2, label);
                ShuffleRows(generator, x1, x2, label);
                AddNoise(generator, x1, x2);
                break;
            case ClassificationShape.Blobs:
                Blobs(generator, x1, x2, label);
                ShuffleRows(generator, x1, x2, label);
                break;
            default:
                for (var i = 0; i < n; i++)
                {
                    x1[i] = generator.Uniform(-1, 1);
                    x2[i] = generator.Uniform(-1, 1);
                    label[i] = x1[i] * x2[i] < 0 ? 1 : 0;
                }

                AddNoise(generator, x1, x2);
                break;
        }

        return new Dataset(["x1", "x2"], [x1, x2], "label", label)
        {
            ClassNames = [.. Enumerable.Range(0, ClassCount).Select(k => k.ToString(System.Globalization.CultureInfo.InvariantCulture))],
        };
    }

    /// <summary>The exception for a refused <paramref name="value"/> of property <paramref name="name"/>, with the field named as in a file (clusterStd for ClusterStd).</summary>
    private static ArgumentOutOfRangeException Refuse(string name, object value, string message) =>
        SettingError.Attach(new ArgumentOutOfRangeException(name, value, $"{char.ToLowerInvariant(name[0])}{name[1..]}: {message}"), char.ToLowerInvariant(name[0]) + name[1..], message);

    private static string Invariant(FormattableString text) => text.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary><c>np.linspace(start, stop, num, endpoint)</c>: i·step + start with step = (stop − start)/div, the last point set to stop.</summary>
    internal static double[] Linspace(double start, double stop, int num, bool endpoint)
    {
        var values = new double[num];
        var div = endpoint ? num - 1 : num;
        if (div == 0)
        {
            // num = 1 with the end point: NumPy gives [start].
            values[0] = start;
            return values;
        }

        var step = (stop - start) / div;
        for (var i = 0; i < num; i++)
        {
            values[i] = (i * step) + start;
        }

        if (endpoint && num > 1)
        {
            values[^1] = stop;
        }

        return values;
    }

    private void Curves(double[] x1, double[] x2, double[] label)
    {
        var n = x1.Length;
        var outer = n / 2;
        var inner = n - outer;
        var moons = Shape == ClassificationShape.Moons;
        var tOut = moons ? Linspace(0, Math.PI, outer, endpoint: true) : Linspace(0, 2 * Math.PI, outer, endpoint: false);
        var tIn = moons ? Linspace(0, Math.PI, inner, endpoint: true) : Linspace(0, 2 * Math.PI, inner, endpoint: false);
        for (var i = 0; i < outer; i++)
        {
            x1[i] = Math.Cos(tOut[i]);
            x2[i] = Math.Sin(tOut[i]);
        }

        for (var i = 0; i < inner; i++)
        {
            x1[outer + i] = moons ? 1 - Math.Cos(tIn[i]) : Math.Cos(tIn[i]) * Factor;
            x2[outer + i] = moons ? 1 - Math.Sin(tIn[i]) - 0.5 : Math.Sin(tIn[i]) * Factor;
            label[outer + i] = 1;
        }
    }

    private void Blobs(NumPyRandomState generator, double[] x1, double[] x2, double[] label)
    {
        var k = Centers;
        var centres = new double[2 * k];
        generator.Uniform(-10, 10, centres);
        var n = x1.Length;
        var row = 0;
        for (var c = 0; c < k; c++)
        {
            var count = (n / k) + (c < n % k ? 1 : 0);
            for (var i = 0; i < count; i++, row++)
            {
                // normal(loc=centre, scale, size=(count, 2)) fills row-major: x1 then x2 of each point.
                x1[row] = generator.Normal(centres[2 * c], ClusterStd);
                x2[row] = generator.Normal(centres[(2 * c) + 1], ClusterStd);
                label[row] = c;
            }
        }
    }

    private static void ShuffleRows(NumPyRandomState generator, double[] x1, double[] x2, double[] label)
    {
        var indices = Enumerable.Range(0, x1.Length).ToArray();
        generator.Shuffle(indices);
        var a = x1.ToArray();
        var b = x2.ToArray();
        var c = label.ToArray();
        for (var i = 0; i < indices.Length; i++)
        {
            x1[i] = a[indices[i]];
            x2[i] = b[indices[i]];
            label[i] = c[indices[i]];
        }
    }

    private void AddNoise(NumPyRandomState generator, double[] x1, double[] x2)
    {
        if (Noise == 0)
        {
            // scikit-learn draws noise only when noise is not None; noise=0.0 would draw and add zeros, which changes nothing.
            return;
        }

        for (var i = 0; i < x1.Length; i++)
        {
            x1[i] += generator.Normal(0, Noise);
            x2[i] += generator.Normal(0, Noise);
        }
    }
}
