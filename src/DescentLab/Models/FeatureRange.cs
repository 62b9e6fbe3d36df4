using System.Globalization;
using DescentLab.Data;

namespace DescentLab.Models;

/// <summary>
/// Refuses, before any work, data whose polynomial features cannot be computed in double: powers whose squares and
/// sums overflow, powers so small their squares are subnormal, and powers of a column whose values sit so far from zero
/// relative to their spread that the powers cannot be told apart (all precision lost).
/// </summary>
/// <remarks>
/// The loss needs S = ZᵀZ/n, r = Zᵀy/n and s = yᵀy/n, so the largest |x|^(2d)·n, |x|^d·|y|·n and |y|²·n must stay below
/// double's largest value (with a margin for the sums over p parameters and the Hessian 2S), and the largest |x|^(2d)
/// and |y|² of a non-zero column above the smallest normal double. Magnitudes are compared as base-10 logarithms, so
/// the check itself cannot overflow.
/// </remarks>
public static class FeatureRange
{
    /// <summary>The largest base-10 exponent allowed for a product summed into S, r or s (double's largest is 10^308.25).</summary>
    public const double LargestExponent = 306;

    /// <summary>The smallest base-10 exponent allowed for a square of a non-zero column (the smallest normal double is 10^-307.65).</summary>
    public const double SmallestExponent = -300;

    /// <summary>log10 of 2^-52, the spacing of doubles at 1.</summary>
    private static readonly double MachineEpsilonExponent = -52 * Math.Log10(2);

    /// <summary>Why <paramref name="data"/> at <paramref name="degree"/> cannot be computed, naming the column, or null when it can.</summary>
    public static string? Problem(Dataset data, int degree)
    {
        ArgumentNullException.ThrowIfNull(data);
        var rows = Math.Log10(Math.Max(1, data.Count)) + Math.Log10((data.InputCount * degree) + 2);
        var y = LogLargest(data.Output);
        var outputName = data.OutputName;
        if (double.IsFinite(y) && ((2 * y) + rows > LargestExponent || 2 * y < SmallestExponent))
        {
            return string.Create(CultureInfo.InvariantCulture, $"column '{outputName}': the largest |{outputName}| is {Power(y)}, {(y > 0 ? "too large to square and sum in double" : "so small its square loses all precision in double")}; rescale the column.");
        }

        for (var c = 0; c < data.InputCount; c++)
        {
            var x = LogLargest(data.Input(c));
            if (double.IsNegativeInfinity(x))
            {
                continue;
            }

            var name = data.InputNames[c];
            var power = degree * x;
            if ((2 * power) + rows > LargestExponent || (double.IsFinite(y) && power + y + rows > LargestExponent))
            {
                return string.Create(CultureInfo.InvariantCulture, $"column '{name}' at degree {degree}: the largest |{name}|^{degree} is {Power(power)}, too large to square and sum in double (the limit for {data.Count} rows is about {Power((LargestExponent - rows) / 2)}); rescale the column, e.g. subtract its mean and divide by its spread, or lower the degree.");
            }

            // Around an offset a, (a + δ)^k = a^k (1 + kδ/a + … + (δ/a)^k): the k-th power adds only (δ/a)^k relative to
            // the lower ones, so once (range/max)^d falls below double's epsilon the top power is noise.
            var spread = Math.Log10(Range(data.Input(c))) - x;
            if (double.IsFinite(spread) && degree * spread < MachineEpsilonExponent)
            {
                return string.Create(CultureInfo.InvariantCulture, $"column '{name}' at degree {degree}: its values span only {Power(spread + x)} around a largest |{name}| of {Power(x)}, so (span/largest)^{degree} = {Power(degree * spread)} is below double precision and the powers cannot be told apart; rescale the column, e.g. subtract its mean and divide by its spread, or lower the degree.");
            }

            if (2 * power < SmallestExponent)
            {
                return string.Create(CultureInfo.InvariantCulture, $"column '{name}' at degree {degree}: the largest |{name}|^{degree} is {Power(power)}, so small its square loses all precision in double (below {Power(SmallestExponent / 2)}); rescale the column, e.g. divide it by its largest value, or lower the degree.");
            }
        }

        return null;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> with <see cref="Problem"/>'s message when the data cannot be computed.</summary>
    public static void Check(Dataset data, int degree)
    {
        if (Problem(data, degree) is { } message)
        {
            throw new ArgumentException(message, nameof(data));
        }
    }

    /// <summary>log10 of the largest |v|, or −∞ when every value is zero.</summary>
    private static double LogLargest(ReadOnlySpan<double> values)
    {
        var largest = 0.0;
        foreach (var v in values)
        {
            largest = Math.Max(largest, Math.Abs(v));
        }

        return Math.Log10(largest);
    }

    private static double Range(ReadOnlySpan<double> values)
    {
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        foreach (var v in values)
        {
            low = Math.Min(low, v);
            high = Math.Max(high, v);
        }

        return high - low;
    }

    /// <summary>10^<paramref name="exponent"/> as text, like 8.3e+157, even beyond double's range.</summary>
    private static string Power(double exponent)
    {
        var whole = Math.Floor(exponent);
        var mantissa = Math.Pow(10, exponent - whole);
        if (mantissa >= 9.95)
        {
            mantissa = 1;
            whole++;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{mantissa:0.0}e{(whole >= 0 ? "+" : "-")}{Math.Abs(whole):0}");
    }
}
