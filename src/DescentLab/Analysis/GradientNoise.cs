using DescentLab.Models;

namespace DescentLab.Analysis;

/// <summary>How noisy minibatch gradients are at one point: the spread of the per-sample gradients around the full gradient.</summary>
/// <remarks>
/// With per-sample gradients gᵢ = 2(zᵢᵀθ − yᵢ)zᵢ and the full gradient G = (1/n)Σgᵢ, Σ = (1/n)Σ(gᵢ − G)(gᵢ − G)ᵀ is
/// the covariance over the dataset taken as the whole population. The simple noise scale B_simple = tr Σ/|G|²
/// (McCandlish et al., 2018, "An Empirical Model of Large-Batch Training") is the batch size at which the batch
/// gradient's noise is as large as the gradient itself.
/// </remarks>
public sealed class GradientNoise
{
    private readonly double[] _gradient;

    private GradientNoise(double[] gradient, double covarianceTrace, int sampleCount)
    {
        _gradient = gradient;
        CovarianceTrace = covarianceTrace;
        SampleCount = sampleCount;
        var norm = 0.0;
        foreach (var g in gradient)
        {
            norm += g * g;
        }

        GradientNormSquared = norm;
        NoiseScale = norm > 0 ? covarianceTrace / norm : double.PositiveInfinity;
    }

    /// <summary>The full-data gradient G.</summary>
    public IReadOnlyList<double> Gradient => _gradient;

    /// <summary>|G|².</summary>
    public double GradientNormSquared { get; }

    /// <summary>tr Σ = (1/n)Σ|gᵢ − G|², the total variance of one sample's gradient.</summary>
    public double CovarianceTrace { get; }

    /// <summary>The simple noise scale tr Σ/|G|²; infinite at the optimum, where G = 0.</summary>
    public double NoiseScale { get; }

    /// <summary>The number of samples n.</summary>
    public int SampleCount { get; }

    /// <summary>The gradient noise of <paramref name="problem"/>'s full-data loss at <paramref name="theta"/>, in two passes over the data.</summary>
    public static GradientNoise At(Problem problem, ReadOnlySpan<double> theta)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var p = problem.ParameterCount;
        if (theta.Length != p)
        {
            throw new ArgumentException($"theta: {theta.Length} values for {p} parameters.", nameof(theta));
        }

        var n = problem.SampleCount;
        var rows = problem.Rows;
        var stride = problem.RowStride;
        var gradient = new double[p];
        for (var i = 0; i < n; i++)
        {
            var row = rows.Slice(i * stride, stride);
            var r = Residual(row, theta, p);
            for (var j = 0; j < p; j++)
            {
                gradient[j] += 2.0 * r * row[j];
            }
        }

        for (var j = 0; j < p; j++)
        {
            gradient[j] /= n;
        }

        // A second pass around G rather than E|g|² − |G|², which cancels when the noise is small against the gradient.
        var trace = 0.0;
        for (var i = 0; i < n; i++)
        {
            var row = rows.Slice(i * stride, stride);
            var r = Residual(row, theta, p);
            for (var j = 0; j < p; j++)
            {
                var d = (2.0 * r * row[j]) - gradient[j];
                trace += d * d;
            }
        }

        return new GradientNoise(gradient, trace / n, n);
    }

    /// <summary>E|g_B − G|², the expected squared error of the mean gradient of a batch of <paramref name="batchSize"/> samples.</summary>
    /// <remarks>
    /// tr Σ/B for samples drawn with replacement; drawn without replacement (as a shuffled or sequential epoch does) the
    /// finite-population correction (n − B)/(n − 1) applies, which is 0 for the full batch.
    /// </remarks>
    public double BatchGradientVariance(int batchSize, bool withoutReplacement = true)
    {
        if (batchSize < 1 || (withoutReplacement && batchSize > SampleCount))
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"batchSize: must be between 1 and {SampleCount}.");
        }

        var variance = CovarianceTrace / batchSize;
        return withoutReplacement
            ? SampleCount == 1 ? 0.0 : variance * (SampleCount - batchSize) / (SampleCount - 1)
            : variance;
    }

    private static double Residual(ReadOnlySpan<double> row, ReadOnlySpan<double> theta, int p)
    {
        var r = -row[p];
        for (var j = 0; j < p; j++)
        {
            r += row[j] * theta[j];
        }

        return r;
    }
}
