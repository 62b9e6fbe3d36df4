using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DescentLab.Experiments;
using DescentLab.Io;
using DescentLab.Rendering;

namespace DescentLab.Cli.Tests;

/// <summary>The playground's JSON API on an in-process Kestrel bound to a free port, called over HTTP.</summary>
public sealed class PlaygroundApiTests : IAsyncLifetime, IDisposable
{
    private readonly Sandbox _box = new();
    private PlaygroundServer _server = null!;
    private HttpClient _client = null!;

    private static ServeSettings Settings => new() { Port = 0 };

    public async Task InitializeAsync()
    {
        _server = await PlaygroundServer.StartAsync(Settings);
        _client = new HttpClient { BaseAddress = _server.Address };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    public void Dispose() => _box.Dispose();

    [Theory]
    [InlineData("seed.json")]
    [InlineData("optimizers.json")]
    public async Task Run_Example_SummaryEqualsWhatRunConfigWrites(string example)
    {
        var path = Path.Combine(Sandbox.Examples, example);
        var expected = RunConfig(path);

        using var view = await RunOk("/api/run", File.ReadAllText(path));

        AssertSameSummary(expected, view.RootElement.GetProperty("summary"));
    }

    [Fact]
    public async Task Run_InlineCsv_EqualsRunConfigOnTheSameFile()
    {
        // The own-data example with its CSV inline: what the page sends after a file is chosen, and what it downloads.
        var example = JsonNode.Parse(File.ReadAllText(Path.Combine(Sandbox.Examples, "own-data.json")))!.AsObject();
        example["data"]!["text"] = File.ReadAllText(Path.Combine(Sandbox.Examples, "stopping-distance.csv"));
        example["data"]!.AsObject().Remove("path");
        var json = example.ToJsonString();
        var expected = RunConfig(_box.WriteFile("inline.json", json));

        using var view = await RunOk("/api/run", json);

        AssertSameSummary(expected, view.RootElement.GetProperty("summary"));
        Assert.Equal("speed_kmh^2", view.RootElement.GetProperty("view").GetProperty("plane").GetProperty("x").GetString());
    }

    [Fact]
    public async Task Analyze_SeedExperiment_EqualsTheRunsAnalysis()
    {
        var seed = ExperimentJson.Write(ExperimentFile.Seed);
        using var run = await RunOk("/api/run", seed);

        using var analysis = await RunOk("/api/analyze", seed);

        Assert.Equal(run.RootElement.GetProperty("analysis").GetRawText(), analysis.RootElement.GetProperty("analysis").GetRawText());
        Assert.Equal(100, analysis.RootElement.GetProperty("samples").GetInt32());
    }

    [Fact]
    public async Task Experiment_Get_IsTheSeedExperimentFile()
    {
        var text = await _client.GetStringAsync("/api/experiment");

        Assert.Equal(ExperimentJson.Write(ExperimentFile.Seed), text);
    }

    [Fact]
    public async Task Report_SeedExperiment_IsTheReportOfTheLibrary()
    {
        using var response = await Post("/api/report", ExperimentJson.Write(ExperimentFile.Seed));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment; filename=\"report.html\"", response.Content.Headers.ContentDisposition!.ToString());
        Assert.Equal(ExperimentView.Report(ExperimentFile.Seed), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Page_Get_ServesHtmlUnderAStrictPolicy()
    {
        using var response = await _client.GetAsync(new Uri("/", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(PlaygroundServer.ContentSecurityPolicy, string.Join(";", response.Headers.GetValues("Content-Security-Policy")));
        Assert.StartsWith("default-src 'none';", PlaygroundServer.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Contains("<script src=\"/plotly.min.js\"></script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        var plotly = await _client.GetStringAsync(new Uri("/plotly.min.js", UriKind.Relative));
        Assert.Contains("plotly.js", plotly[..400], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"epochs\": 0 }")]
    [InlineData("{ \"bogus\": 1 }")]
    [InlineData("{ \"methods\": [{ \"name\": \"a\", \"optimizer\": { \"kind\": \"sgd\", \"lr\": -1 } }] }")]
    [InlineData("{ \"methods\": [{ \"name\": \"a\", \"sampler\": { \"batchSize\": 500 } }] }")]
    [InlineData("{ \"output\": { \"plane\": [\"x\", \"z\"] } }")]
    [InlineData("{ \"epochs\": 3,, }")]
    [InlineData("{ \"epochs\": 2000000000 }")]
    [InlineData("{ \"seed\": 4294967295, \"replicates\": 2 }")]
    public async Task Run_BadValue_400WithTheMessageRunConfigPrints(string json)
    {
        var file = _box.WriteFile("spec.json", json);
        var command = Sandbox.Run("run", "--config", file, "--out", _box.PathOf("out"));
        Assert.Equal(2, command.ExitCode);

        var problem = await Problem("/api/run", json, HttpStatusCode.BadRequest);

        // The command says "descentlab: FILE: MESSAGE"; the API gives MESSAGE.
        Assert.Equal($"descentlab: {file}: {problem.GetProperty("detail").GetString()}", command.Error.Trim());
        await AssertStillServing();
    }

    [Theory]
    [InlineData("/api/run")]
    [InlineData("/api/analyze")]
    [InlineData("/api/report")]
    public async Task AnyEndpoint_NetworkModel_400NamingTheModel(string endpoint)
    {
        // The page draws the linear model only. /api/analyze used to answer 200 with a least-squares analysis of
        // polynomial features of the moons, and the others named a library method and "(Parameter 'spec')", without a path.
        var json = File.ReadAllText(Path.Combine(Sandbox.Examples, "two-moons-mlp.json"));

        var problem = await Problem(endpoint, json, HttpStatusCode.BadRequest);

        Assert.Equal("model", problem.GetProperty("path").GetString());
        Assert.Equal(
            "model: the playground covers the linear model only; train mlp:16,16:tanh with descentlab run --config FILE, which writes its report.",
            problem.GetProperty("detail").GetString());
        await AssertStillServing();
    }

    [Fact]
    public async Task Run_UnknownField_NamesItsPath()
    {
        var problem = await Problem("/api/run", "{ \"methods\": [{ \"name\": \"a\", \"optimiser\": {} }] }", HttpStatusCode.BadRequest);

        Assert.Equal("methods[0].optimiser", problem.GetProperty("path").GetString());
        Assert.StartsWith("methods[0].optimiser: unknown field", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MalformedJson_400NamingLineAndByte()
    {
        var problem = await Problem("/api/run", "{ \"seed\": 1,\n \"epochs\": }", HttpStatusCode.BadRequest);

        Assert.StartsWith("line 2, byte 12: invalid JSON:", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertStillServing();
    }

    [Fact]
    public async Task Run_CsvPath_400WithoutReadingTheFile()
    {
        var problem = await Problem("/api/run", "{ \"data\": { \"kind\": \"csv\", \"path\": \"/etc/passwd\", \"x\": \"root\" } }", HttpStatusCode.BadRequest);

        Assert.Equal("data.path: files cannot be read here; give the CSV itself as text.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Run_NotJson_415()
    {
        using var response = await _client.PostAsync(new Uri("/api/run", UriKind.Relative), new StringContent("{}", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        await AssertStillServing();
    }

    [Fact]
    public async Task Run_TooManyReplicates_413NamingTheFlag()
    {
        var problem = await Problem("/api/run", "{ \"replicates\": 501, \"epochs\": 1 }", HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal("--max-replicates", problem.GetProperty("flag").GetString());
        Assert.Equal("replicates: 501 asked for; this server runs at most 500 per request. Start it with --max-replicates 501 to allow more.", problem.GetProperty("detail").GetString());
        await AssertStillServing();
    }

    [Fact]
    public async Task Run_TooManySteps_413NamingTheFlag()
    {
        // The seed's methods take 1 + 4 + 4 steps an epoch: 9 × 111112 = 1000008 steps, just over the default 1000000.
        var problem = await Problem("/api/run", "{ \"epochs\": 111112 }", HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal("--max-steps", problem.GetProperty("flag").GetString());
        Assert.Contains("trains 1000008 steps", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("--max-steps 1000008", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertStillServing();
    }

    [Fact]
    public async Task Run_TooManySamples_413NamingTheFlag()
    {
        var problem = await Problem("/api/run", "{ \"data\": { \"kind\": \"seed\", \"count\": 100001 }, \"epochs\": 1 }", HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal("--max-samples", problem.GetProperty("flag").GetString());
        await AssertStillServing();
    }

    [Fact]
    public async Task Run_BodyOverOneMegabyte_413NamingTheFlag()
    {
        var padding = new string(' ', (1 << 20) - 1);
        var problem = await Problem("/api/run", "{" + padding + "}", HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal("--max-body-kb", problem.GetProperty("flag").GetString());
        Assert.StartsWith("the request body is larger than 1048576 bytes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertStillServing();
    }

    [Fact]
    public async Task Run_OneMegabyteCsvBody_IsAccepted()
    {
        // 1 MiB exactly: a CSV of about 25000 rows inline, padded to the largest body the default limit takes.
        var csv = new StringBuilder("x,y\n");
        var random = new Random(3);
        while (csv.Length < 990_000)
        {
            var x = random.NextDouble() * 4;
            csv.Append(x.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).Append(',').Append((1 + x + (x * x)).ToString("R", System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        }

        var json = new JsonObject
        {
            ["data"] = new JsonObject { ["kind"] = "csv", ["text"] = csv.ToString() },
            ["epochs"] = 2,
            ["methods"] = new JsonArray(new JsonObject { ["name"] = "gd", ["sampler"] = new JsonObject { ["kind"] = "full-batch" } }),
        }.ToJsonString();
        json += new string(' ', (1 << 20) - Encoding.UTF8.GetByteCount(json));
        Assert.Equal(1 << 20, Encoding.UTF8.GetByteCount(json));

        using var view = await RunOk("/api/run", json);

        Assert.Equal(2, view.RootElement.GetProperty("summary").GetProperty("methods")[0].GetProperty("steps").GetInt32());
    }

    [Fact]
    public async Task Run_TwentyAtOnce_EachEqualsItsOwnRun()
    {
        var bodies = Enumerable.Range(0, 20).Select(s => $"{{ \"seed\": {s}, \"epochs\": 40 }}").ToArray();

        var answers = await Task.WhenAll(bodies.Select(async b => (await RunOk("/api/run", b)).RootElement.GetProperty("summary").Clone()));

        for (var s = 0; s < bodies.Length; s++)
        {
            using var alone = JsonDocument.Parse(ExperimentView.Run(ExperimentJson.ParseSelfContained(bodies[s])));
            AssertSameSummary(alone.RootElement.GetProperty("summary"), answers[s]);
            Assert.Equal(s, answers[s].GetProperty("seed").GetInt32());
        }
    }

    [Fact]
    public async Task Run_ClientCancels_ServerStopsTheRunAndServesTheNext()
    {
        // One run at a time, and a first request that would train for many minutes: the second can only be answered if
        // cancelling the first freed the server.
        await using var server = await PlaygroundServer.StartAsync(Settings with { MaxConcurrent = 1, MaxSteps = long.MaxValue, MaxQueue = 4, Timeout = TimeSpan.FromHours(1) });
        using var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(2) };
        using var cancel = new CancellationTokenSource();
        var slow = client.PostAsync(new Uri("/api/run", UriKind.Relative), Json(Endless), cancel.Token);
        await Task.Delay(500);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => slow);

        using var next = await client.PostAsync(new Uri("/api/run", UriKind.Relative), Json("{ \"epochs\": 5 }"));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task Dispose_WhileARunIsInFlight_CancelsItAndAnswers503()
    {
        // Ctrl-C while a run was computing: the server waited out its grace period for it and then dropped the connection,
        // so the client got no answer and the command was killed by the process's own grace ("cancelled.", exit 130).
        var server = await PlaygroundServer.StartAsync(Settings with { MaxSteps = long.MaxValue, Timeout = TimeSpan.FromHours(1) });
        using var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(2) };
        var slow = client.PostAsync(new Uri("/api/run", UriKind.Relative), Json(Endless));
        await Task.Delay(500);

        await server.DisposeAsync();

        using var response = await slow;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("the server is stopping; the run was cancelled.", problem.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Run_LongerThanTheTimeout_503NamingTheFlag()
    {
        await using var server = await PlaygroundServer.StartAsync(Settings with { MaxSteps = long.MaxValue, Timeout = TimeSpan.FromMilliseconds(300) });
        using var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(2) };

        using var response = await client.PostAsync(new Uri("/api/run", UriKind.Relative), Json(Endless));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode}: {text}");
        using var problem = JsonDocument.Parse(text);

        Assert.Equal("--timeout", problem.RootElement.GetProperty("flag").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(new Uri("/api/run", UriKind.Relative), Json("{ \"epochs\": 5 }"))).StatusCode);
    }

    /// <summary>4.5 billion steps (each run within the step limit), a few rows recorded: far more than the test's two minutes; only cancellation ends it early.</summary>
    private const string Endless = "{ \"epochs\": 500000000, \"recordEvery\": 100000000 }";

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<HttpResponseMessage> Post(string path, string json) => await _client.PostAsync(new Uri(path, UriKind.Relative), Json(json));

    private async Task<JsonDocument> RunOk(string path, string json)
    {
        using var response = await Post(path, json);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text);
    }

    private async Task<JsonElement> Problem(string path, string json, HttpStatusCode status)
    {
        using var response = await Post(path, json);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var problem = JsonDocument.Parse(text);
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        return problem.RootElement.Clone();
    }

    private async Task AssertStillServing()
    {
        using var view = await RunOk("/api/run", "{ \"epochs\": 3 }");
        Assert.Equal(3, view.RootElement.GetProperty("summary").GetProperty("methods").GetArrayLength());
    }

    /// <summary>Runs <c>descentlab run --config</c> on <paramref name="path"/> and returns the summary.json it wrote.</summary>
    private JsonElement RunConfig(string path)
    {
        var output = _box.PathOf(Guid.NewGuid().ToString("N"));
        var result = Sandbox.Run("run", "--config", path, "--out", output, "--quiet");
        Assert.True(result.ExitCode == 0, result.Error);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, ExperimentOutputWriter.SummaryFileName)));
        return summary.RootElement.Clone();
    }

    /// <summary>Every member but the run times has the same JSON text: the same doubles, bit for bit.</summary>
    private static void AssertSameSummary(JsonElement expected, JsonElement actual)
    {
        Assert.Equal(
            expected.EnumerateObject().Select(p => p.Name),
            actual.EnumerateObject().Select(p => p.Name));
        foreach (var property in expected.EnumerateObject().Where(p => p.Name != "timing"))
        {
            Assert.Equal(property.Value.GetRawText(), actual.GetProperty(property.Name).GetRawText());
        }
    }
}
