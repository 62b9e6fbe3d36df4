using System.Globalization;
using DescentLab.Experiments;
using DescentLab.Landscapes;

namespace DescentLab.Rendering;

/// <summary>The interactive figures: plotly figure specs (data, layout) as one JSON array, built from the figure model.</summary>
internal static partial class InteractiveFigures
{
    /// <summary>Positions of the replay slider: one per drawn row of the longest path, so a position moves it one recorded step.</summary>
    public static int ReplayPositions(FigureModel model) =>
        Math.Clamp(model.Runs.Select(r => r.Rows.Length - 1).DefaultIfEmpty(0).Max(), 100, Thinning.MaxPoints);

    /// <summary>The page element id of <paramref name="figure"/>.</summary>
    public static string Id(ReportFigure figure) => figure switch
    {
        ReportFigure.Data => "fig-data",
        ReportFigure.Loss => "fig-loss",
        ReportFigure.Excess => "fig-excess",
        ReportFigure.BandsExcess => "fig-bands-excess",
        ReportFigure.BandsLoss => "fig-bands-loss",
        ReportFigure.Fit => "fig-fit",
        ReportFigure.Paths => "fig-paths",
        ReportFigure.Landscape => "fig-landscape",
        ReportFigure.Surface => "fig-surface",
        ReportFigure.Batches => "fig-batches",
        ReportFigure.Paths3D => "fig-paths3d",
        ReportFigure.Replay => "fig-replay",
        ReportFigure.Accuracy => "fig-accuracy",
        ReportFigure.Boundary => "fig-boundary",
        _ => throw new ArgumentOutOfRangeException(nameof(figure), figure, "Not a report figure."),
    };

    /// <summary>The figures of <paramref name="model"/> in page order: each one, its heading and its caption.</summary>
    public static IReadOnlyList<(ReportFigure Figure, string Heading, string Caption)> Describe(FigureModel model)
    {
        var list = new List<(ReportFigure, string, string)>
        {
            (ReportFigure.Data, "The data", model.MeanCoefficients is null
                ? "The samples and the least-squares fit."
                : "The samples, the mean curve they were drawn around, and the least-squares fit θ*."),
            (ReportFigure.Loss, $"Loss against {model.ProgressWord}", "Batch loss (faint: the loss of the batch each step used, before the step) and full-data loss after each step; log scale."),
            (ReportFigure.Excess, $"Excess loss against {model.ProgressWord}", "L(θ) − L*: how much loss is left to lose; log scale."),
        };
        if (model.Result.Statistics is { } statistics)
        {
            var o = statistics.Options;
            var band = F(o.BandLower * 100) + "–" + F(o.BandUpper * 100) + "%";
            var replicates = statistics.Methods[0].Replicates.ToString(CultureInfo.InvariantCulture);
            list.Add((ReportFigure.BandsExcess, $"Excess loss across {replicates} replicates", $"Each method's median L(θ) − L* (line) and its {band} band (shaded) over seeds S…S+{statistics.Methods[0].Replicates - 1}, each replicate against its own L*; log scale."));
            list.Add((ReportFigure.BandsLoss, $"Full-data loss across {replicates} replicates", $"Each method's median full-data loss (line) and its {band} band (shaded); log scale."));
        }

        if (model.HasCurves)
        {
            list.Add((ReportFigure.Fit, "Real vs fitted", "The samples with each method's final curve and the least-squares curve."));
        }

        list.Add((ReportFigure.Paths, "Paths in the plane", $"Each method's path in the ({model.PlaneXLabel}, {model.PlaneYLabel}) plane, marked at epoch {string.Join(", ", model.MarkEpochs.Select(F))}; θ* is the least-squares optimum."));
        list.Add((ReportFigure.Landscape, "Loss landscape and paths", $"Full-data MSE over the plane ({model.KindDescription}); colour on a log scale. With a profile, no path's loss is below the surface under it."));
        list.Add((ReportFigure.Surface, "The full-data surface", $"The same landscape in 3D (MSE, {model.KindDescription})."));
        if (model.BatchSurfaces.Count > 0)
        {
            list.Add((ReportFigure.Batches, "Minibatch surfaces", "Each minibatch's own landscape, overlaid (all but the first at opacity 0.5): the gradient of a batch points to its own minimum. " + model.BatchSource));
        }

        list.Add((ReportFigure.Paths3D, "Paths in 3D at their true loss", "Each path at its full-data loss over the profile surface, which lies at or below every point of it."));
        list.Add((ReportFigure.Replay, "Replay", "Move the slider (or press play) to replay every path step by step, against the x-axis chosen above: at equal epochs, SGD has taken one step per batch; at equal updates, GD and SGD have taken the same number."));
        return list;
    }

