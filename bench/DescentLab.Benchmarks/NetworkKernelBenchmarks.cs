using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using DescentLab.Data;
using DescentLab.Models;
using DescentLab.Randomness;

namespace DescentLab.Benchmarks;

/// <summary>
/// What a training step of the 2-16-16-1 MLP on 200 two-moons points spends in the model: the batch kernel (forward and
/// backward of 25 samples) with tanh and with ReLU (the difference is tanh's cost), and tanh alone on the 800 values
/// (25 samples × 32 hidden units) one batch evaluates.
/// </summary>
[MemoryDiagnoser]
public class NetworkKernelBenchmarks
{
    private NeuralNetwork _network = null!;
    private double[] _init = null!;
    private readonly int[] _batch = [3, 141, 59, 26, 53, 58, 97, 93, 23, 84, 62, 64, 33, 83, 27, 95, 2, 88, 41, 96, 169, 39, 94, 75, 105];
    private double[] _gradient = null!;
    private double[] _workspace = null!;
    private readonly double[] _pre = new double[800];
    private readonly double[] _post = new double[800];

    [Params("tanh", "relu")]
    public string Activation { get; set; } = "tanh";

    [GlobalSetup]
    public void Setup()
    {
        var data = new ClassificationDataGenerator { Count = 200, Noise = 0.2 }.Generate(0);
        _network = ModelSpec.Parse($"mlp:16,16:{Activation}").CreateNetwork(data);
        _init = _network.DrawInit(new TorchGenerator(0));
        _gradient = new double[_network.ParameterCount];
        _workspace = new double[_network.WorkspaceLength];
        var random = new Random(1);
        for (var i = 0; i < _pre.Length; i++)
        {
            _pre[i] = (random.NextDouble() - 0.5) * 4;
        }
    }

    /// <summary>Forward and backward of one batch of 25 samples.</summary>
    [Benchmark]
    public double BatchLossAndGradient() => _network.BatchLossAndGradient(_init, _batch, _gradient, _workspace);

    /// <summary>The full-data loss (200 samples, forward only), as recording a step and every landscape point cost.</summary>
    [Benchmark]
    public double FullDataLoss() => _network.Loss(_init, _workspace);

    /// <summary>The activation on 800 values in [−2, 2], the lane type the kernel uses.</summary>
    [Benchmark]
    public double Activation800()
    {
        var activation = Activation == "tanh" ? Models.Activation.Tanh : Models.Activation.Relu;
        if (Vector512.IsHardwareAccelerated)
        {
            VectorActivations.Apply<Lanes512>(activation, _pre, _post);
        }
        else
        {
            VectorActivations.Apply<LanesN>(activation, _pre, _post);
        }

        return _post[799];
    }
}
