using System.Globalization;
using DescentLab.Analysis;
using DescentLab.Experiments;
using DescentLab.Landscapes;
using DescentLab.Models;
using DescentLab.Sampling;

namespace DescentLab.Rendering;

/// <summary>Everything the static figures, the interactive figures and the report draw, computed once from a result.</summary>
internal sealed class FigureModel : ILossCurves
{
    /// <summary>The most minibatch surfaces drawn; more would hide each other.</summary>
    public const int MaxBatchSurfaces = 8;

    /// <summary>Points along x for drawn curves.</summary>
    public const int CurvePoints = 200;

    private static readonly Dictionary<string, string> SeedLetters = new(StringComparer.Ordinal)
    {
        ["x^2"] = "a",
        ["x"] = "b",
        ["1"] = "c",
    };

    private FigureModel(ExperimentResult result, RenderOptions options)
    {
        Result = result;
        Options = options;
        Problem = result.Problem;
        Analysis = ProblemAnalysis.Analyze(Problem);
        Names = [.. Problem.ParameterNames];
        var letters = Names.Length == 3 && Names.All(SeedLetters.ContainsKey);
        Labels = [.. Names.Select(n => letters ? $"{n} ({SeedLetters[n]})" : n)];
        (PlaneXName, PlaneYName) = options.Plane ?? LandscapePlane.DefaultParameters(Problem);
        Ix = IndexOf(PlaneXName, "X");
        Iy = IndexOf(PlaneYName, "Y");
        Optimum = Problem.FullData.Optimum.ToArray();
        MinimumLoss = Problem.FullData.MinimumLoss;
        Title = string.IsNullOrWhiteSpace(options.Title) ? $"DescentLab: {result.Spec.Name} experiment" : options.Title;
    }

    public ExperimentResult Result { get; }

    public RenderOptions Options { get; }

    public Problem Problem { get; }

    public ProblemAnalysis Analysis { get; }

    public string Title { get; }

    /// <summary>Parameter names, in parameter order.</summary>
    public string[] Names { get; }

    /// <summary>Parameter names for axes and tables, with the seed's letters when the model is the seed's.</summary>
    public string[] Labels { get; }

    public string PlaneXName { get; }

    public string PlaneYName { get; }

    public int Ix { get; }

    public int Iy { get; }

    public string PlaneXLabel => Labels[Ix];

    public string PlaneYLabel => Labels[Iy];

    public double[] Optimum { get; }

    public double MinimumLoss { get; }

    public IReadOnlyList<RunSeries> Runs { get; private set; } = [];

    /// <inheritdoc/>
    double? ILossCurves.LossFloor => MinimumLoss;

    /// <inheritdoc/>
    public string LossName => "MSE";

    /// <summary>The epochs marked on every path, in increasing order.</summary>
    public IReadOnlyList<double> MarkEpochs { get; private set; } = [];

    /// <summary>Whether every run started from the same θ₀.</summary>
    public bool SharedInit { get; private set; }

    /// <summary>The full-data landscape on a plane that covers θ*, the inits and every path point below <see cref="LossCeiling"/>.</summary>
    public Surface Landscape { get; private set; } = null!;

    /// <summary>One landscape per minibatch; empty when no method uses minibatches.</summary>
    public IReadOnlyList<Surface> BatchSurfaces { get; private set; } = [];

    /// <summary>Each minibatch's own optimum on the plane.</summary>
    public IReadOnlyList<(double X, double Y)> BatchOptima { get; private set; } = [];

    /// <summary>Where the minibatches come from, in words.</summary>
    public string BatchSource { get; private set; } = string.Empty;

    /// <summary>The generating mean curve's coefficients in ascending powers of x, when the data were generated from one.</summary>
    public double[]? MeanCoefficients { get; private set; }

    /// <summary>Whether the data have one input column, so that curves over x can be drawn.</summary>
    public bool HasCurves => Problem.Data.InputCount == 1;

    /// <summary>x values for drawn curves, spanning the data.</summary>
    public double[] CurveX { get; private set; } = [];

    /// <summary>
    /// The most samples a scatter plot draws: beyond a few thousand, markers only overlap, and a million of them make a
    /// 100 MB SVG and a report that takes minutes to open.
    /// </summary>
    public const int MaxDataPoints = 5000;

    /// <summary>The drawn samples' first input column: every sample, or <see cref="MaxDataPoints"/> evenly spaced rows.</summary>
    public double[] DataX { get; private set; } = [];

    /// <summary>The drawn samples' outputs, row for row with <see cref="DataX"/>.</summary>
    public double[] DataY { get; private set; } = [];

