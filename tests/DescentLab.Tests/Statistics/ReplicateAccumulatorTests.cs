using DescentLab.Data;
using DescentLab.Experiments;
using DescentLab.Io;
using DescentLab.Models;
using DescentLab.Optimizers;
using DescentLab.Sampling;
using DescentLab.Statistics;
using DescentLab.Training;

namespace DescentLab.Tests.Statistics;

public class ReplicateAccumulatorTests
{
    private static readonly ExperimentSpec Small = new()
    {
        Seed = 5,
        Replicates = 6,
        Training = new TrainingOptions { Epochs = 60, RecordEvery = 10 },
        Statistics = new StatisticsOptions { ComparisonEpochs = [10, 60], ComparisonSteps = [10, 60], BootstrapResamples = 200 },
    };

    [Fact]
    public void Run_ReplicateR_EqualsTheSingleRunWithSeedSPlusR()
    {
        var statistics = ExperimentRunner.Run(Small).Statistics!;
        foreach (var r in new[] { 0, 3, 5 })
        {
            var single = ExperimentRunner.Run(Small with { Seed = 5 + (uint)r, Replicates = 1 });
            Assert.Null(single.Statistics);
            for (var m = 0; m < single.Runs.Count; m++)
            {
                var method = statistics.Methods[m];
                var trajectory = single.Runs[m].Trajectory;
                Assert.Equal(trajectory.Loss.ToArray(), method.LossOf(r).ToArray());
                Assert.Equal(single.Problem.FullData.MinimumLoss, method.MinimumLossOf(r));
                var theta = new double[3];
                trajectory.ParametersAt(trajectory.Count - 1, theta);
                Assert.Equal(theta, method.Runs[r].FinalParameters);
                Assert.Equal(5 + (uint)r, method.Runs[r].Seed);
            }
        }
    }

    [Fact]
    public void Run_NotebookRandomness_ReplicateRIsTheNotebookRunWithSeedSPlusR()
    {
        var spec = Small with { Randomness = RandomnessMode.Notebook, Init = InitSpec.Independent };
        var statistics = ExperimentRunner.Run(spec).Statistics!;
        var single = ExperimentRunner.Run(spec with { Seed = 9, Replicates = 1 });
        for (var m = 0; m < single.Runs.Count; m++)
        {
            Assert.Equal(single.Runs[m].Trajectory.Loss.ToArray(), statistics.Methods[m].LossOf(4).ToArray());
        }
    }

