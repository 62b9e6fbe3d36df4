using BenchmarkDotNet.Attributes;
using DescentLab.Experiments;
using DescentLab.Io;
using DescentLab.Rendering;

namespace DescentLab.Benchmarks;

/// <summary>
/// What the playground server computes per request: parse the experiment file, check it against its data, train every
/// method (and replicate) and write the view JSON (summary, analysis, thinned series, landscape, eigendirections, bands).
/// Budgets: the seed experiment ≤ 2 ms median; with 100 replicates ≤ 100 ms; the seed's answer ≤ 200 KB.
/// </summary>
[MemoryDiagnoser]
public class PlaygroundBenchmarks
{
    private string _seed = null!;
    private string _replicates = null!;

    [GlobalSetup]
    public void Setup()
    {
        _seed = ExperimentJson.Write(ExperimentFile.Seed);
        _replicates = ExperimentJson.Write(ExperimentFile.Seed with { Spec = ExperimentFile.Seed.Spec with { Replicates = 100 } });
        Console.WriteLine($"// view of the seed experiment: {Request(_seed)} bytes; with 100 replicates: {Request(_replicates)} bytes");
    }

    /// <summary>The seed experiment: 3 methods, 300 epochs, every view.</summary>
    [Benchmark(Baseline = true)]
    public int Seed() => Request(_seed);

    /// <summary>The seed experiment under 100 seeds, with bands.</summary>
    [Benchmark]
    public int Replicates100() => Request(_replicates);

    private static int Request(string json) => ExperimentView.Run(ExperimentJson.ParseSelfContained(json)).Length;
}