    /// <summary>The JSON array of figures, in the order of <see cref="Describe(FigureModel)"/>.</summary>
    public static string Json(FigureModel model)
    {
        using var json = new PlotlyJson();
        json.StartArray();
        foreach (var (figure, heading, _) in Describe(model))
        {
            json.StartObject();
            json.String("id", Id(figure));
            switch (figure)
            {
                case ReportFigure.Data: Data(json, model, heading); break;
                case ReportFigure.Loss: Loss(json, model, heading); break;
                case ReportFigure.Excess: Excess(json, model, heading); break;
                case ReportFigure.BandsExcess: Bands(json, model, heading, excess: true); break;
                case ReportFigure.BandsLoss: Bands(json, model, heading, excess: false); break;
                case ReportFigure.Fit: Fit(json, model, heading); break;
                case ReportFigure.Paths: Paths(json, model, heading, contour: false); break;
                case ReportFigure.Landscape: Paths(json, model, heading, contour: true); break;
                case ReportFigure.Surface: Surface3D(json, model, heading); break;
                case ReportFigure.Batches: Batches(json, model, heading); break;
                case ReportFigure.Paths3D: Paths3D(json, model, heading); break;
                case ReportFigure.Replay: Replay(json, model, heading); break;
                default: throw new ArgumentOutOfRangeException(nameof(model), figure, "Not a report figure.");
            }

            json.EndObject();
        }

        json.EndArray();
        return json.Text();
    }

    private static void Data(PlotlyJson json, FigureModel model, string heading)
    {
        var data = model.Problem.Data;
        json.StartArray("data");
        Markers(json, model.DataX, model.DataY, model.DataLegend, "#7f7f7f", 6);
        if (model.HasCurves)
        {
            if (model.MeanCurve() is { } mean)
            {
                Line(json, model.CurveX, mean, "generating mean: y = " + FigureModel.Polynomial(model.MeanCoefficients!), "#000000", 2, "dash");
            }

            Line(json, model.CurveX, model.Curve(model.Optimum), "least-squares fit θ*: y = " + FigureModel.Polynomial(model.AscendingCoefficients(model.Optimum)!), Palette.Of(3), 2.5);
        }

        json.EndArray();
        Layout(json, heading, data.InputNames[0], data.OutputName);
    }