    [Fact]
    public void Run_OneOrTwoThreads_GiveIdenticalStatistics()
    {
        static string Csv(int threads)
        {
            var statistics = ExperimentRunner.Run(Small, new RunOptions { MaxDegreeOfParallelism = threads }).Statistics!;
            using var writer = new StringWriter();
            ReplicateCsv.WriteRuns(writer, statistics);
            ReplicateCsv.WriteCurves(writer, statistics);
            ReplicateCsv.WriteComparisons(writer, statistics);
            return writer.ToString();
        }

        var one = Csv(1);
        Assert.Equal(one, Csv(2));
        Assert.Contains("sgd-shuffle,5,10,false", one, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_GivenData_ReplicatesShareTheDataButNotTheInit()
    {
        var data = new SeedDataGenerator().Generate(1);
        var statistics = ExperimentRunner.Run(Small with { Data = new GivenData(data) }).Statistics!;
        var gd = statistics.Method("gd");
        Assert.All(Enumerable.Range(0, 6), r => Assert.Equal(gd.MinimumLossOf(0), gd.MinimumLossOf(r)));
        Assert.NotEqual(gd.LossOf(0)[0], gd.LossOf(1)[0]);
    }

    [Fact]
    public void Comparisons_SharedInitAtStepZero_DifferenceIsZero()
    {
        var spec = Small with { Statistics = Small.Statistics with { ComparisonSteps = [0] } };
        var comparison = ExperimentRunner.Run(spec).Statistics!.Comparisons.First(c => c.Axis == ComparisonAxis.Step);
        Assert.Equal(0.0, comparison.Interval.Mean);
        Assert.Equal(0.0, comparison.Interval.Lower);
        Assert.Equal(0.0, comparison.ShareABetter);
    }

    [Fact]
    public void Comparisons_SeedMethods_PairEveryMethodAtEveryPointWithinReach()
    {
        var spec = Small with { Statistics = Small.Statistics with { ComparisonSteps = [10, 240] } };
        var comparisons = ExperimentRunner.Run(spec).Statistics!.Comparisons;
        // GD takes 60 steps, so step 240 pairs only the two SGD methods (4 updates per epoch, 240 in all).
        Assert.Equal(3 * 2 + 3 + 1, comparisons.Count);
        var sgdPair = comparisons.Single(c => c.MethodA == "sgd" && c.MethodB == "sgd-shuffle" && c.Axis == ComparisonAxis.Step && c.At == 240);
        Assert.Equal(240, sgdPair.StepB);
        var perEpoch = comparisons.Single(c => c.MethodA == "gd" && c.MethodB == "sgd" && c.Axis == ComparisonAxis.Epoch && c.At == 10);
        Assert.Equal((10, 40), (perEpoch.StepA, perEpoch.StepB));
    }

    [Fact]
    public void Add_DivergedRun_CountsInfinitelyFarFromItsDivergenceOn()
    {
        var problem = new Problem(new SeedDataGenerator().Generate(0), 2);
        var training = new TrainingOptions { Epochs = 300 };
        var method = new Method("fast", SamplerOptions.FullBatch, new SgdOptions { LearningRate = 1.0 });
        var accumulator = new ReplicateAccumulator("fast", ReplicateGrid.For(method.Sampler, 100, training), 1, new StatisticsOptions { ComparisonEpochs = [], ComparisonSteps = [] });
        var trajectory = Trainer.Train(problem, method, [0.1, 0.2, 0.3], training, null);
        Assert.True(trajectory.Diverged);
        accumulator.Add(0, 0, trajectory, problem);
        var statistics = accumulator.Build();
        Assert.Equal(double.PositiveInfinity, statistics.LossOf(0)[^1]);
        Assert.True(double.IsFinite(statistics.LossOf(0)[1]));
        Assert.Equal(1, statistics.DivergedCount);
        Assert.Equal(double.PositiveInfinity, statistics.FinalExcessLoss.Median);
        Assert.True(double.IsNaN(statistics.FinalParameters[0].Median));
    }

    /// <summary>
    /// "run --replicates 3 --record-every 1000" failed after training with exit 1 and "(Parameter 'options')": the default
    /// comparison points (epoch and update 50) were not recorded. They are now skipped with their reason, as points past
    /// the end are, and the points that were recorded are still compared.
    /// </summary>
    [Fact]
    public void Run_ComparisonPointsOffTheRecordingInterval_AreSkippedWithTheirReason()
    {
        var spec = Small with
        {
            Training = new TrainingOptions { Epochs = 100, RecordEvery = 40, KeepBatchesOfEpoch = 0 },
            Statistics = Small.Statistics with { ComparisonEpochs = [], ComparisonSteps = [30, 80] },
        };

        var statistics = ExperimentRunner.Run(spec).Statistics!;

        var skipped = Assert.Single(statistics.Skipped);
        Assert.Equal(ComparisonAxis.Step, skipped.Axis);
        Assert.Equal(30, skipped.At);
        Assert.StartsWith("update 30: not recorded by ", skipped.Message, StringComparison.Ordinal);
        Assert.All(statistics.Comparisons, c => Assert.Equal(80, c.At));
        Assert.NotEmpty(statistics.Comparisons);
    }

    [Fact]
    public void Build_MissingReplicate_Throws()
    {
        var grid = ReplicateGrid.For(SamplerOptions.FullBatch, 100, new TrainingOptions());
        var error = Assert.Throws<InvalidOperationException>(() => new ReplicateAccumulator("gd", grid, 2, new StatisticsOptions()).Build());
        Assert.Contains("replicate 0 of 'gd' was never added", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_SeedPlusReplicatesPastTheLargestSeed_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => ExperimentRunner.Run(Small with { Seed = uint.MaxValue - 2 }));
        Assert.Contains("runs past the largest seed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteBands_SmallExperiment_OneRowPerGridPointWithTheBandsValues()
    {
        var statistics = ExperimentRunner.Run(Small).Statistics!;
        using var writer = new StringWriter();
        ReplicateCsv.WriteBands(writer, statistics);
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1 + statistics.Methods.Sum(m => m.Grid.Count), lines.Length);
        var sgd = statistics.Method("sgd");
        var row = lines.Single(l => l.StartsWith("sgd,120,", StringComparison.Ordinal)).Split(',');
        var k = sgd.Grid.IndexOf(120);
        Assert.Equal("30", row[2]);
        Assert.Equal(sgd.ExcessLoss.Median[k], CsvNumbers.Parse(row[8]));
        Assert.Equal(sgd.Loss.Upper[k], CsvNumbers.Parse(row[6]));
    }
}
