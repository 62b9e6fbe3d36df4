using Microsoft.Playwright;

namespace DescentLab.Rendering.Tests;

public sealed class NetworkReportBrowserTests
{
    [BrowserFact]
    public async Task NetworkReport_InHeadlessChromium_DrawsEveryPlotAndReplaysTheBoundary()
    {
        Assert.True(File.Exists(BrowserFactAttribute.ChromiumPath), $"{BrowserFactAttribute.RequireVariable}=1 but Chromium is missing at {BrowserFactAttribute.ChromiumPath}.");
        var result = NetworkRendering.Softmax;
        var report = Path.Combine(SeedRendering.NewDirectory(), "report.html");
        ExperimentRenderer.WriteReport(result, report);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = BrowserFactAttribute.ChromiumPath, Headless = true, Args = ReportBrowserTests.ChromiumArgs });
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
        await page.WaitForFunctionAsync("() => document.querySelectorAll('div.plot.js-plotly-plot').length === 3");

        // The loss and accuracy plots sit side by side.
        var loss = await page.Locator("#fig-loss").BoundingBoxAsync();
        var accuracy = await page.Locator("#fig-accuracy").BoundingBoxAsync();
        Assert.Equal(loss!.Y, accuracy!.Y);
        Assert.True(accuracy.X > loss.X + loss.Width - 1);

        // At the slider's end each panel shows its run's final regions; at 0, the init's, titled with the init's accuracy.
        const string regions = "() => document.getElementById('fig-boundary').data.slice(0, 3).map(t => JSON.stringify(t.z))";
        const string titles = "() => document.getElementById('fig-boundary').layout.annotations.map(a => a.text)";
        var end = await page.EvaluateAsync<string[]>(regions);
        var endTitles = await page.EvaluateAsync<string[]>(titles);
        await page.Locator("#replay-slider").FillAsync("0");
        var start = await page.EvaluateAsync<string[]>(regions);
        var startTitles = await page.EvaluateAsync<string[]>(titles);
        var label = await page.InnerTextAsync("#replay-label");
        for (var r = 0; r < result.Runs.Count; r++)
        {
            var run = result.Runs[r];
            Assert.NotEqual(end[r], start[r]);
            Assert.Equal($"{run.Method.Name}: {(100 * result.FinalAccuracy(run)).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)}% correct", endTitles[r]);
            Assert.Equal($"{run.Method.Name}: {(100 * result.InitialAccuracy(run)).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)}% correct", startTitles[r]);
            Assert.Contains($"{run.Method.Name} step 0 ", label, StringComparison.Ordinal);
        }

        // The x-axis switch redraws the accuracy curves against updates: SGD's last x is then its last update.
        await page.Locator("input[name='x-axis'][value='steps']").CheckAsync();
        var lastX = await page.EvaluateAsync<double[]>("() => document.getElementById('fig-accuracy').data.map(t => t.x[t.x.length - 1])");
        Assert.Contains((double)result.Runs[1].Trajectory.Step[^1], lastX);
        Assert.StartsWith("update ", await page.InnerTextAsync("#replay-label"), StringComparison.Ordinal);

        Assert.Empty(errors);
        Assert.Empty(blocked);
    }
}
