using System.Globalization;
using System.Text;
using System.Text.Json;
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
        var json = ExperimentJson.Write(new ExperimentFile(result.Spec, output with { Plane = null }), ExperimentOutputWriter.DataFileName);
        File.WriteAllText(Path.Combine(directory, ExperimentOutputWriter.ExperimentFileName), json);
        CsvDatasetWriter.Write(result.Network.Data, Path.Combine(directory, ExperimentOutputWriter.DataFileName));
        SurfaceCsvWriter.Write(landscape.Surface, Path.Combine(directory, GridFileName));
        WriteText(Path.Combine(directory, DirectionsFileName), w => WriteDirections(landscape, w));
        WriteText(Path.Combine(directory, PathsFileName), w => WritePaths(landscape, w));
        using (var stream = File.Create(Path.Combine(directory, PlaneFileName)))
        {
            WritePlane(result, landscape, stream);
        }

        return [ExperimentOutputWriter.ExperimentFileName, ExperimentOutputWriter.DataFileName, GridFileName, DirectionsFileName, PathsFileName, PlaneFileName];
    }

    /// <summary>directions.csv: parameter,centre,direction_1,direction_2, one row per parameter in θ order.</summary>
    public static void WriteDirections(NetworkLandscape landscape, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(landscape);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("parameter,centre,direction_1,direction_2\n");
        var names = landscape.Network.ParameterNames;
        for (var k = 0; k < names.Count; k++)
        {
            writer.Write($"{CsvNumbers.Text(names[k])},{R(landscape.Centre[k])},{R(landscape.Direction1[k])},{R(landscape.Direction2[k])}\n");
        }
    }

    /// <summary>paths.csv: method,step,epoch,alpha,beta,loss, one row per recorded step with a finite θ.</summary>
    public static void WritePaths(NetworkLandscape landscape, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(landscape);
        ArgumentNullException.ThrowIfNull(writer);
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
    public static void WritePlane(NetworkExperimentResult result, NetworkLandscape landscape, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(landscape);
        ArgumentNullException.ThrowIfNull(stream);
        var job = landscape.Job;
        var surface = landscape.Surface;
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JsonText.Encoder });
        w.WriteStartObject();
        w.WriteString("name", result.Spec.Name);
        w.WriteString("model", result.Spec.Model.ToString());
        w.WriteNumber("parameters", landscape.Network.ParameterCount);
        w.WriteNumber("samples", surface.SampleCount);
        w.WriteString("plane", "theta = centre + alpha * direction_1 + beta * direction_2 (directions.csv)");
        w.WriteStartObject("centre");
        w.WriteString("is", landscape.CentreDescription);
        if (landscape.CentreMethod is { } method)
        {
            w.WriteString("method", method);
        }
        else
        {
            w.WriteNull("method");
        }

        Number(w, "loss", landscape.CentreLoss);
        w.WriteEndObject();
        w.WriteStartObject("directions");
        w.WriteString("kind", job.Directions switch
        {
            PlaneDirections.Random => "random",
            PlaneDirections.Pca => "pca",
            _ => "filter",
        });
        w.WriteString("label1", landscape.AxisLabel(1));
        w.WriteString("label2", landscape.AxisLabel(2));
        if (job.Directions == PlaneDirections.Pca)
        {
            w.WriteString("trajectory", landscape.PcaMethod);
            Number(w, "varianceShare1", landscape.VarianceShares!.Value.First);
            Number(w, "varianceShare2", landscape.VarianceShares!.Value.Second);
        }
        else
        {
            w.WriteNumber("seed", landscape.Seed!.Value);
            w.WriteString("draw", "torch.manual_seed(seed); per parameter tensor in state_dict order, torch.randn(shape, dtype=float64) for direction 1, then again for direction 2");
        }

        if (job.Directions == PlaneDirections.Filter)
        {
            w.WriteString("biases", job.Biases == BiasDirectionRule.Zero ? "zero" : "copy");
            w.WriteString("normalisation", job.Biases == BiasDirectionRule.Zero
                ? "each weight row scaled to the norm of the centre's row, d * |w| / (|d| + 1e-10); biases zeroed (Li et al., ignore='biasbn')"
                : "each weight row scaled to the norm of the centre's row, d * |w| / (|d| + 1e-10); biases set to the centre's biases (Li et al. without ignore='biasbn')");
        }

        Number(w, "norm1", Norm(landscape.Direction1));
        Number(w, "norm2", Norm(landscape.Direction2));
        Number(w, "cosine", Dot(landscape.Direction1, landscape.Direction2) / (Norm(landscape.Direction1) * Norm(landscape.Direction2)));
        w.WriteEndObject();
        w.WriteStartObject("grid");
        w.WriteNumber("resolution", surface.XCount);
        w.WriteString("range", landscape.Job.CoversPaths ? "covers the centre and every projected path, with a margin" : "fixed");
        Numbers(w, "alpha", [surface.XValues[0], surface.XValues[^1]]);
        Numbers(w, "beta", [surface.YValues[0], surface.YValues[^1]]);
        Number(w, "minimum", surface.Minimum);
        Number(w, "maximum", surface.Maximum);
        w.WriteString("loss", "full-data loss at theta, as summary.json's loss");
        w.WriteEndObject();
        w.WriteString("projection", landscape.OrthonormalDirections ? "orthogonal" : "least-squares");
        w.WriteStartArray("paths");
        foreach (var path in landscape.Paths)
        {
            w.WriteStartObject();
            w.WriteString("method", path.Method);
            w.WriteNumber("points", path.Step.Count);
            if (path.Step.Count > 0)
            {
                Numbers(w, "start", [path.Alpha[0], path.Beta[0]]);
                Numbers(w, "end", [path.Alpha[^1], path.Beta[^1]]);
            }

            Number(w, "initOffPlane", path.InitOffPlane);
            if (path.DivergedAtStep is { } step)
            {
                w.WriteNumber("divergedAtStep", step);
            }
            else
            {
                w.WriteNull("divergedAtStep");
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static double Dot(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var sum = 0.0;
        for (var k = 0; k < a.Count; k++)
        {
            sum += a[k] * b[k];
        }

        return sum;
    }

    private static double Norm(IReadOnlyList<double> a) => Math.Sqrt(Dot(a, a));

    private static string R(double value) => CsvNumbers.Format(value);

    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        w.WritePropertyName(name);
        if (double.IsFinite(value))
        {
            w.WriteNumberValue(value);
        }
        else
        {
            w.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }

    private static void Numbers(Utf8JsonWriter w, string name, IReadOnlyList<double> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            if (double.IsFinite(v))
            {
                w.WriteNumberValue(v);
            }
            else
            {
                w.WriteStringValue(double.IsNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
            }
        }

        w.WriteEndArray();
    }

    private static void WriteText(string path, Action<TextWriter> write)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16);
        write(writer);
    }
}
