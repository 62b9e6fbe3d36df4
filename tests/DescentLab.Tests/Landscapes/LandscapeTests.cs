using CsCheck;
using DescentLab.Data;
using DescentLab.Landscapes;
using DescentLab.Models;
using MathNet.Numerics.LinearAlgebra;

namespace DescentLab.Tests.Landscapes;

public class LandscapeTests
{
    // The golden surfaces are NumPy's direct sums over 100 samples, each term rounded once; ours come from sufficient
    // statistics. Both are accurate to a few ulps of the largest term times the condition of the sum, about 1e-13
    // here, so 1e-9 relative leaves room for a different summation order without hiding a wrong formula.
    private const double Relative = 1e-9;

    private static readonly Dictionary<string, double> CAtMinusTwo = new() { ["1"] = -2.0 };

    private static LandscapePlane SeedPlane(LandscapeKind kind = LandscapeKind.Slice) => new(
        "x^2",
        "x",
        GridAxis.FromValues(SeedGolden.Array("seed_grid", "a_axis")),
        GridAxis.FromValues(SeedGolden.Array("seed_grid", "b_axis")),
        kind,
        CAtMinusTwo);

    private static LandscapePlane ContourPlane(LandscapeKind kind) => new(
        "x^2",
        "x",
        GridAxis.FromValues(SeedGolden.Array("contour_grid", "a_axis")),
        GridAxis.FromValues(SeedGolden.Array("contour_grid", "b_axis")),
        kind,
        new Dictionary<string, double> { ["1"] = SeedGolden.CHat });

    /// <summary>Asserts a surface equals NumPy's errors[i][j] (i over x^2, j over x).</summary>
    private static void AssertMatches(double[][] expected, Surface actual)
    {
        Assert.Equal(expected.Length, actual.XCount);
        Assert.Equal(expected[0].Length, actual.YCount);
        for (var i = 0; i < actual.XCount; i++)
        {
            for (var j = 0; j < actual.YCount; j++)
            {
                var e = expected[i][j];
                Assert.True(
                    Math.Abs(actual[i, j] - e) <= Relative * Math.Abs(e),
                    $"at ({i}, {j}): expected {e:R}, got {actual[i, j]:R}");
            }
        }
    }

    [Fact]
    public void Evaluate_SeedGridAtCMinusTwo_MatchesNumPy()
    {
        var surface = Landscape.Evaluate(SeedGolden.Problem, SeedPlane());
        Assert.Equal(40, surface.XCount);
        Assert.Equal(40, surface.YCount);
        AssertMatches(SeedGolden.Matrix("seed_grid", "full"), surface);
        Assert.Equal(-2.0, surface.FixedValues["1"]);
        Assert.Equal(100, surface.SampleCount);
    }

    [Fact]
    public void EvaluateBatches_SeedMinibatchesAtCMinusTwo_MatchNumPy()
    {
        var surfaces = Landscape.EvaluateBatches(SeedGolden.Problem, SeedGolden.SequentialBatches(), SeedPlane());
        var expected = SeedGolden.Matrices("seed_grid", "batches");
        Assert.Equal(4, surfaces.Count);
        for (var k = 0; k < 4; k++)
        {
            AssertMatches(expected[k], surfaces[k]);
            Assert.Equal(25, surfaces[k].SampleCount);
        }
    }

    [Fact]
    public void EvaluateBatches_SeedMinibatchProfiles_MatchNumPy()
    {
        var surfaces = Landscape.EvaluateBatches(SeedGolden.Problem, SeedGolden.SequentialBatches(), SeedPlane(LandscapeKind.Profile));
        var expected = SeedGolden.Matrices("seed_grid", "batch_profiles");
        for (var k = 0; k < 4; k++)
        {
            AssertMatches(expected[k], surfaces[k]);
            Assert.Empty(surfaces[k].FixedValues);
        }
    }

