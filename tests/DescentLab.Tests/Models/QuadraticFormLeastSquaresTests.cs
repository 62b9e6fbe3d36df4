using CsCheck;
using DescentLab.Data;
using DescentLab.Models;
using MathNet.Numerics.LinearAlgebra;

namespace DescentLab.Tests.Models;

/// <summary>The blocked Householder least-squares solve behind <see cref="QuadraticForm"/>'s optimum.</summary>
public class QuadraticFormLeastSquaresTests
{
    private static Matrix<double> Design(Problem problem, int[] samples)
    {
        var p = problem.ParameterCount;
        var z = Matrix<double>.Build.Dense(samples.Length, p);
        Span<double> features = stackalloc double[p];
        for (var i = 0; i < samples.Length; i++)
        {
            problem.Features([problem.Data.Input(0)[samples[i]]], features);
            for (var j = 0; j < p; j++)
            {
                z[i, j] = features[j];
            }
        }

        return z;
    }

    [Fact]
    public void Optimum_RandomDataAcrossSeveralBlocks_EqualsOneQrOfTheWholeDesign()
    {
        var gen =
            from degree in Gen.Int[1, 4]
            from n in Gen.Int[degree + 2, 1200]
            from seed in Gen.Int
            select (n, degree, seed);
        gen.Sample(t =>
        {
            var random = new Random(t.seed);
            var x = Enumerable.Range(0, t.n).Select(_ => -5 + (8 * random.NextDouble())).ToArray();
            var y = x.Select(v => (3 * v * v) + (10 * v) - 2 + (4 * random.NextDouble())).ToArray();
            var problem = new Problem(new Dataset(["x"], [x], "y", y), t.degree);
            int[] all = [.. Enumerable.Range(0, t.n)];
            var expected = Design(problem, all).QR().Solve(Vector<double>.Build.DenseOfArray(y));
            var actual = problem.FullData.Optimum;

            // Both are backward-stable QR solves; they differ by rounding times the condition number of Z (up to about
            // 1e5 for degree 4 on [−5, 3]), so 1e-8 of the optimum's size.
            var size = expected.AbsoluteMaximum();
            for (var j = 0; j < actual.Length; j++)
            {
                Assert.True(Math.Abs(expected[j] - actual[j]) <= 1e-8 * size, $"θ[{j}]: {actual[j]:R} vs {expected[j]:R}");
            }

            Assert.Equal(problem.FullData.ParameterCount, problem.FullData.Rank);
        }, iter: 60);
    }

    [Fact]
    public void Optimum_ExactPolynomial_IsRecoveredWithZeroLoss()
    {
        var x = Enumerable.Range(0, 1000).Select(i => (i - 500) / 100.0).ToArray();
        var y = x.Select(v => 1 + (2 * v) - (3 * v * v)).ToArray();
        var form = new Problem(new Dataset(["x"], [x], "y", y), 2).FullData;
        Assert.Equal(2.0, form.Optimum[0], 12);
        Assert.Equal(-3.0, form.Optimum[1], 12);
        Assert.Equal(1.0, form.Optimum[2], 12);
        Assert.True(form.MinimumLoss < 1e-20, $"L* = {form.MinimumLoss}");
    }

    [Fact]
    public void Optimum_BatchOfOnlySomeSamples_UsesThoseSamplesOnly()
    {
        // Samples 1 and 3 lie on y = 2x + 1; the others do not.
        var problem = new Problem(new Dataset(["x"], [[0.0, 1, 2, 3, 4]], "y", [9.0, 3, -4, 7, 0]), 1);
        var form = problem.BatchForm([3, 1]);
        Assert.Equal(2.0, form.Optimum[0], 13);
        Assert.Equal(1.0, form.Optimum[1], 13);
        Assert.Equal(2, form.Rank);
    }

    [Fact]
    public void Optimum_ConstantInput_FallsBackToTheMinimumNormSolution()
    {
        // x is constant 2, so its column is twice the intercept's: the minimum-norm fit of mean 5 splits as 2:1.
        var problem = new Problem(new Dataset(["x"], [[2.0, 2, 2, 2]], "y", [4.0, 6, 5, 5]), 1);
        var form = problem.FullData;
        Assert.Equal(1, form.Rank);
        Assert.Equal(2.0, form.Optimum[0], 12);
        Assert.Equal(1.0, form.Optimum[1], 12);
        Assert.Equal(0.5, form.MinimumLoss, 12);
    }
}
