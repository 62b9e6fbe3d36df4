using BenchmarkDotNet.Attributes;
using DescentLab.Data;
using DescentLab.Experiments;
using DescentLab.Models;
using DescentLab.Randomness;
using DescentLab.Sampling;
using DescentLab.Statistics;
using DescentLab.Sweeps;
using DescentLab.Training;

namespace DescentLab.Benchmarks;

/// <summary>
/// Many runs at once. <see cref="SgdShuffleRuns"/> and <see cref="SweepRuns"/>: 1000 seed-size runs (sgd-shuffle, 1200
/// steps, final metrics only) on every core; Mean is per run, so runs per second = 1e9 / Mean[ns]. The first trains on
/// one problem; the second is the sweep path (per-replicate data, problem and init, per-epoch recording, tolerance).
/// <see cref="SeedExperimentWithBands"/>: the seed experiment with 1000 replicates, bands and comparisons.
/// </summary>
[MemoryDiagnoser]
public class ReplicateBenchmarks
{
    private const int Runs = 1000;
    private Problem _problem = null!;
    private Method _method = null!;
    private double[][] _inits = null!;
    private readonly TrainingOptions _finalOnly = new() { RecordEvery = int.MaxValue };
    private SweepSpec _sweep = null!;

    [GlobalSetup]
    public void Setup()
    {
        _problem = new Problem(new SeedDataGenerator().Generate(0), 2);
        _method = ExperimentSpec.SeedMethods()[2];
        _inits = [.. Enumerable.Range(0, Runs).Select(r => TorchLinearInit.Draw(new TorchGenerator((ulong)r), 2))];
        _sweep = new SweepSpec { Base = new ExperimentSpec { Replicates = Runs } };
    }

    [Benchmark(OperationsPerInvoke = Runs)]
    public double SgdShuffleRuns()
    {
        var final = new double[Runs];
        Parallel.For(0, Runs, r =>
        {
            var stream = LoaderRandomness.Private(new TorchGenerator(RunSeed.Derive((ulong)r, _method.Name, 0)));
            final[r] = Trainer.Train(_problem, _method, _inits[r], _finalOnly, stream).Loss[^1];
        });
        return final.Sum();
    }

    [Benchmark(OperationsPerInvoke = Runs)]
    public int SweepRuns() => SweepRunner.Run(_sweep).Rows.Count;

    [Benchmark]
    public ReplicateStatistics SeedExperimentWithBands() => ExperimentRunner.Run(new ExperimentSpec { Replicates = Runs }).Statistics!;
}