    /// <summary>Batch and full-data loss of every run on a log axis, with L* as a dotted line when the model has one; the legend below the plot for a half-width figure.</summary>
    private static void Loss(PlotlyJson json, ILossCurves model, string heading, bool legendBelow = false)
    {
        // Per trace, its x on each x-axis (null: the L* line), so the page can switch the x-axis.
        var traces = new List<Func<XAxis, double[]>?>();
        json.StartArray("data");

        // Every batch loss first, faint, so that every full-data loss is drawn above them.
        foreach (var run in Stroke.InDrawingOrder(model.Runs))
        {
            json.StartObject();
            Trace(json, "scatter", "lines", $"{run.Name}: batch loss");
            json.Label("legendgroup", run.Name);
            json.Number("opacity", 0.3);
            json.Array("x", run.Progress);
            json.Array("y", run.BatchLoss);
            LineStyle(json, Palette.Of(run.Index), 1);
            json.EndObject();
            traces.Add(run.ProgressOn);
        }

        foreach (var run in Stroke.InDrawingOrder(model.Runs))
        {
            Line(json, run.Progress, run.Loss, $"{run.Name}: full-data loss", Palette.Of(run.Index), Stroke.Of(run).Width, Stroke.Of(run).Dash, group: run.Name);
            traces.Add(run.ProgressOn);
            if (DivergedMarker(json, run, run.LossEnd))
            {
                var end = run.LossEnd!.Value.Index;
                traces.Add(axis => [run.ProgressOn(axis)[end]]);
            }
        }

        IEnumerable<double> shown = model.Runs.SelectMany(r => r.Loss.Concat(r.BatchLoss));
        if (model.LossFloor is { } minimum)
        {
            var last = model.Runs.Count == 0 ? 1 : model.Runs.Max(r => r.Progress.Length == 0 ? 1 : r.Progress[^1]);
            Line(json, [0, last], [minimum, minimum], $"L* = {F(minimum)}", "#000000", 1.5, "dot");
            traces.Add(null);
            shown = shown.Append(minimum);
        }

        json.EndArray();
        Layout(json, heading, model.ProgressLabel, model.LossFloor is null ? $"{model.LossName} (no known L*)" : model.LossName, logY: LogRange(shown, model.LossCeiling), legendBelow: legendBelow);
        ProgressAxes(json, model, traces, $"Loss against ");
    }

    private static void Excess(PlotlyJson json, ILossCurves model, string heading)
    {
        var traces = new List<Func<XAxis, double[]>?>();
        json.StartArray("data");
        foreach (var run in Stroke.InDrawingOrder(model.Runs))
        {
            Line(json, run.Progress, [.. run.ExcessLoss.Select(v => v > 0 ? v : double.NaN)], run.Name, Palette.Of(run.Index), Stroke.Of(run).Width, Stroke.Of(run).Dash, group: run.Name);
            traces.Add(run.ProgressOn);
            if (DivergedMarker(json, run, run.ExcessEnd))
            {
                var end = run.ExcessEnd!.Value.Index;
                traces.Add(axis => [run.ProgressOn(axis)[end]]);
            }
        }

        json.EndArray();
        Layout(json, heading, model.ProgressLabel, "L(θ) − L*", logY: LogRange(model.Runs.SelectMany(r => r.ExcessLoss), model.LossCeiling));
        ProgressAxes(json, model, traces, "Excess loss against ");
    }

    /// <summary>
    /// Each trace's x on every x-axis (epochs, steps, samples) and the axis titles, so the page's switch can redraw the
    /// figure against any of them without recomputing anything.
    /// </summary>
    private static void ProgressAxes(PlotlyJson json, ILossCurves model, List<Func<XAxis, double[]>?> traces, string titlePrefix)
    {
        json.StartObject("progress");
        foreach (var (axis, key) in new[] { (XAxis.Epochs, "epochs"), (XAxis.Steps, "steps"), (XAxis.Samples, "samples") })
        {
            json.StartObject(key);
            json.String("title", FigureModel.AxisTitle(axis));
            json.Label("heading", titlePrefix + FigureModel.AxisWord(axis));
            json.StartArray("x");
            var last = model.Runs.Select(r => r.ProgressOn(axis)).Where(p => p.Length > 0).Select(p => p[^1]).DefaultIfEmpty(1).Max();
            foreach (var trace in traces)
            {
                var x = trace is null ? [0, last] : trace(axis);
                json.StartArray();
                foreach (var v in x)
                {
                    json.Value(v);
                }

                json.EndArray();
            }

            json.EndArray();
            json.EndObject();
        }

        json.EndObject();
    }

    /// <summary>A ✕ where a diverged run's curve ends: where it leaves the top of the figure, or where it was stopped.</summary>
    private static bool DivergedMarker(PlotlyJson json, RunSeries run, (int Index, double Loss)? end)
    {
        if (end is not { } e || !(e.Loss > 0))
        {
            return false;
        }

        Markers(json, [run.Progress[e.Index]], [e.Loss], $"{run.Name}: diverged at step {run.Run.Trajectory.DivergedAtStep!.Value.ToString(CultureInfo.InvariantCulture)}", Palette.Of(run.Index), 13, "x", group: run.Name);
        return true;
    }

