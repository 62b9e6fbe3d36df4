using System.Globalization;
using DescentLab.Experiments;
using DescentLab.Landscapes;

namespace DescentLab.Io;

/// <summary>
/// Writes the data files of a network landscape: experiment.json, data.csv, landscape.csv (the grid), directions.csv
/// (centre and directions, so anyone can rebuild every grid point), paths.csv (the projected paths) and landscape.json
/// (the plane's definition).
/// </summary>
/// <remarks>Numbers are in the invariant shortest round-trip form, so θ₀ + α·d₁ + β·d₂ rebuilt from the files is the point evaluated.</remarks>
public static class NetworkLandscapeWriter
{
    /// <summary>The loss over the grid: alpha, beta, loss; alpha varies fastest.</summary>
    public const string GridFileName = "landscape.csv";

    /// <summary>One row per parameter: its name, the centre's value and both directions'.</summary>
    public const string DirectionsFileName = "directions.csv";

    /// <summary>Every run's projected path: method, step, epoch, alpha, beta and the loss at θ itself.</summary>
    public const string PathsFileName = "paths.csv";

    /// <summary>The plane's definition and what the grid holds.</summary>
    public const string PlaneFileName = "landscape.json";

    /// <summary>Writes the data files into <paramref name="directory"/>, which must exist, and returns their names.</summary>
    public static IReadOnlyList<string> Write(NetworkExperimentResult result, OutputSettings output, NetworkLandscape landscape, string directory)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(landscape);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ExperimentOutputWriter.WriteSpec(new ExperimentFile(result.Spec, output with { Plane = null }), result.Network.Data, directory);
        SurfaceCsvWriter.Write(landscape.Surface, Path.Combine(directory, GridFileName));
        CsvNumbers.WriteFile(Path.Combine(directory, DirectionsFileName), w => WriteDirections(landscape, w));
        CsvNumbers.WriteFile(Path.Combine(directory, PathsFileName), w => WritePaths(landscape, w));
        using (var stream = File.Create(Path.Combine(directory, PlaneFileName)))
        {
            // Written without a final newline, as landscape.json always was.
            JsonFormat.Write(ToDto(result, landscape), OutputJsonContext.Default.LandscapeDto, stream, finalNewline: false);
        }

        return [ExperimentOutputWriter.ExperimentFileName, ExperimentOutputWriter.DataFileName, GridFileName, DirectionsFileName, PathsFileName, PlaneFileName];
    }

    /// <summary>directions.csv: parameter,centre,direction_1,direction_2, one row per parameter in θ order.</summary>
    private static void WriteDirections(NetworkLandscape landscape, TextWriter writer)
    {
        writer.Write("parameter,centre,direction_1,direction_2\n");
        var names = landscape.Network.ParameterNames;
        for (var k = 0; k < names.Count; k++)
        {
            writer.Write($"{CsvNumbers.Text(names[k])},{R(landscape.Centre[k])},{R(landscape.Direction1[k])},{R(landscape.Direction2[k])}\n");
        }
    }

    /// <summary>paths.csv: method,step,epoch,alpha,beta,loss, one row per recorded step with a finite θ.</summary>
    private static void WritePaths(NetworkLandscape landscape, TextWriter writer)
    {
        writer.Write("method,step,epoch,alpha,beta,loss\n");
        foreach (var path in landscape.Paths)
        {
            var method = CsvNumbers.Text(path.Method);
            for (var i = 0; i < path.Step.Count; i++)
            {
                writer.Write($"{method},{path.Step[i].ToString(CultureInfo.InvariantCulture)},{R(path.Epoch[i])},{R(path.Alpha[i])},{R(path.Beta[i])},{CsvNumbers.Format(path.Loss[i])}\n");
            }
        }
    }

    /// <summary>landscape.json: the centre, the directions' kind and rule, the grid's ranges and extremes, and each path's ends.</summary>
    private static LandscapeDto ToDto(NetworkExperimentResult result, NetworkLandscape landscape)
    {
        var job = landscape.Job;
        var surface = landscape.Surface;
        var pca = job.Directions == PlaneDirections.Pca;
        var filter = job.Directions == PlaneDirections.Filter;
        var zeroBiases = job.Biases == BiasDirectionRule.Zero;
        var directions = new LandscapeDirectionsDto(
            job.Directions switch
            {
                PlaneDirections.Random => "random",
                PlaneDirections.Pca => "pca",
                _ => "filter",
            },
            landscape.AxisLabel(1),
            landscape.AxisLabel(2),
            Trajectory: pca ? landscape.PcaMethod : null,
            VarianceShare1: pca ? landscape.VarianceShares!.Value.First : null,
            VarianceShare2: pca ? landscape.VarianceShares!.Value.Second : null,
            Seed: pca ? null : landscape.Seed!.Value,
            Draw: pca ? null : "torch.manual_seed(seed); per parameter tensor in state_dict order, torch.randn(shape, dtype=float64) for direction 1, then again for direction 2",
            Biases: filter ? (zeroBiases ? "zero" : "copy") : null,
            Normalisation: !filter ? null : zeroBiases
                ? "each weight row scaled to the norm of the centre's row, d * |w| / (|d| + 1e-10); biases zeroed (Li et al., ignore='biasbn')"
                : "each weight row scaled to the norm of the centre's row, d * |w| / (|d| + 1e-10); biases set to the centre's biases (Li et al. without ignore='biasbn')",
            landscape.DirectionNorms.First,
            landscape.DirectionNorms.Second,
            landscape.DirectionCosine);
        var grid = new LandscapeGridDto(
            surface.XCount,
            job.CoversPaths ? "covers the centre and every projected path, with a margin" : "fixed",
            [surface.XValues[0], surface.XValues[^1]],
            [surface.YValues[0], surface.YValues[^1]],
            surface.Minimum,
            surface.Maximum,
            "full-data loss at theta, as summary.json's loss");
        var paths = landscape.Paths.Select(path => new LandscapePathDto(
            path.Method,
            path.Step.Count,
            path.Step.Count > 0 ? [path.Alpha[0], path.Beta[0]] : null,
            path.Step.Count > 0 ? [path.Alpha[^1], path.Beta[^1]] : null,
            path.InitOffPlane,
            path.DivergedAtStep));
        return new LandscapeDto(
            result.Spec.Name,
            result.Spec.Model.ToString(),
            landscape.Network.ParameterCount,
            surface.SampleCount,
            "theta = centre + alpha * direction_1 + beta * direction_2 (directions.csv)",
            new LandscapeCentreDto(landscape.CentreDescription, landscape.CentreMethod, landscape.CentreLoss),
            directions,
            grid,
            landscape.OrthonormalDirections ? "orthogonal" : "least-squares",
            [.. paths]);
    }

    private static string R(double value) => CsvNumbers.Format(value);
}
