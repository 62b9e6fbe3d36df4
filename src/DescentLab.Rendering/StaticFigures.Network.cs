using System.Globalization;
using DescentLab.Experiments;
using ScottPlot;
using ScottPlot.Plottables;

namespace DescentLab.Rendering;

/// <summary>The static figures of network experiments: loss (the linear runs' figure), accuracy and decision regions.</summary>
internal static partial class StaticFigures
{
    /// <summary>One decision-boundary panel's size in pixels.</summary>
    public const int PanelWidth = 500;

    /// <summary>One decision-boundary panel's height in pixels.</summary>
    public const int PanelHeight = 480;

    /// <summary>The most panels side by side; more methods wrap onto further rows.</summary>
    public const int PanelColumns = 3;

    /// <summary>Writes the figures of <paramref name="figures"/> that <paramref name="model"/> has into <paramref name="directory"/> and returns the paths written.</summary>
    public static IReadOnlyList<string> Write(NetworkFigureModel model, string directory, FigureFormats formats, FigureSet figures = FigureSet.All)
    {
        var written = WritePlots(Figures(model, figures), directory, formats);
        if (figures.HasFlag(FigureSet.Boundary) && model.HasBoundary)
        {
            var (figure, panels, width, height) = BoundaryFigure(model);
            try
            {
                if (formats.HasFlag(FigureFormats.Png))
                {
                    var path = Path.Combine(directory, "boundary.png");
                    SavePng(path, width, height, surface => Draw(figure, surface.Canvas, width, height));
                    written.Add(path);
                }

                if (formats.HasFlag(FigureFormats.Svg))
                {
                    var path = Path.Combine(directory, "boundary.svg");
                    using (var file = File.Create(path))
                    using (var canvas = SkiaSharp.SKSvgCanvas.Create(new SkiaSharp.SKRect(0, 0, width, height), file))
                    {
                        Draw(figure, canvas, width, height);
                    }

                    written.Add(path);
                }
            }
            finally
            {
                foreach (var panel in panels)
                {
                    panel.Dispose();
                }
            }
        }

        return written;
    }

    /// <summary>The single-plot figures of <paramref name="figures"/> that <paramref name="model"/> has: loss, excess loss where L* is known, then accuracy for a classifier.</summary>
    public static IEnumerable<(string Name, Func<Plot> Build)> Figures(NetworkFigureModel model, FigureSet figures = FigureSet.All)
    {
        if (figures.HasFlag(FigureSet.Loss))
        {
            yield return ("loss", () => Loss(model));
        }

        // Only where L* is known (logistic regression with Newton's θ*): an excess over L_ref, a local reference, is not drawn.
        if (figures.HasFlag(FigureSet.ExcessLoss) && model.LossFloor is not null)
        {
            yield return ("excess-loss", () => ExcessLoss(model));
        }

        if (figures.HasFlag(FigureSet.Accuracy) && model.IsClassifier)
        {
            yield return ("accuracy", () => AccuracyFigure(model));
        }
    }

    /// <summary>Each run's accuracy on the full data against the x-axis, in its colour and stroke.</summary>
    private static Plot AccuracyFigure(NetworkFigureModel model)
    {
        var plot = NewPlot($"Accuracy against {model.ProgressWord}", model.ProgressLabel, "accuracy on the full data (%)");
        var low = 100.0;
        foreach (var run in Stroke.InDrawingOrder(model.Runs))
        {
            var series = model.Accuracy[run.Index];
            var (x, y) = Finite(series.ProgressOn(model.Options.XAxis), [.. series.Accuracy.Select(a => 100 * a)]);
            low = Math.Min(low, y.DefaultIfEmpty(100).Min());
            var final = y.Length > 0 ? y[^1] : double.NaN;
            AddCurve(plot, run, x, y, double.IsFinite(final) ? $"{run.Name}: {Percent(final)} at the end" : run.Name);
        }

        // From the nearest ten below the lowest accuracy to 100%: a chance-level start stays in view, and so do the last points.
        plot.Axes.SetLimitsY(Math.Max(0, (Math.Floor(low / 10) * 10) - 2), 102);
        LegendRight(plot);
        return plot;
    }

    /// <summary>The decision-boundary figure: one panel per run, <see cref="PanelColumns"/> to a row, and its size in pixels.</summary>
    internal static (Multiplot Figure, Plot[] Panels, int Width, int Height) BoundaryFigure(NetworkFigureModel model)
    {
        var panels = BoundaryPanels(model);
        var columns = Math.Min(PanelColumns, panels.Length);
        var rows = (panels.Length + columns - 1) / columns;

        // Multiplot's parameterless constructor adds an empty plot of its own: start from the first panel instead.
        var figure = new Multiplot(panels[0]);
        foreach (var panel in panels.Skip(1))
        {
            figure.AddPlot(panel);
        }

        figure.Layout = new ScottPlot.MultiplotLayouts.Grid(rows, columns);
        return (figure, panels, columns * PanelWidth, rows * PanelHeight);
    }

    /// <summary>Draws <paramref name="figure"/> on a white <paramref name="width"/> × <paramref name="height"/> canvas.</summary>
    internal static void Draw(Multiplot figure, SkiaSharp.SKCanvas canvas, int width, int height)
    {
        canvas.Clear(SkiaSharp.SKColors.White);
        figure.Render(canvas, new PixelRect(0, width, height, 0));
    }

