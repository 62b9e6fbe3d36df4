namespace DescentLab.Models;

/// <summary>Checks made before handing numbers to an iterative routine that could spin forever or fail on NaN or ±∞.</summary>
/// <remarks>
/// MathNet's symmetric eigen-decomposition (QL iterations) and SVD iterate until off-diagonal entries are small
/// relative to the rest; with a non-finite entry that test never passes or the SVD gives up after its iteration cap.
/// Finite input converges in a few sweeps for the sizes used here (p ≤ 33).
/// </remarks>
internal static class NumericGuard
{
    /// <summary>Throws an <see cref="ArithmeticException"/> naming <paramref name="what"/> if any value is NaN or infinite.</summary>
    public static void RequireFinite(ReadOnlySpan<double> values, string what)
    {
        foreach (var v in values)
        {
            if (!double.IsFinite(v))
            {
                throw new ArithmeticException($"{what} has a non-finite entry ({v}); the data's magnitudes are beyond what double can hold: rescale the columns.");
            }
        }
    }
}
