using BenchmarkDotNet.Running;
using DescentLab.Benchmarks;

if (args is ["playground-latency", ..])
{
    return await PlaygroundLatency.RunAsync(args.Length > 1 ? args[1] : "/usr/bin/chromium");
}

if (args is ["big-run", ..])
{
    return BigRun.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000);
}

var summaries = BenchmarkSwitcher.FromAssembly(typeof(PlaygroundBenchmarks).Assembly).Run(args);

// A benchmark that does not build or throws fails the run, so CI's dry run of every benchmark catches one that rots.
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
