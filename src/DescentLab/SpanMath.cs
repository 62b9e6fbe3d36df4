namespace DescentLab;

/// <summary>Dot products and norms of parameter vectors, summed in index order so that every caller gets the same bits.</summary>
internal static class SpanMath
{
    /// <summary>The dot product a·b, summed in index order.</summary>
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sum = 0.0;
        for (var k = 0; k < a.Length; k++)
        {
            sum += a[k] * b[k];
        }

        return sum;
    }

    /// <summary>The Euclidean norm ‖a‖.</summary>
    public static double Norm(ReadOnlySpan<double> a) => Math.Sqrt(Dot(a, a));
}