    [Fact]
    public void Evaluate_ContourGridAtCHat_MatchesNumPy()
    {
        var surface = Landscape.Evaluate(SeedGolden.Problem, ContourPlane(LandscapeKind.Slice));
        Assert.Equal(40, surface.XCount);
        Assert.Equal(60, surface.YCount);
        AssertMatches(SeedGolden.Matrix("contour_grid", "slice"), surface);
    }

    [Fact]
    public void Evaluate_ContourGridProfile_MatchesNumPy()
    {
        var surface = Landscape.Evaluate(SeedGolden.Problem, ContourPlane(LandscapeKind.Profile));
        AssertMatches(SeedGolden.Matrix("contour_grid", "profile"), surface);
    }

    [Fact]
    public void EvaluateDirect_SeedGrids_MatchNumPy()
    {
        var problem = SeedGolden.Problem;
        AssertMatches(SeedGolden.Matrix("contour_grid", "slice"), Landscape.EvaluateDirect(problem, ContourPlane(LandscapeKind.Slice)));
        AssertMatches(SeedGolden.Matrix("contour_grid", "profile"), Landscape.EvaluateDirect(problem, ContourPlane(LandscapeKind.Profile)));
        AssertMatches(SeedGolden.Matrices("seed_grid", "batches")[2], Landscape.EvaluateDirect(problem, SeedPlane(), [.. Enumerable.Range(50, 25)]));
    }

    [Fact]
    public void Evaluate_ContourGrid_ProfileIsNotAboveSliceAnywhere()
    {
        var slice = Landscape.Evaluate(SeedGolden.Problem, ContourPlane(LandscapeKind.Slice));
        var profile = Landscape.Evaluate(SeedGolden.Problem, ContourPlane(LandscapeKind.Profile));
        var below = 0;
        for (var k = 0; k < slice.Values.Length; k++)
        {
            Assert.True(profile.Values[k] <= slice.Values[k] * (1 + 1e-12), $"point {k}: profile {profile.Values[k]} above slice {slice.Values[k]}");
            below += profile.Values[k] < slice.Values[k] * (1 - 1e-6) ? 1 : 0;
        }

        // c = ĉ is optimal only along one line of the plane; almost everywhere else the profile is strictly lower.
        Assert.True(below > slice.Values.Length * 9 / 10, $"only {below} points strictly below");
    }

    [Fact]
    public void Evaluate_SliceAtOptimalFixedValue_EqualsProfile()
    {
        var problem = SeedGolden.Problem;
        var x = problem.Data.Input(0).ToArray();
        var y = problem.Data.Output.ToArray();
        Gen.Double[-1, 4].Select(Gen.Double[-2, 12]).Sample((a, b) =>
        {
            // For fixed (a, b) the best intercept is the mean residual.
            var c = Enumerable.Range(0, x.Length).Average(i => y[i] - (a * x[i] * x[i]) - (b * x[i]));
            var at = new Dictionary<string, double> { ["1"] = c };
            var slice = Landscape.Evaluate(problem, new LandscapePlane("x^2", "x", GridAxis.FromValues([a]), GridAxis.FromValues([b]), LandscapeKind.Slice, at));
            var profile = Landscape.Evaluate(problem, new LandscapePlane("x^2", "x", GridAxis.FromValues([a]), GridAxis.FromValues([b]), LandscapeKind.Profile));
            Assert.Equal(1, slice.Values.Length);
            Assert.True(Math.Abs(slice[0, 0] - profile[0, 0]) <= 1e-10 * profile[0, 0], $"slice {slice[0, 0]:R} profile {profile[0, 0]:R}");
        }, iter: 200);
    }

    [Fact]
    public void Evaluate_SliceWithoutFixedValues_HoldsOthersAtOptimum()
    {
        var problem = SeedGolden.Problem;
        var plane = new LandscapePlane("x", "1", GridAxis.Linear(0, 20, 5), GridAxis.Linear(-5, 5, 3), LandscapeKind.Slice);
        var surface = Landscape.Evaluate(problem, plane);
        Assert.Equal(problem.FullData.Optimum[1], surface.FixedValues["x^2"]);
        Assert.Single(surface.FixedValues);
        Span<double> theta = [15.0, problem.FullData.Optimum[1], 0.0];
        Assert.Equal(problem.DirectLoss(theta), surface[3, 1], 1e-9 * problem.DirectLoss(theta));
    }

