using CsCheck;
using DescentLab.Data;
using DescentLab.Models;

namespace DescentLab.Tests.Models;

public class ProblemTests
{
    private static Dataset Line() => new(["x"], [[0.0, 1.0, 2.0, 3.0]], "y", [1.0, 3.0, 5.0, 7.5]);

    [Fact]
    public void ParameterNames_DegreeTwo_FollowLinearOnXThenXSquaredThenBias()
    {
        var problem = new Problem(Line(), 2);
        Assert.Equal(["x", "x^2", "1"], problem.ParameterNames);
    }

    [Fact]
    public void ParameterNames_TwoColumns_UseHeaderNames()
    {
        var data = new Dataset(["x1", "x2"], [[0.0, 1, 2, 3], [1.0, 0, 1, 0]], "y", [1.0, 2, 3, 4]);
        Assert.Equal(["x1", "x1^2", "x1^3", "x2", "x2^2", "x2^3", "1"], new Problem(data, 3).ParameterNames);
    }

    [Fact]
    public void BatchLossAndGradient_KnownPoint_MatchesHandComputedValues()
    {
        var problem = new Problem(Line(), 1);
        Span<double> gradient = stackalloc double[2];
        // θ = (x: 2, 1: 1): predictions 1, 3, 5, 7; residuals 0, 0, 0, -0.5.
        var loss = problem.BatchLossAndGradient([2.0, 1.0], [0, 1, 2, 3], gradient);
        Assert.Equal(0.0625, loss, 15);
        Assert.Equal(2.0 / 4 * (-0.5 * 3), gradient[0], 15);
        Assert.Equal(2.0 / 4 * -0.5, gradient[1], 15);
    }

    [Fact]
    public void Loss_AtOptimum_EqualsDirectSum()
    {
        var problem = new Problem(Line(), 1);
        var optimum = problem.FullData.Optimum.ToArray();
        Assert.Equal(problem.DirectLoss(optimum), problem.Loss(optimum), 14);
        // Least squares through (0,1) (1,3) (2,5) (3,7.5): slope 2.15, intercept 0.9.
        Assert.Equal(2.15, optimum[0], 12);
        Assert.Equal(0.9, optimum[1], 12);
    }

    [Fact]
    public void BatchLossAndGradient_PackedRows_EqualNaiveSumsWithinRounding()
    {
        Gen.Select(Gen.Int[1, 2], Gen.Int[2, 40], Gen.UInt).Sample((degree, n, seed) =>
        {
            var random = new Random((int)seed);
            var x = Enumerable.Range(0, n).Select(_ => (random.NextDouble() * 8) - 5).ToArray();
            var y = x.Select(v => (3 * v * v) + v + random.NextDouble()).ToArray();
            var problem = new Problem(new Dataset(["x"], [x], "y", y), degree);
            var p = problem.ParameterCount;
            var theta = Enumerable.Range(0, p).Select(_ => random.NextDouble() * 4).ToArray();
            var batch = Enumerable.Range(0, 1 + random.Next(n)).Select(_ => random.Next(n)).ToArray();
            var gradient = new double[p];
            var loss = problem.BatchLossAndGradient(theta, batch, gradient);

            var expectedLoss = 0.0;
            var expectedGradient = new double[p];
            var features = new double[p];
            foreach (var i in batch)
            {
                problem.Features([x[i]], features);
                var r = features.Select((f, j) => f * theta[j]).Sum() - y[i];
                expectedLoss += r * r / batch.Length;
                for (var j = 0; j < p; j++)
                {
                    expectedGradient[j] += 2 * r * features[j] / batch.Length;
                }
            }

            var scale = 1 + expectedGradient.Max(Math.Abs);
            return Math.Abs(loss - expectedLoss) <= 1e-12 * expectedLoss
                && expectedGradient.Select((g, j) => Math.Abs(g - gradient[j])).Max() <= 1e-12 * scale;
        });
    }

    [Fact]
    public void BatchLossAndGradient_IndexOutsideData_Throws()
    {
        var problem = new Problem(Line(), 2);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => problem.BatchLossAndGradient([0.0, 0, 0], [0, 4], new double[3]));
        Assert.Contains("Sample index 4 is outside 0..3", error.Message, StringComparison.Ordinal);
    }
}
