using CsCheck;
using DescentLab.Models;

namespace DescentLab.Tests.Models;

public class QuadraticFormPropertyTests
{
    [Fact]
    public void Loss_RandomPoint_EqualsDirectLoss()
    {
        var cases =
            from problem in RandomProblems.Any
            from theta in RandomProblems.Uniform(-3, 3).Array[problem.ParameterCount]
            select (problem, theta);

        cases.Sample((problem, theta) =>
        {
            // Both are accurate to a few ε here (worst seen over 20 000 cases: 1.4e-15); 1e-10 is the bound the design
            // asks of the form (the expansion without g* and with S in double reached 5e-11).
            AssertRelative(problem.DirectLoss(theta), problem.Loss(theta), 1e-10);
        }, iter: 300);
    }

    [Fact]
    public void Loss_NearPerfectFitAtAndNearOptimum_EqualsDirectLoss()
    {
        var cases =
            from problem in RandomProblems.NearPerfectFit
            from direction in RandomProblems.Uniform(-1, 1).Array[problem.ParameterCount]
            from excess in RandomProblems.Uniform(0, 4)
            select (problem, direction, excess);

        cases.Sample((problem, direction, excess) =>
        {
            var form = problem.FullData;
            var optimum = form.Optimum.ToArray();
            var minimum = problem.DirectLoss(optimum);

            // The case must really cancel: the expanded form θᵀSθ − 2rᵀθ + s subtracts numbers of size s to leave
            // L*, so it would lose log10(s / L*) digits. Demand at least 8 lost digits, which noise of 1e-6 on
            // y of order one gives.
            Assert.True(form.MeanSquare / minimum > 1e8, $"s = {form.MeanSquare:R}, L* = {minimum:R}: no cancellation");

            // DirectLoss sums compensated residuals, so it stays a reference to a few ε even here (a plain sum keeps
            // only ε·|zᵀθ| / |r| ≈ 1e-7 of each residual). Worst seen over 20 000 cases: 1.5e-15 against 1e-10.
            AssertRelative(minimum, problem.Loss(optimum), 1e-10);

            // A point whose excess loss (θ−θ*)ᵀS(θ−θ*) is `excess` times L*, so both parts of the form matter. This is
            // where an expansion that drops g*ᵀ(θ−θ*) fails: it was off by 2e-6 relative.
            var curvature = Curvature(form, direction);
            var scale = curvature > 0 ? Math.Sqrt(excess * minimum / curvature) : 0.0;
            var theta = optimum.Select((v, j) => v + (scale * direction[j])).ToArray();
            AssertRelative(problem.DirectLoss(theta), problem.Loss(theta), 1e-10);
        }, iter: 300);
    }

    [Fact]
    public void EvaluateWithGradient_FullData_MatchesBatchGradientOverAllSamples()
    {
        var cases =
            from problem in RandomProblems.Any
            from theta in RandomProblems.Uniform(-3, 3).Array[problem.ParameterCount]
            select (problem, theta);

        cases.Sample((problem, theta) =>
        {
            var p = problem.ParameterCount;
            var all = Enumerable.Range(0, problem.SampleCount).ToArray();
            var direct = new double[p];
            var viaForm = new double[p];
            var directLoss = problem.BatchLossAndGradient(theta, all, direct);
            var formLoss = problem.FullData.EvaluateWithGradient(theta, viaForm);

            AssertRelative(directLoss, formLoss, 1e-10);
            for (var j = 0; j < p; j++)
            {
                // 1e-9 relative to the gradient's largest component: both sums round at a few ε of Σ|rᵢ zᵢⱼ|, which
                // is within a few times ‖g‖∞ away from the optimum (worst seen: 4e-14); 1e-12 absolute covers a zero
                // gradient. Relative to each component alone would fail on components that cancel towards zero.
                var tolerance = (1e-9 * MaxAbs(direct)) + 1e-12;
                Assert.True(
                    Math.Abs(direct[j] - viaForm[j]) <= tolerance,
                    $"component {j}: direct {direct[j]:R}, form {viaForm[j]:R}");
            }
        }, iter: 300);
    }

    [Fact]
    public void BatchForm_RandomBatch_EvaluateEqualsBatchLoss()
    {
        var cases =
            from problem in RandomProblems.Any
            from small in Gen.Bool
            from batch in small
                ? Gen.Int[0, problem.SampleCount - 1].Array[1, Math.Min(problem.ParameterCount - 1, problem.SampleCount)]
                : RandomProblems.Batch(problem.SampleCount)
            from theta in RandomProblems.Uniform(-3, 3).Array[problem.ParameterCount]
            select (problem, batch, theta);

        cases.Sample((problem, batch, theta) =>
        {
            var form = problem.BatchForm(batch);
            var loss = problem.BatchLossAndGradient(theta, batch, new double[problem.ParameterCount]);

            // Fewer distinct samples than parameters must take the minimum-norm (SVD) path.
            if (batch.Distinct().Count() < problem.ParameterCount)
            {
                Assert.True(form.Rank < problem.ParameterCount, $"rank {form.Rank} from {batch.Length} samples");
            }

            // Worst seen over 20 000 cases: 3e-13 (the form keeps its double sum when its error bound is below 1e-13);
            // for batches smaller than p, whose minimum-norm θ* lies far from θ, S rounded to double was off by 1.6e-8.
            AssertRelative(loss, form.Evaluate(theta), 1e-10);
        }, iter: 400);
    }

    private static double Curvature(QuadraticForm form, double[] d)
    {
        var p = form.ParameterCount;
        var s = form.SecondMoment;
        var q = 0.0;
        for (var j = 0; j < p; j++)
        {
            for (var k = 0; k < p; k++)
            {
                q += d[j] * s[(j * p) + k] * d[k];
            }
        }

        return q;
    }

    private static double MaxAbs(double[] values) => values.Max(Math.Abs);

    private static void AssertRelative(double expected, double actual, double relative) =>
        Assert.True(
            Math.Abs(actual - expected) <= relative * Math.Abs(expected),
            $"expected {expected:R}, actual {actual:R}, relative error {Math.Abs(actual - expected) / Math.Abs(expected):E2}");
}
