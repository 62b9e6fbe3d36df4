using CsCheck;
using DescentLab.Data;
using DescentLab.Models;

namespace DescentLab.Tests.Models;

public class ProblemPropertyTests
{
    [Fact]
    public void BatchLossAndGradient_RandomBatch_MatchesCentralDifferences()
    {
        var cases =
            from problem in RandomProblems.Any
            from theta in RandomProblems.Uniform(-3, 3).Array[problem.ParameterCount]
            from batch in RandomProblems.Batch(problem.SampleCount)
            select (problem, theta, batch);

        cases.Sample((problem, theta, batch) =>
        {
            var p = problem.ParameterCount;
            var gradient = new double[p];
            var scratch = new double[p];
            var loss = problem.BatchLossAndGradient(theta, batch, gradient);
            for (var j = 0; j < p; j++)
            {
                // The batch loss is quadratic in θ, so the central difference has no truncation error and only rounding
                // remains: about ε·L(θ ± h·eⱼ)/h. The step h = √(L / a) with a = mean zⱼ² (the curvature along eⱼ,
                // halved) balances the loss's growth h²a against 1/h, which leaves an error near ε·√(L·a).
                var a = MeanSquareFeature(problem, batch, j);
                var scale = 2 * Math.Sqrt(loss * a);
                if (scale == 0)
                {
                    // Every residual is zero, or feature j is zero on the whole batch: the component is exactly zero.
                    Assert.Equal(0.0, gradient[j]);
                    continue;
                }

                var h = Math.Sqrt(loss / a);
                var step = theta.ToArray();
                step[j] = theta[j] + h;
                var plus = problem.BatchLossAndGradient(step, batch, scratch);
                step[j] = theta[j] - h;
                var minus = problem.BatchLossAndGradient(step, batch, scratch);
                var difference = (plus - minus) / ((theta[j] + h) - (theta[j] - h));

                // |gⱼ| ≤ 2√(L·a) by Cauchy–Schwarz, so 2√(L·a) is the component's natural scale; a component that
                // happens to cancel towards zero cannot be measured more finely than that by any difference quotient.
                // The expected error is a few hundred ε of that scale at most (200 rows; worst seen over 20 000 cases:
                // 2e-13), so 1e-6 leaves a wide margin while still catching a wrong factor or sign in a component.
                Assert.True(
                    Math.Abs(difference - gradient[j]) <= 1e-6 * scale,
                    $"component {j}: analytic {gradient[j]:R}, difference {difference:R}, scale {scale:R}");
            }
        }, iter: 300);
    }

    [Fact]
    public void BatchLossAndGradient_AllSamples_LossEqualsDirectLoss()
    {
        var cases =
            from problem in RandomProblems.Any
            from theta in RandomProblems.Uniform(-3, 3).Array[problem.ParameterCount]
            select (problem, theta);

        cases.Sample((problem, theta) =>
        {
            var all = Enumerable.Range(0, problem.SampleCount).ToArray();
            var loss = problem.BatchLossAndGradient(theta, all, new double[problem.ParameterCount]);

            // Both sum the same squared residuals in the same order; away from the optimum the residuals do not cancel,
            // so the two agree to a few ε.
            Assert.Equal(problem.DirectLoss(theta), loss, 1e-12 * Math.Abs(loss));
        }, iter: 200);
    }

    private static double MeanSquareFeature(Problem problem, int[] batch, int j)
    {
        var sum = 0.0;
        foreach (var i in batch)
        {
            var z = problem.Rows[(i * problem.RowStride) + j];
            sum += z * z;
        }

        return sum / batch.Length;
    }
}

/// <summary>CsCheck generators of random regression problems shared by the model property tests.</summary>
internal static class RandomProblems
{
    /// <summary>
    /// Problems with 1 or 2 input columns, degree 1..4, n = 3..200, |x| ≤ 5, and y = Zθ_true + noise with noise of a
    /// random scale from 1e-6 (a near-perfect fit) to 10; θ_true's intercept has magnitude 1..3 so that y is not tiny. Small n with a high degree gives p &gt; n (rank-deficient).
    /// </summary>
    public static readonly Gen<Problem> Any =
        from columns in Gen.Int[1, 2]
        from degree in Gen.Int[1, 4]
        from n in Gen.Int[3, 200]
        from noise in Gen.OneOfConst(1e-6, 1e-2, 1.0, 10.0)
        from problem in Of(columns, degree, n, noise)
        select problem;

    /// <summary>
    /// Near-perfect fits: noise of about 1e-6 with n ≥ 2p, so that L* ≈ 1e-13 while s = mean y² is of order 1 or more,
    /// the case where the expanded form θᵀSθ − 2rᵀθ + s cancels catastrophically.
    /// </summary>
    public static readonly Gen<Problem> NearPerfectFit =
        from columns in Gen.Int[1, 2]
        from degree in Gen.Int[1, 4]
        from n in Gen.Int[(2 * ((columns * degree) + 1)) + 1, 200]
        from problem in Of(columns, degree, n, 1e-6)
        select problem;

    /// <summary>Doubles uniform on [<paramref name="low"/>, <paramref name="high"/>).</summary>
    /// <remarks>
    /// CsCheck's <c>Gen.Double[a, b]</c> favours special values: about a quarter of its draws are below 1e-6 in
    /// magnitude and another quarter are integers. As x values that makes near-coincident samples (x = 1e-60 next to
    /// x = 4e-13) whose least-squares optimum is of order 1e13, a degenerate design rather than the moderate data
    /// these laws are stated for; so data and parameters are drawn uniformly instead.
    /// </remarks>
    public static Gen<double> Uniform(double low, double high) => Gen.Double.Unit.Select(u => low + ((high - low) * u));

    /// <summary>A batch of 1..n sample indices drawn with replacement, as a with-replacement sampler may draw.</summary>
    public static Gen<int[]> Batch(int sampleCount) => Gen.Int[0, sampleCount - 1].Array[1, sampleCount];

    private static Gen<Problem> Of(int columns, int degree, int n, double noise) =>
        from xs in Uniform(-5, 5).Array[columns * n]
        from slopes in RandomProblems.Uniform(-3, 3).Array[columns * degree]
        from intercept in Uniform(1, 3)
        from sign in Gen.OneOfConst(-1.0, 1.0)
        from epsilon in Uniform(-1, 1).Array[n]
        select Build(columns, degree, n, xs, [.. slopes, sign * intercept], epsilon, noise);

    private static Problem Build(int columns, int degree, int n, double[] xs, double[] thetaTrue, double[] epsilon, double noise)
    {
        var names = columns == 1 ? new[] { "x" } : ["x1", "x2"];
        var inputs = Enumerable.Range(0, columns).Select(c => xs.AsSpan(c * n, n).ToArray()).ToArray();
        var placeholder = new Problem(new Dataset(names, inputs, "y", new double[n]), degree);
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            y[i] = placeholder.Predict(thetaTrue, i) + (noise * epsilon[i]);
        }

        return new Problem(new Dataset(names, inputs, "y", y), degree);
    }
}
