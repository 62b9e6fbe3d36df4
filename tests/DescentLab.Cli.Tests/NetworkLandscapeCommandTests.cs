using System.Globalization;
using DescentLab.Experiments;
using DescentLab.Io;
using DescentLab.Landscapes;

namespace DescentLab.Cli.Tests;

/// <summary>The landscape command with network models: Li et al.'s planes, their files, and one-line refusals.</summary>
public sealed class NetworkLandscapeCommandTests : IDisposable
{
    private static readonly string[] Mlp = ["--dataset", "moons", "--model", "mlp:6:tanh", "--epochs", "10", "--methods", "gd,adam", "--resolution", "9"];

    private readonly Sandbox _box = new();

    public void Dispose() => _box.Dispose();

    /// <summary>Before this command existed, "landscape" with a network model exited 2 ("covers the linear model only").</summary>
    [Fact]
    public void Landscape_Mlp_WritesGridDirectionsPathsPlaneFiguresAndReport()
    {
        var folder = _box.PathOf("mlp");
        var result = Sandbox.Run(false, ExperimentRendering.Default, default, ["landscape", .. Mlp, "--out", folder]);

        Assert.Equal(0, result.ExitCode);
        string[] expected =
        [
            "data.csv", "directions.csv", "experiment.json", Path.Combine("figures", "landscape.png"), Path.Combine("figures", "landscape.svg"),
            "landscape.csv", "landscape.json", "paths.csv", "report.html",
        ];
        Assert.Equal(expected, Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(folder, p)).Where(p => !p.StartsWith('.')).Order(StringComparer.Ordinal));
        Assert.Contains("loss over a filter-normalised random plane through the final θ of gd", result.Output, StringComparison.Ordinal);
        Assert.Contains("direction 1 (filter-normalised), from -1 to 1", result.Output, StringComparison.Ordinal);
        Assert.Contains("biases zeroed (Li et al., ignore='biasbn')", result.Output, StringComparison.Ordinal);

