using System.Runtime.Intrinsics;

namespace DescentLab.Models;

/// <summary>Least squares in one pass over row-packed samples: a tall-skinny Householder QR that never stores Z.</summary>
internal static class StreamingQr
{
    /// <summary>
    /// Solves for θ* in one pass over the samples by Householder QR of Z taken block by block (tall-skinny QR): each
    /// block of rows is stacked under the R and Qᵀy so far and reduced again, so Z is never stored. θ* is null when Z
    /// is not of full rank.
    /// </summary>
    /// <remarks>
    /// Orthogonal reductions of [R; Z_block] give the same R (up to signs) and least-squares solution as one QR of the
    /// whole of Z, with the same backward stability; solving the normal equations instead would square Z's condition number.
    /// </remarks>
    public static (double[]? Optimum, int Rank) Solve(ReadOnlySpan<double> rows, int stride, int p, ReadOnlySpan<int> indices)
    {
        const int BlockRows = 256;
        var m = indices.IsEmpty ? rows.Length / stride : indices.Length;
        var height = p + BlockRows;

        // Column-major block: column j (j < p) of Z, then y, each of length height; rows 0..p-1 carry R and Qᵀy.
        var a = new double[(p + 1) * height];
        for (var start = 0; start < m; start += BlockRows)
        {
            var count = Math.Min(BlockRows, m - start);
            var used = p + count;
            for (var i = 0; i < count; i++)
            {
                var row = rows.Slice((indices.IsEmpty ? start + i : indices[start + i]) * stride, p + 1);
                for (var j = 0; j <= p; j++)
                {
                    a[(j * height) + p + i] = row[j];
                }
            }

            for (var k = 0; k < p; k++)
            {
                var v = a.AsSpan((k * height) + k, used - k);
                var norm2 = Dot(v, v);
                if (norm2 == 0.0)
                {
                    continue;
                }

                var x0 = v[0];
                var alpha = x0 >= 0 ? -Math.Sqrt(norm2) : Math.Sqrt(norm2);
                v[0] = x0 - alpha;
                var vnorm2 = norm2 - (x0 * x0) + (v[0] * v[0]);
                for (var j = k + 1; j <= p; j++)
                {
                    var c = a.AsSpan((j * height) + k, used - k);
                    SubtractScaled(c, 2.0 * Dot(v, c) / vnorm2, v);
                }

                v[0] = alpha;
                v[1..].Clear();
            }
        }

        var largest = 0.0;
        var smallest = double.PositiveInfinity;
        for (var k = 0; k < p; k++)
        {
            var d = Math.Abs(a[(k * height) + k]);
            largest = Math.Max(largest, d);
            smallest = Math.Min(smallest, d);
        }

        if (m < p || !(largest > 0) || !(smallest > largest * 1e-12))
        {
            return (null, 0);
        }

        var theta = new double[p];
        for (var k = p - 1; k >= 0; k--)
        {
            var sum = a[(p * height) + k];
            for (var j = k + 1; j < p; j++)
            {
                sum -= a[(j * height) + k] * theta[j];
            }

            theta[k] = sum / a[(k * height) + k];
        }

        return (theta, p);
    }

    /// <summary>xᵀy in four lanes, the same order with or without 256-bit vectors, so θ* agrees across machines.</summary>
    /// <remarks>Lane l sums x[i]·y[i] for i ≡ l (mod 4); then (lane₀ + lane₂) + (lane₁ + lane₃), then the tail in order.</remarks>
    private static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var i = 0;
        double sum;
        if (Vector256.IsHardwareAccelerated)
        {
            var acc = Vector256<double>.Zero;
            for (; i <= x.Length - 4; i += 4)
            {
                acc += Vector256.Create(x.Slice(i, 4)) * Vector256.Create(y.Slice(i, 4));
            }

            var half = acc.GetLower() + acc.GetUpper();
            sum = half.ToScalar() + half.GetElement(1);
        }
        else
        {
            double a0 = 0, a1 = 0, a2 = 0, a3 = 0;
            for (; i <= x.Length - 4; i += 4)
            {
                a0 += x[i] * y[i];
                a1 += x[i + 1] * y[i + 1];
                a2 += x[i + 2] * y[i + 2];
                a3 += x[i + 3] * y[i + 3];
            }

            sum = (a0 + a2) + (a1 + a3);
        }

        for (; i < x.Length; i++)
        {
            sum += x[i] * y[i];
        }

        return sum;
    }

    /// <summary>c ← c − τv.</summary>
    private static void SubtractScaled(Span<double> c, double tau, ReadOnlySpan<double> v)
    {
        var width = System.Numerics.Vector<double>.Count;
        var scale = new System.Numerics.Vector<double>(tau);
        var i = 0;
        for (; i <= c.Length - width; i += width)
        {
            (new System.Numerics.Vector<double>(c[i..]) - (scale * new System.Numerics.Vector<double>(v[i..]))).CopyTo(c[i..]);
        }

        for (; i < c.Length; i++)
        {
            c[i] -= tau * v[i];
        }
    }
}