    /// <summary>The legend entry of the drawn samples: "samples", or how many of them are drawn.</summary>
    public string DataLegend { get; private set; } = "samples";

    /// <summary>The x-axis of loss curves, in words, for axis titles.</summary>
    public string ProgressLabel => AxisTitle(Options.XAxis);

    /// <summary>The x-axis of loss curves, one word, for figure titles.</summary>
    public string ProgressWord => AxisWord(Options.XAxis);

    /// <summary>
    /// The top of the loss axes: a thousand times the largest initial loss, so that a diverged run, whose loss grows
    /// without bound, leaves the top of the figure instead of squashing the others.
    /// </summary>
    public double LossCeiling => Ceiling(Runs);

    /// <summary>The x-axis <paramref name="axis"/> in words, for axis titles.</summary>
    public static string AxisTitle(XAxis axis) => axis switch
    {
        XAxis.Steps => "steps (parameter updates)",
        XAxis.Samples => "samples processed",
        _ => "epochs (passes over the data)",
    };

    /// <summary>The x-axis <paramref name="axis"/>, one word, for figure titles.</summary>
    public static string AxisWord(XAxis axis) => axis switch
    {
        XAxis.Steps => "steps",
        XAxis.Samples => "samples processed",
        _ => "epochs",
    };

    /// <summary>A thousand times the largest finite initial loss of <paramref name="runs"/> (1000 without runs).</summary>
    public static double Ceiling(IReadOnlyList<RunSeries> runs) =>
        1e3 * runs.Select(r => r.Loss.Length > 0 && double.IsFinite(r.Loss[0]) ? r.Loss[0] : 0).DefaultIfEmpty(1).Max();

    /// <summary>What the landscape does with the parameters off the plane, in words.</summary>
    public string KindDescription
    {
        get
        {
            var others = Enumerable.Range(0, Names.Length).Where(k => k != Ix && k != Iy).Select(k => Labels[k]).ToArray();
            if (others.Length == 0)
            {
                return "every parameter is on the plane";
            }

            var list = string.Join(", ", others);
            return Landscape.Kind == LandscapeKind.Profile
                ? $"profile: {list} minimised out"
                : $"slice: {list} held at θ*";
        }
    }

    /// <summary>Computes the model of <paramref name="result"/>.</summary>
    public static FigureModel Create(ExperimentResult result, RenderOptions? options)
    {
        ArgumentNullException.ThrowIfNull(result);
        var model = new FigureModel(result, options ?? new RenderOptions());
        model.Build();
        return model;
    }

    /// <summary>The model's prediction at input <paramref name="x"/> for parameters <paramref name="theta"/> (one input column).</summary>
    public double Predict(ReadOnlySpan<double> theta, double x)
    {
        Span<double> features = stackalloc double[Names.Length];
        Problem.Features([x], features);
        var sum = 0.0;
        for (var j = 0; j < features.Length; j++)
        {
            sum += features[j] * theta[j];
        }

        return sum;
    }

    /// <summary>The curve of parameters <paramref name="theta"/> at <see cref="CurveX"/>.</summary>
    public double[] Curve(ReadOnlySpan<double> theta)
    {
        var y = new double[CurveX.Length];
        for (var i = 0; i < y.Length; i++)
        {
            y[i] = Predict(theta, CurveX[i]);
        }

        return y;
    }

    /// <summary>The generating mean curve at <see cref="CurveX"/>; null when unknown.</summary>
    public double[]? MeanCurve()
    {
        if (MeanCoefficients is not { } c)
        {
            return null;
        }

        var y = new double[CurveX.Length];
        for (var i = 0; i < y.Length; i++)
        {
            var sum = 0.0;
            for (var k = c.Length - 1; k >= 0; k--)
            {
                sum = (sum * CurveX[i]) + c[k];
            }

            y[i] = sum;
        }

        return y;
    }

    /// <summary>A polynomial in x written as people do: "3x² + 10x − 2".</summary>
    public static string Polynomial(IReadOnlyList<double> ascending, int digits = 4)
    {
        var terms = new List<string>();
        for (var k = ascending.Count - 1; k >= 0; k--)
        {
            var c = ascending[k];
            if (c == 0 && ascending.Count > 1)
            {
                continue;
            }

            var magnitude = NumberText.G(Math.Abs(c), digits);
            var power = k switch { 0 => string.Empty, 1 => "x", 2 => "x²", 3 => "x³", _ => $"x^{k}" };
            var body = k > 0 && magnitude == "1" ? power : magnitude + power;
            terms.Add(terms.Count == 0 ? (c < 0 ? "−" + body : body) : (c < 0 ? " − " : " + ") + body);
        }

        return terms.Count == 0 ? "0" : string.Concat(terms);
    }

