using DescentLab.Analysis;
using DescentLab.Data;
using DescentLab.Experiments;
using DescentLab.Models;
using DescentLab.Tests.Models;
using DescentLab.Training;

namespace DescentLab.Tests.Analysis;

public class ReferenceOptimumTests
{
    [Fact]
    public void Find_LogisticOnNonSeparableMoons_ReachesNewtonsOptimum()
    {
        // Logistic regression is convex, so a converged L-BFGS run from anywhere must end at Newton's θ*.
        var network = ModelGolden.Network("logistic");
        var newton = LogisticOptimum.Find(network);
        Assert.NotNull(newton.Theta);

        var reference = ReferenceOptimum.Find(network, new double[network.ParameterCount], "zero");

        Assert.True(reference.Converged, reference.Statement);
        Assert.Equal(newton.Loss, reference.Loss, 1e-12 * newton.Loss);
        for (var j = 0; j < newton.Theta.Length; j++)
        {
            Assert.Equal(newton.Theta[j], reference.Theta[j], 1e-6 * (1 + Math.Abs(newton.Theta[j])));
        }
    }

    [Fact]
    public void Find_LinearLeastSquares_ReachesTheClosedFormMinimum()
    {
        var data = new SeedDataGenerator().Generate(3);
        IModel problem = new Problem(data, 2);
        var reference = ReferenceOptimum.Find(problem, new double[problem.ParameterCount], "zero");

        Assert.Equal(ReferenceStop.Converged, reference.Stop);
        var minimum = problem.MinimumLoss!.Value;
        Assert.Equal(minimum, reference.Loss, 1e-9 * minimum);
        Assert.True(reference.Loss >= minimum * (1 - 1e-12), "no loss below the exact minimum");
    }

    [Fact]
    public void Find_Mlp_NeverRaisesTheLossAndIsDeterministic()
    {
        var network = ModelGolden.Network("mlp_tanh");
        var start = network.DrawInit(new DescentLab.Randomness.TorchGenerator(5));

        var first = ReferenceOptimum.Find(network, start, "init");
        var second = ReferenceOptimum.Find(network, start, "init");

        Assert.Equal(network.Loss(start), first.StartLoss);
        Assert.True(first.Loss < first.StartLoss, "L-BFGS lowers the loss from a random init");
        Assert.Equal(first.Theta, second.Theta);
        Assert.Equal(first.Iterations, second.Iterations);
        Assert.Equal(network.Loss(first.Theta), first.Loss, 1e-12 * Math.Max(1, first.Loss));
        Assert.InRange(first.Iterations, 1, ReferenceOptimum.MaxIterations);
    }

    [Fact]
    public void Find_NonFiniteStart_Throws()
    {
        var network = ModelGolden.Network("mlp_tanh");
        var start = new double[network.ParameterCount];
        start[0] = double.NaN;
        Assert.Throws<ArgumentException>(() => ReferenceOptimum.Find(network, start, "bad"));
    }

    [Fact]
    public void Find_CancelledToken_Throws()
    {
        var network = ModelGolden.Network("mlp_tanh");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => ReferenceOptimum.Find(network, network.DrawInit(new DescentLab.Randomness.TorchGenerator(0)), "init", cancelled.Token));
    }

    [Fact]
    public void RunNetwork_Mlp_ReferenceStartsFromTheBestRunAndNoExcessLossIsNegative()
    {
        var spec = new ExperimentSpec
        {
            Data = new ClassificationData(new ClassificationDataGenerator { Count = 100, Noise = 0.3 }),
            Model = ModelSpec.Parse("mlp:4:tanh"),
            Training = new TrainingOptions { Epochs = 10 },
        };
        var result = ExperimentRunner.RunNetwork(spec);

        var reference = Assert.IsType<ReferenceOptimum>(result.Reference);
        var best = result.Runs.MinBy(r => r.Trajectory.Loss[^1])!;
        Assert.Equal(best.Method.Name, reference.StartMethod);
        Assert.Equal(best.Trajectory.Loss[^1], reference.StartLoss);
        foreach (var run in result.Runs)
        {
            Assert.True(result.ExcessLoss(run) >= 0, run.Method.Name);
            Assert.Equal(run.Trajectory.Loss[^1] - reference.Loss, result.ExcessLoss(run));
        }

        Assert.Contains("a local reference, not a global optimum", reference.Statement, StringComparison.Ordinal);
    }

    [Fact]
    public void RunNetwork_Logistic_HasNewtonsOptimumAndNoReference()
    {
        var spec = new ExperimentSpec
        {
            Data = new ClassificationData(new ClassificationDataGenerator { Count = 100, Noise = 0.3 }),
            Model = ModelSpec.Parse("logistic"),
            Training = new TrainingOptions { Epochs = 2 },
        };
        var result = ExperimentRunner.RunNetwork(spec);
        Assert.NotNull(result.Optimum);
        Assert.Null(result.Reference);
        Assert.True(double.IsNaN(result.ExcessLoss(result.Runs[0])));
    }

    [Fact]
    public void Statement_SeparatingClassifier_SaysTheLossHasNoMinimiser()
    {
        var reference = new ReferenceOptimum([0.0], 1e-10, 1e-9, 12, ReferenceStop.Converged, "adam", 0.1) { SeparatesData = true };
        Assert.Equal(
            "L_ref by full-batch L-BFGS (memory 10, Armijo backtracking) from the final θ of adam: 12 iterations, ‖∇L‖ = 1e-09, converged (‖∇L‖ ≤ 1e-8·max(1, L)); θ_ref classifies every sample correctly, so the loss has no minimiser (it tends to 0 as the weights grow) and L_ref is only a point on the way down",
            reference.Statement);
    }
}
