using DescentLab.Data;
using DescentLab.Experiments;
using DescentLab.Io;
using DescentLab.Optimizers;
using DescentLab.Sampling;
using DescentLab.Statistics;
using DescentLab.Sweeps;
using DescentLab.Training;

namespace DescentLab.Tests.Sweeps;

public sealed class SweepRunnerTests : IDisposable
{
    private static readonly SweepSpec Spec = new()
    {
        Base = new ExperimentSpec { Seed = 3, Replicates = 5, Training = new TrainingOptions { Epochs = 30 } },
        LearningRates = [1e-3, 4e-3, 1e4],
        BatchSizes = [10, 25],
        Samplers = [SamplerKind.FullBatch, SamplerKind.Reshuffle],
        Optimizers = [new("sgd", new SgdOptions()), new("momentum", new SgdOptions { Momentum = 0.9 })],
    };

    private static readonly Lazy<SweepResult> Whole = new(() => SweepRunner.Run(Spec, options: new RunOptions { MaxDegreeOfParallelism = 2 }));

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "descentlab-sweep-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void Merge_ThreeShards_EqualsTheUnshardedFilesByteForByte()
    {
        var file = new SweepFile(Spec, new());
        SweepFiles.Write(Path.Combine(_folder, "whole"), file, Whole.Value);
        var shards = new[] { 2, 0, 1 }.Select(i => Path.Combine(_folder, $"shard-{i}")).ToArray();
        for (var i = 0; i < 3; i++)
        {
            var part = SweepRunner.Run(Spec, new Shard(i, 3), new RunOptions { MaxDegreeOfParallelism = 1 });
            Assert.Equal(30, part.Rows.Count);
            SweepFiles.Write(Path.Combine(_folder, $"shard-{i}"), file, part);
            Assert.False(File.Exists(Path.Combine(_folder, $"shard-{i}", SweepFiles.SummaryName)));
            Assert.True(File.Exists(Path.Combine(_folder, $"shard-{i}", SweepFiles.ManifestName)));
        }

        SweepFiles.Write(Path.Combine(_folder, "merged"), SweepFiles.ReadShards(shards));
        foreach (var name in new[] { SweepFiles.SweepName, SweepFiles.TidyName, SweepFiles.SummaryName })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(_folder, "whole", name)), File.ReadAllBytes(Path.Combine(_folder, "merged", name)));
        }

        Assert.Equal(Spec.RunCount + 1, File.ReadAllLines(Path.Combine(_folder, "merged", SweepFiles.TidyName)).Length);
        Assert.False(File.Exists(Path.Combine(_folder, "merged", SweepFiles.ManifestName)));
    }

    [Fact]
    public void Run_OneOrTwoThreads_GiveIdenticalTidyFiles()
    {
        var one = SweepRunner.Run(Spec, options: new RunOptions { MaxDegreeOfParallelism = 1 });
        Assert.Equal(SweepCsv.Tidy(one.Rows), SweepCsv.Tidy(Whole.Value.Rows));
    }

    [Fact]
    public void Run_CellAndReplicate_EqualsTheSingleExperimentRunWithSeedSPlusR()
    {
        var row = Whole.Value.Rows.Single(r => r.Cell.Method.Name == "reshuffle-b10-momentum-lr0.004" && r.Replicate == 2);
        var single = ExperimentRunner.Run(Spec.Base with { Seed = 5, Replicates = 1, Methods = [row.Cell.Method] });
        Assert.Equal(single.Runs[0].Trajectory.Loss[^1], row.FinalLoss);
        Assert.Equal(single.Problem.FullData.MinimumLoss, row.MinimumLoss);
        Assert.Equal(300, row.Steps);
    }

    [Fact]
    public void Summary_DivergingLearningRate_ReportsEveryRunDivergedAndInfiniteQuantiles()
    {
        var summary = SweepCsv.Summary(SweepCsv.Tidy(Whole.Value.Rows)).Split('\n');
        Assert.Equal(SweepCsv.SummaryHeader, summary[0]);
        var fullBatchFast = summary.Single(l => l.Contains(",full-batch-bfull-sgd-lr10000,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(["5", "1", "0", "inf", "inf", "inf", "inf", "inf", "inf"], fullBatchFast[6..]);
    }

    [Fact]
    public void Summary_Cell_MediansAreNumPyQuantilesOfItsRuns()
    {
        var rows = Whole.Value.Rows.Where(r => r.Cell.Index == 4).ToArray();
        var line = SweepCsv.Summary(SweepCsv.Tidy(Whole.Value.Rows)).Split('\n')[5].Split(',');
        Assert.Equal("4", line[0]);
        Assert.Equal(Quantiles.Linear(rows.Select(r => r.FinalExcessLoss).ToArray(), 0.5), CsvNumbers.Parse(line[10]));
        Assert.Equal(Quantiles.Linear(rows.Select(r => r.FinalExcessLoss).ToArray(), 0.9), CsvNumbers.Parse(line[11]));
    }

    [Fact]
    public void Merge_MissingOrRepeatedShard_Throws()
    {
        var parts = Enumerable.Range(0, 3).Select(i => new ShardTidy(new Shard(i, 3), $"shard-{i}/tidy.csv", SweepCsv.Tidy(SweepRunner.Run(Spec, new Shard(i, 3)).Rows))).ToArray();
        Assert.Equal(SweepCsv.Tidy(Whole.Value.Rows), SweepCsv.Merge(Spec, [parts[2], parts[0], parts[1]]));
        var missing = Assert.Throws<InvalidDataException>(() => SweepCsv.Merge(Spec, [parts[0], parts[2]]));
        Assert.Contains("is a shard left out? Shard 1/3 is not among them.", missing.Message, StringComparison.Ordinal);
        var twice = Assert.Throws<InvalidDataException>(() => SweepCsv.Merge(Spec, [parts[0], parts[1], parts[2], parts[1]]));
        Assert.Contains("appears in more than one shard", twice.Message, StringComparison.Ordinal);
        var other = Assert.Throws<InvalidDataException>(() => SweepCsv.Merge(Spec, [parts[0], parts[1] with { Shard = new Shard(1, 4) }]));
        Assert.Contains("different shardings", other.Message, StringComparison.Ordinal);
        var lines = parts[1].Text.Split('\n');
        var gap = Assert.Throws<InvalidDataException>(() => SweepCsv.Merge(Spec, [parts[0], parts[1] with { Text = string.Join('\n', lines.Where((_, k) => k != 4)) }, parts[2]]));
        Assert.Contains("shard-1/tidy.csv: cell 2, replicate 0 is missing", gap.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_RowOfAnotherSweep_ThrowsNamingLineAndColumn()
    {
        var part = SweepCsv.Tidy(SweepRunner.Run(Spec, new Shard(0, 1)).Rows);
        var other = Spec with { LearningRates = [1e-3, 5e-3, 1e4] };

        var error = Assert.Throws<DataFormatException>(() => SweepCsv.Merge(other, [new ShardTidy(Shard.All, "t.csv", part)]));

        Assert.StartsWith("t.csv: line 7, column 'lr': '0.004' is not the learning rate of cell 1, which the sweep enumerates as '0.005'.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_NotebookRandomness_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => SweepRunner.Run(Spec with { Base = Spec.Base with { Randomness = RandomnessMode.Notebook } }));
        Assert.Contains("sweeps use independent randomness", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Summary_OptimizerNameWithComma_IsQuotedAndReadBack()
    {
        var spec = Spec with { LearningRates = [1e-3], Samplers = [SamplerKind.Sequential], BatchSizes = [25], Optimizers = [new("sgd, plain", new SgdOptions())] };
        var tidy = SweepCsv.Tidy(SweepRunner.Run(spec).Rows);
        Assert.Contains(",\"sgd, plain\",sequential,25,", tidy, StringComparison.Ordinal);
        var summary = SweepCsv.Summary(tidy).Split('\n');
        Assert.StartsWith("0,\"sgd, plain\",sequential,25,0.001,", summary[1], StringComparison.Ordinal);
    }
}
