using System.Globalization;
using System.Text.RegularExpressions;
using DescentLab.Cli;
using Microsoft.Playwright;

namespace DescentLab.Benchmarks;

/// <summary>
/// The playground's round trip in headless Chromium: a learning-rate slider moves 50 times, and each move is timed from
/// its input event to plotly's plotly_afterplot on the loss plot (and to every plot drawn). Not a BenchmarkDotNet job:
/// it measures a browser, not .NET code. Run: <c>dotnet run -c Release --project bench/DescentLab.Benchmarks -- playground-latency</c>.
/// </summary>
public static partial class PlaygroundLatency
{
    private const int Moves = 50;

    public static async Task<int> RunAsync(string chromium)
    {
        using var output = new StringWriter();
        using var stop = new CancellationTokenSource();
        var server = Task.Run(() => DescentLabCommand.Run(["serve", "--port", "0"], TextWriter.Synchronized(output), TextWriter.Null, cancellationToken: stop.Token));
        Match url;
        while (!(url = Url().Match(output.ToString())).Success)
        {
            if (server.IsCompleted)
            {
                Console.Error.WriteLine("the server did not start");
                return 1;
            }

            await Task.Delay(50);
        }

        try
        {
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = chromium,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--use-angle=swiftshader", "--enable-unsafe-swiftshader"],
            });
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
            await page.GotoAsync(url.Value);
            await page.WaitForFunctionAsync("() => window.playground && window.playground.draws >= 1");

            // Back and forth over lr 0.0005 … 0.005 (slider positions 340 … 540), one move at a time.
            for (var i = 0; i < Moves; i++)
            {
                var position = 340 + (200 * (i % 10) / 9);
                await page.EvaluateAsync(
                    "p => { const s = document.getElementById('m0-lr-slider'); s.value = String(p); s.dispatchEvent(new Event('input', { bubbles: true })); }",
                    i % 2 == 0 ? position : 880 - position);
                await page.WaitForFunctionAsync("n => window.playground.latencies.length >= n && window.playground.allDrawn.length >= n", i + 1);
            }

            var afterplot = await page.EvaluateAsync<double[]>("() => window.playground.latencies");
            var all = await page.EvaluateAsync<double[]>("() => window.playground.allDrawn");
            var fetched = await page.EvaluateAsync<double[]>("() => window.playground.fetched.slice(1)");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| request → answer (fetch, server time included), {fetched.Length} requests | {Median(fetched):F1} ms | {Percentile(fetched, 0.95):F1} ms |"));
            var bytes = await page.EvaluateAsync<int>("async () => (await (await fetch('/api/run', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: await (await fetch('/api/experiment')).text() })).arrayBuffer()).byteLength");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| input → plotly_afterplot (loss plot), {Moves} moves | {Median(afterplot):F1} ms | {Percentile(afterplot, 0.95):F1} ms |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| input → every plot drawn, {Moves} moves | {Median(all):F1} ms | {Percentile(all, 0.95):F1} ms |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| response size, seed experiment | {bytes / 1024.0:F1} KB | |"));
            return 0;
        }
        finally
        {
            await stop.CancelAsync();
            await server;
        }
    }

    private static double Median(double[] values) => Percentile(values, 0.5);

    /// <summary>The q-quantile with linear interpolation between order statistics (NumPy's default).</summary>
    private static double Percentile(double[] values, double q)
    {
        var sorted = values.Order().ToArray();
        var h = (sorted.Length - 1) * q;
        var low = (int)Math.Floor(h);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + ((h - low) * (sorted[high] - sorted[low]));
    }

    [GeneratedRegex(@"http://[0-9.:\[\]]+/")]
    private static partial Regex Url();
}
