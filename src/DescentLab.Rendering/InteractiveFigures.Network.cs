using System.Globalization;
using DescentLab.Experiments;

namespace DescentLab.Rendering;

/// <summary>The interactive figures of network experiments: loss (the linear runs' figure), accuracy and the decision-boundary replay.</summary>
internal static partial class InteractiveFigures
{
    /// <summary>Positions of the boundary replay's slider: one per frame of the longest run, at least 100.</summary>
    public static int ReplayPositions(NetworkFigureModel model) =>
        Math.Clamp(model.Frames.Select(f => f.Rows.Length - 1).DefaultIfEmpty(0).Max(), 100, Thinning.MaxPoints);

    /// <summary>The figures of a network experiment in page order: each one, its heading and its caption.</summary>
    public static IReadOnlyList<(ReportFigure Figure, string Heading, string Caption)> Describe(NetworkFigureModel model)
    {
        var floor = model.LossFloor is { } minimum
            ? $" The dotted line is L* = {F(minimum)}, the loss at the logistic θ*."
            : model.Result.Reference is { } reference
                ? $" This model has no known optimum, so the curves are the loss itself; its reference L_ref = {F(reference.Loss)} (full-batch L-BFGS, see Optimum) is a local one and is not drawn."
                : " This model has no known optimum, so the curves are the loss itself, not an excess over L*.";
        var list = new List<(ReportFigure, string, string)>
        {
            (ReportFigure.Loss, $"Loss against {model.ProgressWord}", $"Batch loss (faint: the loss of the batch each step used, before the step) and full-data {model.LossName} after each step; log scale.{floor}"),
        };
        if (model.IsClassifier)
        {
            list.Add((ReportFigure.Accuracy, $"Accuracy against {model.ProgressWord}", $"The share of all {model.Network.SampleCount.ToString(CultureInfo.InvariantCulture)} samples each method's θ classifies correctly (largest logit, or a positive logit for two classes), at up to {NetworkFigureModel.MaxAccuracyPoints} recorded steps per method."));
        }

        if (model.LossFloor is not null)
        {
            list.Add((ReportFigure.Excess, $"Excess loss against {model.ProgressWord}", "L(θ) − L*, with L* the loss at Newton's θ* (see Optimum): how much loss is left to lose; log scale."));
        }

        if (model.HasBoundary)
        {
            var rule = model.Network.OutputCount == 1 ? "class 1 where p = σ(logit) > 0.5" : "the class of the largest logit";
            list.Add((ReportFigure.Boundary, "Decision boundary", $"Each method's predicted class over the data ({rule}), with the samples in their class colours. Move the slider (or press play) to replay training: each panel shows the boundary at its method's last frame at or before that point on the chosen x-axis (up to {NetworkFigureModel.MaxReplayFrames} frames per method, on a {NetworkFigureModel.ReplayResolution}×{NetworkFigureModel.ReplayResolution} grid)."));
        }

        return list;
    }

    /// <summary>The JSON array of a network experiment's figures, in the order of <see cref="Describe(NetworkFigureModel)"/>.</summary>
    public static string Json(NetworkFigureModel model)
    {
        using var json = new PlotlyJson();
        json.StartArray();
        foreach (var (figure, heading, _) in Describe(model))
        {
            json.StartObject();
            json.String("id", Id(figure));
            switch (figure)
            {
                // Side by side in the report, each half as wide as a linear run's figures: legends below the plots.
                case ReportFigure.Loss: Loss(json, model, heading, legendBelow: model.IsClassifier); break;
                case ReportFigure.Accuracy: AccuracyFigure(json, model, heading); break;
                case ReportFigure.Excess: Excess(json, model, heading); break;
                case ReportFigure.Boundary: Boundary(json, model, heading); break;
                default: throw new ArgumentOutOfRangeException(nameof(model), figure, "Not a network report figure.");
            }

            json.EndObject();
        }

        json.EndArray();
        return json.Text();
    }

    private static void AccuracyFigure(PlotlyJson json, NetworkFigureModel model, string heading)
    {
        var traces = new List<Func<XAxis, double[]>?>();
        json.StartArray("data");
        foreach (var run in Stroke.InDrawingOrder(model.Runs))
        {
            var series = model.Accuracy[run.Index];
            Line(json, series.ProgressOn(model.Options.XAxis), [.. series.Accuracy.Select(a => 100 * a)], run.Name, Palette.Of(run.Index), Stroke.Of(run).Width, Stroke.Of(run).Dash, group: run.Name);
            traces.Add(series.ProgressOn);
        }

        json.EndArray();
        Layout(json, heading, model.ProgressLabel, "accuracy on the full data (%)", legendBelow: true);
        ProgressAxes(json, model, traces, "Accuracy against ");
    }

