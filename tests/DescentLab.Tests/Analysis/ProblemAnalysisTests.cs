using DescentLab.Analysis;
using DescentLab.Data;
using DescentLab.Models;
using DescentLab.Tests.Landscapes;

namespace DescentLab.Tests.Analysis;

public class ProblemAnalysisTests
{
    /// <summary>E[xᵏ] for x ~ U(−5, 3): (3ᵏ⁺¹ − (−5)ᵏ⁺¹)/(8(k + 1)).</summary>
    private static double UniformMoment(int k) => (Math.Pow(3, k + 1) - Math.Pow(-5, k + 1)) / (8.0 * (k + 1));

    /// <summary>The eigenvalues of 2·E[zzᵀ] for z = (x, x², 1), x ~ U(−5, 3), in DescentLab's parameter order.</summary>
    private static double[] LimitEigenvalues()
    {
        var m = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(new[,]
        {
            { 2 * UniformMoment(2), 2 * UniformMoment(3), 2 * UniformMoment(1) },
            { 2 * UniformMoment(3), 2 * UniformMoment(4), 2 * UniformMoment(2) },
            { 2 * UniformMoment(1), 2 * UniformMoment(2), 2 * UniformMoment(0) },
        });
        return [.. m.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric).EigenValues.Select(c => c.Real).OrderBy(v => v)];
    }

    /// <summary>H = diag(8, 2) from x = ±2 with an intercept: every derived number is known by hand.</summary>
    private static ProblemAnalysis Diagonal() => ProblemAnalysis.Analyze(new Problem(new Dataset(["x"], [[-2.0, 2.0]], "y", [1.0, 5.0]), 1));

    [Fact]
    public void Analyze_SeedProblem_EigenvaluesMatchNumPyEigh()
    {
        var analysis = ProblemAnalysis.Analyze(SeedGolden.Problem);
        var expected = SeedGolden.Array("analysis", "eigenvalues");

        // S is summed in another order than NumPy's BLAS product, a few ulps of its largest entry (about 300); symmetric
        // eigenvalues move by no more than that, about 1e-13, so 1e-9 absolute is safe and still catches a wrong matrix.
        Assert.Equal(3, analysis.Eigenvalues.Count);
        for (var k = 0; k < 3; k++)
        {
            Assert.Equal(expected[k], analysis.Eigenvalues[k], 1e-9);
        }

        Assert.Equal(expected[2] / expected[0], analysis.ConditionNumber, 1e-9 * analysis.ConditionNumber);
    }

    [Fact]
    public void Analyze_SeedProblem_EigenvectorsMatchNumPyEighUpToSign()
    {
        var analysis = ProblemAnalysis.Analyze(SeedGolden.Problem);
        var expected = SeedGolden.Matrix("analysis", "eigenvectors");
        for (var k = 0; k < 3; k++)
        {
            var dot = 0.0;
            for (var j = 0; j < 3; j++)
            {
                dot += expected[k][j] * analysis.Eigenvectors[k][j];
            }

            // Well-separated eigenvalues (gaps above 3) make the vectors as accurate as the values relative to the gap.
            Assert.Equal(1.0, Math.Abs(dot), 1e-9);
            Assert.True(analysis.Eigenvectors[k].MaxBy(Math.Abs) > 0);
        }
    }

    [Fact]
    public void Analyze_SeedProblem_OptimumHessianAndMinimumMatchNumPy()
    {
        var analysis = ProblemAnalysis.Analyze(SeedGolden.Problem);
        var optimum = SeedGolden.Array("analysis", "optimum");
        var hessian = SeedGolden.Matrix("analysis", "hessian");

        // θ* from two different QR solves of a system with condition number about 14: agreement to 1e-12 relative.
        for (var j = 0; j < 3; j++)
        {
            Assert.Equal(optimum[j], analysis.Optimum[j], 1e-12 * Math.Abs(optimum[j]));
            for (var k = 0; k < 3; k++)
            {
                Assert.Equal(hessian[j][k], analysis.Hessian[(j * 3) + k], 1e-12 * Math.Abs(hessian[j][k]));
            }
        }

        var minimum = SeedGolden.Number("analysis", "minimum_loss");
        Assert.Equal(minimum, analysis.MinimumLoss, 1e-12 * minimum);
    }

    [Fact]
    public void Analyze_DiagonalHessian_DerivedNumbersMatchHandValues()
    {
        var a = Diagonal();
        Assert.Equal(2.0, a.Eigenvalues[0], 14);
        Assert.Equal(8.0, a.Eigenvalues[1], 14);
        Assert.Equal(4.0, a.ConditionNumber, 13);
        Assert.Equal(0.25, a.StabilityBound, 14);
        Assert.Equal(0.2, a.BestConstantStep, 14);
        Assert.Equal(0.6, a.BestConstantRate, 14);

        // 4/(√8 + √2)² = 4/18; μ = ((2 − 1)/(2 + 1))² with √κ = 2.
        Assert.Equal(4.0 / 18.0, a.HeavyBallStep, 14);
        Assert.Equal(1.0 / 9.0, a.HeavyBallMomentum, 14);
        Assert.Equal(1.0 / 3.0, a.HeavyBallRate, 14);

        // y = 1 at x = −2 and 5 at x = 2 lie on y = x + 3.
        Assert.Equal(1.0, a.Optimum[0], 14);
        Assert.Equal(3.0, a.Optimum[1], 14);
        Assert.Equal(0.0, a.MinimumLoss, 14);
    }

    [Fact]
    public void Contractions_DiagonalHessian_AreOneMinusStepTimesCurvature()
    {
        var a = Diagonal();
        Assert.Equal([0.8, 0.2], a.Contractions(0.1), new ToleranceComparer(1e-14));
        Assert.Equal(0.8, a.SlowestContraction(0.1), 14);

        // Above the best step the steep direction is the slow one: |1 − 0.24·8| = 0.92.
        Assert.Equal(0.92, a.SlowestContraction(0.24), 14);
        Assert.Equal(a.BestConstantRate, a.SlowestContraction(a.BestConstantStep), 14);
        Assert.Equal(1.0, a.SlowestContraction(a.StabilityBound), 14);
        Assert.Equal(Math.Log(10) / (-2 * Math.Log(0.8)), a.StepsPerDecade(0.1), 12);
        Assert.Equal(double.PositiveInfinity, a.StepsPerDecade(0.3));
    }

    [Fact]
    public void SlowestContraction_NegativeLearningRate_Throws()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Diagonal().SlowestContraction(-1));
        Assert.StartsWith("Invalid learning rate: -1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BestConstantStep_GradientDescentOnSeedProblem_ContractsAtThePredictedRate()
    {
        var problem = SeedGolden.Problem;
        var a = ProblemAnalysis.Analyze(problem);
        var optimum = problem.FullData.Optimum.ToArray();
        double[] theta = [0.0, 0.0, 0.0];
        var gradient = new double[3];
        var start = Distance(theta, optimum);
        const int Steps = 200;
        for (var k = 0; k < Steps; k++)
        {
            problem.FullData.EvaluateWithGradient(theta, gradient);
            for (var j = 0; j < 3; j++)
            {
                theta[j] -= a.BestConstantStep * gradient[j];
            }
        }

        // The error's components shrink by |1 − ηλₖ| ≤ (κ−1)/(κ+1) each, so its norm does too; and the flattest
        // direction is not faster than its own factor, so the bound is nearly met.
        var bound = Math.Pow(a.BestConstantRate, Steps) * start;
        var end = Distance(theta, optimum);
        Assert.True(end <= bound * (1 + 1e-9), $"{end} above {bound}");
        Assert.True(end > bound * 1e-3, $"{end} far below {bound}: the rate is not the slowest direction's");
    }

    [Fact]
    public void StabilityBound_StepJustAbove_GradientDescentDiverges()
    {
        var problem = SeedGolden.Problem;
        var a = ProblemAnalysis.Analyze(problem);
        double[] theta = [0.0, 0.0, 0.0];
        var gradient = new double[3];
        for (var k = 0; k < 2000; k++)
        {
            problem.FullData.EvaluateWithGradient(theta, gradient);
            for (var j = 0; j < 3; j++)
            {
                theta[j] -= a.StabilityBound * 1.01 * gradient[j];
            }
        }

        Assert.True(problem.Loss(theta) > 1e6, $"loss {problem.Loss(theta)}");
    }

    [Fact]
    public void Analyze_LargeMidpointSample_ApproachesTheUniformMoments()
    {
        const int N = 200_000;
        var x = new double[N];
        var y = new double[N];
        for (var i = 0; i < N; i++)
        {
            x[i] = -5 + (8.0 * (i + 0.5) / N);
            y[i] = (3 * x[i] * x[i]) + (10 * x[i]) - 2;
        }

        var a = ProblemAnalysis.Analyze(new Problem(new Dataset(["x"], [x], "y", y), 2));
        var limit = LimitEigenvalues();

        // The midpoint rule's error for these polynomial moments is O(1/N²), about 1e-10 relative at this N.
        for (var k = 0; k < 3; k++)
        {
            Assert.Equal(limit[k], a.Eigenvalues[k], 1e-9 * limit[k]);
        }
    }

    /// <summary>
    /// A constant x makes the features x, x², 1 one direction (rank 1 of 3, eigenvalues 0, 0, 6). analyze said GD at lr
    /// 0.001 contracts by 1 per step and never shrinks the excess loss; it shrinks tenfold every 191.3 steps, as the
    /// nonzero eigenvalue sets, and gradient descent on the problem shows it.
    /// </summary>
    [Fact]
    public void Analyze_LinearlyDependentFeatures_RatesFromTheSmallestNonzeroEigenvalueAsGradientDescentShows()
    {
        var problem = new Problem(new Dataset(["x"], [[1.0, 1.0, 1.0]], "y", [2.0, 3.0, 4.0]), 2);

        var a = ProblemAnalysis.Analyze(problem);

        Assert.Equal(1, a.Rank);
        Assert.Equal(0, a.SmallestEigenvalue);
        Assert.Equal(double.PositiveInfinity, a.ConditionNumber);
        Assert.Equal("λmin⁺", a.FlattestName);
        Assert.Equal(6, a.FlattestCurvature, 1e-12);
        Assert.Equal(1.0 / 6, a.BestConstantStep, 1e-12);
        var lr = 0.001;
        var steps = a.StepsPerDecade(lr);
        Assert.Equal(Math.Log(10) / (-2 * Math.Log(0.994)), steps, 1e-9);

        // Full-batch gradient descent from (0.3, −0.2, 0.1): the excess loss after 2·191 steps is 10⁻² of the start's.
        var theta = new[] { 0.3, -0.2, 0.1 };
        var gradient = new double[3];
        var start = problem.FullData.Evaluate(theta) - a.MinimumLoss;
        for (var k = 0; k < 382; k++)
        {
            problem.FullData.EvaluateWithGradient(theta, gradient);
            for (var j = 0; j < 3; j++)
            {
                theta[j] -= lr * gradient[j];
            }
        }

        var ratio = (problem.FullData.Evaluate(theta) - a.MinimumLoss) / start;
        Assert.Equal(Math.Pow(0.994, 2 * 382), ratio, 1e-9);
        Assert.InRange(Math.Log10(ratio), (-382 / steps) - 1e-6, (-382 / steps) + 1e-6);
    }

    [Fact]
    public void Analyze_LargeUniformSample_ApproachesTheSeedSpectrum()
    {
        var limit = LimitEigenvalues();
        Assert.Equal(0.97, limit[0], 0.005);
        Assert.Equal(5.65, limit[1], 0.005);
        Assert.Equal(176.4, limit[2], 0.05);
        Assert.Equal(181.3, limit[2] / limit[0], 0.05);

        const int N = 1_000_000;
        var random = new Random(20181206);
        var x = new double[N];
        var y = new double[N];
        for (var i = 0; i < N; i++)
        {
            x[i] = -5 + (8.0 * random.NextDouble());
            y[i] = (3 * x[i] * x[i]) + (10 * x[i]) - 2 + random.NextDouble();
        }

        var a = ProblemAnalysis.Analyze(new Problem(new Dataset(["x"], [x], "y", y), 2));

        // Sample moments up to x⁴ have relative standard errors below 0.2% at this n; 2% is ten of them.
        for (var k = 0; k < 3; k++)
        {
            Assert.Equal(limit[k], a.Eigenvalues[k], 0.02 * limit[k]);
        }

        Assert.Equal(limit[2] / limit[0], a.ConditionNumber, 0.04 * a.ConditionNumber);
    }

    private static double Distance(double[] a, double[] b) => Math.Sqrt(a.Zip(b, (u, v) => (u - v) * (u - v)).Sum());

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