    private static void Bands(PlotlyJson json, FigureModel model, string heading, bool excess)
    {
        var statistics = model.Result.Statistics!;
        var ceiling = model.LossCeiling;
        var all = new List<double>();
        json.StartArray("data");
        // Lowest stroke layer first, as for single runs: fixed-order SGD's dashed median above the reshuffled one's.
        foreach (var i in Enumerable.Range(0, statistics.Methods.Count).OrderBy(i => Stroke.Of(model.Result.Spec.Methods[i].Sampler.Kind).Layer).ThenBy(i => i))
        {
            var m = statistics.Methods[i];
            var band = excess ? m.ExcessLoss : m.Loss;
            var x = m.Grid.Epoch;
            var color = Palette.Of(i);
            double Shown(double v) => v > 0 ? Math.Min(v, ceiling) : double.NaN;
            double[] upper = [.. band.Upper.Select(Shown)];
            double[] lower = [.. band.Lower.Select(Shown)];
            double[] median = [.. band.Median.Select(Shown)];
            all.AddRange(median);
            all.AddRange(lower);
            all.AddRange(upper);

            // The upper edge first, invisible; the lower edge fills up to it ('tonexty'), then the median on top.
            json.StartObject();
            Trace(json, "scatter", "lines", $"{m.Name}: upper");
            json.Label("legendgroup", m.Name);
            json.Bool("showlegend", false);
            json.String("hoverinfo", "skip");
            var dash = Stroke.Of(model.Result.Spec.Methods[i].Sampler.Kind).Dash;
            json.Array("x", x);
            json.Array("y", upper);
            LineStyle(json, color, 1, dash);
            json.EndObject();
            json.StartObject();
            Trace(json, "scatter", "lines", $"{m.Name}: band");
            json.Label("legendgroup", m.Name);
            json.Array("x", x);
            json.Array("y", lower);
            json.String("fill", "tonexty");
            json.String("fillcolor", color + "26");

            // The band's edges in its colour and dash, so overlapping bands can be told apart where their fills mix.
            LineStyle(json, color, 1, dash);
            json.EndObject();
            Line(json, x, median, $"{m.Name}: median", color, 2.5, dash, group: m.Name);
        }

        json.EndArray();
        Layout(json, heading, "epoch", excess ? "L(θ) − L*" : "full-data loss", logY: LogRange(all, ceiling));
    }

    private static void Fit(PlotlyJson json, FigureModel model, string heading)
    {
        var data = model.Problem.Data;
        json.StartArray("data");
        Markers(json, model.DataX, model.DataY, model.DataLegend, "#7f7f7f", 5);
        Line(json, model.CurveX, model.Curve(model.Optimum), "least squares θ*", "#000000", 2, "dash");
        // A diverged run's curve would set the axis and flatten the data to a line; its legend entry says it is absent.
        foreach (var run in Stroke.InDrawingOrder(model.Runs))
        {
            var drawn = !run.Diverged && run.Final.All(double.IsFinite);
            Line(
                json,
                drawn ? model.CurveX : [],
                drawn ? model.Curve(run.Final) : [],
                drawn ? $"{run.Name}: y = {FigureModel.Polynomial(model.AscendingCoefficients(run.Final)!, 3)}" : $"{run.Name}: diverged, not drawn",
                Palette.Of(run.Index),
                Math.Min(Stroke.Of(run).Width, 3),
                Stroke.Of(run).Dash);
        }

        json.EndArray();
        Layout(json, heading, data.InputNames[0], data.OutputName);
    }

    private static void Paths(PlotlyJson json, FigureModel model, string heading, bool contour)
    {
        json.StartArray("data");
        if (contour)
        {
            Contour(json, model.Landscape, hover: true);
        }

        PathTraces(json, model, full: true);
        json.EndArray();
        Layout(json, heading, model.PlaneXLabel, model.PlaneYLabel, range: model.Landscape, legendBelow: contour);
    }

