using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MathNet.Numerics.LinearAlgebra;

namespace DescentLab.Models;

/// <summary>
/// The mean-squared-error loss of a fixed set of samples as a quadratic in θ, from its sufficient statistics.
/// </summary>
/// <remarks>
/// L(θ) = θᵀSθ − 2rᵀθ + s with S = ZᵀZ/m, r = Zᵀy/m, s = yᵀy/m. It is evaluated around θ* as
/// L(θ*+d) = L* + g*ᵀd + dᵀSd, with θ* from a QR least-squares solve, and L* and g* = ∇L(θ*) summed directly
/// from the residuals at θ*, so that values near the optimum do not suffer the cancellation of the expanded form.
/// g* is kept because the computed θ* is not the exact minimiser: dropping g*ᵀd, as if ∇L(θ*) were zero, leaves an
/// error 2dᵀ(Sθ*−r) that near a close fit is as large as the loss itself (measured: 1.5e-6 relative for y fitted to
/// 1e-6). S, L* and g* are kept, and the expansion evaluated, in double-double arithmetic: with raw polynomial
/// features of degree 4, S is ill-conditioned, the minimum-norm θ* of a batch smaller than p lies far from where θ is
/// evaluated, and dᵀSd with S rounded to double then cancels (measured: 1.6e-8 relative against direct summation).
/// </remarks>
public sealed class QuadraticForm
{
    /// <summary>Half the spacing of doubles at 1, 2⁻⁵³.</summary>
    private const double UnitRoundoff = 1.1102230246251565e-16;

    /// <summary>The relative error bound under which the double evaluation is kept.</summary>
    private const double FastPathTolerance = 1e-13;

    private readonly double[] _r;
    private readonly double[] _optimum;
    private readonly double[] _secondHi;
    private readonly double[] _secondLo;
    private readonly double[] _slopeHi;
    private readonly double[] _slopeLo;
    private readonly double _minimumLo;

    private QuadraticForm(int parameterCount, int sampleCount, Statistics statistics, double[] optimum, Expansion expansion, int rank)
    {
        ParameterCount = parameterCount;
        SampleCount = sampleCount;
        _secondHi = statistics.SecondHi;
        _secondLo = statistics.SecondLo;
        _r = statistics.Cross;
        MeanSquare = statistics.MeanSquare;
        _optimum = optimum;
        _slopeHi = expansion.SlopeHi;
        _slopeLo = expansion.SlopeLo;
        MinimumLoss = expansion.Minimum.Hi;
        _minimumLo = expansion.Minimum.Lo;
        Rank = rank;
    }

    /// <summary>The number of parameters p.</summary>
    public int ParameterCount { get; }

    /// <summary>The number of samples m the statistics were taken over.</summary>
    public int SampleCount { get; }

    /// <summary>S = ZᵀZ/m, row-major p×p.</summary>
    public ReadOnlySpan<double> SecondMoment => _secondHi;

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

    /// <summary>The loss at <paramref name="theta"/>: L* + g*ᵀ(θ−θ*) + (θ−θ*)ᵀS(θ−θ*).</summary>
    public double Evaluate(ReadOnlySpan<double> theta) => Expand(theta, []);

    /// <summary>The loss at <paramref name="theta"/> and its gradient g* + 2S(θ−θ*) written to <paramref name="gradient"/>.</summary>
    public double EvaluateWithGradient(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        if (gradient.Length < ParameterCount)
        {
            throw new ArgumentException($"The gradient needs room for {ParameterCount} values.", nameof(gradient));
        }

        return Expand(theta, gradient);
    }

