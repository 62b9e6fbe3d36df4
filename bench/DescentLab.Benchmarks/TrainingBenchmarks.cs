using BenchmarkDotNet.Attributes;
using DescentLab.Data;
using DescentLab.Models;
using DescentLab.Optimizers;
using DescentLab.Randomness;
using DescentLab.Sampling;
using DescentLab.Training;

namespace DescentLab.Benchmarks;

/// <summary>
/// Training steps per second on the seed problem (n = 100, batch 25, p = 3), recording every step.
/// Mean is per step: steps per second = 1e9 / Mean[ns].
/// </summary>
[MemoryDiagnoser]
public class TrainingBenchmarks
{
    private const int StepsPerRun = 10_000;
    private Problem _problem = null!;
    private Method _method = null!;
    private readonly double[] _init = [0.1, -0.2, 0.3];
    private TrainingOptions _options = null!;

    [Params(SamplerKind.FullBatch, SamplerKind.Sequential, SamplerKind.Reshuffle, SamplerKind.ShuffleOnce, SamplerKind.WithReplacement)]
    public SamplerKind Sampler { get; set; }

    [Params("sgd", "momentum", "adam")]
    public string Optimizer { get; set; } = "sgd";

    [GlobalSetup]
    public void Setup()
    {
        _problem = new Problem(new SeedDataGenerator().Generate(0), 2);
        OptimizerOptions optimizer = Optimizer switch
        {
            "momentum" => new SgdOptions { LearningRate = 1e-3, Momentum = 0.9 },
            "adam" => new AdamOptions { LearningRate = 1e-2 },
            _ => new SgdOptions { LearningRate = 1e-3 },
        };
        var sampler = Sampler == SamplerKind.FullBatch ? SamplerOptions.FullBatch : new SamplerOptions { Kind = Sampler, BatchSize = 25 };
        _method = new Method(Optimizer, sampler, optimizer);
        _options = new TrainingOptions { Epochs = StepsPerRun / sampler.BatchesPerEpoch(_problem.SampleCount) };
    }

    [Benchmark(OperationsPerInvoke = StepsPerRun)]
    public Trajectory Train()
    {
        var stream = LoaderRandomness.Private(new TorchGenerator(7));
        return Trainer.Train(_problem, _method, _init, _options, stream);
    }
}