    private static void PathTraces(PlotlyJson json, FigureModel model, bool full)
    {
        // Method order, not drawing order: the replay restyles traces by index.
        foreach (var run in model.Runs)
        {
            var count = full ? run.PathX.Length : Math.Min(1, run.PathX.Length);
            Line(json, run.PathX.AsSpan(0, count), run.PathY.AsSpan(0, count), run.Name, Palette.Of(run.Index), Stroke.Of(run).Width * 0.8, Stroke.Of(run).Dash, customEpochs: run.PathEpochs.AsSpan(0, count), names: (model.PlaneXLabel, model.PlaneYLabel));
        }

        if (full)
        {
            foreach (var run in model.Runs)
            {
                var t = run.Run.Trajectory;
                var marks = run.Marks.Where(m => run.PathRows.Length > 0 && (m.Row < run.PathRows[^1] || (!run.LeavesFrame && m.Row == run.PathRows[^1]))).ToArray();
                var xs = marks.Select(m => t.Parameter(model.Ix)[m.Row]).ToArray();
                var ys = marks.Select(m => t.Parameter(model.Iy)[m.Row]).ToArray();
                var label = string.Join(", ", marks.Select(m => $"epoch {F(m.Epoch)} (step {t.Step[m.Row].ToString(CultureInfo.InvariantCulture)})"));
                Markers(json, xs, ys, marks.Length == 0 ? $"{run.Name}: no mark inside the frame" : $"{run.Name} at {label}", Palette.Of(run.Index), 12, "circle", outline: true);
            }

            foreach (var run in model.Runs.Where(r => r.Diverged && r.PathX.Length > 0))
            {
                var step = run.Run.Trajectory.DivergedAtStep!.Value.ToString(CultureInfo.InvariantCulture);
                Markers(json, run.PathX.AsSpan(^1), run.PathY.AsSpan(^1), run.LeavesFrame ? $"{run.Name}: leaves the frame, diverged at step {step}" : $"{run.Name}: diverged at step {step}", Palette.Of(run.Index), 13, "x");
            }
        }
        else
        {
            foreach (var run in model.Runs)
            {
                var count = Math.Min(1, run.PathX.Length);
                Markers(json, run.PathX.AsSpan(0, count), run.PathY.AsSpan(0, count), $"{run.Name}: now", Palette.Of(run.Index), 11, "circle", outline: true);
            }
        }

        if (model.SharedInit && model.Runs.Count > 0)
        {
            var init = model.Runs[0].Run.Init;
            Markers(json, [init[model.Ix]], [init[model.Iy]], "init θ₀ (shared)", "#000000", 12, "square");
        }
        else
        {
            foreach (var run in model.Runs)
            {
                Markers(json, [run.Run.Init[model.Ix]], [run.Run.Init[model.Iy]], $"{run.Name}: init", Palette.Of(run.Index), 12, "square-open");
            }
        }

        Markers(json, [model.Optimum[model.Ix]], [model.Optimum[model.Iy]], "θ* (least squares)", "#d62728", 14, "x");
    }

    private static void Replay(PlotlyJson json, FigureModel model, string heading)
    {
        json.StartArray("data");
        Contour(json, model.Landscape, hover: false);
        PathTraces(json, model, full: false);
        json.EndArray();
        Layout(json, heading, model.PlaneXLabel, model.PlaneYLabel, range: model.Landscape, legendBelow: true);

        // What the page's script needs to replay: each run's drawn rows (epoch, x, y) and the indices of its traces.
        json.StartObject("replay");
        json.Number("positions", ReplayPositions(model));
        json.Number("lastEpoch", model.Runs.Count == 0 ? 1 : model.Runs.Max(r => r.Epochs.Length == 0 ? 0 : r.Epochs[^1]));
        json.Number("lastStep", model.Runs.Count == 0 ? 1 : model.Runs.Max(r => r.Steps.Length == 0 ? 0 : r.Steps[^1]));
        json.Number("lastSamples", model.Runs.Count == 0 ? 1 : model.Runs.Max(r => r.SamplesSeen.Length == 0 ? 0 : r.SamplesSeen[^1]));
        json.String("axis", model.Options.XAxis switch { XAxis.Steps => "steps", XAxis.Samples => "samples", _ => "epochs" });
        json.StartArray("runs");
        var n = model.Runs.Count;
        foreach (var run in model.Runs)
        {
            json.StartObject();
            json.Label("name", run.Name);
            json.Number("line", 1 + run.Index);
            json.Number("head", 1 + n + run.Index);
            json.Array("epoch", run.PathEpochs);
            json.Array("x", run.PathX);
            json.Array("y", run.PathY);
            json.Array("step", [.. run.PathRows.Select(r => (double)run.Run.Trajectory.Step[r])]);
            json.Array("samples", [.. run.PathRows.Select(r => (double)run.Run.Trajectory.Samples[r])]);
            json.EndObject();
        }

        json.EndArray();
        json.EndObject();
    }

