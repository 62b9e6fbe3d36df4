using System.Text.Json;
using System.Xml.Linq;
using DescentLab.Data;
using DescentLab.Experiments;
using DescentLab.Landscapes;
using DescentLab.Models;
using DescentLab.Training;
using ScottPlot.Plottables;

namespace DescentLab.Rendering.Tests;

public sealed class NetworkLandscapeFigureTests
{
    private static readonly Lazy<(NetworkExperimentResult Result, NetworkLandscape Landscape)> Pca = new(() =>
    {
        var result = ExperimentRunner.RunNetwork(new ExperimentSpec
        {
            Data = new ClassificationData(new ClassificationDataGenerator { Count = 60 }),
            Model = ModelSpec.Parse("mlp:6:tanh"),
            Training = new TrainingOptions { Epochs = 15 },
        });
        return (result, new NetworkLandscapeJob { Directions = PlaneDirections.Pca, Resolution = 12 }.Evaluate(result));
    });

    [Fact]
    public void Report_ClippedFilterPlane_NamesEachFactOfThePlaneOnce()
    {
        var (result, _) = Pca.Value;
        var landscape = new NetworkLandscapeJob { Range = (-1e6, 1e6), Resolution = 5 }.Evaluate(result);
        Assert.True(landscape.HasClippedValues);

        var html = NetworkLandscapeReport.Render(result, landscape, null);

        var plane = html[html.IndexOf("<h2>The plane</h2>", StringComparison.Ordinal)..html.IndexOf("</table>", StringComparison.Ordinal)];
        var names = System.Text.RegularExpressions.Regex.Matches(plane, "<tr><th class=\"text\">([^<]*)</th>").Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(names.Distinct().Count(), names.Length);
        Assert.Contains("random directions", names);
        Assert.Contains("clipped", names);
    }

    [Fact]
    public void Contour_PathLines_AreTheProjectedPaths()
    {
        var (result, landscape) = Pca.Value;
        using var plot = NetworkLandscapeFigures.Contour(result, landscape);
        var lines = plot.GetPlottables().OfType<Scatter>().Where(s => !string.IsNullOrEmpty(s.LegendText)).ToArray();

        Assert.Equal(landscape.Paths.Count, lines.Length);
        foreach (var path in landscape.Paths)
        {
            var line = lines.Single(l => l.LegendText == path.Method);
            var points = line.Data.GetScatterPoints();
            Assert.Equal(path.Alpha, points.Select(p => p.X));
            Assert.Equal(path.Beta, points.Select(p => p.Y));
        }
    }

    [Fact]
    public void Write_Svg_HoldsTitleAxisLabelsAndTheProjectionNote()
    {
        var (result, landscape) = Pca.Value;
        var directory = Directory.CreateTempSubdirectory("descentlab-network-landscape").FullName;
        try
        {
            var written = NetworkLandscapeFigures.Write(result, landscape, directory, FigureFormats.All);
            Assert.Equal(["landscape.png", "landscape.svg"], written.Select(Path.GetFileName));
            var texts = XDocument.Load(Path.Combine(directory, "landscape.svg")).Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToArray();
            Assert.Contains("Loss landscape of the mlp:6:tanh model", texts);
            Assert.Contains(landscape.AxisLabel(1), texts);
            Assert.Contains(landscape.AxisLabel(2), texts);
            Assert.Contains("paths: orthogonal projections onto the plane", texts);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Json_ContourAndSurface_HoldTheGridAndThePaths()
    {
        var (result, landscape) = Pca.Value;
        using var document = JsonDocument.Parse(NetworkLandscapeReport.Json(result, landscape));
        var figures = document.RootElement;
        Assert.Equal([NetworkLandscapeReport.ContourId, NetworkLandscapeReport.SurfaceId], figures.EnumerateArray().Select(f => f.GetProperty("id").GetString()));

        var contour = figures[0].GetProperty("data");
        var surface = landscape.Surface;
        var z = contour[0].GetProperty("z");
        var log = NetworkLandscapeFigures.UsesLogColour(surface);
        // z[y][x], written with PlotlyJson's seven significant digits.
        var expected = log ? Math.Log10(surface[3, 5]) : surface[3, 5];
        Assert.Equal(expected, z[5][3].GetDouble(), 1e-6 * Math.Abs(expected));
        Assert.Equal(log ? "BCE loss (log)" : "BCE loss", contour[0].GetProperty("colorbar").GetProperty("title").GetProperty("text").GetString());
        foreach (var path in landscape.Paths)
        {
            var line = contour.EnumerateArray().Single(t => t.GetProperty("name").GetString() == path.Method);
            Close(path.Alpha, line.GetProperty("x"));
            Close(path.Beta, line.GetProperty("y"));
            var path3d = figures[1].GetProperty("data").EnumerateArray().Single(t => t.GetProperty("name").GetString() == $"{path.Method} at its own loss");
            Close(path.Loss, path3d.GetProperty("z"));
        }

        Assert.Equal(landscape.AxisLabel(1), figures[0].GetProperty("layout").GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
    }

    /// <summary>PlotlyJson writes seven significant digits: each value within 5e-7 of its magnitude.</summary>
    private static void Close(IReadOnlyList<double> expected, JsonElement actual)
    {
        Assert.Equal(expected.Count, actual.GetArrayLength());
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i], actual[i].GetDouble(), 5e-7 * Math.Abs(expected[i]));
        }
    }

    [Theory]
    [InlineData(0.08, 3.3, true)]
    [InlineData(1.0, 5.6, false)]
    [InlineData(0.5, 5.0, true)]
    public void UsesLogColour_FromOneDecade(double low, double high, bool log) =>
        Assert.Equal(log, NetworkLandscapeFigures.UsesLogColour(low, high));
}
