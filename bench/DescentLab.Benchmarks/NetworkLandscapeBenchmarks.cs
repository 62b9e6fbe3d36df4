using BenchmarkDotNet.Attributes;
using DescentLab.Data;
using DescentLab.Landscapes;
using DescentLab.Models;
using DescentLab.Randomness;

namespace DescentLab.Benchmarks;

/// <summary>
/// A 101×101 landscape of the 2-16-16-1 tanh MLP on 200 two-moons points (10,201 full-data losses) on two
/// filter-normalised random directions through the init (Li et al.), rows in parallel; and one full-data loss.
/// </summary>
[MemoryDiagnoser]
public class NetworkLandscapeBenchmarks
{
    private NeuralNetwork _network = null!;
    private double[] _init = null!;
    private double[] _d1 = null!;
    private double[] _d2 = null!;
    private double[] _axis = null!;
    private double[] _workspace = null!;

    [GlobalSetup]
    public void Setup()
    {
        var data = new ClassificationDataGenerator { Count = 200, Noise = 0.2 }.Generate(0);
        _network = ModelSpec.Parse("mlp:16,16:tanh").CreateNetwork(data);
        _init = _network.DrawInit(new TorchGenerator(0));
        var g = new TorchGenerator(1);
        _d1 = NetworkPlane.RandomDirection(_network, g);
        _d2 = NetworkPlane.RandomDirection(_network, g);
        NetworkPlane.FilterNormalize(_network, _d1, _init, BiasDirectionRule.Zero);
        NetworkPlane.FilterNormalize(_network, _d2, _init, BiasDirectionRule.Zero);
        _axis = [.. Enumerable.Range(0, 101).Select(i => -1 + (i / 50.0))];
        _workspace = new double[_network.ForwardWorkspaceLength];
    }

    [Benchmark]
    public double[,] Landscape101() => NetworkPlane.Evaluate(_network, _init, _d1, _d2, _axis, _axis);

    /// <summary>One grid point's work: the full-data loss, a forward pass over all 200 samples.</summary>
    [Benchmark]
    public double FullDataLoss() => _network.Loss(_init, _workspace);
}
