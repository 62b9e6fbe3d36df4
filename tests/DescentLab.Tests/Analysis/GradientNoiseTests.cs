using DescentLab.Analysis;
using DescentLab.Data;
using DescentLab.Models;
using DescentLab.Tests.Landscapes;

namespace DescentLab.Tests.Analysis;

public class GradientNoiseTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void At_SeedProblem_MatchesNumPy(int point)
    {
        var theta = SeedGolden.Array("analysis", "gradient_noise", point.ToString(System.Globalization.CultureInfo.InvariantCulture), "theta");
        var noise = GradientNoise.At(SeedGolden.Problem, theta);
        var gradient = SeedGolden.Array("analysis", "gradient_noise", point.ToString(System.Globalization.CultureInfo.InvariantCulture), "gradient");
        var trace = SeedGolden.Number("analysis", "gradient_noise", point.ToString(System.Globalization.CultureInfo.InvariantCulture), "covariance_trace");
        var scale = SeedGolden.Number("analysis", "gradient_noise", point.ToString(System.Globalization.CultureInfo.InvariantCulture), "noise_scale");

        // Both sum the same 100 per-sample gradients, in another order: agreement to 1e-12 relative of the largest.
        var largest = gradient.Max(Math.Abs);
        for (var j = 0; j < 3; j++)
        {
            Assert.Equal(gradient[j], noise.Gradient[j], 1e-12 * largest);
        }

        Assert.Equal(trace, noise.CovarianceTrace, 1e-12 * trace);
        Assert.Equal(scale, noise.NoiseScale, 1e-11 * scale);
        Assert.Equal(100, noise.SampleCount);
    }

    [Fact]
    public void At_Gradient_EqualsTheQuadraticFormsGradient()
    {
        var problem = SeedGolden.Problem;
        double[] theta = [1.5, -0.5, 4];
        var expected = new double[3];
        problem.FullData.EvaluateWithGradient(theta, expected);
        var noise = GradientNoise.At(problem, theta);
        for (var j = 0; j < 3; j++)
        {
            Assert.Equal(expected[j], noise.Gradient[j], 1e-10 * Math.Abs(expected[j]));
        }

        Assert.Equal(expected.Sum(g => g * g), noise.GradientNormSquared, 1e-10 * noise.GradientNormSquared);
    }

    [Fact]
    public void BatchGradientVariance_WithoutReplacement_EqualsTheAverageOverEveryBatch()
    {
        // Six samples, batches of two: average |g_B − G|² over all 15 batches exactly.
        var problem = new Problem(new Dataset(["x"], [[-2.0, -1, 0, 0.5, 1, 3]], "y", [4.0, 1, 0.5, -1, 2, 7]), 2);
        double[] theta = [0.3, 0.7, -0.2];
        var noise = GradientNoise.At(problem, theta);
        var batchGradient = new double[3];
        var sum = 0.0;
        var count = 0;
        for (var i = 0; i < 6; i++)
        {
            for (var k = i + 1; k < 6; k++)
            {
                problem.BatchLossAndGradient(theta, [i, k], batchGradient);
                sum += Enumerable.Range(0, 3).Sum(j => Math.Pow(batchGradient[j] - noise.Gradient[j], 2));
                count++;
            }
        }

        Assert.Equal(sum / count, noise.BatchGradientVariance(2), 1e-12 * sum / count);
        Assert.Equal(noise.CovarianceTrace / 2, noise.BatchGradientVariance(2, withoutReplacement: false), 1e-15);
        Assert.Equal(noise.CovarianceTrace, noise.BatchGradientVariance(1), 1e-15);
        Assert.Equal(0.0, noise.BatchGradientVariance(6));
    }

    [Fact]
    public void BatchGradientVariance_BatchLargerThanTheData_Throws()
    {
        var noise = GradientNoise.At(SeedGolden.Problem, [0.0, 0.0, 0.0]);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => noise.BatchGradientVariance(101));
        Assert.Equal("batchSize", error.ParamName);
        Assert.True(noise.BatchGradientVariance(101, withoutReplacement: false) > 0);
    }

    [Fact]
    public void At_WrongLength_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => GradientNoise.At(SeedGolden.Problem, [0.0, 0.0]));
        Assert.Equal("theta", error.ParamName);
    }
}
