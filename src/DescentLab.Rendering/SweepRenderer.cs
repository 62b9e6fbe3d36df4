using System.Globalization;
using System.Text;
using DescentLab.Experiments;
using DescentLab.Models;
using DescentLab.Statistics;
using DescentLab.Sweeps;
using ScottPlot;

namespace DescentLab.Rendering;

/// <summary>Draws a sweep from its summary: heatmaps over learning rate × batch size as files, and one self-contained HTML report.</summary>
public static class SweepRenderer
{
    /// <summary>
    /// Writes the heatmaps of median epochs to tolerance and of median final excess loss (one pair per optimizer and
    /// sampler) into <paramref name="directory"/> (created if missing) and returns the paths written.
    /// </summary>
    public static IReadOnlyList<string> WriteFigures(SweepSpec spec, IReadOnlyList<SweepCellSummary> cells, string directory, FigureFormats formats)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (formats == FigureFormats.None)
        {
            return [];
        }

        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var map in SweepHeatmap.Of(spec.Base.Name, cells, spec.Base.Model))
        {
            using var plot = Static(map);
            if (formats.HasFlag(FigureFormats.Png))
            {
                var path = Path.Combine(directory, map.Name + ".png");
                StaticFigures.SavePng(plot, path);
                written.Add(path);
            }

            if (formats.HasFlag(FigureFormats.Svg))
            {
                var path = Path.Combine(directory, map.Name + ".svg");
                plot.SaveSvg(path, StaticFigures.Width, StaticFigures.Height);
                written.Add(path);
            }
        }

        return written;
    }

    /// <summary>Writes the sweep's report to <paramref name="path"/>: the per-cell table, every heatmap interactive and the resolved sweep file.</summary>
    public static void WriteReport(SweepSpec spec, IReadOnlyList<SweepCellSummary> cells, string path, string? sweepJson = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        File.WriteAllText(path, Render(spec, cells, sweepJson), new UTF8Encoding(false));
    }

    internal static string Render(SweepSpec spec, IReadOnlyList<SweepCellSummary> cells, string? sweepJson)
    {
        var maps = SweepHeatmap.Of(spec.Base.Name, cells, spec.Base.Model);
        using var json = new PlotlyJson();
        json.StartArray();
        for (var k = 0; k < maps.Count; k++)
        {
            Interactive(json, maps[k], Id(k));
        }

        json.EndArray();
        var title = $"Sweep: {spec.Base.Name}";
        var tolerance = spec.Base.Statistics.ToleranceTextFor(spec.Base.Model.MinimumName);
        return ReportWriter.Page(title, json.Text(), html =>
        {
            var b = spec.Base;
            html.Append("<p class=\"lead\">").Append(ReportWriter.Encode(Invariant(
                $"{cells.Count} cells × {b.Replicates} replicates (seeds {b.Seed}…{b.Seed + (uint)b.Replicates - 1}), {b.Training.Epochs} epochs each; a run has reached the optimum when {tolerance} for good.")))
                .Append("</p>\n");
            if (Reference(b.Model) is { } reference)
            {
                html.Append("<p>").Append(ReportWriter.Encode(reference)).Append("</p>\n");
            }

            for (var k = 0; k < maps.Count; k++)
            {
                const string diverged = " A cell where at least half the runs diverged has no colour and is outlined in red with its diverged share; a smaller diverged share is given after the value.";
                ReportWriter.FigureSection(html, Id(k), maps[k].Title, maps[k].Log
                    ? $"Median over replicates of the final {SweepHeatmap.ExcessName(b.Model)}, log colour scale." + diverged
                    : $"Median over replicates of the first epoch from which {tolerance}; “never” where the median run does not get there." + diverged);
            }

            html.Append("<h2>Cells</h2>\n<table id=\"cells\">\n<thead><tr><th class=\"text\">method</th><th class=\"text\">optimizer</th><th class=\"text\">sampler</th><th>batch</th><th>lr</th><th>runs</th><th>diverged</th><th>reached</th>")
                .Append("<th>excess loss median (10–90%)</th><th>epochs to reach median (10–90%)</th></tr></thead>\n<tbody>\n");
            foreach (var c in cells)
            {
                html.Append("<tr><td class=\"text\">").Append(ReportWriter.Encode(c.Method)).Append("</td><td class=\"text\">").Append(ReportWriter.Encode(c.Optimizer))
                    .Append("</td><td class=\"text\">").Append(ReportWriter.Encode(c.Sampler)).Append("</td><td>").Append(ReportWriter.Encode(c.BatchSize))
                    .Append("</td><td>").Append(SweepHeatmap.Number(c.LearningRate)).Append("</td><td>").Append(c.Runs.ToString(CultureInfo.InvariantCulture))
                    .Append("</td><td>").Append(Percent(c.DivergedShare)).Append("</td><td>").Append(Percent(c.ReachedShare))
                    .Append("</td><td>").Append(Spread(c.FinalExcessLoss)).Append("</td><td>").Append(Spread(c.EpochsToTolerance)).Append("</td></tr>\n");
            }

            html.Append("</tbody>\n</table>\n");
            if (sweepJson is not null)
            {
                ReportWriter.SpecSection(html, sweepJson);
            }
        });
    }

    /// <summary>What a network sweep's excess loss is measured against, in a sentence; null for the linear model (its L* is exact).</summary>
    private static string? Reference(ModelSpec model) => model.Kind switch
    {
        ModelKind.Linear => null,
        ModelKind.Logistic => "L* is the loss at Newton's θ* on each replicate's data; where that data is separable (no finite θ*), it is L_ref, the loss after full-batch L-BFGS from the replicate's shared init, which tends to 0 and is only a point on the way down.",
        _ => "L_ref is each replicate's reference loss: full-batch L-BFGS from the replicate's shared init, the same for every cell (a local reference, not a global optimum). A cell can end below it: its excess loss is then negative and its heatmap cell blank.",
    };

    /// <summary>The colour of diverged cells (tab10's red).</summary>
    private static readonly Color DivergedColor = Color.FromHex("#d62728");

    /// <summary>The heatmap's data area in pixels, a little less than what the figure's axes and colour bar leave it.</summary>
    private const float DataWidth = 840;

    private const float DataHeight = 530;

    /// <summary>ScottPlot's default tick label size.</summary>
    private const float TickFontSize = 12;

    private static string Id(int k) => Invariant($"fig-heatmap-{k}");

    private static Plot Static(SweepHeatmap map)
    {
        var plot = new Plot();
        plot.Title(map.Title, 16);
        plot.XLabel("learning rate", 15);
        plot.YLabel("batch size", 15);
        int rows = map.BatchSizes.Length, columns = map.LearningRates.Length;
        // ScottPlot places the heatmap's edge cells' centres on the extent's edges, so each cell is drawn as 2×2 half-cells
        // whose centres run from −0.25 to n − 0.75: cell k then covers [k − 0.5, k + 0.5] even when there is one cell.
        var grid = new double[2 * rows, 2 * columns];
        var low = double.PositiveInfinity;
        var high = double.NegativeInfinity;
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                // ScottPlot draws row 0 at the top; the smallest batch size goes at the bottom.
                var v = map.Scaled(map.Shown(r, c));
                var top = 2 * (rows - 1 - r);
                (grid[top, 2 * c], grid[top, (2 * c) + 1], grid[top + 1, 2 * c], grid[top + 1, (2 * c) + 1]) = (v, v, v, v);
                if (!double.IsNaN(v))
                {
                    low = Math.Min(low, v);
                    high = Math.Max(high, v);
                }
            }
        }

        if (double.IsFinite(low) && high - low < 1e-9 * Math.Max(1, Math.Abs(low)))
        {
            // One value everywhere: a scale around it, rather than a colour bar whose ticks differ in the tenth digit.
            (low, high) = (low - 0.5, high + 0.5);
        }

        if (double.IsFinite(low))
        {
            var heatmap = plot.Add.Heatmap(grid);
            heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
            heatmap.NaNCellColor = Colors.LightGray;
            heatmap.Extent = new CoordinateRect(-0.25, columns - 0.75, -0.25, rows - 0.75);
            heatmap.ManualRange = new ScottPlot.Range(low, high);
            var bar = plot.Add.ColorBar(heatmap);
            bar.Label = map.Log ? map.Quantity + " (log10)" : map.Quantity;
            bar.LabelStyle.FontSize = 14;
        }
        else
        {
            // No cell has a value (no run reached the tolerance): ScottPlot cannot scale an all-NaN heatmap, so the
            // grid is drawn as one grey area of empty cells.
            var empty = plot.Add.Rectangle(-0.5, columns - 0.5, -0.5, rows - 0.5);
            empty.FillColor = Colors.LightGray;
            empty.LineColor = Colors.Transparent;
        }

        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                if (map.IsDiverged(r, c))
                {
                    // A diverged cell is hatched in red, never coloured as if its blown-up median were a number.
                    var cell = plot.Add.Rectangle(c - 0.5, c + 0.5, r - 0.5, r + 0.5);
                    cell.FillStyle.Color = Colors.White;
                    cell.FillStyle.Hatch = new ScottPlot.Hatches.Striped(ScottPlot.Hatches.StripeDirection.DiagonalUp);
                    cell.FillStyle.HatchColor = DivergedColor.WithAlpha(0.45);
                    cell.LineStyle.Color = DivergedColor;
                    cell.LineStyle.Width = 2;
                }
            }
        }

        var omitted = false;
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                var fontSize = CellFontSize(map.Label(r, c), map.IsDiverged(r, c), columns, rows);
                if (fontSize == 0)
                {
                    // A diverged cell's hatching says it without its label.
                    omitted |= !map.IsDiverged(r, c);
                    continue;
                }

                var text = plot.Add.Text(map.Label(r, c), c, r);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontSize = fontSize;
                text.LabelBold = map.IsDiverged(r, c);
                // Viridis is light at its top: dark text there and on the grey of empty cells, white text elsewhere.
                var scaled = map.Scaled(map.Shown(r, c));
                text.LabelFontColor = map.IsDiverged(r, c) ? DivergedColor : !double.IsFinite(scaled) || scaled > low + ((high - low) * 0.6) ? Colors.Black : Colors.White;
                if (map.IsDiverged(r, c))
                {
                    text.LabelBackgroundColor = Colors.White;
                }
            }
        }

        if (omitted)
        {
            plot.XLabel("learning rate (cells too small for their values leave them out: see summary.csv or report.html)", 15);
        }

        // Every k-th column or row keeps its tick label when the labels are wider than the cells, so that they do not overlap.
        var lrLabels = map.LearningRates.Select(SweepHeatmap.Number).ToArray();
        var lrStep = TickStep(lrLabels.Max(l => Measure(l, TickFontSize, false).Width) + 10, DataWidth / columns);
        var sizeStep = TickStep(Measure("0", TickFontSize, false).Height + 4, DataHeight / rows);
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, columns).Select(c => (double)c)], [.. lrLabels.Select((l, c) => c % lrStep == 0 ? l : string.Empty)]);
        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, rows).Select(r => (double)r)], [.. map.BatchSizes.Select((b, r) => r % sizeStep == 0 ? b : string.Empty)]);
        plot.Axes.SetLimits(-0.5, columns - 0.5, -0.5, rows - 0.5);
        return plot;
    }

    /// <summary>
    /// The size of a cell's label: 13 pt when it fits its cell, smaller down to 7 pt in a grid of many cells, and 0 (no
    /// label) when even 7 pt would run over the neighbouring cells.
    /// </summary>
    private static float CellFontSize(string label, bool bold, int columns, int rows)
    {
        const float Size = 13;
        var size = Measure(label, Size, bold);
        var scale = Math.Min(1, Math.Min(0.9f * DataWidth / columns / size.Width, 0.8f * DataHeight / rows / size.Height));
        var fitted = MathF.Floor(2 * Size * scale) / 2;
        return fitted >= 7 ? fitted : 0;
    }

    private static int TickStep(float label, float cell) => Math.Max(1, (int)MathF.Ceiling(label / cell));

    private static PixelSize Measure(string text, float fontSize, bool bold)
    {
        using var paint = Paint.NewDisposablePaint();
        var style = new LabelStyle { Text = text, FontSize = fontSize, Bold = bold };
        return style.Measure(paint).Size;
    }

    private static void Interactive(PlotlyJson json, SweepHeatmap map, string id)
    {
        json.StartObject();
        json.String("id", id);
        json.StartArray("data");
        json.StartObject();
        json.String("type", "heatmap");
        json.Writer.WriteStartArray("x");
        foreach (var lr in map.LearningRates)
        {
            json.Writer.WriteStringValue(SweepHeatmap.Number(lr));
        }

        json.Writer.WriteEndArray();
        json.Writer.WriteStartArray("y");
        foreach (var b in map.BatchSizes)
        {
            json.Writer.WriteStringValue(b);
        }

        json.Writer.WriteEndArray();
        var shown = new double[map.Values.Length];
        for (var r = 0; r < map.BatchSizes.Length; r++)
        {
            for (var c = 0; c < map.LearningRates.Length; c++)
            {
                shown[(r * map.LearningRates.Length) + c] = map.Shown(r, c);
            }
        }

        // No cell has a value (no run reached the tolerance): plotly would draw neither the cells nor their labels, so
        // every cell but a diverged one (NaN, left uncoloured) is drawn at 0 in the grey of empty cells, without a
        // colour bar, as the static figure does.
        var empty = !shown.Any(v => double.IsFinite(map.Scaled(v)));
        json.Grid("z", shown, map.LearningRates.Length, empty ? v => double.IsNaN(v) ? double.NaN : 0 : map.Scaled);
        json.Writer.WriteStartArray("text");
        for (var r = 0; r < map.BatchSizes.Length; r++)
        {
            json.Writer.WriteStartArray();
            for (var c = 0; c < map.LearningRates.Length; c++)
            {
                json.Writer.WriteStringValue(map.Label(r, c));
            }

            json.Writer.WriteEndArray();
        }

        json.Writer.WriteEndArray();
        json.String("texttemplate", "%{text}");
        json.String("hovertemplate", "lr %{x}, batch %{y}: %{text}<extra></extra>");
        if (empty)
        {
            json.StartArray("colorscale");
            foreach (var edge in new[] { 0.0, 1.0 })
            {
                json.StartArray();
                json.Value(edge);
                json.Writer.WriteStringValue("#d3d3d3");
                json.EndArray();
            }

            json.EndArray();
            json.Bool("showscale", false);
        }
        else
        {
            json.String("colorscale", "Viridis");
            json.StartObject("colorbar");
            json.Title("title", map.Log ? map.Quantity + " (log10)" : map.Quantity);
            json.EndObject();
        }

        json.EndObject();
        json.EndArray();
        json.StartObject("layout");
        json.Title("title", map.Title);

        // A cell without a value (null z: never reached, or no run) shows the plot area: grey, as in the static figure.
        json.String("plot_bgcolor", "#d3d3d3");

        // Diverged cells have no colour (z is null there) and are outlined and tinted red, with their label.
        json.StartArray("shapes");
        for (var r = 0; r < map.BatchSizes.Length; r++)
        {
            for (var c = 0; c < map.LearningRates.Length; c++)
            {
                if (!map.IsDiverged(r, c))
                {
                    continue;
                }

                json.StartObject();
                json.String("type", "rect");
                json.String("xref", "x");
                json.String("yref", "y");
                json.Number("x0", c - 0.5);
                json.Number("x1", c + 0.5);
                json.Number("y0", r - 0.5);
                json.Number("y1", r + 0.5);
                // Tab10's red at 18% over white, opaque and below the trace: it covers the grey plot area, and the cell's
                // label (drawn by the trace) stays on top.
                json.String("fillcolor", "#f8d8d8");
                json.String("layer", "below");
                json.StartObject("line");
                json.String("color", "#d62728");
                json.Number("width", 2);
                json.EndObject();
                json.EndObject();
            }
        }

        json.EndArray();
        json.StartObject("xaxis");
        json.Title("title", "learning rate");
        json.String("type", "category");
        json.EndObject();
        json.StartObject("yaxis");
        json.Title("title", "batch size");
        json.String("type", "category");
        json.EndObject();
        json.EndObject();
        json.EndObject();
    }

    private static string Percent(double share) => double.IsFinite(share) ? (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "—";

    private static string Spread(QuantileSummary q) =>
        ReportWriter.Encode($"{SweepHeatmap.Number(q.Median)} ({SweepHeatmap.Number(q.Lower)}–{SweepHeatmap.Number(q.Upper)})");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
