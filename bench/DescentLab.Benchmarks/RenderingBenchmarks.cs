using BenchmarkDotNet.Attributes;
using DescentLab.Experiments;
using DescentLab.Rendering;
using DescentLab.Training;

namespace DescentLab.Benchmarks;

/// <summary>
/// Everything the rendering step does for the seed experiment: every static figure as PNG and SVG, then the report
/// (figure model, plotly JSON, HTML with plotly.js embedded). The budget is 1.5 s.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class RenderingBenchmarks
{
    private ExperimentResult _result = null!;
    private string _directory = null!;

    [GlobalSetup]
    public void Setup()
    {
        _result = ExperimentRunner.Run(new ExperimentSpec { Training = new TrainingOptions { KeepBatchesOfEpoch = 0 } });
        _directory = Path.Combine(Path.GetTempPath(), "descentlab-rendering-bench-" + Environment.ProcessId);
        Directory.CreateDirectory(_directory);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    /// <summary>All figures in both formats and the report.</summary>
    [Benchmark(Baseline = true)]
    public int FiguresAndReport()
    {
        var files = ExperimentRenderer.WriteFigures(_result, _directory, FigureFormats.All);
        ExperimentRenderer.WriteReport(_result, Path.Combine(_directory, "report.html"));
        return files.Count;
    }

    /// <summary>The static figures alone, PNG and SVG.</summary>
    [Benchmark]
    public int Figures() => ExperimentRenderer.WriteFigures(_result, _directory, FigureFormats.All).Count;

    /// <summary>The report alone.</summary>
    [Benchmark]
    public long Report()
    {
        var path = Path.Combine(_directory, "report.html");
        ExperimentRenderer.WriteReport(_result, path);
        return new FileInfo(path).Length;
    }
}
