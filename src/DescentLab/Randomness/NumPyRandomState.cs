namespace DescentLab.Randomness;

/// <summary>NumPy's legacy <c>np.random.RandomState</c> (the generator behind <c>np.random.seed</c>), reproducing its draws bit for bit.</summary>
/// <remarks>
/// Follows NumPy 1.24: seeding is <c>mt19937_seed</c> (numpy/random/_mt19937.pyx <c>_legacy_seeding</c>), doubles are
/// <c>mt19937_next_double</c>, and normals are <c>legacy_gauss</c> (numpy/random/src/legacy/legacy-distributions.c),
/// the polar Box–Muller method that caches its second value. The cache lives in this object, as in RandomState:
/// an odd number of normals leaves a value that the next normal call returns first. Not thread-safe: one instance per stream.
/// </remarks>
public sealed class NumPyRandomState
{
    private readonly Mt19937 _engine;
    private bool _hasGauss;
    private double _gauss;

    /// <summary>A generator in the state <c>np.random.seed(seed)</c> (or <c>RandomState(seed)</c>) leaves, with no cached normal.</summary>
    public NumPyRandomState(uint seed) => _engine = new Mt19937(seed);

    /// <summary>Reseeds in place as <c>np.random.seed(seed)</c> does, which also drops a cached normal.</summary>
    public void Seed(uint seed)
    {
        _engine.Seed(seed);
        _hasGauss = false;
        _gauss = 0.0;
    }

    /// <summary>One draw of <c>np.random.random_sample()</c>: a double in [0, 1) from 53 random bits of two 32-bit outputs.</summary>
    public double RandomSample()
    {
        // mt19937_next_double: 27 bits from the first output, 26 from the second.
        var a = _engine.NextUInt32() >> 5;
        var b = _engine.NextUInt32() >> 6;
        return ((a * 67108864.0) + b) / 9007199254740992.0;
    }

    /// <summary>One draw of <c>np.random.uniform(low, high)</c>.</summary>
    public double Uniform(double low, double high)
    {
        var range = ValidatedRange(low, high);
        return low + (range * RandomSample());
    }

    /// <summary>Fills <paramref name="destination"/> as <c>np.random.uniform(low, high, size)</c> does: one scalar draw per element, in order.</summary>
    public void Uniform(double low, double high, Span<double> destination)
    {
        var range = ValidatedRange(low, high);
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = low + (range * RandomSample());
        }
    }

    /// <summary>One draw of <c>np.random.normal(loc, scale)</c>: <c>loc + scale * legacy_gauss()</c>.</summary>
    public double Normal(double loc, double scale)
    {
        ValidateScale(scale);
        return loc + (scale * Gauss());
    }

    /// <summary>Fills <paramref name="destination"/> as <c>np.random.normal(loc, scale, size)</c> does: one scalar draw per element, in order, sharing the cached value.</summary>
    public void Normal(double loc, double scale, Span<double> destination)
    {
        ValidateScale(scale);
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = loc + (scale * Gauss());
        }
    }

    /// <summary>One draw of <c>np.random.standard_normal()</c> (<c>legacy_gauss</c>): the cached value if there is one, else the first of a new pair, caching the second.</summary>
    public double Gauss()
    {
        if (_hasGauss)
        {
            _hasGauss = false;
            var cached = _gauss;
            _gauss = 0.0;
            return cached;
        }

        double x1, x2, r2;
        do
        {
            x1 = (2.0 * RandomSample()) - 1.0;
            x2 = (2.0 * RandomSample()) - 1.0;
            r2 = (x1 * x1) + (x2 * x2);
        }
        while (r2 >= 1.0 || r2 == 0.0);

        // Math.Log and Math.Sqrt call the same C library functions NumPy does (glibc on Linux), so the result is bit-exact there.
        var f = Math.Sqrt(-2.0 * Math.Log(r2) / r2);
        _gauss = f * x1;
        _hasGauss = true;
        return f * x2;
    }

    private static double ValidatedRange(double low, double high)
    {
        // RandomState.uniform raises OverflowError when high - low is not finite; NaN bounds give a NaN range too.
        var range = high - low;
        if (!double.IsFinite(range))
        {
            throw new ArgumentException($"Range exceeds valid bounds: high - low = {range} (low = {low}, high = {high}).", nameof(high));
        }

        return range;
    }

    private static void ValidateScale(double scale)
    {
        // NumPy raises "scale < 0"; NaN is rejected here too, since it would only fill the data with NaN.
        if (!(scale >= 0.0))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "scale < 0: the standard deviation must be a non-negative number.");
        }
    }
}