    [Fact]
    public void Evaluate_BatchFormSliceWithoutFixedValues_HoldsOthersAtTheBatchOptimum()
    {
        var problem = SeedGolden.Problem;
        var form = problem.BatchForm([.. Enumerable.Range(25, 25)]);
        var plane = new LandscapePlane("x^2", "x", GridAxis.Linear(2, 4, 3), GridAxis.Linear(8, 12, 3), LandscapeKind.Slice);
        var surface = Landscape.Evaluate(form, problem.ParameterNames, plane);
        Assert.Equal(form.Optimum[2], surface.FixedValues["1"]);
        Assert.NotEqual(problem.FullData.Optimum[2], surface.FixedValues["1"]);

        // Batch surfaces of a problem share the full-data plane instead.
        var batch = Landscape.EvaluateBatches(problem, [[.. Enumerable.Range(25, 25)]], plane)[0];
        Assert.Equal(problem.FullData.Optimum[2], batch.FixedValues["1"]);
    }

    [Fact]
    public void Values_AreRowMajorWithOneRowPerYValue()
    {
        var plane = new LandscapePlane("x^2", "x", GridAxis.Linear(2, 4, 3), GridAxis.Linear(8, 12, 2), LandscapeKind.Slice, CAtMinusTwo);
        var surface = Landscape.Evaluate(SeedGolden.Problem, plane);
        Assert.Equal([2.0, 3.0, 4.0], surface.XValues.ToArray());
        Assert.Equal([8.0, 12.0], surface.YValues.ToArray());
        Assert.Equal(6, surface.Values.Length);
        var loss = SeedGolden.Problem.DirectLoss([12.0, 3.0, -2.0]);
        Assert.Equal(loss, surface.Values[(1 * 3) + 1], loss * 1e-9);
        Assert.Equal(surface.Values[(1 * 3) + 1], surface[1, 1]);
        Assert.Equal(surface.Values[2], surface[2, 0]);
        Assert.Equal(surface.Values.ToArray().Min(), surface.Minimum);
        Assert.Equal(surface.Values.ToArray().Max(), surface.Maximum);
        Assert.Throws<ArgumentOutOfRangeException>(() => surface[3, 0]);
    }

