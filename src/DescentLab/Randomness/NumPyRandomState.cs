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

    /// <summary>One draw of <c>np.random.randint(low, high)</c>: an integer in [low, high), as RandomState draws it.</summary>
    public long RandInt(long low, long high)
    {
        var range = ValidatedIntegerRange(low, high);
        return low + (long)BoundedMasked(range, Mask(range));
    }

    /// <summary>Fills <paramref name="destination"/> as <c>np.random.randint(low, high, size)</c> does (int64), one draw per element, in order.</summary>
    /// <remarks>
    /// Follows NumPy 1.24's legacy path: <c>RandomState.randint</c> always uses the masked rejection method
    /// (<c>random_bounded_uint64_fill</c> in numpy/random/src/distributions/distributions.c with use_masked): with
    /// rng = high − low − 1, rng = 0 draws nothing; rng below 2³² masks single 32-bit outputs with the smallest
    /// all-ones mask ≥ rng and rejects values above rng (rng = 2³² − 1 returns raw outputs); wider ranges do the same on
    /// 64-bit draws made of two outputs, high word first.
    /// </remarks>
    public void RandInt(long low, long high, Span<long> destination)
    {
        var range = ValidatedIntegerRange(low, high);
        var mask = Mask(range);
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = low + (long)BoundedMasked(range, mask);
        }
    }

    /// <summary>Shuffles <paramref name="values"/> in place as <c>RandomState.shuffle</c> shuffles a 1-D array.</summary>
    /// <remarks>
    /// NumPy 1.24 <c>_shuffle_raw</c>: for i = n−1 down to 1, swap element i with element <c>random_interval(i)</c>, the
    /// masked rejection draw of an integer in [0, i] from single 32-bit outputs (numpy/random/src/distributions).
    /// </remarks>
    public void Shuffle(Span<int> values)
    {
        for (var i = values.Length - 1; i >= 1; i--)
        {
            var j = (int)BoundedMasked((ulong)i, Mask((ulong)i));
            (values[i], values[j]) = (values[j], values[i]);
        }
    }

    private ulong BoundedMasked(ulong range, ulong mask)
    {
        if (range == 0)
        {
            return 0;
        }

        if (range <= uint.MaxValue)
        {
            // buffered_bounded_masked_uint32; at rng = 0xFFFFFFFF the mask keeps every bit and nothing is rejected.
            uint value;
            while ((value = _engine.NextUInt32() & (uint)mask) > range)
            {
            }

            return value;
        }

        ulong wide;
        do
        {
            // mt19937_next64: the first output is the high word.
            var high = (ulong)_engine.NextUInt32();
            wide = ((high << 32) | _engine.NextUInt32()) & mask;
        }
        while (wide > range);
        return wide;
    }

    private static ulong Mask(ulong range)
    {
        // gen_mask: the smallest bit mask of the form 2^k − 1 that is ≥ range.
        var mask = range;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;
        mask |= mask >> 32;
        return mask;
    }

    private static ulong ValidatedIntegerRange(long low, long high)
    {
        // RandomState.randint raises "low >= high" for an empty range.
        if (low >= high)
        {
            throw new ArgumentException($"low >= high (low = {low}, high = {high}).", nameof(high));
        }

        return unchecked((ulong)(high - low) - 1);
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
