using BenchmarkDotNet.Attributes;
using DescentLab.Data;
using DescentLab.Models;
using DescentLab.Optimizers;
using DescentLab.Randomness;
using DescentLab.Sampling;
using DescentLab.Training;

namespace DescentLab.Benchmarks;

/// <summary>Training steps per second of the 2-16-16-1 tanh MLP, as torch's DataLoader loop trains it.</summary>
/// <remarks>
/// Training steps per second of the 2-16-16-1 tanh MLP (337 parameters, BCEWithLogits) on 200 two-moons points, batch
/// 25, reshuffled every epoch; compare with bench/pytorch_mlp_loop.py. Mean is per step. Recording every step adds a
/// full-data loss (a forward pass over all 200 points) per step, which torch's loop does not compute; RecordEvery =
/// 1000 measures the training loop alone.
/// </remarks>
[MemoryDiagnoser]
public class ModelBenchmarks
{
    private const int StepsPerRun = 2_000;
    private NeuralNetwork _network = null!;
    private double[] _init = null!;
    private Method _method = null!;
    private TrainingOptions _options = null!;

    [Params("sgd", "adam")]
    public string Optimizer { get; set; } = "sgd";

    [Params(1, 1000)]
    public int RecordEvery { get; set; } = 1;

    [GlobalSetup]
    public void Setup()
    {
        var data = new ClassificationDataGenerator { Count = 200, Noise = 0.2 }.Generate(0);
        _network = ModelSpec.Parse("mlp:16,16:tanh").CreateNetwork(data);
        _init = _network.DrawInit(new TorchGenerator(0));
        OptimizerOptions optimizer = Optimizer == "adam" ? new AdamOptions { LearningRate = 0.01 } : new SgdOptions { LearningRate = 0.1 };
        _method = new Method(Optimizer, new SamplerOptions { Kind = SamplerKind.Reshuffle, BatchSize = 25 }, optimizer);
        _options = new TrainingOptions { Epochs = StepsPerRun / 8, RecordEvery = RecordEvery };
    }

    [Benchmark(OperationsPerInvoke = StepsPerRun)]
    public Trajectory Train() => Trainer.Train(_network, _method, _init, _options, LoaderRandomness.Private(new TorchGenerator(7)));
}
