using System.Globalization;
using DescentLab.Experiments;
using DescentLab.Landscapes;
using DescentLab.Models;
using ScottPlot;
using ScottPlot.Plottables;

namespace DescentLab.Rendering;

/// <summary>The static figure of a network landscape (Li et al.'s contour plot): the loss over the plane and every run's projected path.</summary>
internal static class NetworkLandscapeFigures
{
    /// <summary>The ratio of the grid's largest to smallest loss from which colours follow log10 of the loss.</summary>
    /// <remarks>At a trained centre the loss is often 20–40 times below the grid's edge; linear colours then paint the whole basin one shade.</remarks>
    public const double LogColourRatio = 10;

    /// <summary>The figure's file name, without extension.</summary>
    public const string FileName = "landscape";

    /// <summary>Whether colours follow log10 of the loss: when the grid spans at least a decade.</summary>
    public static bool UsesLogColour(Surface surface) => UsesLogColour(surface.Minimum, surface.Maximum);

    /// <summary>Whether a grid whose loss runs from <paramref name="minimum"/> to <paramref name="maximum"/> is coloured by log10 of the loss.</summary>
    public static bool UsesLogColour(double minimum, double maximum) => minimum > 0 && maximum / minimum >= LogColourRatio;

    /// <summary>The loss's name on colour bars and axes: "BCE loss", "cross-entropy loss" or "MSE".</summary>
    public static string LossName(NeuralNetwork network) => network.LossKind switch
    {
        NetworkLoss.BinaryCrossEntropyWithLogits => "BCE loss",
        NetworkLoss.CrossEntropy => "cross-entropy loss",
        _ => "MSE",
    };

    /// <summary>The figure's title: the model and the plane in two lines.</summary>
    public static string Title(NetworkExperimentResult result, NetworkLandscape landscape)
    {
        var kind = landscape.Job.Directions switch
        {
            PlaneDirections.Pca => $"PCA plane of {landscape.PcaMethod}'s path",
            PlaneDirections.Random => "random plane",
            _ => "filter-normalised random plane",
        };
        return $"Loss landscape of the {result.Spec.Model} model\n{kind} through {landscape.CentreDescription}";
    }

    /// <summary>Writes figures/landscape.png and .svg as <paramref name="formats"/> asks and returns the paths written.</summary>
    public static IReadOnlyList<string> Write(NetworkExperimentResult result, NetworkLandscape landscape, string directory, FigureFormats formats)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        using var plot = Contour(result, landscape);
        if (formats.HasFlag(FigureFormats.Png))
        {
            var path = Path.Combine(directory, FileName + ".png");
            StaticFigures.SavePng(plot, path);
            written.Add(path);
        }

        if (formats.HasFlag(FigureFormats.Svg))
        {
            var path = Path.Combine(directory, FileName + ".svg");
            plot.SaveSvg(path, StaticFigures.Width, StaticFigures.Height);
            written.Add(path);
        }