    /// <summary>The coefficients of θ in ascending powers of x, for the seed's model (x, x^2, …, 1); null for other models.</summary>
    public double[]? AscendingCoefficients(ReadOnlySpan<double> theta)
    {
        if (!HasCurves)
        {
            return null;
        }

        var degree = Problem.Degree;
        var c = new double[degree + 1];
        c[0] = theta[^1];
        for (var k = 1; k <= degree; k++)
        {
            c[k] = theta[k - 1];
        }

        return c;
    }

    private int IndexOf(string name, string axis)
    {
        var index = Array.IndexOf(Names, name);
        return index >= 0
            ? index
            : throw new ArgumentException($"plane: unknown {axis} parameter '{name}'; the parameters are {string.Join(", ", Names)}.");
    }

    private void Build()
    {
        var runs = Result.Runs;
        var longest = runs.Count == 0 ? 0 : runs.Max(r => r.Trajectory.Count == 0 ? 0 : r.Trajectory.Epoch[^1]);
        MarkEpochs = ResolveMarks(Options.MarkEpochs, Result.Spec.Training.Epochs, longest);
        Runs = [.. runs.Select((r, i) => Series(r, i))];
        SharedInit = runs.Count > 0 && runs.All(r => r.Init.SequenceEqual(runs[0].Init));

        // A diverging path runs off towards infinity: the plane covers every point of the other paths whose loss is
        // below the ceiling of the loss axes, so such a path leaves the picture instead of shrinking the others to a dot.
        var ceiling = LossCeiling;
        var covered = new List<double[]>(runs.Select(r => r.Init.ToArray()));
        foreach (var run in runs)
        {
            var t = run.Trajectory;
            var loss = t.Loss;

            // A diverged run's frame holds only its start (loss up to 10× its initial loss): it is drawn until it leaves.
            var limit = t.Diverged ? Math.Min(ceiling, 10 * loss[0]) : ceiling;
            for (var k = 0; k < t.Count; k++)
            {
                if (loss[k] <= limit)
                {
                    var theta = new double[t.ParameterCount];
                    t.ParametersAt(k, theta);
                    covered.Add(theta);
                }
            }
        }

        var plane = LandscapePlane.Covering(
            Problem,
            PlaneXName,
            PlaneYName,
            Options.Resolution,
            Options.Resolution,
            Options.LandscapeKind,
            covered);
        Landscape = Landscapes.Landscape.Evaluate(Problem, plane);
        foreach (var run in Runs)
        {
            ClipToFrame(run, ceiling);
        }

        BuildBatches();
        BuildData();
    }

    /// <summary>
    /// Fits <paramref name="run"/>'s loss curves to the loss axes, whose top is at most <paramref name="ceiling"/>. A
    /// diverged run's curves end where they first pass the ceiling (that point drawn at the ceiling, and marked). A run
    /// that did not diverge is drawn whole: a spike above the ceiling leaves the top edge and comes back, as the figures'
    /// fixed ranges cut it; its values are held within three decades of the ceiling, so no huge number reaches a plot.
    /// </summary>
    /// <param name="run">The run's series.</param>
    /// <param name="ceiling">The top of the loss axes.</param>
    /// <param name="markExcessEnd">Whether the excess-loss curve's end is marked (false where the model has no L*).</param>
    internal static void FitCurves(RunSeries run, double ceiling, bool markExcessEnd = true)
    {
        if (!run.Diverged)
        {
            var far = 1e3 * ceiling;
            run.Loss = [.. run.Loss.Select(v => Math.Min(v, far))];
            run.ExcessLoss = [.. run.ExcessLoss.Select(v => Math.Min(v, far))];
            run.BatchLoss = [.. run.BatchLoss.Select(v => Math.Min(v, far))];
            return;
        }

        (run.Loss, run.LossEnd) = CapAt(run.Loss, ceiling);
        (run.ExcessLoss, var excessEnd) = CapAt(run.ExcessLoss, ceiling);
        (run.BatchLoss, _) = CapAt(run.BatchLoss, ceiling);
        run.ExcessEnd = markExcessEnd ? excessEnd : null;
    }