    /// <summary>One panel per run: predicted-class regions at the final θ over the samples in their class colours.</summary>
    internal static Plot[] BoundaryPanels(NetworkFigureModel model)
    {
        var data = model.Network.Data;
        var (gx, gy) = model.BoundaryGrid;
        var classes = model.ClassNames.Length;
        var panels = new Plot[model.Runs.Count];
        for (var r = 0; r < model.Runs.Count; r++)
        {
            var run = model.Runs[r];
            var accuracy = model.Accuracy[r].Accuracy[^1];
            var title = model.FinalClasses[r] is null
                ? $"{run.Name}: diverged, not drawn"
                : $"{run.Name}: {Percent(100 * accuracy)} correct";
            var plot = NewPlot(title, data.InputNames[0], data.InputNames[1]);
            plot.Axes.Title.Label.FontSize = 16;
            if (model.FinalClasses[r] is { } regions)
            {
                var grid = new double[gy.Length, gx.Length];
                for (var j = 0; j < gy.Length; j++)
                {
                    for (var i = 0; i < gx.Length; i++)
                    {
                        grid[gy.Length - 1 - j, i] = regions[(j * gx.Length) + i];
                    }
                }

                var heatmap = plot.Add.Heatmap(grid);
                heatmap.Colormap = new ClassColormap(classes);
                heatmap.ManualRange = new ScottPlot.Range(-0.5, classes - 0.5);
                heatmap.Smooth = false;
                var (hx, hy) = ((gx[1] - gx[0]) / 2, (gy[1] - gy[0]) / 2);
                heatmap.Extent = new CoordinateRect(gx[0] - hx, gx[^1] + hx, gy[0] - hy, gy[^1] + hy);
            }

            if (model.FinalLogits[r] is { } logits)
            {
                // The p = 0.5 line: the zero level of the one logit, where σ(logit) = 0.5.
                var coordinates = new Coordinates3d[gy.Length, gx.Length];
                for (var j = 0; j < gy.Length; j++)
                {
                    for (var i = 0; i < gx.Length; i++)
                    {
                        coordinates[j, i] = new Coordinates3d(gx[i], gy[j], logits[(j * gx.Length) + i]);
                    }
                }

                var contour = new ContourLines { ContourLineLevels = [0] };
                contour.Update(coordinates);
                contour.Colormap = null;
                contour.LineColor = Colors.Black;
                contour.LineWidth = 2f;
                contour.LabelStyle.IsVisible = false;
                plot.Add.Plottable(contour);
                if (r == 0)
                {
                    // ContourLines has no legend entry of its own.
                    var key = plot.Add.ScatterLine(Array.Empty<double>(), Array.Empty<double>(), Colors.Black);
                    key.LineWidth = 2;
                    key.LegendText = "p = 0.5";
                }
            }

            var (px, py, pc) = model.Points;
            for (var c = 0; c < classes; c++)
            {
                var members = Enumerable.Range(0, pc.Length).Where(k => pc[k] == c).ToArray();
                double[] xs = [.. members.Select(k => px[k])];
                double[] ys = [.. members.Select(k => py[k])];
                var points = plot.Add.ScatterPoints(xs, ys, Palette.Color(c));
                points.MarkerShape = MarkerShape.FilledCircle;
                points.MarkerSize = 6;
                points.MarkerLineColor = Colors.White;
                points.MarkerLineWidth = 0.8f;
                points.LegendText = r == 0 ? $"class {model.ClassNames[c]}" : string.Empty;
            }

            plot.Axes.SetLimits(gx[0], gx[^1], gy[0], gy[^1]);
            if (r == 0)
            {
                plot.ShowLegend(Alignment.LowerRight);
                plot.Legend.FontSize = 12;
            }

            panels[r] = plot;
        }

        return panels;
    }

    /// <summary>Renders a drawing of <paramref name="width"/> × <paramref name="height"/> and writes it as PNG with zlib level 1 (see <see cref="SavePng(Plot, string)"/>).</summary>
    private static void SavePng(string path, int width, int height, Action<SkiaSharp.SKSurface> draw)
    {
        using var surface = SkiaSharp.SKSurface.Create(new SkiaSharp.SKImageInfo(width, height))
            ?? throw new InvalidOperationException($"Could not allocate a {width}×{height} drawing surface.");
        draw(surface);
        using var image = surface.Snapshot();
        using var pixels = image.PeekPixels();
        using var png = pixels.Encode(new SkiaSharp.SKPngEncoderOptions(SkiaSharp.SKPngEncoderFilterFlags.AllFilters, 1))
            ?? throw new InvalidOperationException($"Could not encode {path} as PNG.");
        using var file = File.Create(path);
        png.SaveTo(file);
    }

    private static string Percent(double percent) => percent.ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>Pale tints of the class colours, one flat band per class index for a heatmap ranged −0.5 … K − 0.5.</summary>
    private sealed class ClassColormap(int classes) : IColormap
    {
        public string Name => "classes";

        public Color GetColor(double normalizedIntensity)
        {
            var c = Math.Clamp((int)Math.Floor(normalizedIntensity * classes), 0, classes - 1);
            return Tint(Palette.Color(c));
        }

        /// <summary>The colour mixed three parts in four with white, so the samples in full colour stand out on it.</summary>
        public static Color Tint(Color color) =>
            new((byte)(color.R + ((255 - color.R) * 3 / 4)), (byte)(color.G + ((255 - color.G) * 3 / 4)), (byte)(color.B + ((255 - color.B) * 3 / 4)));
    }
}
