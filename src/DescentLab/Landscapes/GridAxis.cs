using System.Globalization;

namespace DescentLab.Landscapes;

/// <summary>The strictly increasing values one axis of a landscape grid is evaluated at.</summary>
public sealed class GridAxis
{
    /// <summary>The largest number of values an axis may hold.</summary>
    public const int MaxCount = 4096;

    private readonly double[] _values;

    private GridAxis(double[] values) => _values = values;

    /// <summary>The axis values, strictly increasing.</summary>
    public IReadOnlyList<double> Values => _values;

    /// <summary>The number of values.</summary>
    public int Count => _values.Length;

    /// <summary>The first value.</summary>
    public double Start => _values[0];

    /// <summary>The last value.</summary>
    public double Stop => _values[^1];

    /// <summary>The values as a span.</summary>
    internal ReadOnlySpan<double> Span => _values;

    /// <summary>
    /// <paramref name="count"/> evenly spaced values from <paramref name="start"/> to <paramref name="stop"/>, both
    /// included, computed as <c>numpy.linspace</c> does.
    /// </summary>
    /// <remarks>vᵢ = start + i·(stop − start)/(count − 1), with the last value set to stop exactly.</remarks>
    public static GridAxis Linear(double start, double stop, int count)
    {
        CheckCount(count, nameof(count));
        if (!double.IsFinite(start))
        {
            throw new ArgumentException(Invariant($"start: must be finite, got {start}."), nameof(start));
        }

        if (!double.IsFinite(stop))
        {
            throw new ArgumentException(Invariant($"stop: must be finite, got {stop}."), nameof(stop));
        }

        if (!(stop > start))
        {
            throw new ArgumentException(
                Invariant($"stop: the range [{start}, {stop}] is empty or reversed; stop must be greater than start."),
                nameof(stop));
        }

        var values = new double[count];
        if (count == 1)
        {
            values[0] = start;
            return new GridAxis(values);
        }

        var step = (stop - start) / (count - 1);
        for (var i = 0; i < count; i++)
        {
            values[i] = start + (i * step);
        }

        values[^1] = stop;
        return new GridAxis(values);
    }

    /// <summary>An axis at exactly the given values (for example NumPy's <c>arange</c> output); they are copied.</summary>
    public static GridAxis FromValues(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        CheckCount(values.Count, nameof(values));
        var copy = new double[values.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = values[i];
            if (!double.IsFinite(copy[i]))
            {
                throw new ArgumentException(Invariant($"values: value {i} is {copy[i]}; axis values must be finite."), nameof(values));
            }

            if (i > 0 && !(copy[i] > copy[i - 1]))
            {
                throw new ArgumentException(
                    Invariant($"values: value {i} ({copy[i]}) is not above value {i - 1} ({copy[i - 1]}); axis values must be strictly increasing."),
                    nameof(values));
            }
        }

        return new GridAxis(copy);
    }

    /// <summary>
    /// <paramref name="count"/> evenly spaced values over the finite <paramref name="points"/> widened by a margin on each side.
    /// </summary>
    /// <remarks>
    /// The margin on each side is <paramref name="margin"/>·max(span, 1, |largest point|·0.1), so that a single point, or
    /// points that all coincide, still get a range of sensible width. Non-finite points (a diverged path) are skipped.
    /// </remarks>
    public static GridAxis Covering(IEnumerable<double> points, int count, double margin = 0.1)
    {
        ArgumentNullException.ThrowIfNull(points);
        CheckCount(count, nameof(count));
        if (!(margin >= 0) || !double.IsFinite(margin))
        {
            throw new ArgumentOutOfRangeException(nameof(margin), margin, "margin: must be finite and not negative.");
        }

        var low = double.PositiveInfinity;
        var high = double.NegativeInfinity;
        foreach (var v in points)
        {
            if (double.IsFinite(v))
            {
                low = Math.Min(low, v);
                high = Math.Max(high, v);
            }
        }

        if (low > high)
        {
            throw new ArgumentException("points: no finite point to cover.", nameof(points));
        }

        var span = high - low;
        var pad = Math.Max(margin * Math.Max(Math.Max(span, 1.0), 0.1 * Math.Max(Math.Abs(low), Math.Abs(high))), 1e-9);
        return Linear(low - pad, high + pad, count);
    }

    private static void CheckCount(int count, string field)
    {
        if (count is < 1 or > MaxCount)
        {
            throw new ArgumentOutOfRangeException(field, count, Invariant($"{field}: an axis needs between 1 and {MaxCount} values, got {count}."));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
