using DescentLab.Data;
using DescentLab.Experiments;
using DescentLab.Landscapes;
using DescentLab.Statistics;

namespace DescentLab.Io;

/// <summary>Writes the data files of an output folder: experiment.json, summary.json, trajectories.csv and data.csv.</summary>
public static class ExperimentOutputWriter
{
    /// <summary>The resolved spec, which reruns the experiment.</summary>
    public const string ExperimentFileName = "experiment.json";

    /// <summary>The problem, its analysis and each run's outcome.</summary>
    public const string SummaryFileName = "summary.json";

    /// <summary>Every recorded step of every run.</summary>
    public const string TrajectoriesFileName = "trajectories.csv";

    /// <summary>The dataset as used.</summary>
    public const string DataFileName = "data.csv";

    /// <summary>With more than one replicate: runs.csv, curves.csv, bands.csv and comparisons.csv across replicates.</summary>
    public const string ReplicatesFolderName = "replicates";

    /// <summary>Writes the data files of <paramref name="result"/> (and its replicate statistics, if any) into <paramref name="directory"/>, which must exist.</summary>
    /// <returns>The text of experiment.json, for embedding in a report.</returns>
    public static string Write(ExperimentResult result, OutputSettings output, string directory)
    {
        ArgumentNullException.ThrowIfNull(result);
        var file = new ExperimentFile(result.Spec, output);
        return WriteRun(file, result.Runs, result.Problem.Data, result.Statistics, stream => SummaryJsonWriter.Write(result, stream), directory);
    }

    /// <summary>
    /// Writes the data files of a landscape job into <paramref name="directory"/>, which must exist: experiment.json with
    /// the job's plane, data.csv, and one landscape-KIND.csv per surface of <paramref name="job"/>.
    /// </summary>
    /// <returns>The surface files' names, in the job's order of kinds.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; checked before each surface.</exception>
    public static IReadOnlyList<string> WriteLandscapes(ExperimentResult result, OutputSettings output, LandscapeJob job, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(job);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        WriteSpec(new ExperimentFile(result.Spec, output with { Plane = job.PlaneOf(result.Problem) }), result.Problem.Data, directory);
        var written = new List<string>();
        foreach (var surface in job.Evaluate(result, cancellationToken))
        {
            var name = $"landscape-{surface.Kind.ToString().ToLowerInvariant()}.csv";
            SurfaceCsvWriter.Write(surface, Path.Combine(directory, name));
            written.Add(name);
        }

        return written;
    }

    /// <summary>Writes the data files of a network experiment into <paramref name="directory"/>, which must exist.</summary>
    /// <returns>The text of experiment.json.</returns>
    public static string Write(NetworkExperimentResult result, OutputSettings output, string directory)
    {
        ArgumentNullException.ThrowIfNull(result);
        var file = new ExperimentFile(result.Spec, output);
        return WriteRun(file, result.Runs, result.Network.Data, result.Statistics, stream => SummaryJsonWriter.Write(result, stream), directory);
    }

    /// <summary>
    /// The files of every run's folder: experiment.json, data.csv, summary.json and trajectories.csv; with statistics
    /// across replicates, replicates/ with runs.csv, curves.csv, bands.csv and comparisons.csv.
    /// </summary>
    private static string WriteRun(
        ExperimentFile file,
        IReadOnlyList<RunResult> runs,
        Dataset data,
        ReplicateStatistics? statistics,
        Action<Stream> writeSummary,
        string directory)
    {
        var json = WriteSpec(file, data, directory);
        using (var stream = File.Create(Path.Combine(directory, SummaryFileName)))
        {
            writeSummary(stream);
        }

        TrajectoryCsvWriter.Write(runs, Path.Combine(directory, TrajectoriesFileName));
        if (statistics is not null)
        {
            var folder = Path.Combine(directory, ReplicatesFolderName);
            Directory.CreateDirectory(folder);
            CsvNumbers.WriteFile(Path.Combine(folder, "runs.csv"), w => ReplicateCsv.WriteRuns(w, statistics));
            CsvNumbers.WriteFile(Path.Combine(folder, "curves.csv"), w => ReplicateCsv.WriteCurves(w, statistics));
            CsvNumbers.WriteFile(Path.Combine(folder, "bands.csv"), w => ReplicateCsv.WriteBands(w, statistics));
            CsvNumbers.WriteFile(Path.Combine(folder, "comparisons.csv"), w => ReplicateCsv.WriteComparisons(w, statistics));
        }

        return json;
    }

    /// <summary>
    /// Writes experiment.json and data.csv; a given dataset is referred to as data.csv, written beside experiment.json,
    /// so the folder reruns on its own. Returns experiment.json's text.
    /// </summary>
    internal static string WriteSpec(ExperimentFile file, Dataset data, string directory)
    {
        ArgumentNullException.ThrowIfNull(file.Output);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var json = ExperimentJson.Write(file, DataFileName);
        File.WriteAllText(Path.Combine(directory, ExperimentFileName), json);
        CsvDatasetWriter.Write(data, Path.Combine(directory, DataFileName));
        return json;
    }
}
