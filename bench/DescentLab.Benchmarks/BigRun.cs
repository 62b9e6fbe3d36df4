using System.Diagnostics;
using System.Globalization;
using DescentLab.Cli;

namespace DescentLab.Benchmarks;

/// <summary>
/// A run on a million samples with everything on (the default methods and epochs, every figure, the report), in
/// process: its wall time, peak resident memory and the size of what it wrote. Not a BenchmarkDotNet job: one run
/// takes a minute and what matters is its memory and output sizes. Run:
/// <c>dotnet run -c Release --project bench/DescentLab.Benchmarks -- big-run</c>.
/// </summary>
public static class BigRun
{
    public static int Run(int samples)
    {
        var root = Directory.CreateTempSubdirectory("descentlab-big-");
        try
        {
            var config = Path.Combine(root.FullName, "big.json");
            File.WriteAllText(config, string.Create(CultureInfo.InvariantCulture, $$"""{ "name": "big", "data": { "kind": "seed", "count": {{samples}} } }"""));
            var output = Path.Combine(root.FullName, "out");
            var clock = Stopwatch.StartNew();
            var exit = DescentLabCommand.Run(["run", "--config", config, "--out", output, "--quiet"], TextWriter.Null, Console.Error);
            clock.Stop();
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"samples: {samples:N0}, exit {exit}, wall {clock.Elapsed.TotalSeconds:0.0} s, peak resident memory {process.PeakWorkingSet64 / (1 << 20):N0} MB"));
            foreach (var file in new DirectoryInfo(output).EnumerateFiles("*", SearchOption.AllDirectories).OrderBy(f => f.FullName, StringComparer.Ordinal))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {Path.GetRelativePath(output, file.FullName),-28} {file.Length / 1048576.0,8:0.00} MB"));
            }

            return exit;
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