    /// <summary>
    /// One subplot per run: the predicted classes at the final frame (filled contours at the class changes for two
    /// classes, a cell grid for more), the samples by class on top; the "replay" member holds every frame for report.js.
    /// </summary>
    private static void Boundary(PlotlyJson json, NetworkFigureModel model, string heading)
    {
        var n = model.Runs.Count;
        var columns = Math.Max(1, Math.Min(StaticFigures.PanelColumns, n));
        var rows = (n + columns - 1) / columns;
        var classes = model.ClassNames.Length;
        var (gx, gy) = model.ReplayGrid;
        var data = model.Network.Data;
        var (px, py, pc) = model.Points;

        // Region traces first, one per run in method order, so trace r is run r's regions (report.js restyles them by index).
        json.StartArray("data");
        for (var r = 0; r < n; r++)
        {
            var frames = model.Frames[r];
            var last = frames.Classes[^1];
            json.StartObject();
            json.String("type", classes == 2 ? "contour" : "heatmap");
            json.Label("name", model.Runs[r].Name);
            json.String("xaxis", Axis("x", r));
            json.String("yaxis", Axis("y", r));
            json.Array("x", gx);
            json.Array("y", gy);
            ClassGrid(json, "z", last, gx.Length);
            json.Number("zmin", -0.5);
            json.Number("zmax", classes - 0.5);
            json.StartArray("colorscale");
            for (var c = 0; c < classes; c++)
            {
                var tint = Tint(Palette.Of(c));
                foreach (var edge in new[] { c / (double)classes, (c + 1) / (double)classes })
                {
                    json.StartArray();
                    json.Value(edge);
                    json.Writer.WriteStringValue(tint);
                    json.EndArray();
                }
            }

            json.EndArray();
            json.Bool("showscale", false);
            json.Bool("showlegend", false);
            if (classes == 2)
            {
                // One contour level between the classes: its line is the boundary, the fill each side its class's tint.
                json.StartObject("contours");
                json.Number("start", 0.5);
                json.Number("end", 0.5);
                json.Number("size", 1);
                json.String("coloring", "fill");
                json.EndObject();
                json.StartObject("line");
                json.String("color", "#000000");
                json.Number("width", 1.5);
                json.EndObject();
            }

            json.String("hovertemplate", $"{System.Net.WebUtility.HtmlEncode(data.InputNames[0])} %{{x:.3g}}, {System.Net.WebUtility.HtmlEncode(data.InputNames[1])} %{{y:.3g}}<br>predicted class index %{{z}}<extra>{System.Net.WebUtility.HtmlEncode(model.Runs[r].Name)}</extra>");
            json.EndObject();
        }

        for (var r = 0; r < n; r++)
        {
            for (var c = 0; c < classes; c++)
            {
                var members = Enumerable.Range(0, pc.Length).Where(k => pc[k] == c).ToArray();
                json.StartObject();
                Trace(json, "scatter", "markers", $"class {model.ClassNames[c]}");
                json.Label("legendgroup", $"class {model.ClassNames[c]}");
                json.Bool("showlegend", r == 0);
                json.String("xaxis", Axis("x", r));
                json.String("yaxis", Axis("y", r));
                json.Array("x", [.. members.Select(k => px[k])]);
                json.Array("y", [.. members.Select(k => py[k])]);
                json.StartObject("marker");
                json.String("color", Palette.Of(c));
                json.Number("size", 5);
                json.StartObject("line");
                json.String("color", "#ffffff");
                json.Number("width", 0.6);
                json.EndObject();
                json.EndObject();
                json.String("hoverinfo", "skip");
                json.EndObject();
            }
        }

        json.EndArray();

        json.StartObject("layout");
        json.Title("title", heading);
        // Each row is 420 px of plot area; between rows, 110 px for the tick labels, the x-axis title and the next row's titles.
        var area = (rows * 420) - 110.0;
        json.Number("height", 80 + 110 + (rows * 420));
        json.StartObject("margin");
        json.Number("t", 80);
        json.Number("b", 110);
        json.EndObject();

        // Below the last row's x-axis titles, in the bottom margin.
        json.StartObject("legend");
        json.String("orientation", "h");
        json.Number("y", -70 / area);
        json.String("yanchor", "top");
        json.EndObject();
        const double gap = 0.06;
        var rowGap = 110 / area;
        var rowHeight = (1 - ((rows - 1) * rowGap)) / rows;
        for (var r = 0; r < n; r++)
        {
            var (column, row) = (r % columns, r / columns);
            double x0 = (column / (double)columns) + (column > 0 ? gap / 2 : 0), x1 = ((column + 1) / (double)columns) - (column < columns - 1 ? gap / 2 : 0);
            var y1 = 1 - (row * (rowHeight + rowGap));
            var y0 = y1 - rowHeight;
            json.StartObject(Axis("xaxis", r));
            json.Title("title", data.InputNames[0]);
            Domain(json, x0, x1);
            Range(json, gx[0], gx[^1]);
            json.String("anchor", Axis("y", r));
            json.EndObject();
            json.StartObject(Axis("yaxis", r));
            json.Title("title", data.InputNames[1]);
            Domain(json, y0, y1);
            Range(json, gy[0], gy[^1]);
            json.String("anchor", Axis("x", r));
            json.EndObject();
        }

        // Each panel's title: its method and its accuracy at the frame shown (report.js rewrites it as the replay moves).
        json.StartArray("annotations");
        for (var r = 0; r < n; r++)
        {
            var (column, row) = (r % columns, r / columns);
            json.StartObject();
            json.Label("text", PanelTitle(model.Runs[r].Name, model.Frames[r].Accuracy[^1]));
            json.Bool("showarrow", false);
            json.String("xref", "paper");
            json.String("yref", "paper");
            json.Number("x", (column + 0.5) / columns);
            json.Number("y", 1 - (row * (rowHeight + rowGap)) + (8 / area));
            json.String("xanchor", "center");
            json.String("yanchor", "bottom");
            json.StartObject("font");
            json.Number("size", 14);
            json.EndObject();
            json.EndObject();
        }

        json.EndArray();
        json.EndObject();

        // What report.js needs to replay: each run's frames (progress on every axis, accuracy, classes) and its trace.
        json.StartObject("replay");
        json.Number("positions", ReplayPositions(model));
        json.Number("lastEpoch", model.Frames.Select(f => f.Epochs[^1]).DefaultIfEmpty(1).Max());
        json.Number("lastStep", model.Frames.Select(f => f.Steps[^1]).DefaultIfEmpty(1).Max());
        json.Number("lastSamples", model.Frames.Select(f => f.Samples[^1]).DefaultIfEmpty(1).Max());
        json.String("axis", model.Options.XAxis switch { XAxis.Steps => "steps", XAxis.Samples => "samples", _ => "epochs" });
        json.StartArray("runs");
        json.EndArray();
        json.StartArray("boundaries");
        for (var r = 0; r < n; r++)
        {
            var frames = model.Frames[r];
            json.StartObject();
            json.Label("name", model.Runs[r].Name);
            json.Number("trace", r);
            json.Number("annotation", r);
            json.Array("epoch", frames.Epochs);
            json.Array("step", frames.Steps);
            json.Array("samples", frames.Samples);
            json.Array("accuracy", frames.Accuracy);
            json.StartArray("z");
            foreach (var grid in frames.Classes)
            {
                ClassGrid(json, null, grid, gx.Length);
            }

            json.EndArray();
            json.EndObject();
        }

        json.EndArray();
        json.EndObject();
    }