    private static void Surface3D(PlotlyJson json, FigureModel model, string heading)
    {
        json.StartArray("data");
        Surface(json, model.Landscape, "full data", "Viridis", 1, showScale: true);
        json.EndArray();
        Layout3D(json, heading, model);
    }

    private static void Batches(PlotlyJson json, FigureModel model, string heading)
    {
        string[] scales = ["Viridis", "Cividis", "Plasma", "Blues", "Greens", "Reds", "Purples", "Oranges"];
        json.StartArray("data");
        for (var b = 0; b < model.BatchSurfaces.Count; b++)
        {
            var surface = model.BatchSurfaces[b];
            Surface(json, surface, $"batch {b + 1} ({surface.SampleCount} samples)", scales[b % scales.Length], b == 0 ? 1 : 0.5, showScale: false);
        }

        json.EndArray();
        Layout3D(json, heading, model);
    }

    private static void Paths3D(PlotlyJson json, FigureModel model, string heading)
    {
        json.StartArray("data");
        Surface(json, model.Landscape, $"surface ({model.KindDescription})", "Greys", 0.75, showScale: false);
        foreach (var run in Stroke.InDrawingOrder(model.Runs))
        {
            json.StartObject();
            Trace(json, "scatter3d", "lines", run.Name);
            json.Array("x", run.PathX);
            json.Array("y", run.PathY);
            json.Array("z", run.PathLoss);
            LineStyle(json, Palette.Of(run.Index), Stroke.Of(run).Width + 1.5, Stroke.Of(run).Dash);
            json.EndObject();
        }

        json.StartObject();
        Trace(json, "scatter3d", "markers", "θ* at L*");
        json.Array("x", [model.Optimum[model.Ix]]);
        json.Array("y", [model.Optimum[model.Iy]]);
        json.Array("z", [model.MinimumLoss]);
        json.StartObject("marker");
        json.String("color", "#d62728");
        json.Number("size", 6);
        json.String("symbol", "x");
        json.EndObject();
        json.EndObject();
        json.EndArray();
        Layout3D(json, heading, model, model.Landscape);
    }

    /// <summary>A filled contour of the surface, coloured by log10 of the loss unless log is false.</summary>
    internal static void Contour(PlotlyJson json, Surface surface, bool hover, string lossName = "MSE", bool log = true)
    {
        var low = Math.Log10(Math.Max(surface.Minimum, 1e-300));
        var high = Math.Log10(Math.Max(surface.Maximum, 1e-300));
        json.StartObject();
        json.String("type", "contour");
        json.Label("name", lossName);
        json.Array("x", surface.XValues);
        json.Array("y", surface.YValues);
        json.Grid("z", surface.Values, surface.XCount, log ? v => Math.Log10(Math.Max(v, 1e-300)) : null);
        json.String("colorscale", "Viridis");
        json.Number("ncontours", 30);
        json.StartObject("line");
        json.Number("width", 0.5);
        json.String("color", "rgba(255,255,255,0.35)");
        json.EndObject();
        json.StartObject("colorbar");
        json.Title("title", log ? $"{lossName} (log)" : lossName);
        if (log)
        {
            json.StartArray("tickvals");
            var ticks = LogTicks.Between(low, high).Where(t => t.Major).Select(t => t.Multiplier * Math.Pow(10, t.Decade)).ToList();
            foreach (var t in ticks)
            {
                json.Value(Math.Log10(t));
            }

            json.EndArray();
            json.StartArray("ticktext");
            foreach (var t in ticks)
            {
                json.Writer.WriteStringValue(F(t));
            }

            json.EndArray();
        }

        json.EndObject();
        if (hover)
        {
            json.Grid("customdata", surface.Values, surface.XCount);
            json.String("hovertemplate", $"%{{x:.4g}}, %{{y:.4g}}<br>{System.Net.WebUtility.HtmlEncode(lossName)} %{{customdata:.5g}}<extra></extra>");
        }
        else
        {
            json.String("hoverinfo", "skip");
        }

        json.EndObject();
    }

