using MathNet.Numerics.LinearAlgebra;

namespace DescentLab.Models;

/// <summary>
/// The mean-squared-error loss of a fixed set of samples as a quadratic in θ, from its sufficient statistics.
/// </summary>
/// <remarks>
/// L(θ) = θᵀSθ − 2rᵀθ + s with S = ZᵀZ/m, r = Zᵀy/m, s = yᵀy/m. It is evaluated as
/// L(θ) = (θ−θ*)ᵀS(θ−θ*) + L*, with θ* from a QR least-squares solve and L* summed directly,
/// so that values near the optimum do not suffer the cancellation of the expanded form.
/// </remarks>
public sealed class QuadraticForm
{
    private readonly double[] _s;
    private readonly double[] _r;
    private readonly double[] _optimum;

    private QuadraticForm(int parameterCount, int sampleCount, double[] s, double[] r, double meanSquare, double[] optimum, double minimum, int rank)
    {
        ParameterCount = parameterCount;
        SampleCount = sampleCount;
        _s = s;
        _r = r;
        MeanSquare = meanSquare;
        _optimum = optimum;
        MinimumLoss = minimum;
        Rank = rank;
    }

    /// <summary>The number of parameters p.</summary>
    public int ParameterCount { get; }

    /// <summary>The number of samples m the statistics were taken over.</summary>
    public int SampleCount { get; }

    /// <summary>S = ZᵀZ/m, row-major p×p.</summary>
    public ReadOnlySpan<double> SecondMoment => _s;

    /// <summary>r = Zᵀy/m.</summary>
    public ReadOnlySpan<double> CrossMoment => _r;

    /// <summary>s = yᵀy/m.</summary>
    public double MeanSquare { get; }

    /// <summary>θ*, the least-squares parameters (the minimum-norm one when Z is rank-deficient).</summary>
    public ReadOnlySpan<double> Optimum => _optimum;

    /// <summary>L* = L(θ*), summed directly over the samples.</summary>
    public double MinimumLoss { get; }

    /// <summary>The numerical rank of Z.</summary>
    public int Rank { get; }

    /// <summary>The loss at <paramref name="theta"/>: (θ−θ*)ᵀS(θ−θ*) + L*.</summary>
    public double Evaluate(ReadOnlySpan<double> theta)
    {
        var p = ParameterCount;
        Span<double> d = p <= 64 ? stackalloc double[p] : new double[p];
        for (var j = 0; j < p; j++)
        {
            d[j] = theta[j] - _optimum[j];
        }

        var q = 0.0;
        for (var j = 0; j < p; j++)
        {
            var row = _s.AsSpan(j * p, p);
            var sd = 0.0;
            for (var k = 0; k < p; k++)
            {
                sd += row[k] * d[k];
            }

            q += d[j] * sd;
        }

        // S is positive semi-definite; a tiny negative q is rounding.
        return Math.Max(q, 0.0) + MinimumLoss;
    }

    /// <summary>The loss at <paramref name="theta"/> and its gradient 2S(θ−θ*) written to <paramref name="gradient"/>.</summary>
    public double EvaluateWithGradient(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        var p = ParameterCount;
        var q = 0.0;
        for (var j = 0; j < p; j++)
        {
            var row = _s.AsSpan(j * p, p);
            var sd = 0.0;
            for (var k = 0; k < p; k++)
            {
                sd += row[k] * (theta[k] - _optimum[k]);
            }

            gradient[j] = 2.0 * sd;
            q += (theta[j] - _optimum[j]) * sd;
        }

        return Math.Max(q, 0.0) + MinimumLoss;
    }