    [Fact]
    public void Evaluate_RandomProblemsAndPlanes_EqualDirectSummation()
    {
        var gen =
            from n in Gen.Int[1, 30]
            from degree in Gen.Int[1, 3]
            // Inputs on a grid of 0.01: repeated values make rank-deficient batches, but no 1e-300-sized columns.
            from x in Gen.Int[-300, 300].Select(i => i / 100.0).Array[n]
            from y in Gen.Int[-1000, 1000].Select(i => i / 100.0).Array[n]
            from pick in Gen.Int[0, 1000]
            from profile in Gen.Bool
            from batch in Gen.Bool
            select (n, degree, x, y, pick, profile, batch);
        gen.Sample(t =>
        {
            var problem = new Problem(new Dataset(["x"], [t.x], "y", t.y), t.degree);
            var names = problem.ParameterNames;
            var xi = t.pick % names.Count;
            var yi = (xi + 1 + (t.pick / names.Count % (names.Count - 1))) % names.Count;
            var fixedValues = names.ToDictionary(n => n, n => 0.5);
            var plane = new LandscapePlane(names[xi], names[yi], GridAxis.Linear(-2, 3, 6), GridAxis.Linear(-1, 4, 7), t.profile ? LandscapeKind.Profile : LandscapeKind.Slice, fixedValues);
            int[] samples = [.. Enumerable.Range(0, t.n).Where(i => !t.batch || i % 2 == 0)];
            var fast = Landscape.EvaluateBatches(problem, [samples], plane)[0];
            var direct = Landscape.EvaluateDirect(problem, plane, samples);
            // Rounding in the sufficient statistics is absolute, of the order of the largest terms on the grid, which the
            // slice's largest value measures; a profile of a rank-deficient batch is 0 up to that rounding.
            var scale = Math.Max(direct.Maximum, Landscape.EvaluateDirect(problem, new LandscapePlane(plane.XParameter, plane.YParameter, plane.XAxis, plane.YAxis, LandscapeKind.Slice, fixedValues), samples).Maximum);

            // A profile's fast path takes the Schur complement of the other parameters' Gram matrix S_ww (normal equations),
            // whose rounding grows with κ(S_ww); the direct path solves with the columns themselves (√κ). With x on a 0.01
            // grid and degree 3, κ reaches ~1e10 (x = −0.01 gives an x³ column of −1e-6), so the bound is ε·κ, not fixed.
            //
            // Forming that complement, S_uu − S_uw·S_ww⁻¹·S_wu, subtracts terms of the size of S_uu to leave one as small as
            // the whole Gram matrix's smallest eigenvalue, so its rounding relative to the loss grows with κ(S) of all the
            // parameters as well: 4 samples at x = −1.88, −2.01, −2.92, −1.97 with degree 3 give κ(S_ww) = 275 but
            // κ(S) = 5e10, and the two paths differ by 1.2e-8 of the largest value (CsCheck seed 8uyGbW5VhSe2).
            var epsilon = Math.ScaleB(1, -52);
            var relative = t.profile
                ? Math.Max(1e-8, Math.Max(64 * epsilon * GramCondition(problem, OtherParameters(problem, plane), samples), epsilon * GramCondition(problem, [.. Enumerable.Range(0, names.Count)], samples)))
                : 1e-8;
            for (var k = 0; k < fast.Values.Length; k++)
            {
                Assert.True(Math.Abs(fast.Values[k] - direct.Values[k]) <= relative * scale, $"point {k}: {fast.Values[k]:R} vs {direct.Values[k]:R} (max {scale}, bound {relative:G3} of it)");
            }
        }, iter: 300);
    }

    [Fact]
    public void Evaluate_Profile_IsNeverAboveTheLossOfAnyPointOverIt()
    {
        var problem = SeedGolden.Problem;
        Gen.Double[-20, 20].Array[3].Sample(theta =>
        {
            var plane = new LandscapePlane("x^2", "x", GridAxis.FromValues([theta[1]]), GridAxis.FromValues([theta[0]]), LandscapeKind.Profile);
            var profile = Landscape.Evaluate(problem, plane)[0, 0];
            var loss = problem.DirectLoss(theta);
            Assert.True(profile <= loss * (1 + 1e-12), $"profile {profile:R} above the loss {loss:R} at ({string.Join(", ", theta)})");
        }, iter: 500);
    }

    [Fact]
    public void Evaluate_Profile_MinimumOverThePlaneIsTheOptimalLoss()
    {
        var problem = SeedGolden.Problem;
        var optimum = problem.FullData.Optimum;
        var plane = new LandscapePlane("x", "x^2", GridAxis.FromValues([optimum[0]]), GridAxis.FromValues([optimum[1]]), LandscapeKind.Profile);
        Assert.Equal(problem.FullData.MinimumLoss, Landscape.Evaluate(problem, plane)[0, 0], 1e-12);
    }

    [Fact]
    public void EvaluateBatches_SingleSampleBatch_ProfileIsZeroWhereTheLineFits()
    {
        var problem = SeedGolden.Problem;
        var x = problem.Data.Input(0)[7];
        var y = problem.Data.Output[7];
        var plane = new LandscapePlane("x^2", "x", GridAxis.Linear(-3, 3, 7), GridAxis.Linear(-3, 3, 7), LandscapeKind.Profile);
        var surface = Landscape.EvaluateBatches(problem, [[7]], plane)[0];

        // One sample is fitted exactly by the intercept whatever a and b are.
        foreach (var v in surface.Values)
        {
            Assert.True(Math.Abs(v) < 1e-9 * ((y * y) + (x * x * x * x)), $"value {v}");
        }
    }