    internal static void Surface(PlotlyJson json, Surface surface, string name, string colorscale, double opacity, bool showScale, string lossName = "MSE")
    {
        json.StartObject();
        json.String("type", "surface");
        json.Label("name", name);
        json.Array("x", surface.XValues);
        json.Array("y", surface.YValues);
        json.Grid("z", surface.Values, surface.XCount);
        json.String("colorscale", colorscale);
        json.Number("opacity", opacity);
        json.Bool("showscale", showScale);
        // A surface with its colour bar is alone in its figure; overlaid surfaces are told apart by the legend.
        json.Bool("showlegend", !showScale);
        json.String("hovertemplate", $"%{{x:.4g}}, %{{y:.4g}}<br>{System.Net.WebUtility.HtmlEncode(lossName)} %{{z:.5g}}");
        json.EndObject();
    }

    internal static void Trace(PlotlyJson json, string type, string mode, string name)
    {
        json.String("type", type);
        json.String("mode", mode);
        json.Label("name", name);
    }

    internal static void LineStyle(PlotlyJson json, string color, double width, string? dash = null)
    {
        json.StartObject("line");
        json.String("color", color);
        json.Number("width", width);
        if (dash is not null)
        {
            json.String("dash", dash);
        }

        json.EndObject();
    }

    private static void Line(PlotlyJson json, ReadOnlySpan<double> x, ReadOnlySpan<double> y, string name, string color, double width, string? dash = null, string? group = null, ReadOnlySpan<double> customEpochs = default, (string X, string Y)? names = null)
    {
        json.StartObject();
        Trace(json, "scatter", "lines", name);
        if (group is not null)
        {
            json.Label("legendgroup", group);
        }

        json.Array("x", x);
        json.Array("y", y);
        if (!customEpochs.IsEmpty)
        {
            json.Array("customdata", customEpochs);
            var (xName, yName) = names ?? ("x", "y");
            json.String("hovertemplate", $"{System.Net.WebUtility.HtmlEncode(xName)} = %{{x:.4g}}, {System.Net.WebUtility.HtmlEncode(yName)} = %{{y:.4g}}<br>epoch %{{customdata:.4g}}");
        }

        LineStyle(json, color, width, dash);
        json.EndObject();
    }

    internal static void Markers(PlotlyJson json, ReadOnlySpan<double> x, ReadOnlySpan<double> y, string name, string color, double size, string symbol = "circle", bool outline = false, string? group = null)
    {
        json.StartObject();
        Trace(json, "scatter", "markers", name);
        if (group is not null)
        {
            json.Label("legendgroup", group);
        }

        json.Array("x", x);
        json.Array("y", y);
        json.StartObject("marker");
        json.String("color", color);
        json.Number("size", size);
        json.String("symbol", symbol);
        if (outline)
        {
            json.StartObject("line");
            json.String("color", "#000000");
            json.Number("width", 1.5);
            json.EndObject();
        }

        json.EndObject();
        json.EndObject();
    }

