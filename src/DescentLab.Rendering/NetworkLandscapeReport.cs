using System.Globalization;
using System.Text;
using DescentLab.Experiments;
using DescentLab.Landscapes;

namespace DescentLab.Rendering;

/// <summary>The HTML page of a network landscape: the plane's definition, the contour with projected paths and the 3D surface, interactive.</summary>
internal static class NetworkLandscapeReport
{
    /// <summary>The ids of the page's two figures.</summary>
    public const string ContourId = "landscape-contour", SurfaceId = "landscape-surface";

    /// <summary>The page as one self-contained HTML document.</summary>
    public static string Render(NetworkExperimentResult result, NetworkLandscape landscape, string? specJson)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(landscape);
        var title = $"{result.Spec.Name}: loss landscape";
        return ReportWriter.Page(title, Json(result, landscape), html => Body(html, result, landscape, specJson));
    }

    /// <summary>The JSON array of the page's figures: the contour with the projected paths, then the surface in 3D.</summary>
    public static string Json(NetworkExperimentResult result, NetworkLandscape landscape)
    {
        using var json = new PlotlyJson();
        var surface = landscape.DrawnSurface();
        var lossName = NetworkLandscapeFigures.LossName(landscape.Network);
        var (xLabel, yLabel) = (landscape.AxisLabel(1), landscape.AxisLabel(2));
        json.StartArray();

        json.StartObject();
        json.String("id", ContourId);
        json.StartArray("data");
        InteractiveFigures.Contour(json, surface, hover: true, lossName, NetworkLandscapeFigures.UsesLogColour(surface));
        foreach (var path in landscape.Paths.Where(p => p.Step.Count > 0))
        {
            var stroke = Stroke.Of(result.Runs[path.Run].Method.Sampler.Kind);
            json.StartObject();
            InteractiveFigures.Trace(json, "scatter", "lines", path.Method);
            json.Label("legendgroup", path.Method);
            json.Array("x", [.. path.Alpha]);
            json.Array("y", [.. path.Beta]);
            json.Array("customdata", [.. path.Loss]);
            json.String("hovertemplate", $"α = %{{x:.4g}}, β = %{{y:.4g}}<br>{lossName} at θ %{{customdata:.5g}}");
            InteractiveFigures.LineStyle(json, Palette.Of(path.Run), stroke.Width * 0.8, stroke.Dash);
            json.EndObject();
            InteractiveFigures.Markers(json, [path.Alpha[0]], [path.Beta[0]], $"{path.Method}: θ₀", Palette.Of(path.Run), 11, "square-open", group: path.Method);
            InteractiveFigures.Markers(json, [path.Alpha[^1]], [path.Beta[^1]], $"{path.Method}: end", Palette.Of(path.Run), 11, "circle", outline: true, group: path.Method);
        }

        InteractiveFigures.Markers(json, [0], [0], $"centre: {landscape.CentreDescription}, loss {NumberText.G(landscape.CentreLoss, 4)}", "#d62728", 14, "x");
        json.EndArray();
        Layout(json, NetworkLandscapeFigures.Title(result, landscape).Replace("\n", ": ", StringComparison.Ordinal), xLabel, yLabel, surface, lossName, threeD: false);
        json.EndObject();

        json.StartObject();
        json.String("id", SurfaceId);
        json.StartArray("data");
        InteractiveFigures.Surface(json, surface, "the plane's loss", "Viridis", 0.9, showScale: true, lossName);
        foreach (var path in landscape.Paths.Where(p => p.Step.Count > 0))
        {
            json.StartObject();
            InteractiveFigures.Trace(json, "scatter3d", "lines", $"{path.Method} at its own loss");
            json.Array("x", [.. path.Alpha]);
            json.Array("y", [.. path.Beta]);
            json.Array("z", [.. path.Loss]);
            InteractiveFigures.LineStyle(json, Palette.Of(path.Run), 4);
            json.EndObject();
        }

        json.EndArray();
        Layout(json, "The plane's loss in 3D, with each path at its own loss", xLabel, yLabel, surface, lossName, threeD: true, ZTop(landscape));
        json.EndObject();

        json.EndArray();
        return json.Text();
    }

    /// <summary>The top of the 3D figure's loss axis: the surface's maximum or the highest path point inside the grid, whichever is higher, capped at 10× the surface's maximum so a diverged path cannot flatten the surface.</summary>
    private static double ZTop(NetworkLandscape landscape)
    {
        var s = landscape.DrawnSurface();
        var top = s.Maximum;
        foreach (var path in landscape.Paths)
        {
            for (var i = 0; i < path.Loss.Count; i++)
            {
                if (double.IsFinite(path.Loss[i]) && path.Alpha[i] >= s.XValues[0] && path.Alpha[i] <= s.XValues[^1] && path.Beta[i] >= s.YValues[0] && path.Beta[i] <= s.YValues[^1])
                {
                    top = Math.Max(top, Math.Min(path.Loss[i], 10 * s.Maximum));
                }
            }
        }

        return top * 1.05;
    }

    private static void Layout(PlotlyJson json, string title, string xLabel, string yLabel, Surface surface, string lossName, bool threeD, double zTop = 0)
    {
        json.StartObject("layout");
        json.Title("title", title);
        json.Number("height", threeD ? 680 : 720);
        json.StartObject("margin");
        json.Number("t", threeD ? 50 : 80);
        json.EndObject();
        if (threeD)
        {
            // The colour bar takes the right edge; the legend goes top left, clear of it.
            json.StartObject("legend");
            json.Number("x", 0);
            json.Number("y", 1);
            json.EndObject();
            json.StartObject("scene");
            Axis(json, "xaxis", xLabel, surface.XValues[0], surface.XValues[^1]);
            Axis(json, "yaxis", yLabel, surface.YValues[0], surface.YValues[^1]);
            Axis(json, "zaxis", lossName, Math.Min(0, surface.Minimum), zTop);
            json.EndObject();
        }
        else
        {
            // The colour bar takes the right edge; the legend goes below the plot.
            json.StartObject("legend");
            json.String("orientation", "h");
            json.Number("y", -0.15);
            json.EndObject();
            Axis(json, "xaxis", xLabel, surface.XValues[0], surface.XValues[^1]);
            Axis(json, "yaxis", yLabel, surface.YValues[0], surface.YValues[^1]);
        }

        json.EndObject();
    }

    private static void Axis(PlotlyJson json, string name, string title, double low, double high)
    {
        json.StartObject(name);
        json.Title("title", title);
        json.StartArray("range");
        json.Value(low);
        json.Value(high);
        json.EndArray();
        json.EndObject();
    }

    private static void Body(StringBuilder html, NetworkExperimentResult result, NetworkLandscape landscape, string? specJson)
    {
        var surface = landscape.Surface;
        var job = landscape.Job;
        string G(double v) => NumberText.G(v, 6);
        html.Append("<p class=\"lead\">").Append(ReportWriter.Encode(string.Create(CultureInfo.InvariantCulture,
            $"The {result.Spec.Model} model ({landscape.Network.ParameterCount} parameters) on {surface.SampleCount} samples: its full-data loss at θ = centre + α·d₁ + β·d₂ over a {surface.XCount}×{surface.YCount} grid, as Li et al. (\"Visualizing the Loss Landscape of Neural Nets\") draw it, with every run's path projected onto the plane.")))
            .Append("</p>\n");
        html.Append("<section>\n<h2>The plane</h2>\n<table>\n");
        Row(html, "centre", $"{landscape.CentreDescription}; loss there {G(landscape.CentreLoss)}");
        Row(html, "direction 1", landscape.AxisLabel(1));
        Row(html, "direction 2", landscape.AxisLabel(2));
        switch (job.Directions)
        {
            case PlaneDirections.Pca:
                Row(html, "from", $"the trajectory of {landscape.PcaMethod}: θᵢ − θ_final, centred, first two right singular vectors; each signed so its largest entry is positive");
                break;
            default:
                Row(html, "random directions", $"drawn after torch.manual_seed({landscape.Seed}): torch.randn per parameter tensor (float64), direction 1 then direction 2");
                if (job.Directions == PlaneDirections.Filter)
                {
                    Row(html, "filter normalisation", job.Biases == BiasDirectionRule.Zero
                        ? "each weight row (one output neuron's filter) scaled to the norm of the centre's row; biases zeroed, so every bias stays at the centre's value (Li et al., ignore='biasbn')"
                        : "each weight row scaled to the norm of the centre's row; biases set to the centre's biases (Li et al. without ignore='biasbn')");
                }

                break;
        }

        Row(html, "grid", string.Create(CultureInfo.InvariantCulture, $"α from {G(surface.XValues[0])} to {G(surface.XValues[^1])}, β from {G(surface.YValues[0])} to {G(surface.YValues[^1])}, {surface.XCount} values each{(job.CoversPaths ? " (covering the centre and every projected path)" : string.Empty)}"));
        Row(html, "loss on the grid", string.Create(CultureInfo.InvariantCulture, $"{G(surface.Minimum)} to {G(surface.Maximum)}{(surface.NotANumberCount > 0 ? $"; not a number at {surface.NotANumberCount} of {surface.XCount * surface.YCount} points, where the computation overflowed" : string.Empty)}{(NetworkLandscapeFigures.UsesLogColour(surface) ? "; colours on a log scale" : string.Empty)}"));
        if (landscape.HasClippedValues)
        {
            Row(html, "clipped", $"loss above {G(landscape.DrawCeiling)} (or not finite) is drawn at {G(landscape.DrawCeiling)}; landscape.csv holds every value");
        }

        Row(html, "paths", landscape.ProjectionNote);
        foreach (var path in landscape.Paths.Where(p => p.Step.Count > 0))
        {
            Row(html, path.Method, string.Create(CultureInfo.InvariantCulture,
                $"{path.Step.Count} points from ({G(path.Alpha[0])}, {G(path.Beta[0])}) to ({G(path.Alpha[^1])}, {G(path.Beta[^1])}); θ₀ lies {G(100 * path.InitOffPlane)}% off the plane{(path.DivergedAtStep is { } d ? $"; diverged at step {d}" : string.Empty)}"));
        }

        html.Append("</table>\n<p>The files beside this page rebuild every point: directions.csv holds the centre and both directions, landscape.csv the grid, paths.csv the projected paths, landscape.json the plane's definition.</p>\n</section>\n");
        ReportWriter.FigureSection(html, ContourId, "Contour and projected paths", "Colours and contour lines: the loss over the plane. Lines: each run's path projected onto the plane (open square θ₀, filled circle the end); hover shows the loss at θ itself. " + landscape.ProjectionNote);
        ReportWriter.FigureSection(html, SurfaceId, "Surface in 3D", "The plane's loss as a surface (drag to turn it). Each path is drawn at its own loss, which is the loss off the plane, so it may float above or below the surface.");
        if (specJson is not null)
        {
            ReportWriter.SpecSection(html, specJson);
        }
    }

    private static void Row(StringBuilder html, string name, string value) =>
        html.Append("<tr><th class=\"text\">").Append(ReportWriter.Encode(name)).Append("</th><td class=\"text\">").Append(ReportWriter.Encode(value)).Append("</td></tr>\n");
}