    [Theory]
    [InlineData("q", "x", "XParameter")]
    [InlineData("x^2", "x^3", "YParameter")]
    public void Evaluate_UnknownParameter_ThrowsNamingTheField(string xParameter, string yParameter, string field)
    {
        var plane = new LandscapePlane(xParameter, yParameter, GridAxis.Linear(0, 1, 2), GridAxis.Linear(0, 1, 2), LandscapeKind.Slice);
        var error = Assert.Throws<ArgumentException>(() => Landscape.Evaluate(SeedGolden.Problem, plane));
        Assert.StartsWith(field + ":", error.Message, StringComparison.Ordinal);
        Assert.Contains("x, x^2, 1", error.Message, StringComparison.Ordinal);
        Assert.Equal("plane", error.ParamName);
    }

    [Fact]
    public void Evaluate_UnknownFixedParameter_ThrowsNamingTheField()
    {
        var plane = new LandscapePlane("x^2", "x", GridAxis.Linear(0, 1, 2), GridAxis.Linear(0, 1, 2), LandscapeKind.Slice, new Dictionary<string, double> { ["c"] = 1 });
        var error = Assert.Throws<ArgumentException>(() => Landscape.Evaluate(SeedGolden.Problem, plane));
        Assert.StartsWith("FixedValues: unknown parameter 'c'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_FormWithWrongNameCount_Throws()
    {
        var plane = new LandscapePlane("x^2", "x", GridAxis.Linear(0, 1, 2), GridAxis.Linear(0, 1, 2), LandscapeKind.Slice);
        var error = Assert.Throws<ArgumentException>(() => Landscape.Evaluate(SeedGolden.Problem.FullData, ["x", "x^2"], plane));
        Assert.StartsWith("parameterNames:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EvaluateBatches_IndexOutsideTheData_Throws()
    {
        var plane = new LandscapePlane("x^2", "x", GridAxis.Linear(0, 1, 2), GridAxis.Linear(0, 1, 2), LandscapeKind.Slice);
        var error = Assert.Throws<ArgumentException>(() => Landscape.EvaluateBatches(SeedGolden.Problem, [[0, 1], [2, 100]], plane));
        Assert.Equal("batches: batch 1 holds sample 100, outside 0..99.", error.Message[..error.Message.IndexOf(" (Parameter", StringComparison.Ordinal)]);
    }

    /// <summary>The parameters a profile minimises out: all but the plane's two.</summary>
    private static int[] OtherParameters(Problem problem, LandscapePlane plane)
    {
        var names = problem.ParameterNames;
        return [.. Enumerable.Range(0, names.Count).Where(k => names[k] != plane.XParameter && names[k] != plane.YParameter)];
    }

    /// <summary>κ of the Gram matrix of the given parameters' features over the samples, over its positive eigenvalues.</summary>
    private static double GramCondition(Problem problem, int[] others, int[] samples)
    {
        if (others.Length == 0)
        {
            return 1;
        }

        var features = new double[problem.ParameterNames.Count];
        var gram = Matrix<double>.Build.Dense(others.Length, others.Length);
        foreach (var s in samples)
        {
            problem.Features([problem.Data.Input(0)[s]], features);
            for (var a = 0; a < others.Length; a++)
            {
                for (var b = 0; b < others.Length; b++)
                {
                    gram[a, b] += features[others[a]] * features[others[b]];
                }
            }
        }

        var lambda = gram.Evd(Symmetricity.Symmetric).EigenValues.Real();
        var max = lambda.AbsoluteMaximum();
        var positive = lambda.Where(l => l > others.Length * 1e-15 * max).DefaultIfEmpty(max).Min();
        return max / positive;
    }
}
