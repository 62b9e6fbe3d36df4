using System.Globalization;
using DescentLab.Experiments;

namespace DescentLab.Cli;

/// <summary>The run command for network models (logistic, softmax, MLPs): the output folder and a table.</summary>
public static partial class DescentLabCommand
{
    /// <summary>Refuses a network model in a command that covers only the linear model (exit 2, one line).</summary>
    private static void LinearOnly(ExperimentFile file, string command)
    {
        if (!file.Spec.Model.IsLinear)
        {
            throw new UsageException($"--model: {command} covers the linear model only in this version; the experiment's model is {file.Spec.Model}.");
        }
    }

    /// <summary>
    /// Trains a network experiment and writes its output folder: experiment.json, summary.json, trajectories.csv,
    /// data.csv, and the loss, accuracy and decision-boundary figures and the report as the output settings ask.
    /// </summary>
    private static int RunNetworkExperiment(Context context, ExperimentFile file, string target, bool force, bool quiet)
    {
        CheckFolder(target, force);
        var spec = file.Spec;
        var stage = $"descentlab: running {spec.Name}, {spec.Model} model, {spec.Methods.Count} methods, {spec.Training.Epochs} epochs";
        var (result, shown) = RunIntoFolder(context, file, target, force, quiet, stage, options => ExperimentRunner.RunNetwork(spec, options, context.CancellationToken), context.Rendering.WriteNetworkExperiment);
        if (!quiet)
        {
            WriteNetworkTable(result, context.Output);
            if (result.Statistics is { } statistics)
            {
                context.Output.WriteLine();
                ResultsTable.WriteStatistics(statistics, spec.Seed, context.Output, NetworkReferenceNote(result), spec.Model.MinimumName);
            }

            context.Output.WriteLine();
            context.Output.WriteLine($"output: {shown}");
        }

        WriteFolderLine(context, file, shown);
        return ExitCodes.Success;
    }

    /// <summary>What excess loss is measured against across replicates, for the line above the statistics.</summary>
    private static string NetworkReferenceNote(NetworkExperimentResult result) => result.Optimum is not null
        ? "excess loss against each replicate's Newton L* (or, for separable data, its L-BFGS L_ref)"
        : "excess loss against each replicate's own L_ref (full-batch L-BFGS from its best end point; a local reference), or, where every run of a replicate diverged, its lowest recorded loss; accuracy over the runs that did not diverge";

    private static void WriteNetworkTable(NetworkExperimentResult result, TextWriter output)
    {
        var network = result.Network;
        var data = network.Data;
        var classes = data.ClassNames is { } names
            ? ", classes " + string.Join(", ", names.Zip(data.ClassCounts(), (name, count) => Invariant($"{name}: {count}")))
            : string.Empty;
        output.WriteLine(Invariant($"model {result.Spec.Model} ({network.ParameterCount} parameters, {string.Join('-', network.Widths)}, {network.LossKind}) on {network.SampleCount} samples{classes}"));
        if (result.Optimum is { } optimum)
        {
            output.WriteLine(optimum.Theta is { } theta
                ? Invariant($"{optimum.Statement}: {string.Join(", ", network.ParameterNames.Zip(theta, (name, value) => $"{name} = {ResultsTable.Number(value)}"))}, L* = {ResultsTable.Number(optimum.Loss)}")
                : optimum.Statement);
        }
        else if (result.Reference is { } reference)
        {
            output.WriteLine(Invariant($"{reference.Statement}: L_ref = {ResultsTable.Number(reference.Loss)}"));
        }
        else
        {
            output.WriteLine("no closed-form optimum: losses are as they are, not excess loss");
        }

        output.WriteLine();
        string[] header = [
            "method", "steps", "epochs", "batch loss", "loss",
            .. result.Optimum is { Theta: not null } ? ["L − L*"] : result.Reference is null ? Array.Empty<string>() : ["L − L_ref"],
            .. network.IsClassifier ? ["accuracy"] : Array.Empty<string>(),
            "λmax at end", "2/λmax", "outcome"];
        var table = new ConsoleTable();
        foreach (var h in header)
        {
            table.Column(h, text: true);
        }

        for (var k = 0; k < result.Runs.Count; k++)
        {
            var run = result.Runs[k];
            var t = run.Trajectory;
            var last = t.Count - 1;
            var row = new List<string>
            {
                run.Method.Name,
                Invariant($"{t.Step[last]}"),
                ResultsTable.Number(t.Epoch[last]),
                ResultsTable.Number(last > 0 ? t.BatchLoss[last] : double.NaN),
                ResultsTable.Number(t.Loss[last]),
            };
            if (result.Optimum is { Theta: not null } newton)
            {
                row.Add(ResultsTable.Number(t.Loss[last] - newton.Loss));
            }
            else if (result.Reference is not null)
            {
                row.Add(ResultsTable.Number(result.ExcessLoss(run)));
            }

            if (network.IsClassifier)
            {
                row.Add(result.FinalAccuracy(run).ToString("P1", CultureInfo.InvariantCulture));
            }

            var curvature = k < result.EndCurvatures.Count ? result.EndCurvatures[k] : null;
            row.Add(curvature is null ? "-" : ResultsTable.Number(curvature.MaxEigenvalue));
            row.Add(curvature is null ? "-" : ResultsTable.Number(curvature.StabilityBound));
            row.Add(t.DivergedAtStep is { } step ? Invariant($"diverged at step {step}") : "finished");
            table.Row(row);
        }

        table.Write(output);
    }
}