    /// <summary>A panel's title: the method and the share it classifies correctly.</summary>
    private static string PanelTitle(string name, double accuracy) =>
        double.IsFinite(accuracy) ? $"{name}: {(100 * accuracy).ToString("0.0", CultureInfo.InvariantCulture)}% correct" : $"{name}: θ not finite";

    /// <summary>A subplot's axis name: "x", "x2", … for trace references, "xaxis", "xaxis2", … for layout keys.</summary>
    private static string Axis(string prefix, int index) => index == 0 ? prefix : prefix + (index + 1).ToString(CultureInfo.InvariantCulture);

    private static void Domain(PlotlyJson json, double low, double high)
    {
        json.StartArray("domain");
        json.Value(low);
        json.Value(high);
        json.EndArray();
    }

    /// <summary>A class grid (row-major, y outer) as plotly's z: one array per y; an empty grid (θ not finite) as null cells.</summary>
    private static void ClassGrid(PlotlyJson json, string? name, int[] classes, int columns)
    {
        if (name is null)
        {
            json.StartArray();
        }
        else
        {
            json.StartArray(name);
        }

        for (var start = 0; start < classes.Length; start += columns)
        {
            json.StartArray();
            for (var i = start; i < start + columns; i++)
            {
                json.Writer.WriteNumberValue(classes[i]);
            }

            json.EndArray();
        }

        json.EndArray();
    }

    /// <summary>The colour "#rrggbb" mixed three parts in four with white, as the static panels tint their regions.</summary>
    private static string Tint(string hex)
    {
        var rgb = Convert.FromHexString(hex.AsSpan(1));
        return "#" + Convert.ToHexStringLower([.. rgb.Select(v => (byte)(v + ((255 - v) * 3 / 4)))]);
    }
}
