using System.Globalization;
using DescentLab.Experiments;
using DescentLab.Landscapes;
using ScottPlot;
using ScottPlot.Plottables;
using ScottPlot.TickGenerators;

namespace DescentLab.Rendering;

/// <summary>The static figures (ScottPlot): each built as a plot, then saved as PNG and SVG.</summary>
internal static partial class StaticFigures
{
    public const int Width = 1000;
    public const int Height = 640;

    /// <summary>Filled-contour levels of the landscape.</summary>
    internal const int LandscapeLevels = 24;

    /// <summary>Where a batch's contour lines sit, as fractions of its log10 range above its minimum.</summary>
    private static readonly double[] BatchLevels = [0.04, 0.12, 0.3];

    /// <summary>Writes the figures of <paramref name="figures"/> that <paramref name="model"/> has into <paramref name="directory"/> and returns the paths written.</summary>
    public static IReadOnlyList<string> Write(FigureModel model, string directory, FigureFormats formats, FigureSet figures = FigureSet.All) =>
        WritePlots(Figures(model, figures), directory, formats);

    /// <summary>Builds each plot of <paramref name="plots"/> and saves it in <paramref name="formats"/> into <paramref name="directory"/>; returns the paths written.</summary>
    private static List<string> WritePlots(IEnumerable<(string Name, Func<Plot> Build)> plots, string directory, FigureFormats formats)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var (name, build) in plots)
        {
            using var plot = build();
            if (formats.HasFlag(FigureFormats.Png))
            {
                var path = Path.Combine(directory, name + ".png");
                SavePng(plot, path);
                written.Add(path);
            }

            if (formats.HasFlag(FigureFormats.Svg))
            {
                var path = Path.Combine(directory, name + ".svg");
                plot.SaveSvg(path, Width, Height);
                written.Add(path);
            }
        }

        return written;
    }

    /// <summary>
    /// Renders <paramref name="plot"/> and writes it as PNG with zlib level 1: the files are about twice the size of
    /// ScottPlot's default encoding (tens of kilobytes), and encoding takes a fifth of the time, which was most of the
    /// cost of a figure.
    /// </summary>
    internal static void SavePng(Plot plot, string path) => SavePng(path, Width, Height, plot.Render);

    /// <summary>Each figure of <paramref name="figures"/> that <paramref name="model"/> has: its file name (without extension) and how to build it.</summary>
    public static IEnumerable<(string Name, Func<Plot> Build)> Figures(FigureModel model, FigureSet figures = FigureSet.All)
    {
        if (figures.HasFlag(FigureSet.Data))
        {
            yield return ("data", () => Data(model));
        }

        if (figures.HasFlag(FigureSet.Loss))
        {
            yield return ("loss", () => Loss(model));
        }

        if (figures.HasFlag(FigureSet.ExcessLoss))
        {
            yield return ("excess-loss", () => ExcessLoss(model));
        }

        if (figures.HasFlag(FigureSet.Bands) && model.Result.Statistics is { } statistics)
        {
            yield return ("bands", () => Bands(model, statistics, excess: true));
            yield return ("bands-loss", () => Bands(model, statistics, excess: false));
        }

        if (figures.HasFlag(FigureSet.Fit) && model.HasCurves)
        {
            yield return ("fit", () => Fit(model));
        }

        if (figures.HasFlag(FigureSet.Paths))
        {
            yield return ("paths", () => Paths(model));
        }

        if (figures.HasFlag(FigureSet.Landscape))
        {
            yield return ("landscape", () => LandscapeFigure(model));
        }

        if (figures.HasFlag(FigureSet.Batches) && model.BatchSurfaces.Count > 0)
        {
            yield return ("batches", () => Batches(model));
        }
    }

    internal static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Title(title, 18);
        plot.XLabel(xLabel, 15);
        plot.YLabel(yLabel, 15);
        return plot;
    }

    internal static void LegendRight(Plot plot)
    {
        plot.ShowLegend(Edge.Right);
        plot.Legend.FontSize = 13;
    }

    private static Plot Data(FigureModel model)
    {
        var data = model.Problem.Data;
        var plot = NewPlot($"The data: {data.Count} samples", $"{data.InputNames[0]}", data.OutputName);
        var points = plot.Add.ScatterPoints(model.DataX, model.DataY, Colors.Gray);
        points.MarkerSize = 6;
        points.LegendText = model.DataLegend;
        if (model.HasCurves)
        {
            if (model.MeanCurve() is { } mean)
            {
                var line = plot.Add.ScatterLine(model.CurveX, mean, Colors.Black);
                line.LineWidth = 2;
                line.LinePattern = LinePattern.Dashed;
                line.LegendText = "generating mean: y = " + FigureModel.Polynomial(model.MeanCoefficients!);
            }

            var fit = plot.Add.ScatterLine(model.CurveX, model.Curve(model.Optimum), Palette.Color(3));
            fit.LineWidth = 2;
            fit.LegendText = "least-squares fit θ*: y = " + FigureModel.Polynomial(model.AscendingCoefficients(model.Optimum)!);
        }

        plot.ShowLegend(Alignment.UpperLeft);
        plot.Legend.FontSize = 13;
        return plot;
    }

    /// <summary>Batch and full-data loss of every run on a log axis, over L* when the model has one (the y-axis title says when it has none).</summary>
    internal static Plot Loss(ILossCurves model)
    {
        var plot = NewPlot($"Loss against {model.ProgressWord}", model.ProgressLabel, model.LossFloor is null ? $"{model.LossName} (log scale; no known L*)" : $"{model.LossName} (log scale)");
        var drawn = new List<double[]>();
        if (model.LossFloor is { } minimum)
        {
            drawn.Add([Math.Log10(minimum)]);
        }

        // Every batch loss first, faint, so that every full-data loss is drawn above them.
        foreach (var run in Stroke.InDrawingOrder(model.Runs))
        {
            var (bx, by) = Positive(run.Progress, run.BatchLoss);
            if (bx.Length > 0)
            {
                var logBatch = Log10(by);
                drawn.Add(logBatch);
                var batch = plot.Add.ScatterLine(bx, logBatch, Palette.Color(run.Index).WithAlpha(0.3));
                batch.LineWidth = 1;
                batch.LegendText = $"{run.Name}: batch loss";
            }
        }

        foreach (var run in Stroke.InDrawingOrder(model.Runs))
        {
            var (lx, ly) = Positive(run.Progress, run.Loss);
            var logLoss = Log10(ly);
            drawn.Add(logLoss);
            AddCurve(plot, run, lx, logLoss, $"{run.Name}: full-data loss");
            DivergedMarker(plot, run, run.LossEnd);
        }

        if (model.LossFloor is { } optimum)
        {
            var floor = plot.Add.HorizontalLine(Math.Log10(optimum), 1.5f, Colors.Black, LinePattern.Dotted);
            floor.LegendText = $"L* = {Format(optimum)}";
        }

        LogAxis(plot, drawn, model.LossCeiling);
        LegendRight(plot);
        return plot;
    }

    /// <summary>Every run's excess loss L − L* on a log axis (the linear model, and logistic regression with Newton's θ*).</summary>
    internal static Plot ExcessLoss(ILossCurves model)
    {
        var plot = NewPlot($"Excess loss L − L* against {model.ProgressWord}", model.ProgressLabel, "L(θ) − L* (log scale)");
        var drawn = new List<double[]>();
        foreach (var run in Stroke.InDrawingOrder(model.Runs))
        {
            var (x, y) = Positive(run.Progress, run.ExcessLoss);
            var logExcess = Log10(y);
            drawn.Add(logExcess);
            AddCurve(plot, run, x, logExcess, run.Name);
            DivergedMarker(plot, run, run.ExcessEnd);
        }

        LogAxis(plot, drawn, model.LossCeiling);
        LegendRight(plot);
        return plot;
    }

    /// <summary>A run's curve in its colour and stroke.</summary>
    private static void AddCurve(Plot plot, RunSeries run, double[] x, double[] y, string legend, float? width = null)
    {
        var stroke = Stroke.Of(run);
        var line = plot.Add.ScatterLine(x, y, Palette.Color(run.Index));
        line.LineWidth = width ?? stroke.Width;
        line.LinePattern = stroke.Pattern;
        line.LegendText = legend;
    }

    /// <summary>A ✕ where a diverged run's loss curve ends (it leaves the top of the figure there, or was stopped).</summary>
    private static void DivergedMarker(Plot plot, RunSeries run, (int Index, double Loss)? end)
    {
        if (end is not { } e || !(e.Loss > 0))
        {
            return;
        }

        var marker = plot.Add.Marker(run.Progress[e.Index], Math.Log10(e.Loss), MarkerShape.Eks, 14, Palette.Color(run.Index));
        marker.MarkerLineWidth = 3;
        marker.LegendText = $"{run.Name}: diverged at step {run.Run.Trajectory.DivergedAtStep!.Value.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>Each method's median and band across replicates, of excess loss or of full-data loss, against epochs on a log scale.</summary>
    private static Plot Bands(FigureModel model, DescentLab.Statistics.ReplicateStatistics statistics, bool excess)
    {
        var o = statistics.Options;
        var replicates = statistics.Methods[0].Replicates;
        var what = excess ? "Excess loss" : "Full-data loss";
        var plot = NewPlot(
            string.Create(CultureInfo.InvariantCulture, $"{what}, {replicates} replicates: median, {o.BandLower * 100:0.#}–{o.BandUpper * 100:0.#}% band"),
            "epoch",
            excess ? "L(θ) − L* (log scale)" : "MSE (log scale)");
        var drawn = new List<double[]>();
        var cap = Math.Log10(model.LossCeiling);
        // Lowest stroke layer first, as for single runs: fixed-order SGD's dashed median above the reshuffled one's.
        foreach (var i in Enumerable.Range(0, statistics.Methods.Count).OrderBy(i => Stroke.Of(model.Result.Spec.Methods[i].Sampler.Kind).Layer).ThenBy(i => i))
        {
            var m = statistics.Methods[i];
            var band = excess ? m.ExcessLoss : m.Loss;
            var x = m.Grid.Epoch.ToArray();
            var median = ClampedLog(band.Median, cap);
            var rawLower = ClampedLog(band.Lower, cap);
            var rawUpper = ClampedLog(band.Upper, cap);
            var floor = rawLower.Where(double.IsFinite).DefaultIfEmpty(0).Min();
            double[] lower = [.. rawLower.Select(v => double.IsFinite(v) ? v : floor)];
            double[] upper = [.. rawUpper.Select(v => double.IsFinite(v) ? v : cap)];
            drawn.AddRange([median, rawLower, rawUpper]);
            var color = Palette.Color(i);
            var stroke = Stroke.Of(model.Result.Spec.Methods[i].Sampler.Kind);
            var fill = plot.Add.FillY(x, lower, upper);
            fill.FillColor = color.WithAlpha(0.15);
            fill.LineColor = Colors.Transparent;

            // Each band's edges in its colour and dash, so overlapping bands can be told apart where their fills mix.
            foreach (var edge in new[] { lower, upper })
            {
                var outline = plot.Add.ScatterLine(x, edge, color.WithAlpha(0.8));
                outline.LineWidth = 1.2f;
                outline.LinePattern = stroke.Pattern;
            }

            var line = plot.Add.ScatterLine(x, median, color);
            line.LineWidth = Math.Min(stroke.Width, 3f);
            line.LinePattern = stroke.Pattern;
            line.LegendText = $"{m.Name}: median and band";
        }

        LogAxis(plot, drawn, model.LossCeiling);
        LegendRight(plot);
        return plot;
    }

    /// <summary>log10 of each value, capped at <paramref name="cap"/>; NaN where the value is not positive.</summary>
    private static double[] ClampedLog(IReadOnlyList<double> values, double cap) =>
        [.. values.Select(v => v > 0 ? Math.Min(Math.Log10(v), cap) : double.NaN)];

    private static Plot Fit(FigureModel model)
    {
        var data = model.Problem.Data;
        var plot = NewPlot("Real vs fitted: each method's final curve", data.InputNames[0], data.OutputName);
        var points = plot.Add.ScatterPoints(model.DataX, model.DataY, Colors.Gray.WithAlpha(0.7));
        points.MarkerSize = 5;
        points.LegendText = model.DataLegend;
        var optimum = plot.Add.ScatterLine(model.CurveX, model.Curve(model.Optimum), Colors.Black);
        optimum.LineWidth = 2;
        optimum.LinePattern = LinePattern.Dashed;
        optimum.LegendText = "least squares θ*";
        foreach (var run in Stroke.InDrawingOrder(model.Runs))
        {
            if (run.Diverged || run.Final.Any(v => !double.IsFinite(v)))
            {
                // A blown-up curve would set the axis and flatten the data to a line; the legend says why it is absent.
                var absent = plot.Add.ScatterLine(Array.Empty<double>(), Array.Empty<double>(), Palette.Color(run.Index));
                absent.LegendText = $"{run.Name}: diverged, not drawn";
                continue;
            }

            AddCurve(plot, run, model.CurveX, model.Curve(run.Final), $"{run.Name}: y = {FigureModel.Polynomial(model.AscendingCoefficients(run.Final)!, 3)}", Math.Min(Stroke.Of(run).Width, 3f));
        }

        plot.ShowLegend(Alignment.UpperLeft);
        plot.Legend.FontSize = 13;
        return plot;
    }

    private static Plot Paths(FigureModel model)
    {
        var plot = NewPlot($"Paths in the ({model.PlaneXLabel}, {model.PlaneYLabel}) plane", model.PlaneXLabel, model.PlaneYLabel);
        AddPaths(plot, model, null);
        var surface = model.Landscape;
        plot.Axes.SetLimits(surface.XValues[0], surface.XValues[^1], surface.YValues[0], surface.YValues[^1]);
        LegendRight(plot);
        return plot;
    }

    private const int ContourGrid = 48;

    /// <summary>The surface's log grid as ScottPlot's contour input, thinned to at most <see cref="ContourGrid"/> points a side.</summary>
    /// <remarks>
    /// ScottPlot contours by triangulating the points, which costs far more than drawing: a grid of at most ContourGrid ×
    /// ContourGrid points (the first and last rows and columns always among them) keeps the lines smooth at the figure's
    /// size without hundreds of milliseconds of triangulation on a 200 × 200 surface.
    /// </remarks>
    internal static Coordinates3d[,] ContourPoints(Surface surface, double[,] grid)
    {
        int[] rows = ContourIndices(surface.YCount);
        int[] columns = ContourIndices(surface.XCount);
        var coordinates = new Coordinates3d[rows.Length, columns.Length];
        for (var j = 0; j < rows.Length; j++)
        {
            for (var i = 0; i < columns.Length; i++)
            {
                coordinates[j, i] = new Coordinates3d(surface.XValues[columns[i]], surface.YValues[rows[j]], grid[surface.YCount - 1 - rows[j], columns[i]]);
            }
        }

        return coordinates;
    }

    /// <summary>At most <see cref="ContourGrid"/> evenly spread indices of 0 … count − 1, both ends included.</summary>
    private static int[] ContourIndices(int count) =>
        count <= ContourGrid ? [.. Enumerable.Range(0, count)] : [.. Enumerable.Range(0, ContourGrid).Select(k => (int)Math.Round(k * (count - 1) / (double)(ContourGrid - 1))).Distinct()];

    private static Plot LandscapeFigure(FigureModel model)
    {
        var surface = model.Landscape;
        // Two lines: with the legend on the right, a one-line title of a cubic's profile ran past the image's left edge.
        var plot = NewPlot($"Landscape and paths\n({model.KindDescription})", model.PlaneXLabel, model.PlaneYLabel);
        var (grid, low, high) = LogGrid(surface);

        // A smooth heatmap of log10(MSE) under contour lines at log-spaced levels, as the report's contour plot.
        var heatmap = plot.Add.Heatmap(grid);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.Extent = Extent(surface);
        heatmap.ManualRange = new ScottPlot.Range(low, Math.Max(high, low + 1e-9));
        heatmap.Smooth = true;
        var step = (high - low) / LandscapeLevels;
        if (step > 0)
        {
            var coordinates = ContourPoints(surface, grid);

            var contours = new ContourLines { ContourLineLevels = [.. Enumerable.Range(1, (LandscapeLevels / 2) - 1).Select(k => low + (2 * k * step))] };
            contours.Update(coordinates);
            contours.Colormap = null;
            contours.LineColor = Colors.White.WithAlpha(0.5);
            contours.LineWidth = 1f;
            contours.LabelStyle.IsVisible = false;
            plot.Add.Plottable(contours);
        }

        var bar = plot.Add.ColorBar(heatmap);
        bar.Label = "MSE (log scale)";
        bar.LabelStyle.FontSize = 14;
        bar.Axis.TickGenerator = LogAxisTicks(low, high);
        AddPaths(plot, model, Colors.White);
        plot.Axes.SetLimits(surface.XValues[0], surface.XValues[^1], surface.YValues[0], surface.YValues[^1]);
        LegendRight(plot);
        return plot;
    }

    private static Plot Batches(FigureModel model)
    {
        var plot = NewPlot("Each minibatch has its own landscape", model.PlaneXLabel, model.PlaneYLabel);
        for (var b = 0; b < model.BatchSurfaces.Count; b++)
        {
            var surface = model.BatchSurfaces[b];
            var color = Palette.Color(b);
            var (grid, low, high) = LogGrid(surface);
            var coordinates = ContourPoints(surface, grid);

            // Three levels close to the batch's own minimum draw each batch's valley around where it bottoms out.
            var contours = new ContourLines { ContourLineLevels = [.. BatchLevels.Select(f => low + ((high - low) * f))] };
            contours.Update(coordinates);
            contours.Colormap = null;
            contours.LineColor = color.WithAlpha(0.8);
            contours.LineWidth = 2f;
            contours.LabelStyle.IsVisible = false;
            plot.Add.Plottable(contours);
            var (ox, oy) = model.BatchOptima[b];
            var minimum = plot.Add.Marker(ox, oy, MarkerShape.FilledDiamond, 12, color);
            minimum.LegendText = $"batch {b + 1} ({surface.SampleCount} samples): contours and minimum";
        }

        var star = plot.Add.Marker(model.Optimum[model.Ix], model.Optimum[model.Iy], MarkerShape.Eks, 16, Colors.Black);
        star.MarkerLineWidth = 3;
        star.LegendText = "θ* of the full data";
        var first = model.BatchSurfaces[0];
        plot.Axes.SetLimits(first.XValues[0], first.XValues[^1], first.YValues[0], first.YValues[^1]);
        LegendRight(plot);
        return plot;
    }

    /// <summary>Draws every path with its marks, the init(s) and θ*; the first run on top, since the later ones are usually the noisier.</summary>
    private static void AddPaths(Plot plot, FigureModel model, Color? outline)
    {
        foreach (var run in Stroke.InDrawingOrder(model.Runs))
        {
            var (x, y) = Finite(run.PathX, run.PathY);
            var stroke = Stroke.Of(run);
            if (outline is { } halo)
            {
                var under = plot.Add.ScatterLine(x, y, halo.WithAlpha(0.5));
                under.LineWidth = stroke.Width * 0.8f + 1.5f;
            }

            AddCurve(plot, run, x, y, run.Name, stroke.Width * 0.8f);
            if (run.Diverged && x.Length > 0)
            {
                var end = plot.Add.Marker(x[^1], y[^1], MarkerShape.Eks, 14, Palette.Color(run.Index));
                end.MarkerLineWidth = 3;
                end.LegendText = run.LeavesFrame
                    ? $"{run.Name}: leaves the frame, diverged at step {run.Run.Trajectory.DivergedAtStep!.Value.ToString(CultureInfo.InvariantCulture)}"
                    : $"{run.Name}: diverged at step {run.Run.Trajectory.DivergedAtStep!.Value.ToString(CultureInfo.InvariantCulture)}";
            }
        }

        foreach (var run in model.Runs)
        {
            var color = Palette.Color(run.Index);
            var t = run.Run.Trajectory;
            foreach (var (row, epoch) in run.Marks)
            {
                if (run.PathRows.Length == 0 || row > run.PathRows[^1] || (run.LeavesFrame && row == run.PathRows[^1]))
                {
                    // Past where the drawn path leaves the frame.
                    continue;
                }

                var mark = plot.Add.Marker(t.Parameter(model.Ix)[row], t.Parameter(model.Iy)[row], MarkerShape.FilledCircle, 13, color);
                mark.MarkerLineColor = Colors.Black;
                mark.MarkerLineWidth = 1.5f;
                mark.LegendText = $"{run.Name} at epoch {Format(epoch)} (step {t.Step[row].ToString(CultureInfo.InvariantCulture)})";
            }

            if (!model.SharedInit)
            {
                var init = plot.Add.Marker(run.Run.Init[model.Ix], run.Run.Init[model.Iy], MarkerShape.OpenSquare, 13, color);
                init.MarkerLineWidth = 2;
                init.LegendText = $"{run.Name}: init";
            }
        }

        if (model.SharedInit && model.Runs.Count > 0)
        {
            var init = model.Runs[0].Run.Init;
            var marker = plot.Add.Marker(init[model.Ix], init[model.Iy], MarkerShape.FilledSquare, 13, Colors.Black);
            marker.LegendText = "init θ₀ (shared)";
        }

        var star = plot.Add.Marker(model.Optimum[model.Ix], model.Optimum[model.Iy], MarkerShape.Eks, 16, Colors.Red);
        star.MarkerLineWidth = 3;
        star.LegendText = "θ* (least squares)";
    }

    /// <summary>log10 of the surface as a heatmap grid (row 0 at the top), with its range.</summary>
    internal static (double[,] Grid, double Low, double High) LogGrid(Surface surface)
    {
        var nx = surface.XCount;
        var ny = surface.YCount;
        var grid = new double[ny, nx];
        var low = double.PositiveInfinity;
        var high = double.NegativeInfinity;
        var values = surface.Values;
        var floor = Math.Max(surface.Minimum, 0) * 1e-3;
        var top = double.IsFinite(surface.Maximum) ? surface.Maximum : double.MaxValue;
        for (var j = 0; j < ny; j++)
        {
            for (var i = 0; i < nx; i++)
            {
                var value = values[(j * nx) + i];
                var v = Math.Log10(Math.Max(double.IsFinite(value) ? value : top, floor > 0 ? floor : 1e-300));
                grid[ny - 1 - j, i] = v;
                low = Math.Min(low, v);
                high = Math.Max(high, v);
            }
        }

        return (grid, low, high);
    }

    internal static CoordinateRect Extent(Surface surface)
    {
        var hx = surface.XCount > 1 ? (surface.XValues[1] - surface.XValues[0]) / 2 : 0.5;
        var hy = surface.YCount > 1 ? (surface.YValues[1] - surface.YValues[0]) / 2 : 0.5;
        return new CoordinateRect(surface.XValues[0] - hx, surface.XValues[^1] + hx, surface.YValues[0] - hy, surface.YValues[^1] + hy);
    }

    /// <summary>Ticks for an axis that holds log10 of its values, labelled with the values: 1-2-5 steps over a few decades, decades beyond.</summary>
    internal static NumericManual LogAxisTicks(double low, double high)
    {
        var ticks = new NumericManual();
        foreach (var (decade, m, major) in LogTicks.Between(low, high))
        {
            var position = decade + Math.Log10(m);
            if (major)
            {
                ticks.AddMajor(position, Format(Math.Pow(10, position)));
            }
            else
            {
                ticks.AddMinor(position);
            }
        }

        return ticks;
    }

    /// <summary>Sets the left axis, which holds log10 of the values, to span <paramref name="series"/> with labelled log ticks.</summary>
    private static void LogAxis(Plot plot, IEnumerable<double[]> series, double ceiling)
    {
        var cap = Math.Log10(ceiling);
        var low = double.PositiveInfinity;
        var high = double.NegativeInfinity;
        foreach (var values in series)
        {
            foreach (var v in values)
            {
                if (double.IsFinite(v))
                {
                    low = Math.Min(low, v);
                    high = Math.Max(high, Math.Min(v, cap));
                }
            }
        }

        if (low > high)
        {
            return;
        }

        var pad = Math.Max((high - low) * 0.04, 0.05);
        plot.Axes.SetLimitsY(low - pad, high + pad);
        plot.Axes.Left.TickGenerator = LogAxisTicks(low - pad, high + pad);
    }

    private static double[] Log10(double[] values) => [.. values.Select(Math.Log10)];

    /// <summary>The points whose y is positive and finite, for a log axis.</summary>
    private static (double[] X, double[] Y) Positive(double[] x, double[] y)
    {
        var keep = Enumerable.Range(0, x.Length).Where(k => double.IsFinite(x[k]) && y[k] > 0 && double.IsFinite(y[k])).ToArray();
        return ([.. keep.Select(k => x[k])], [.. keep.Select(k => y[k])]);
    }

    internal static (double[] X, double[] Y) Finite(double[] x, double[] y)
    {
        var keep = Enumerable.Range(0, x.Length).Where(k => double.IsFinite(x[k]) && double.IsFinite(y[k])).ToArray();
        return ([.. keep.Select(k => x[k])], [.. keep.Select(k => y[k])]);
    }

    internal static string Format(double value) =>
        value != 0 && (Math.Abs(value) >= 1e4 || Math.Abs(value) < 1e-3)
            ? value.ToString("0.##e0", CultureInfo.InvariantCulture)
            : value.ToString("G4", CultureInfo.InvariantCulture);
}