        return written;
    }

    /// <summary>The contour figure: the loss as a heatmap under contour lines, each run's projected path, its start and end, and the centre.</summary>
    public static Plot Contour(NetworkExperimentResult result, NetworkLandscape landscape)
    {
        var surface = landscape.DrawnSurface();
        var plot = StaticFigures.NewPlot(Title(result, landscape), landscape.AxisLabel(1), landscape.AxisLabel(2));
        var log = UsesLogColour(surface);
        var (grid, low, high) = log ? StaticFigures.LogGrid(surface) : LinearGrid(surface);
        var heatmap = plot.Add.Heatmap(grid);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.Extent = StaticFigures.Extent(surface);
        heatmap.ManualRange = new ScottPlot.Range(low, Math.Max(high, low + 1e-9));
        heatmap.Smooth = true;
        var step = (high - low) / StaticFigures.LandscapeLevels;
        if (step > 0)
        {
            var contours = new ContourLines { ContourLineLevels = [.. Enumerable.Range(1, (StaticFigures.LandscapeLevels / 2) - 1).Select(k => low + (2 * k * step))] };
            contours.Update(StaticFigures.ContourPoints(surface, grid));
            contours.Colormap = null;
            contours.LineColor = Colors.White.WithAlpha(0.5);
            contours.LineWidth = 1f;
            contours.LabelStyle.IsVisible = false;
            plot.Add.Plottable(contours);
        }

        var lossName = LossName(landscape.Network);
        var bar = plot.Add.ColorBar(heatmap);
        bar.Label = log ? $"{lossName} (log scale)" : lossName;
        bar.LabelStyle.FontSize = 14;
        if (log)
        {
            bar.Axis.TickGenerator = StaticFigures.LogAxisTicks(low, high);
        }

        // Wide noisy minibatch paths first, thin full-batch ones on top, as the linear model's figures draw them.
        foreach (var path in landscape.Paths.OrderBy(p => Stroke.Of(result.Runs[p.Run].Method.Sampler.Kind).Layer).ThenBy(p => p.Run))
        {
            var run = result.Runs[path.Run];
            var color = Palette.Color(path.Run);
            var stroke = Stroke.Of(run.Method.Sampler.Kind);
            double[] x = [.. path.Alpha];
            double[] y = [.. path.Beta];
            if (x.Length == 0)
            {
                continue;
            }

            var halo = plot.Add.ScatterLine(x, y, Colors.White.WithAlpha(0.5));
            halo.LineWidth = (stroke.Width * 0.8f) + 1.5f;
            var line = plot.Add.ScatterLine(x, y, color);
            line.LineWidth = stroke.Width * 0.8f;
            line.LinePattern = stroke.Pattern;
            line.LegendText = path.DivergedAtStep is { } diverged
                ? string.Create(CultureInfo.InvariantCulture, $"{path.Method} (diverged at step {diverged})")
                : path.Method;
            var start = plot.Add.Marker(x[0], y[0], MarkerShape.OpenSquare, 12, color);
            start.MarkerLineWidth = 2;
            var end = plot.Add.Marker(x[^1], y[^1], MarkerShape.FilledCircle, 11, color);
            end.MarkerLineColor = Colors.Black;
            end.MarkerLineWidth = 1.5f;
        }

        if (landscape.Paths.Count > 0)
        {
            // One legend entry each for what the start and end markers mean, in black, rather than one per run.
            var startKey = plot.Add.Marker(double.NaN, double.NaN, MarkerShape.OpenSquare, 12, Colors.Black);
            startKey.MarkerLineWidth = 2;
            startKey.LegendText = "θ₀ (start of a path)";
            var endKey = plot.Add.Marker(double.NaN, double.NaN, MarkerShape.FilledCircle, 11, Colors.Black);
            endKey.LegendText = "end of a path";
        }

        var centre = plot.Add.Marker(0, 0, MarkerShape.Eks, 16, Colors.Red);
        centre.MarkerLineWidth = 3;
        centre.LegendText = string.Create(CultureInfo.InvariantCulture, $"centre, loss {StaticFigures.Format(landscape.CentreLoss)}");
        var noteText = landscape.OrthonormalDirections ? "paths: orthogonal projections onto the plane" : "paths: least-squares projections onto the plane";
        if (landscape.HasClippedValues)
        {
            noteText += $"\nloss above {StaticFigures.Format(landscape.DrawCeiling)} (or not finite) drawn at {StaticFigures.Format(landscape.DrawCeiling)}";
        }

        var note = plot.Add.Annotation(noteText, Alignment.LowerLeft);
        note.LabelFontSize = 13;
        note.LabelBackgroundColor = Colors.White.WithAlpha(0.85);
        note.LabelBorderColor = Colors.Gray;
        plot.Axes.SetLimits(surface.XValues[0], surface.XValues[^1], surface.YValues[0], surface.YValues[^1]);

        // ScottPlot's default labels write every digit: at --range 1e200 the labels alone fill the image.
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = StaticFigures.Format };
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = StaticFigures.Format };
        StaticFigures.LegendRight(plot);
        return plot;
    }

    /// <summary>The surface as a heatmap grid (row 0 at the top) with its range, for linear colours.</summary>
    private static (double[,] Grid, double Low, double High) LinearGrid(Surface surface)
    {
        var nx = surface.XCount;
        var ny = surface.YCount;
        var grid = new double[ny, nx];
        var values = surface.Values;
        var top = double.IsFinite(surface.Maximum) ? surface.Maximum : double.MaxValue;
        for (var j = 0; j < ny; j++)
        {
            for (var i = 0; i < nx; i++)
            {
                var value = values[(j * nx) + i];
                grid[ny - 1 - j, i] = double.IsFinite(value) ? value : top;
            }
        }

        return (grid, surface.Minimum, top);
    }
}
