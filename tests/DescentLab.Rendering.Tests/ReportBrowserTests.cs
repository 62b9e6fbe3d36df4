using System.Text.Json;
using Microsoft.Playwright;
using SkiaSharp;

namespace DescentLab.Rendering.Tests;

public sealed class ReportBrowserTests
{
    internal static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",

        // Software WebGL for the 3D figures, since there is no GPU.
        "--use-angle=swiftshader", "--enable-unsafe-swiftshader",
    ];

    [BrowserFact]
    public async Task Report_InHeadlessChromium_RendersEveryPlotOfflineAndReplays()
    {
        Assert.True(File.Exists(BrowserFactAttribute.ChromiumPath), $"{BrowserFactAttribute.RequireVariable}=1 but Chromium is missing at {BrowserFactAttribute.ChromiumPath}.");
        var report = SeedRendering.ReportPath;
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFactAttribute.ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        var errors = new List<string>();
        var blocked = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        await page.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url.StartsWith("file:", StringComparison.Ordinal))
            {
                await route.ContinueAsync();
            }
            else
            {
                blocked.Add(route.Request.Url);
                await route.AbortAsync();
            }
        });

        await page.GotoAsync(new Uri(report).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        var ids = await page.EvalOnSelectorAllAsync<string[]>("div.plot", "divs => divs.map(d => d.id)");
        Assert.Equal(10, ids.Length);
        await page.WaitForFunctionAsync("n => document.querySelectorAll('div.plot.js-plotly-plot').length === n", ids.Length);

        foreach (var id in ids)
        {
            var locator = page.Locator("#" + id);
            var content = await locator.EvaluateAsync<JsonElement>(
                "d => ({ svg: d.querySelectorAll('.main-svg .trace, .main-svg .contourlayer path').length, gl: Array.from(d.querySelectorAll('canvas')).filter(c => c.width > 0 && c.height > 0).length, noWebgl: d.querySelectorAll('.no-webgl').length })");
            Assert.True(content.GetProperty("svg").GetInt32() + content.GetProperty("gl").GetInt32() > 0, $"{id}: no SVG traces and no WebGL canvas");
            Assert.Equal(0, content.GetProperty("noWebgl").GetInt32());

            // What the eye sees: the figure must not be a white box. The sparsest seed figure, the data, inks 1.5% of its box.
            await locator.ScrollIntoViewIfNeededAsync();
            var shot = await locator.ScreenshotAsync();
            using var bitmap = SKBitmap.Decode(shot);
            Assert.True(InkedFraction(bitmap) > 0.01, $"{id}: the plot looks blank ({InkedFraction(bitmap):P1} inked)");
        }

        // Moving the slider back to epoch 30 of 300 must shorten every replayed path and move its head.
        const string lengths = "() => document.getElementById('fig-replay').data.map(t => t.x.length)";
        const string linePath = "() => document.querySelector('#fig-replay .scatterlayer .trace path.js-line').getAttribute('d')";
        var before = await page.EvaluateAsync<int[]>(lengths);
        var pathBefore = await page.EvaluateAsync<string>(linePath);
        var positions = int.Parse(await page.GetAttributeAsync("#replay-slider", "max") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(1200, positions);
        await page.Locator("#replay-slider").FillAsync("120");
        var after = await page.EvaluateAsync<int[]>(lengths);
        var pathAfter = await page.EvaluateAsync<string>(linePath);
        Assert.Equal([300 + 1, 1200 + 1, 1200 + 1], before[1..4]);
        Assert.Equal([30 + 1, 120 + 1, 120 + 1], after[1..4]);
        Assert.NotEqual(pathBefore, pathAfter);
        Assert.Contains("epoch 30", await page.InnerTextAsync("#replay-label"), StringComparison.Ordinal);

        // The x-axis switch redraws the loss figures and the replay against updates: GD's last x is then its update 300,
        // the same as its epoch 300, and SGD's is its update 1200 instead of epoch 300.
        await page.Locator("input[name='x-axis'][value='steps']").CheckAsync();
        Assert.Equal("steps (parameter updates)", await page.EvaluateAsync<string>("() => document.getElementById('fig-loss').layout.xaxis.title.text"));
        var lastX = await page.EvaluateAsync<double[]>("() => document.getElementById('fig-excess').data.map(t => t.x[t.x.length - 1])");
        Assert.Equal(new[] { 1200.0, 1200, 300 }, lastX);
        Assert.StartsWith("update ", await page.InnerTextAsync("#replay-label"), StringComparison.Ordinal);
        await page.Locator("input[name='x-axis'][value='samples']").CheckAsync();
        var lastSamples = await page.EvaluateAsync<double[]>("() => document.getElementById('fig-excess').data.map(t => t.x[t.x.length - 1])");
        Assert.Equal(new[] { 30000.0, 30000, 30000 }, lastSamples);

        Assert.Empty(errors);
        Assert.Empty(blocked);
        Assert.False(await page.EvaluateAsync<bool>("() => window.pwned === 1"));
    }

    [BrowserFact]
    public async Task SweepReport_InHeadlessChromium_DrawsEveryHeatmapWithoutErrors()
    {
        Assert.True(File.Exists(BrowserFactAttribute.ChromiumPath), $"{BrowserFactAttribute.RequireVariable}=1 but Chromium is missing at {BrowserFactAttribute.ChromiumPath}.");
        var spec = new DescentLab.Sweeps.SweepSpec
        {
            Base = new DescentLab.Experiments.ExperimentSpec { Replicates = 3, Training = new DescentLab.Training.TrainingOptions { Epochs = 150 } },
            LearningRates = [0.001, 0.003],
            BatchSizes = [10, 25],
        };
        var cells = DescentLab.Sweeps.SweepCsv.ReadSummary(DescentLab.Sweeps.SweepCsv.Summary(DescentLab.Sweeps.SweepCsv.Tidy(DescentLab.Sweeps.SweepRunner.Run(spec).Rows)));
        var report = Path.Combine(SeedRendering.NewDirectory(), "report.html");
        SweepRenderer.WriteReport(spec, cells, report, "{}");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = BrowserFactAttribute.ChromiumPath, Headless = true, Args = ChromiumArgs });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);

        await page.GotoAsync(new Uri(report).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        await page.WaitForFunctionAsync("() => document.querySelectorAll('div.plot.js-plotly-plot').length === 2");

        foreach (var id in new[] { "fig-heatmap-0", "fig-heatmap-1" })
        {
            var locator = page.Locator("#" + id);
            Assert.Equal(1, await locator.EvaluateAsync<int>("d => d.querySelectorAll('.main-svg .hm, .main-svg image').length > 0 ? 1 : 0"));
            await locator.ScrollIntoViewIfNeededAsync();
            using var bitmap = SKBitmap.Decode(await locator.ScreenshotAsync());
            Assert.True(InkedFraction(bitmap) > 0.2, $"{id}: the heatmap looks blank ({InkedFraction(bitmap):P1} inked)");
        }

        Assert.Empty(errors);
    }

    [BrowserFact]
    public async Task Report_DivergedAllDivergedAndTwoRowRuns_DrawEveryPlotWithoutConsoleErrors()
    {
        // Before the divergence rule, an lr-0.02 report logged "<path> attribute d: Expected number" and drew no path.
        Assert.True(File.Exists(BrowserFactAttribute.ChromiumPath), $"{BrowserFactAttribute.RequireVariable}=1 but Chromium is missing at {BrowserFactAttribute.ChromiumPath}.");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = BrowserFactAttribute.ChromiumPath, Headless = true, Args = ChromiumArgs });
        foreach (var (name, result) in DivergedRendering.Cases())
        {
            var report = Path.Combine(SeedRendering.NewDirectory(), "report.html");
            ExperimentRenderer.WriteReport(result, report);
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
            var errors = new List<string>();
            page.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    errors.Add(message.Text);
                }
            };
            page.PageError += (_, error) => errors.Add(error);

            await page.GotoAsync(new Uri(report).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            var ids = await page.EvalOnSelectorAllAsync<string[]>("div.plot", "divs => divs.map(d => d.id)");
            await page.WaitForFunctionAsync("n => document.querySelectorAll('div.plot.js-plotly-plot').length === n", ids.Length);
            foreach (var id in ids)
            {
                var locator = page.Locator("#" + id);
                var content = await locator.EvaluateAsync<JsonElement>(
                    "d => ({ svg: d.querySelectorAll('.main-svg .trace, .main-svg .contourlayer path').length, gl: Array.from(d.querySelectorAll('canvas')).filter(c => c.width > 0 && c.height > 0).length })");
                Assert.True(content.GetProperty("svg").GetInt32() + content.GetProperty("gl").GetInt32() > 0, $"{name} {id}: no SVG traces and no WebGL canvas");
                await locator.ScrollIntoViewIfNeededAsync();
                using var bitmap = SKBitmap.Decode(await locator.ScreenshotAsync());
                // All-diverged, the fit shows only the samples and θ*'s curve: under 1% ink, but not a white box.
                Assert.True(InkedFraction(bitmap) > 0.005, $"{name} {id}: the plot looks blank ({InkedFraction(bitmap):P1} inked)");
            }

            await page.Locator("#replay-slider").FillAsync("1");
            Assert.True(errors.Count == 0, $"{name}: {string.Join(" | ", errors)}");
            await page.CloseAsync();
        }
    }

    private static double InkedFraction(SKBitmap bitmap)
    {
        var inked = 0;
        var total = 0;
        for (var y = 0; y < bitmap.Height; y += 3)
        {
            for (var x = 0; x < bitmap.Width; x += 3)
            {
                var c = bitmap.GetPixel(x, y);
                total++;
                if (c.Red < 235 || c.Green < 235 || c.Blue < 235)
                {
                    inked++;
                }
            }
        }

        return inked / (double)total;
    }
}
