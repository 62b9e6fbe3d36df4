using BenchmarkDotNet.Running;
using DescentLab.Benchmarks;

if (args is ["playground-latency", ..])
{
    return await PlaygroundLatency.RunAsync(args.Length > 1 ? args[1] : "/usr/bin/chromium");
}

BenchmarkSwitcher.FromAssembly(typeof(PlaygroundBenchmarks).Assembly).Run(args);
return 0;
