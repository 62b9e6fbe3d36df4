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

BenchmarkSwitcher.FromAssembly(typeof(PlaygroundBenchmarks).Assembly).Run(args);
return 0;
