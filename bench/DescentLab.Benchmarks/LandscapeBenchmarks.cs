using BenchmarkDotNet.Attributes;
using DescentLab.Data;
using DescentLab.Landscapes;
using DescentLab.Models;

namespace DescentLab.Benchmarks;

/// <summary>
/// A 1000×1000 profile landscape over 10⁶ samples: the data pass that builds the problem's sufficient statistics and
/// θ*, then O(1) work per grid point. Allocation is O(n) for the packed rows plus O(grid) for the surface, never O(grid·n).
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class LandscapeBenchmarks
{
    private Dataset _data = null!;
    private Problem _problem = null!;
    private LandscapePlane _plane = null!;

    [GlobalSetup]
    public void Setup()
    {
        const int N = 1_000_000;
        var random = new Random(12345);
        var x = new double[N];
        var y = new double[N];
        for (var i = 0; i < N; i++)
        {
            x[i] = -5 + (8 * random.NextDouble());
            y[i] = (3 * x[i] * x[i]) + (10 * x[i]) - 2 + (2 * random.NextDouble());
        }

        _data = new Dataset(["x"], [x], "y", y);
        _problem = new Problem(_data, 2);
        _plane = new LandscapePlane("x^2", "x", GridAxis.Linear(-0.5, 3.5, 1000), GridAxis.Linear(-1, 11, 1000), LandscapeKind.Profile);
    }

    /// <summary>The whole job: problem (features, statistics, θ*, L*) from the dataset, then the surface.</summary>
    [Benchmark(Baseline = true)]
    public double ProfileFromData()
    {
        var surface = Landscape.Evaluate(new Problem(_data, 2), _plane);
        return surface.Minimum;
    }

    /// <summary>The surface alone, from a problem already built.</summary>
    [Benchmark]
    public double ProfileFromStatistics() => Landscape.Evaluate(_problem, _plane).Minimum;
}