    /// <summary>The residual zᵀθ − y of one packed row [z₀ … z_{p−1}, y], with the dot product in double-double.</summary>
    /// <remarks>
    /// Near a close fit the residual is far smaller than the terms zⱼθⱼ, so a plain dot product would keep only
    /// ε·Σ|zⱼθⱼ| / |r| of its digits; summing the exact products in double-double, as Ogita, Rump and Oishi's Dot2 does, is accurate to about ε·|r| + ε²·Σ|zⱼθⱼ|.
    /// </remarks>
    internal static double Residual(ReadOnlySpan<double> row, ReadOnlySpan<double> theta)
    {
        var r = ResidualExact(row, theta, theta.Length);
        return r.Hi + r.Lo;
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

        var statistics = Moments(rows, stride, p, indices, m);
        var (optimum, rank) = StreamingQr.Solve(rows, stride, p, indices);
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

            (optimum, rank) = MinimumNorm(z, y);
        }

        var expansion = ExpandAt(rows, stride, p, indices, m, optimum);
        return new QuadraticForm(p, m, statistics, optimum, expansion, rank);
    }

    private double Expand(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        var p = ParameterCount;
        if (theta.Length < p)
        {
            throw new ArgumentException($"θ needs {p} values.", nameof(theta));
        }

        // θ − θ* is recomputed in the inner loop rather than kept in a buffer: for the small p of this hot path
        // (every recorded training step) a few subtractions cost less than a stack buffer.
        ref var t = ref MemoryMarshal.GetReference(theta);
        ref var optimum = ref MemoryMarshal.GetArrayDataReference(_optimum);
        ref var second = ref MemoryMarshal.GetArrayDataReference(_secondHi);
        var loss = MinimumLoss;
        var lossBound = 0.0;
        var gradientBound = 0.0;
        var gradientLargest = 0.0;
        for (var j = 0; j < p; j++)
        {
            ref var row = ref Unsafe.Add(ref second, j * p);
            var sd = 0.0;
            var magnitude = 0.0;
            for (var k = 0; k < p; k++)
            {
                var term = Unsafe.Add(ref row, k) * (Unsafe.Add(ref t, k) - Unsafe.Add(ref optimum, k));
                sd += term;
                magnitude += Math.Abs(term);
            }

            var dj = Unsafe.Add(ref t, j) - Unsafe.Add(ref optimum, j);
            var slope = _slopeHi[j];
            loss += dj * (slope + sd);
            lossBound += Math.Abs(dj) * (Math.Abs(slope) + magnitude);
            if (!gradient.IsEmpty)
            {
                var g = slope + (2.0 * sd);
                gradient[j] = g;
                gradientBound = Math.Max(gradientBound, Math.Abs(slope) + (2.0 * magnitude));
                gradientLargest = Math.Max(gradientLargest, Math.Abs(g));
            }
        }

        // Forward error bound of the nested dot products (2p + 2 roundings deep), plus the roundings of d, S and g*:
        // when it is below FastPathTolerance of the result the double sum is kept, which is the usual case away from
        // the optimum; otherwise the expansion is redone in double-double, which costs tens of times as much.
        var unit = ((2 * p) + 6) * UnitRoundoff;
        if (unit * lossBound <= FastPathTolerance * Math.Abs(loss)
            && (gradient.IsEmpty || unit * gradientBound <= FastPathTolerance * gradientLargest))
        {
            // The loss is a mean of squares; a tiny negative value is rounding.
            return Math.Max(loss, 0.0);
        }

        return ExpandExactly(theta, gradient);
    }

    private double ExpandExactly(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        var p = ParameterCount;

        // θ − θ* is kept exactly as a double-double: its rounding error would otherwise be multiplied by S.
        Span<double> buffer = p <= 32 ? stackalloc double[2 * p] : new double[2 * p];
        var dHi = buffer[..p];
        var dLo = buffer[p..];
        for (var j = 0; j < p; j++)
        {
            var d = DoubleDouble.TwoSum(theta[j], -_optimum[j]);
            dHi[j] = d.Hi;
            dLo[j] = d.Lo;
        }

        var loss = new DoubleDouble(MinimumLoss, _minimumLo);
        for (var j = 0; j < p; j++)
        {
            var sd = new DoubleDouble(0.0, 0.0);
            var offset = j * p;
            for (var k = 0; k < p; k++)
            {
                sd += new DoubleDouble(_secondHi[offset + k], _secondLo[offset + k]) * new DoubleDouble(dHi[k], dLo[k]);
            }

            var slope = new DoubleDouble(_slopeHi[j], _slopeLo[j]);
            loss += (slope + sd) * new DoubleDouble(dHi[j], dLo[j]);
            if (!gradient.IsEmpty)
            {
                gradient[j] = (slope + sd + sd).Value;
            }
        }

        return Math.Max(loss.Value, 0.0);
    }

    private static DoubleDouble ResidualExact(ReadOnlySpan<double> row, ReadOnlySpan<double> theta, int p)
    {
        var r = new DoubleDouble(-row[p], 0.0);
        for (var j = 0; j < p; j++)
        {
            r += DoubleDouble.TwoProduct(row[j], theta[j]);
        }

        return r;
    }

    private static Statistics Moments(ReadOnlySpan<double> rows, int stride, int p, ReadOnlySpan<int> indices, int m)
    {
        var second = new DoubleDouble[p * p];
        var cross = new DoubleDouble[p];
        var square = new DoubleDouble(0.0, 0.0);
        for (var i = 0; i < m; i++)
        {
            var row = rows.Slice((indices.IsEmpty ? i : indices[i]) * stride, p + 1);
            var yi = row[p];
            for (var j = 0; j < p; j++)
            {
                cross[j] += DoubleDouble.TwoProduct(row[j], yi);
                for (var k = j; k < p; k++)
                {
                    second[(j * p) + k] += DoubleDouble.TwoProduct(row[j], row[k]);
                }
            }

            square += DoubleDouble.TwoProduct(yi, yi);
        }

        var secondHi = new double[p * p];
        var secondLo = new double[p * p];
        for (var j = 0; j < p; j++)
        {
            for (var k = j; k < p; k++)
            {
                var v = second[(j * p) + k] / m;
                secondHi[(j * p) + k] = secondHi[(k * p) + j] = v.Hi;
                secondLo[(j * p) + k] = secondLo[(k * p) + j] = v.Lo;
            }
        }

        return new Statistics(secondHi, secondLo, [.. cross.Select(c => (c / m).Value)], (square / m).Value);
    }

    private static Expansion ExpandAt(ReadOnlySpan<double> rows, int stride, int p, ReadOnlySpan<int> indices, int m, double[] optimum)
    {
        var slope = new DoubleDouble[p];
        var minimum = new DoubleDouble(0.0, 0.0);
        for (var i = 0; i < m; i++)
        {
            var row = rows.Slice((indices.IsEmpty ? i : indices[i]) * stride, p + 1);
            var residual = ResidualExact(row, optimum, p);
            minimum += residual * residual;
            for (var j = 0; j < p; j++)
            {
                slope[j] += residual * row[j];
            }
        }

        var slopeHi = new double[p];
        var slopeLo = new double[p];
        for (var j = 0; j < p; j++)
        {
            var g = (slope[j] + slope[j]) / m;
            slopeHi[j] = g.Hi;
            slopeLo[j] = g.Lo;
        }

        return new Expansion(slopeHi, slopeLo, minimum / m);
    }

    /// <summary>The minimum-norm least-squares solution through the SVD, for a Z the streaming QR found rank-deficient (or with fewer rows than columns).</summary>
    private static (double[] Optimum, int Rank) MinimumNorm(Matrix<double> z, Vector<double> y)
    {
        var p = z.ColumnCount;
        NumericGuard.RequireFinite(z.AsColumnMajorArray(), "the feature matrix");
        NumericGuard.RequireFinite(y.AsArray(), "the targets");
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

    private readonly record struct Statistics(double[] SecondHi, double[] SecondLo, double[] Cross, double MeanSquare);

    private readonly record struct Expansion(double[] SlopeHi, double[] SlopeLo, DoubleDouble Minimum);
}
