using System.Text.Json;
using DescentLab.Io;
using DescentLab.Rendering;
using DescentLab.Rendering.Tests;
using Microsoft.Playwright;

namespace DescentLab.Cli.Tests;

/// <summary>The playground page in headless Chromium, against a server on a free port, with every outside request blocked.</summary>
public sealed class PlaygroundBrowserTests : IAsyncLifetime, IDisposable
{
    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",

        // Software WebGL for the 3D surface, since there is no GPU.
        "--use-angle=swiftshader", "--enable-unsafe-swiftshader",
    ];

    private readonly Sandbox _box = new();
    private readonly List<string> _errors = [];
    private readonly List<string> _blocked = [];
    private PlaygroundServer? _server;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        if (!File.Exists(BrowserFactAttribute.ChromiumPath))
        {
            return;
        }

        _server = await PlaygroundServer.StartAsync(new ServeSettings { Port = 0 });
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = BrowserFactAttribute.ChromiumPath, Headless = true, Args = ChromiumArgs });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    public void Dispose() => _box.Dispose();

    [BrowserFact]
    public async Task Page_Loads_DrawsEveryPlotWithAnEmptyConsoleAndNoOutsideRequest()
    {
        var page = await Open();

        // The 3D surface is drawn once it is scrolled into view.
        await page.Locator("#plot-surface").ScrollIntoViewIfNeededAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('#plot-surface canvas') !== null");
        foreach (var id in new[] { "plot-loss", "plot-excess", "plot-landscape", "plot-directions", "plot-surface" })
        {
            var traces = await page.EvaluateAsync<int>($"() => (document.getElementById('{id}').data || []).length");
            Assert.True(traces >= 3, $"{id}: {traces} traces");
        }

        Assert.Equal(3, await page.Locator("fieldset.method").CountAsync());
        Assert.Equal(["gd", "sgd", "sgd-shuffle"], await page.EvaluateAsync<string[]>("() => document.getElementById('plot-loss').data.map(t => t.name)"));
        Assert.Contains("0.00977", await page.InnerTextAsync("#analysis-table"), StringComparison.Ordinal);
        Assert.True(await page.Locator("#error").IsHiddenAsync());
        AssertClean();
    }

    [BrowserFact]
    public async Task LrSlider_Moved_RedrawsTheLossPlot()
    {
        var page = await Open();
        var before = await GdFinalLoss(page);

        await Change(page, () => page.Locator("#m0-lr-slider").FillAsync("560"));

        Assert.Equal("0.00631", await page.InputValueAsync("#m0-lr"));
        var after = await GdFinalLoss(page);
        Assert.True(after < before, $"gd's final loss {after} is not below {before} at a larger lr");
        Assert.Equal(0.00631, await page.EvaluateAsync<double>("() => window.playground.last.analysis.methods[0].lr"));
        AssertClean();
    }

    [BrowserFact]
    public async Task Lr_AboveTheStabilityBound_ShowsDivergence()
    {
        var page = await Open();

        await Change(page, () => page.Locator("#m0-lr").FillAsync("0.05"));

        await page.Locator("#divergence").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
        Assert.StartsWith("gd diverged at step ", await page.InnerTextAsync("#divergence"), StringComparison.Ordinal);
        Assert.Contains("gd diverged at step", string.Join('|', await page.EvaluateAsync<string[]>("() => document.getElementById('plot-loss').data.map(t => t.name)")), StringComparison.Ordinal);
        Assert.Contains("at step", await page.InnerTextAsync("#method-table"), StringComparison.Ordinal);
        AssertClean();
    }

    [BrowserFact]
    public async Task Replicates_ReplicateZeroAmongTheDiverged_SaysHowManyDiverged() => await AssertReplicatesDiverged(
        "0.0105",
        "gd: 3 of 10 replicates diverged; replicate 0 (seed 0) at step 61: full-data loss 3.399e+08 at step 61 is above 1e+06 × max(L(θ₀), L*) = 2.788e+08.",
        "3 of 10");

    [BrowserFact]
    public async Task Number_WithAnExponent_IsWrittenAsTheServersMessagesWriteIt()
    {
        // The methods table wrote gd's final loss as 3.399e+8 under the banner's 3.399e+08 (and the console's).
        var page = await Open();

        await Change(page, () => page.Locator("#m0-lr").FillAsync("0.0105"));

        Assert.Contains("3.399e+08", await page.InnerTextAsync("#divergence"), StringComparison.Ordinal);
        Assert.Equal("3.399e+08", await page.InnerTextAsync("#method-table tbody tr:first-child td:nth-child(5)"));
        AssertClean();
    }

    [BrowserFact]
    public async Task Replicates_OnlyOthersDiverged_SaysSo() => await AssertReplicatesDiverged("0.0099", "gd: 1 of 10 replicates diverged.", "1 of 10");

    [BrowserFact]
    public async Task Reload_KeepsTheSettingsAndTheirResult()
    {
        var page = await Open();
        await Change(page, () => page.Locator("#epochs").FillAsync("40"));
        await Change(page, () => page.Locator("#m2-lr").FillAsync("0.004"));
        var final = await page.EvaluateAsync<double>("() => window.playground.last.summary.methods[2].finalLoss");

        await page.ReloadAsync();
        await WaitDrawn(page, 1);

        Assert.Equal("40", await page.InputValueAsync("#epochs"));
        Assert.Equal("0.004", await page.InputValueAsync("#m2-lr"));
        Assert.Equal(final, await page.EvaluateAsync<double>("() => window.playground.last.summary.methods[2].finalLoss"));
        AssertClean();
    }

    [BrowserFact]
    public async Task Csv_UploadedAndColumnsPicked_RunsOnThoseColumns()
    {
        var page = await Open();
        var csv = _box.WriteFile("cars.csv", "id,speed,distance\n1,10,2.1\n2,20,6.3\n3,30,12.4\n4,40,21.2\n5,50,32.0\n6,60,45.1\n7,70,60.5\n8,80,78.8\n");

        await page.SelectOptionAsync("#data-kind", "csv");
        await Change(page, () => page.Locator("#csv-file").SetInputFilesAsync(csv));
        Assert.Equal("8", await page.InputValueAsync("#m1-batchSize"));
        Assert.Equal(["id", "speed", "distance"], await page.EvaluateAsync<string[]>("() => Array.from(document.querySelectorAll('#csv-x option')).map(o => o.value)"));
        await Change(page, () => page.SelectOptionAsync("#csv-y", "distance"));
        await Change(page, () => page.SelectOptionAsync("#csv-x", "speed"));
        await Change(page, () => page.Locator("#m1-batchSize").FillAsync("4"));
        await Change(page, () => page.Locator("#m2-batchSize").FillAsync("4"));

        Assert.Equal(["speed", "speed^2", "1"], await page.EvaluateAsync<string[]>("() => window.playground.last.summary.parameters"));
        Assert.Equal(8, await page.EvaluateAsync<int>("() => window.playground.last.summary.samples"));
        Assert.Equal("speed^2", await page.EvaluateAsync<string>("() => window.playground.last.view.plane.x"));
        Assert.Contains("8 rows", await page.InnerTextAsync("#csv-name"), StringComparison.Ordinal);
        AssertClean();
    }

    [BrowserFact]
    public async Task Download_ExperimentJson_RunConfigReproducesThePagesFinalTheta()
    {
        var page = await Open();
        await Change(page, () => page.Locator("#m1-lr").FillAsync("0.003"));
        await Change(page, () => page.Locator("#seed").FillAsync("7"));
        await Change(page, () => page.SelectOptionAsync("#m2-optimizer", "adam"));

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download"));
        var file = _box.PathOf("experiment.json");
        await download.SaveAsAsync(file);
        var output = _box.PathOf("out");
        var result = Sandbox.Run("run", "--config", file, "--out", output, "--quiet");

        Assert.True(result.ExitCode == 0, result.Error);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, ExperimentOutputWriter.SummaryFileName)));
        var page3 = await page.EvaluateAsync<double[][]>("() => window.playground.last.summary.methods.map(m => m.final)");
        var file3 = summary.RootElement.GetProperty("methods").EnumerateArray().Select(m => m.GetProperty("final").EnumerateArray().Select(e => e.GetDouble()).ToArray()).ToArray();
        Assert.Equal(file3, page3);
        Assert.Equal(7, summary.RootElement.GetProperty("seed").GetInt32());

        // "Open as report" downloads the report the command writes for that file.
        var report = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#report"));
        var html = _box.PathOf("report.html");
        await report.SaveAsAsync(html);
        Assert.Equal(ExperimentView.Report(ExperimentJson.Read(file)), await File.ReadAllTextAsync(html));
        AssertClean();
    }

    [BrowserFact]
    public async Task BadValue_ShowsTheApisMessage()
    {
        var page = await Open();

        await page.Locator("#m1-batchSize").FillAsync("500");

        await page.Locator("#error").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
        Assert.Equal("methods[1].sampler.batchSize: the batch size 500 is larger than the 100 samples; use at most 100.", await page.InnerTextAsync("#error"));

        // The server keeps serving: a good value clears the message.
        await Change(page, () => page.Locator("#m1-batchSize").FillAsync("20"));
        Assert.True(await page.Locator("#error").IsHiddenAsync());
        _errors.RemoveAll(e => e.Contains("400", StringComparison.Ordinal));
        AssertClean();
    }

    /// <summary>
    /// With 10 replicates and gd at <paramref name="lr"/>, the page says how many replicates diverged. Before, it said "gd
    /// diverged at step 61" and marked × on a curve it did not draw when replicate 0 had diverged, and nothing at all when
    /// only other replicates had, although the band ran off the top.
    /// </summary>
    private async Task AssertReplicatesDiverged(string lr, string expected, string count)
    {
        var page = await Open();
        await Change(page, () => page.Locator("#replicates").FillAsync("10"));

        await Change(page, () => page.Locator("#m0-lr").FillAsync(lr));

        await page.Locator("#divergence").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
        Assert.Equal(expected, await page.InnerTextAsync("#divergence"));
        var names = await page.EvaluateAsync<string[]>("() => document.getElementById('plot-loss').data.map(t => t.name || '')");
        Assert.Contains($"gd (median, band; {count} diverged)", names);
        Assert.DoesNotContain(names, n => n.Contains("diverged at step", StringComparison.Ordinal));
        Assert.Equal(count, await page.InnerTextAsync("#method-table tbody tr:first-child td:last-child"));
        AssertClean();
    }

    private async Task<IPage> Open()
    {
        Assert.NotNull(_browser);
        var page = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 }, AcceptDownloads = true });
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => _errors.Add(error);
        var origin = _server!.Address.GetLeftPart(UriPartial.Authority);
        await page.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url.StartsWith(origin, StringComparison.Ordinal))
            {
                await route.ContinueAsync();
            }
            else
            {
                _blocked.Add(route.Request.Url);
                await route.AbortAsync();
            }
        });
        await page.GotoAsync(_server.Address.AbsoluteUri);
        await WaitDrawn(page, 1);
        return page;
    }

    /// <summary>Does <paramref name="action"/> and waits for the page to draw the answer to it.</summary>
    private static async Task Change(IPage page, Func<Task> action)
    {
        var draws = await page.EvaluateAsync<int>("() => window.playground.draws");
        await action();
        await WaitDrawn(page, draws + 1);
    }

    private static async Task WaitDrawn(IPage page, int draws) =>
        await page.WaitForFunctionAsync("n => window.playground && window.playground.draws >= n && document.body.dataset.state === 'ready'", draws, new PageWaitForFunctionOptions { Timeout = 30_000 });

    private static async Task<double> GdFinalLoss(IPage page) =>
        await page.EvaluateAsync<double>("() => { const y = document.getElementById('plot-loss').data[0].y; return y[y.length - 1]; }");

    private void AssertClean()
    {
        Assert.Empty(_errors);
        Assert.Empty(_blocked);
    }
}