        var grid = File.ReadAllLines(Path.Combine(folder, "landscape.csv"));
        Assert.Equal("alpha,beta,loss", grid[0]);
        Assert.Equal(1 + (9 * 9), grid.Length);
        var plane = OutputFiles.Json(Path.Combine(folder, "landscape.json"));
        Assert.Equal("filter", plane.GetProperty("directions").GetProperty("kind").GetString());
        Assert.Equal("zero", plane.GetProperty("directions").GetProperty("biases").GetString());
        Assert.Equal("gd", plane.GetProperty("centre").GetProperty("method").GetString());
        Assert.Equal("least-squares", plane.GetProperty("projection").GetString());
        var report = File.ReadAllText(Path.Combine(folder, "report.html"));
        Assert.Contains("id=\"landscape-surface\"", report, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"surface\"", report, StringComparison.Ordinal);
        Assert.Contains("least-squares projections onto the plane", report, StringComparison.Ordinal);
    }

    /// <summary>The console said nothing when the figures capped the loss far out on the plane; the report did.</summary>
    [Fact]
    public void Landscape_WideRange_SaysOnTheConsoleWhatTheFiguresClip()
    {
        var wide = _box.PathOf("wide");
        var result = Sandbox.Run(["landscape", .. Mlp, "--range", "1e6", "--figures", "png", "--no-report", "--out", wide]);
        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"\n  clipped   loss above \S+ \(or not finite\) is drawn at \S+; landscape.csv holds every value\n", result.Output.Replace("\r\n", "\n", StringComparison.Ordinal));

        var narrow = Sandbox.Run(["landscape", .. Mlp, "--figures", "png", "--no-report", "--out", _box.PathOf("narrow")]);
        Assert.Equal(0, narrow.ExitCode);
        Assert.DoesNotContain("clipped", narrow.Output, StringComparison.Ordinal);

        var undrawn = Sandbox.Run(["landscape", .. Mlp, "--range", "1e6", "--figures", "none", "--no-report", "--out", _box.PathOf("undrawn")]);
        Assert.Equal(0, undrawn.ExitCode);
        Assert.DoesNotContain("clipped", undrawn.Output, StringComparison.Ordinal);
    }

    /// <summary>Where a ReLU network's output overflowed to ∞ − ∞ the loss is NaN; the console said "loss NaN to NaN on the grid" and landscape.json "minimum": "NaN", though the centre's loss was on the grid.</summary>
    [Fact]
    public void Landscape_LossNotANumberFarOut_GivesTheRangeOfTheNumbersAndCountsTheRest()
    {
        var folder = _box.PathOf("overflow");
        var result = Sandbox.Run(false, ExperimentRendering.Default, default, ["landscape", "--model", "mlp:8:relu", "--epochs", "2", "--methods", "gd", "--range", "1e200", "--resolution", "5", "--figures", "none", "--out", folder]);

        Assert.Equal(0, result.ExitCode);
        var losses = File.ReadAllLines(Path.Combine(folder, "landscape.csv")).Skip(1).Select(l => l.Split(',')[2]).ToArray();
        var nan = losses.Count(l => l == "nan");
        Assert.InRange(nan, 1, losses.Length - 2);
        var centre = OutputFiles.Json(Path.Combine(folder, "landscape.json")).GetProperty("centre").GetProperty("loss").GetDouble();
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"\n  loss      {ResultsTable.Number(centre)} to inf on the grid; not a number at {nan} points, where the computation overflowed\n"), result.Output.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        var grid = OutputFiles.Json(Path.Combine(folder, "landscape.json")).GetProperty("grid");
        Assert.Equal(centre, grid.GetProperty("minimum").GetDouble());
        Assert.Equal("Infinity", grid.GetProperty("maximum").GetString());
        var report = File.ReadAllText(Path.Combine(folder, "report.html"));
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"to Infinity; not a number at {nan} of 25 points, where the computation overflowed"), report, StringComparison.Ordinal);
    }

    /// <summary>Any grid point rebuilt from directions.csv as θ₀ + α·d₁ + β·d₂ has the loss landscape.csv holds, as the model computes it directly.</summary>
    [Theory]
    [InlineData("filter")]
    [InlineData("pca")]
    public void Landscape_GridPointFromTheFiles_EqualsTheModelsDirectLoss(string directions)
    {
        var folder = _box.PathOf(directions);
        Assert.Equal(0, Sandbox.Run(["landscape", .. Mlp, "--directions", directions, "--out", folder]).ExitCode);

        var file = ExperimentJson.Read(Path.Combine(folder, "experiment.json"));
        var network = ExperimentRunner.CreateNetwork(file.Spec);
        var rows = File.ReadAllLines(Path.Combine(folder, "directions.csv")).Skip(1).Select(Numbers).ToArray();
        Assert.Equal(network.ParameterCount, rows.Length);
        double[] centre = [.. rows.Select(r => r[0])];
        double[] d1 = [.. rows.Select(r => r[1])];
        double[] d2 = [.. rows.Select(r => r[2])];
        var grid = File.ReadAllLines(Path.Combine(folder, "landscape.csv")).Skip(1).Select(l => l.Split(',').Select(Parse).ToArray()).ToArray();
        var random = new Random(5);
        var theta = new double[network.ParameterCount];
        for (var trial = 0; trial < 5; trial++)
        {
            var row = grid[random.Next(grid.Length)];
            NetworkPlane.PointAt(centre, d1, d2, row[0], row[1], theta);
            Assert.Equal(network.Loss(theta), row[2], 12);
        }

        // The parameter name is quoted and holds a comma ("0.weight[0,1]"); the three numbers are the last fields.
        static double[] Numbers(string line) => [.. line.Split(',')[^3..].Select(Parse)];
    }

    [Theory]
    [InlineData("filter", "gd")]
    [InlineData("pca", "adam")]
    public void Landscape_CentreMethodsProjectedPath_EndsAtTheOrigin(string directions, string centre)
    {
        var folder = _box.PathOf(directions);
        Assert.Equal(0, Sandbox.Run(["landscape", .. Mlp, "--directions", directions, "--centre", centre, "--out", folder]).ExitCode);

        var last = File.ReadLines(Path.Combine(folder, "paths.csv")).Last(l => l.StartsWith(centre + ",", StringComparison.Ordinal)).Split(',');
        Assert.Equal(("0", "0"), (last[3], last[4]));
    }

    [Fact]
    public void Landscape_LogisticOptimumCentre_SaysItIsThetaStar()
    {
        var folder = _box.PathOf("logistic");
        var result = Sandbox.Run("landscape", "--dataset", "moons", "--model", "logistic", "--epochs", "3", "--centre", "optimum", "--range", "-2:2", "--resolution", "5", "--out", folder);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("through θ* (Newton's method, 7 steps), loss there 0.299357;", result.Output, StringComparison.Ordinal);
        Assert.Contains("from -2 to 2", result.Output, StringComparison.Ordinal);
        Assert.Equal(JsonValueKindNull, OutputFiles.Json(Path.Combine(folder, "landscape.json")).GetProperty("centre").GetProperty("method").ValueKind);
    }

    [Theory]
    [InlineData("--directions: 'pcb' is not a kind of direction; use filter, random or pca.", "--directions", "pcb")]
    [InlineData("--biases: 'none' is not a bias rule; use zero or copy.", "--biases", "none")]
    [InlineData("--range: expected a positive number R (from -R to R), LOW:HIGH with LOW < HIGH, or paths; got '0'.", "--range", "0")]
    [InlineData("--range: expected a positive number R (from -R to R), LOW:HIGH with LOW < HIGH, or paths; got '2:1'.", "--range", "2:1")]
    [InlineData("--direction-seed: expected a whole number from 0 to 4294967295, got '-1'.", "--direction-seed", "-1")]
    [InlineData("--centre: 'sgd' is not a method of the experiment; expected optimum or one of gd, adam.", "--centre", "sgd")]
    [InlineData("--centre: 'optimum' needs a closed-form θ*, which only logistic regression has; the model is mlp:6:tanh. Give a method's name to centre on its final θ.", "--centre", "optimum")]
    [InlineData("--plane: applies to the linear model only; a mlp:6:tanh model's plane is set by --directions, --centre and --range.", "--plane", "x,y")]
    [InlineData("--kind: applies to the linear model only; a mlp:6:tanh model's plane is set by --directions, --centre and --range.", "--kind", "slice")]
    public void Landscape_BadNetworkFlag_ExitsTwoWithOneLineNamingIt(string message, string flag, string value)
    {
        var folder = _box.PathOf("bad");
        var result = Sandbox.Run(["landscape", .. Mlp, flag, value, "--out", folder]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"descentlab: {message}", result.Error.TrimEnd());
        Assert.False(Directory.Exists(folder));
        Assert.Empty(_box.Entries());
    }

    /// <summary>Before the refusal was read as data, this exited 2 with "(Parameter 'result')" cut out of the exception text left in the line.</summary>
    [Fact]
    public void Landscape_EveryRunDiverged_ExitsTwoWithTheCentreRefusalOnly()
    {
        var folder = _box.PathOf("diverged");
        var result = Sandbox.Run("landscape", "--dataset", "moons", "--model", "mlp:8:relu", "--methods", "gd,adam", "--lr", "1e30", "--epochs", "20", "--resolution", "5", "--out", folder);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("descentlab: --centre: every run diverged, so no final θ is finite to centre on.", result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last());
        Assert.False(Directory.Exists(folder));
    }

    [Theory]
    [InlineData("--directions", "pca")]
    [InlineData("--centre", "gd")]
    public void Landscape_NetworkFlagWithTheLinearModel_ExitsTwoNamingIt(string flag, string value)
    {
        var folder = _box.PathOf("linear");
        var result = Sandbox.Run("landscape", "--resolution", "5", flag, value, "--out", folder);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"descentlab: {flag}: applies to network models only; the linear model's landscape spans two of its parameters (--plane).", result.Error.TrimEnd());
        Assert.False(Directory.Exists(folder));
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    /// <summary>A number as DescentLab's CSVs write it ("inf" and "nan" included).</summary>
    private static double Parse(string text) => CsvNumbers.Parse(text);
}
