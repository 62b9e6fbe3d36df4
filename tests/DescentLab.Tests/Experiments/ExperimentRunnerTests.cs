using DescentLab.Data;
using DescentLab.Experiments;
using DescentLab.Models;
using DescentLab.Optimizers;
using DescentLab.Randomness;
using DescentLab.Sampling;
using DescentLab.Training;

namespace DescentLab.Tests.Experiments;

public class ExperimentRunnerTests
{
    private static readonly Dataset Data = MakeData();

    private static Dataset MakeData()
    {
        var x = Enumerable.Range(0, 60).Select(i => -5 + (8.0 * i / 59)).ToArray();
        var y = x.Select((v, i) => (3 * v * v) + (10 * v) - 2 + Math.Sin(i * 1.7)).ToArray();
        return new Dataset(["x"], [x], "y", y);
    }

    private static ExperimentSpec Spec(IReadOnlyList<Method>? methods = null) => new()
    {
        Data = new GivenData(Data),
        Seed = 11,
        Methods = methods ?? ExperimentSpec.SeedMethods(),
        Training = new TrainingOptions { Epochs = 40 },
    };

    [Fact]
    public void Run_SharedInit_EveryMethodStartsFromTorchLinearDefault()
    {
        var result = ExperimentRunner.Run(Spec());
        var expected = TorchLinearInit.Draw(new TorchGenerator(11), 2);
        Assert.All(result.Runs, run => Assert.Equal(expected, run.Init));
        Assert.All(result.Runs, run => Assert.Equal(expected, new[] { run.Trajectory.Parameter(0)[0], run.Trajectory.Parameter(1)[0], run.Trajectory.Parameter(2)[0] }));
    }

    [Fact]
    public void Run_AddingAMethod_LeavesTheOthersUnchanged()
    {
        var three = ExperimentRunner.Run(Spec());
        var extra = new Method("sgd-replacement", new SamplerOptions { Kind = SamplerKind.WithReplacement, BatchSize = 10 }, new SgdOptions { LearningRate = 1e-3 });
        var four = ExperimentRunner.Run(Spec([extra, .. ExperimentSpec.SeedMethods()]));
        foreach (var run in three.Runs)
        {
            var other = four.Runs.Single(r => r.Method.Name == run.Method.Name);
            Assert.Equal(run.Trajectory.Loss.ToArray(), other.Trajectory.Loss.ToArray());
        }
    }

    [Fact]
    public void Run_OneOrTwoThreads_GiveIdenticalTrajectories()
    {
        var one = ExperimentRunner.Run(Spec(), new RunOptions { MaxDegreeOfParallelism = 1 });
        var two = ExperimentRunner.Run(Spec(), new RunOptions { MaxDegreeOfParallelism = 2 });
        for (var m = 0; m < one.Runs.Count; m++)
        {
            for (var j = 0; j < 3; j++)
            {
                Assert.Equal(one.Runs[m].Trajectory.Parameter(j).ToArray(), two.Runs[m].Trajectory.Parameter(j).ToArray());
            }
        }
    }

    [Fact]
    public void Run_ShuffledMethodsUnderDifferentNames_DrawDifferentOrders()
    {
        var reshuffle = new SamplerOptions { Kind = SamplerKind.Reshuffle, BatchSize = 10 };
        var sgd = new SgdOptions { LearningRate = 1e-3 };
        var result = ExperimentRunner.Run(Spec([new Method("a", reshuffle, sgd), new Method("b", reshuffle, sgd)]));
        Assert.NotEqual(result.Runs[0].Trajectory.BatchLoss.ToArray(), result.Runs[1].Trajectory.BatchLoss.ToArray());
    }

    [Fact]
    public void Run_ExplicitInitOfWrongLength_ThrowsNamingTheParameters()
    {
        var spec = Spec() with { Init = InitSpec.Explicit([1.0, 2.0]) };
        var error = Assert.Throws<ArgumentException>(() => ExperimentRunner.Run(spec));
        Assert.Contains("init: 2 values given; the model has 3 parameters (x, x^2, 1)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Methods_DuplicateName_Throws()
    {
        var sgd = new SgdOptions();
        var error = Assert.Throws<ArgumentException>(() => Spec([new Method("a", SamplerOptions.FullBatch, sgd), new Method("a", SamplerOptions.FullBatch, sgd)]));
        Assert.Contains("methods: the name 'a' is used twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Derive_SameInputs_IsStableAcrossCalls()
    {
        // Pinned value: a change to the derivation would silently change every independent run's shuffles.
        Assert.Equal(RunSeed.Derive(0, "sgd-shuffle", 0), RunSeed.Derive(0, "sgd-shuffle", 0));
        Assert.NotEqual(RunSeed.Derive(0, "sgd-shuffle", 0), RunSeed.Derive(0, "sgd-shuffle", 1));
        Assert.NotEqual(RunSeed.Derive(0, "sgd-shuffle", 0), RunSeed.Derive(1, "sgd-shuffle", 0));
        // The same formula written independently in Python (FNV-1a 64, SplitMix64 mixer) gives this value.
        Assert.Equal(0x815E4CB06D2559B8UL, RunSeed.Derive(0, "sgd-shuffle", 0));
    }
}