    /// <summary>
    /// Cuts what a figure draws of <paramref name="run"/> to what can be drawn (<see cref="FitCurves"/>), and a diverged
    /// run's path where it leaves the landscape's frame (at the point where it crosses the edge), so no figure's range
    /// is stretched by a blow-up. A run that did not diverge keeps its whole path: where it leaves the frame and comes
    /// back, the figures' fixed ranges cut it at the edges (its points held within a hundred frames of the frame).
    /// </summary>
    private void ClipToFrame(RunSeries run, double ceiling)
    {
        FitCurves(run, ceiling);
        double x0 = Landscape.XValues[0], x1 = Landscape.XValues[^1], y0 = Landscape.YValues[0], y1 = Landscape.YValues[^1];
        bool Inside(double x, double y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
        var n = run.PlaneX.Length;
        if (!run.Diverged)
        {
            double w = x1 - x0, h = y1 - y0;
            run.PathX = [.. run.PlaneX.Select(x => Math.Clamp(x, x0 - (100 * w), x1 + (100 * w)))];
            run.PathY = [.. run.PlaneY.Select(y => Math.Clamp(y, y0 - (100 * h), y1 + (100 * h)))];
            run.PathRows = run.Rows;
            run.PathEpochs = run.Epochs;
            run.PathLoss = [.. run.Rows.Select(r => Math.Min(run.Run.Trajectory.Loss[r], ceiling))];
            return;
        }

        var kept = 0;
        while (kept < n && Inside(run.PlaneX[kept], run.PlaneY[kept]))
        {
            kept++;
        }

        var count = kept < n && kept > 0 ? kept + 1 : kept;
        var px = run.PlaneX.AsSpan(0, count).ToArray();
        var py = run.PlaneY.AsSpan(0, count).ToArray();
        var rows = run.Rows.AsSpan(0, count).ToArray();
        var epochs = run.Epochs.AsSpan(0, count).ToArray();
        var loss = new double[count];
        for (var k = 0; k < count; k++)
        {
            loss[k] = Math.Min(run.Run.Trajectory.Loss[rows[k]], ceiling);
        }

        if (count > kept)
        {
            // The segment from the last point inside to the first outside meets the frame at the smallest t in (0, 1].
            double ax = run.PlaneX[kept - 1], ay = run.PlaneY[kept - 1], bx = run.PlaneX[kept], by = run.PlaneY[kept];
            var t = 1.0;
            if (!double.IsFinite(bx) || !double.IsFinite(by))
            {
                t = 0;
            }
            else
            {
                foreach (var (a, b, low, high) in new[] { (ax, bx, x0, x1), (ay, by, y0, y1) })
                {
                    if (b > high)
                    {
                        t = Math.Min(t, (high - a) / (b - a));
                    }
                    else if (b < low)
                    {
                        t = Math.Min(t, (low - a) / (b - a));
                    }
                }
            }

            // Clamped: the interpolation can land an ulp outside the edge.
            px[kept] = Math.Clamp(double.IsFinite(t) ? ax + (t * (bx - ax)) : ax, x0, x1);
            py[kept] = Math.Clamp(double.IsFinite(t) ? ay + (t * (by - ay)) : ay, y0, y1);
            run.LeavesFrame = true;
        }

        (run.PathX, run.PathY, run.PathRows, run.PathEpochs, run.PathLoss) = (px, py, rows, epochs, loss);
    }

    /// <summary>The values up to where they first pass <paramref name="cap"/> (that point drawn at the cap, NaN after), and where the curve ends.</summary>
    internal static (double[] Values, (int Index, double Loss)? End) CapAt(double[] values, double cap)
    {
        var capped = (double[])values.Clone();
        (int, double)? end = null;
        for (var k = 0; k < capped.Length; k++)
        {
            if (capped[k] > cap)
            {
                capped[k] = cap;
                end = (k, cap);
                for (var j = k + 1; j < capped.Length; j++)
                {
                    capped[j] = double.NaN;
                }

                break;
            }
        }

        if (end is null)
        {
            for (var k = capped.Length - 1; k >= 0; k--)
            {
                if (capped[k] > 0 && double.IsFinite(capped[k]))
                {
                    end = (k, capped[k]);
                    break;
                }
            }
        }

        return (capped, end);
    }

    private static double[] ResolveMarks(IReadOnlyList<double>? requested, int epochs, double longest)
    {
        if (requested is null)
        {
            // The seed marks epoch 50 of 300; a shorter run gets a mark about a sixth of the way in.
            var mark = epochs > 50 ? 50 : epochs >= 6 ? Math.Round(epochs / 6.0) : Math.Max(epochs / 6.0, 0.5);
            requested = [mark];
        }

        return [.. requested.Where(e => e <= longest + 1e-9)];
    }

    private RunSeries Series(RunResult run, int index)
    {
        var t = run.Trajectory;
        var rows = Thinning.Rows(t.Count, Options.MaxPoints);
        var metrics = PathMetrics.Of(t, Optimum, MinimumLoss);
        double[] Take(ReadOnlySpan<double> column) => RunSeries.Take(column, rows);
        double[] TakeLong(ReadOnlySpan<long> column) => RunSeries.Take(column, rows);

        var marks = new List<(int, double)>();
        foreach (var epoch in MarkEpochs)
        {
            var e = t.Epoch;
            for (var k = 0; k < e.Length; k++)
            {
                // The first recorded row at or past the mark: GD's step 50, SGD's step 200 for the seed's epoch 50.
                if (e[k] >= epoch - 1e-9)
                {
                    marks.Add((k, epoch));
                    break;
                }
            }
        }

        var final = new double[t.ParameterCount];
        if (t.Count > 0)
        {
            t.ParametersAt(t.Count - 1, final);
        }

        return new RunSeries
        {
            Run = run,
            Index = index,
            Rows = rows,
            Progress = Options.XAxis switch
            {
                XAxis.Steps => TakeLong(t.Step),
                XAxis.Samples => TakeLong(t.Samples),
                _ => Take(t.Epoch),
            },
            Epochs = Take(t.Epoch),
            Steps = TakeLong(t.Step),
            SamplesSeen = TakeLong(t.Samples),
            BatchLoss = Take(t.BatchLoss),
            Loss = Take(t.Loss),
            ExcessLoss = Take(metrics.ExcessLoss),
            PlaneX = Take(t.Parameter(Ix)),
            PlaneY = Take(t.Parameter(Iy)),
            Marks = marks,
            Final = final,
        };
    }

    private void BuildBatches()
    {
        var source = Result.Runs.FirstOrDefault(r => r.Method.Sampler.Kind != SamplerKind.FullBatch);
        if (source is null)
        {
            BatchSource = "No method uses minibatches.";
            return;
        }

        var n = Problem.SampleCount;
        IReadOnlyList<int[]> batches;
        if (source.Trajectory.KeptBatches is { Count: > 0 } kept)
        {
            batches = kept;
            BatchSource = $"The batches of {source.Method.Name}'s first epoch ({kept.Count} batches of {kept[0].Length}).";
        }
        else
        {
            var size = Math.Min(source.Method.Sampler.BatchSize, n);
            batches = [.. Enumerable.Range(0, (n + size - 1) / size).Select(b => Enumerable.Range(b * size, Math.Min(size, n - (b * size))).ToArray())];
            BatchSource = $"Consecutive batches of {size} samples, {source.Method.Name}'s batch size ({batches.Count} batches).";
        }

        if (batches.Count > MaxBatchSurfaces)
        {
            BatchSource += $" The first {MaxBatchSurfaces} are drawn.";
            batches = [.. batches.Take(MaxBatchSurfaces)];
        }

        var optima = batches.Select(b => Problem.BatchForm(b).Optimum.ToArray()).ToArray();
        var resolution = Math.Max(8, Options.Resolution / 2);
        var plane = LandscapePlane.Covering(Problem, PlaneXName, PlaneYName, resolution, resolution, Options.LandscapeKind, optima, margin: 0.25);
        BatchSurfaces = Landscapes.Landscape.EvaluateBatches(Problem, batches, plane);
        BatchOptima = [.. optima.Select(o => (o[Ix], o[Iy]))];
    }

    private void BuildData()
    {
        var data = Problem.Data;
        var x = data.Input(0);
        var y = data.Output;
        var rows = Thinning.Rows(data.Count, MaxDataPoints);
        DataX = new double[rows.Length];
        DataY = new double[rows.Length];
        for (var k = 0; k < rows.Length; k++)
        {
            DataX[k] = x[rows[k]];
            DataY[k] = y[rows[k]];
        }

        if (rows.Length < data.Count)
        {
            DataLegend = string.Create(CultureInfo.InvariantCulture, $"samples ({rows.Length:N0} of {data.Count:N0} drawn)");
        }
        MeanCoefficients = Result.Spec.Data switch
        {
            SeedData seed => [.. seed.Generator.MeanCoefficients],
            PolynomialData polynomial => [.. polynomial.Generator.Coefficients],
            _ => null,
        };
        if (!HasCurves)
        {
            return;
        }

        var low = double.PositiveInfinity;
        var high = double.NegativeInfinity;
        foreach (var v in x)
        {
            low = Math.Min(low, v);
            high = Math.Max(high, v);
        }

        CurveX = new double[CurvePoints];
        for (var i = 0; i < CurvePoints; i++)
        {
            CurveX[i] = low + ((high - low) * i / (CurvePoints - 1));
        }
    }
}