    /// <summary>Builds the form of the samples <paramref name="indices"/> of a row-packed design.</summary>
    /// <param name="rows">Rows of stride <paramref name="stride"/>: p features, then y.</param>
    /// <param name="stride">Doubles per row, at least p + 1.</param>
    /// <param name="parameterCount">p.</param>
    /// <param name="indices">The samples; all samples when empty.</param>
    internal static QuadraticForm FromRows(ReadOnlySpan<double> rows, int stride, int parameterCount, ReadOnlySpan<int> indices)
    {
        var p = parameterCount;
        var total = rows.Length / stride;
        var m = indices.IsEmpty ? total : indices.Length;
        if (m == 0)
        {
            throw new ArgumentException("A quadratic form needs at least one sample.", nameof(indices));
        }

        var s = new double[p * p];
        var r = new double[p];
        var yy = 0.0;
        for (var i = 0; i < m; i++)
        {
            var row = rows.Slice((indices.IsEmpty ? i : indices[i]) * stride, p + 1);
            var yi = row[p];
            for (var j = 0; j < p; j++)
            {
                var zj = row[j];
                r[j] += zj * yi;
                var sj = s.AsSpan(j * p, p);
                for (var k = 0; k < p; k++)
                {
                    sj[k] += zj * row[k];
                }
            }

            yy += yi * yi;
        }

        for (var j = 0; j < s.Length; j++)
        {
            s[j] /= m;
        }

        for (var j = 0; j < p; j++)
        {
            r[j] /= m;
        }

        var (optimum, rank) = m >= p ? StreamingLeastSquares(rows, stride, p, indices, m) : (null, 0);
        if (optimum is null)
        {
            var z = Matrix<double>.Build.Dense(m, p);
            var y = Vector<double>.Build.Dense(m);
            for (var i = 0; i < m; i++)
            {
                var row = rows.Slice((indices.IsEmpty ? i : indices[i]) * stride, p + 1);
                for (var j = 0; j < p; j++)
                {
                    z[i, j] = row[j];
                }

                y[i] = row[p];
            }

            (optimum, rank) = LeastSquares(z, y);
        }

        var minimum = 0.0;
        for (var i = 0; i < m; i++)
        {
            var row = rows.Slice((indices.IsEmpty ? i : indices[i]) * stride, p + 1);
            var residual = -row[p];
            for (var j = 0; j < p; j++)
            {
                residual += row[j] * optimum[j];
            }

            minimum += residual * residual;
        }

        return new QuadraticForm(p, m, s, r, yy / m, optimum, minimum / m, rank);
    }

    /// <summary>
    /// θ* by Householder QR of Z taken in blocks of rows (tall-skinny QR): each block is stacked under the R and Qᵀy
    /// so far and reduced again, so Z is never stored and the work is O(m·p²). Null when Z is not of full rank.
    /// </summary>
    /// <remarks>
    /// Orthogonal reductions of [R; Z_block] give the same R (up to signs) and least-squares solution as one QR of
    /// the whole of Z, with the same backward stability; the normal equations would square the condition number.
    /// </remarks>
    private static (double[]? Optimum, int Rank) StreamingLeastSquares(ReadOnlySpan<double> rows, int stride, int p, ReadOnlySpan<int> indices, int m)
    {
        const int BlockRows = 256;
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
                var norm2 = 0.0;
                foreach (var e in v)
                {
                    norm2 += e * e;
                }

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
                    var dot = 0.0;
                    for (var i = 0; i < v.Length; i++)
                    {
                        dot += v[i] * c[i];
                    }

                    var tau = 2.0 * dot / vnorm2;
                    for (var i = 0; i < v.Length; i++)
                    {
                        c[i] -= tau * v[i];
                    }
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

        if (!(largest > 0) || !(smallest > largest * 1e-12))
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

    private static (double[] Optimum, int Rank) LeastSquares(Matrix<double> z, Vector<double> y)
    {
        var p = z.ColumnCount;
        if (z.RowCount >= p)
        {
            var qr = z.QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin);
            var diag = qr.R.Diagonal().Map(Math.Abs);
            var largest = diag.Maximum();
            if (largest > 0 && diag.Minimum() > largest * 1e-12)
            {
                return (qr.Solve(y).ToArray(), p);
            }
        }

        // Rank-deficient: the minimum-norm least-squares solution through the SVD.
        var svd = z.Svd(computeVectors: true);
        var tolerance = Math.Max(z.RowCount, p) * (svd.S.Count > 0 ? svd.S[0] : 0.0) * 1e-15;
        var rank = svd.S.Count(v => v > tolerance);
        var uty = svd.U.TransposeThisAndMultiply(y);
        var w = Vector<double>.Build.Dense(p);
        for (var k = 0; k < rank; k++)
        {
            w[k] = uty[k] / svd.S[k];
        }

        return (svd.VT.TransposeThisAndMultiply(w).ToArray(), rank);
    }
}
