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
        var (optimum, rank, yy) = Reduce(rows, stride, p, indices, s, r);
        for (var j = 0; j < s.Length; j++)
        {
            s[j] /= m;
        }

        for (var j = 0; j < p; j++)
        {
            r[j] /= m;
        }

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
    /// One pass over the samples in blocks of rows: sums ZᵀZ into <paramref name="s"/>, Zᵀy into <paramref name="r"/> and
    /// returns yᵀy, and solves for θ* by Householder QR of Z taken block by block (tall-skinny QR): each block is stacked
    /// under the R and Qᵀy so far and reduced again, so Z is never stored. θ* is null when Z is not of full rank.
    /// </summary>
    /// <remarks>
    /// Orthogonal reductions of [R; Z_block] give the same R (up to signs) and least-squares solution as one QR of the
    /// whole of Z, with the same backward stability; solving the normal equations instead would square Z's condition number.
    /// </remarks>
    private static (double[]? Optimum, int Rank, double MeanSquareSum) Reduce(
        ReadOnlySpan<double> rows, int stride, int p, ReadOnlySpan<int> indices, double[] s, double[] r)
    {
        const int BlockRows = 256;
        var m = indices.IsEmpty ? rows.Length / stride : indices.Length;
        var height = p + BlockRows;
        var yy = 0.0;

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

            for (var j = 0; j < p; j++)
            {
                var zj = a.AsSpan((j * height) + p, count);
                for (var k = j; k < p; k++)
                {
                    s[(j * p) + k] += Dot(zj, a.AsSpan((k * height) + p, count));
                }

                r[j] += Dot(zj, a.AsSpan((p * height) + p, count));
            }

            var yBlock = a.AsSpan((p * height) + p, count);
            yy += Dot(yBlock, yBlock);

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

        for (var j = 0; j < p; j++)
        {
            for (var k = 0; k < j; k++)
            {
                s[(j * p) + k] = s[(k * p) + j];
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
            return (null, 0, yy);
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

        return (theta, p, yy);
    }

    private static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var width = System.Numerics.Vector<double>.Count;
        var acc = System.Numerics.Vector<double>.Zero;
        var i = 0;
        for (; i <= x.Length - width; i += width)
        {
            acc += new System.Numerics.Vector<double>(x[i..]) * new System.Numerics.Vector<double>(y[i..]);
        }

        var sum = System.Numerics.Vector.Sum(acc);
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