    /// <summary>A log axis' range in decades over the positive values, topped at <paramref name="ceiling"/>.</summary>
    private static (double Low, double High)? LogRange(IEnumerable<double> values, double ceiling)
    {
        var positive = values.Where(v => v > 0 && double.IsFinite(v)).Select(v => Math.Min(v, ceiling)).ToArray();
        if (positive.Length == 0)
        {
            return null;
        }

        var low = Math.Log10(positive.Min());
        var high = Math.Log10(positive.Max());
        var pad = Math.Max((high - low) * 0.04, 0.05);
        return (low - pad, high + pad);
    }

    private static void Layout(PlotlyJson json, string title, string xTitle, string yTitle, (double Low, double High)? logY = null, Surface? range = null, bool legendBelow = false)
    {
        json.StartObject("layout");
        json.Title("title", title);
        json.Number("height", legendBelow ? 680 : 560);
        if (legendBelow)
        {
            // The colour bar takes the right edge, where the legend would otherwise sit on top of it.
            json.StartObject("legend");
            json.String("orientation", "h");
            json.Number("y", -0.15);
            json.EndObject();
        }

        json.StartObject("margin");
        json.Number("t", 50);
        json.EndObject();
        json.StartObject("xaxis");
        json.Title("title", xTitle);
        if (range is not null)
        {
            json.StartArray("range");
            json.Value(range.XValues[0]);
            json.Value(range.XValues[^1]);
            json.EndArray();
        }

        json.EndObject();
        json.StartObject("yaxis");
        json.Title("title", yTitle);
        if (logY is { } decades)
        {
            json.String("type", "log");

            // plotly.js' default ("small digits") labels 200 and 500 between the decades as "2" and "5".
            json.String("minorloglabels", "complete");
            json.StartArray("range");
            json.Value(decades.Low);
            json.Value(decades.High);
            json.EndArray();
        }

        if (range is not null)
        {
            json.StartArray("range");
            json.Value(range.YValues[0]);
            json.Value(range.YValues[^1]);
            json.EndArray();
        }

        json.EndObject();
        json.EndObject();
    }

    private static void Range(PlotlyJson json, double low, double high)
    {
        json.StartArray("range");
        json.Value(low);
        json.Value(high);
        json.EndArray();
    }

    private static void Layout3D(PlotlyJson json, string title, FigureModel model, Surface? surface = null)
    {
        json.StartObject("layout");
        json.Title("title", title);
        json.Number("height", 650);
        json.StartObject("margin");
        json.Number("t", 50);
        json.Number("l", 0);
        json.Number("r", 0);
        json.Number("b", 0);
        json.EndObject();
        json.StartObject("scene");

        // plotly.js' default camera (eye at 1.25, 1.25, 1.25 looking at the centre) puts the cube's near bottom corner,
        // where the surface's minimum lies, below the plot's edge: step back and look a little below the centre.
        json.StartObject("camera");
        json.StartObject("eye");
        json.Number("x", 1.45);
        json.Number("y", 1.45);
        json.Number("z", 1.1);
        json.EndObject();
        json.StartObject("center");
        json.Number("x", 0);
        json.Number("y", 0);
        json.Number("z", -0.15);
        json.EndObject();
        json.EndObject();
        json.StartObject("xaxis");
        json.Title("title", model.PlaneXLabel);
        if (surface is not null)
        {
            Range(json, surface.XValues[0], surface.XValues[^1]);
        }

        json.EndObject();
        json.StartObject("yaxis");
        json.Title("title", model.PlaneYLabel);
        if (surface is not null)
        {
            Range(json, surface.YValues[0], surface.YValues[^1]);
        }

        json.EndObject();
        json.StartObject("zaxis");
        json.Title("title", "MSE");
        if (surface is not null)
        {
            // A diverged path's loss would stretch the axis without bound; the surface's own span holds every other path.
            Range(json, 0, Math.Max(surface.Maximum, model.Runs.Select(r => r.Loss.Length > 0 ? r.Loss[0] : 0).Where(double.IsFinite).DefaultIfEmpty(0).Max()) * 1.05);
        }

        json.EndObject();
        json.EndObject();
        json.EndObject();
    }

    private static string F(double value) => NumberText.G(value, 4);
}
