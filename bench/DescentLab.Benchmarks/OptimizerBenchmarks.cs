using BenchmarkDotNet.Attributes;
using DescentLab.Optimizers;

namespace DescentLab.Benchmarks;

/// <summary>
/// The optimizer kernels alone: one in-place update of θ from a gradient, per optimizer, for the seed's p = 3 and a
/// wider p = 64. Mean is per update. The gradient is fixed and the learning rate small, so θ and the state stay normal
/// numbers (no subnormal slow path) over a run.
/// </summary>
[MemoryDiagnoser]
public class OptimizerBenchmarks
{
    private const int Updates = 1_000;
    private const double LearningRate = 1e-6;

    private static readonly SgdOptions Plain = new() { LearningRate = LearningRate };
    private static readonly SgdOptions Nesterov = new() { LearningRate = LearningRate, Momentum = 0.9, Nesterov = true, WeightDecay = 1e-4 };
    private static readonly AdamOptions AdamDefaults = new() { LearningRate = LearningRate };
    private static readonly AdamOptions AmsGrad = new() { LearningRate = LearningRate, Amsgrad = true };
    private static readonly AdamWOptions AdamWDefaults = new() { LearningRate = LearningRate };
    private static readonly RmspropOptions CenteredMomentum = new() { LearningRate = LearningRate, Centered = true, Momentum = 0.9 };
    private static readonly AdagradOptions AdagradDefaults = new() { LearningRate = LearningRate, LearningRateDecay = 1e-3 };

    private double[] _theta = [];
    private double[] _gradient = [];
    private SgdState _sgd = null!;
    private AdamState _adam = null!;
    private RmspropState _rmsprop = null!;
    private AdagradState _adagrad = null!;

    [Params(3, 64)]
    public int P { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _theta = [.. Enumerable.Range(0, P).Select(j => 0.1 * (j + 1))];
        _gradient = [.. Enumerable.Range(0, P).Select(j => (j % 2 == 0 ? 1.0 : -1.0) * (0.5 + (0.01 * j)))];
        _sgd = new SgdState(P);
        _adam = new AdamState(P);
        _rmsprop = new RmspropState(P);
        _adagrad = new AdagradState(P, 0.0);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Updates)]
    public double Sgd()
    {
        for (var k = 0; k < Updates; k++)
        {
            Optimizers.Sgd.Update(Plain, LearningRate, _sgd, _theta, _gradient);
        }

        return _theta[0];
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public double SgdNesterov()
    {
        for (var k = 0; k < Updates; k++)
        {
            Optimizers.Sgd.Update(Nesterov, LearningRate, _sgd, _theta, _gradient);
        }

        return _theta[0];
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public double Adam()
    {
        for (var k = 0; k < Updates; k++)
        {
            Optimizers.Adam.Update(AdamDefaults, LearningRate, _adam, _theta, _gradient);
        }

        return _theta[0];
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public double AdamAmsGrad()
    {
        for (var k = 0; k < Updates; k++)
        {
            Optimizers.Adam.Update(AmsGrad, LearningRate, _adam, _theta, _gradient);
        }

        return _theta[0];
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public double AdamW()
    {
        for (var k = 0; k < Updates; k++)
        {
            Optimizers.AdamW.Update(AdamWDefaults, LearningRate, _adam, _theta, _gradient);
        }

        return _theta[0];
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public double RmspropCenteredMomentum()
    {
        for (var k = 0; k < Updates; k++)
        {
            Rmsprop.Update(CenteredMomentum, LearningRate, _rmsprop, _theta, _gradient);
        }

        return _theta[0];
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public double Adagrad()
    {
        for (var k = 0; k < Updates; k++)
        {
            Optimizers.Adagrad.Update(AdagradDefaults, LearningRate, _adagrad, _theta, _gradient);
        }

        return _theta[0];
    }
}
