using System.Globalization;
using DescentLab.Experiments;

namespace DescentLab.Cli;

/// <summary>The run command for network models (logistic, softmax, MLPs): the output folder and a table.</summary>
public static partial class DescentLabCommand
{
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
        var rows = result.Runs.Select((run, k) =>
        {
            var t = run.Trajectory;
            var last = t.Count - 1;
            var curvature = k < result.EndCurvatures.Count ? result.EndCurvatures[k] : null;
            return (string[])[
                run.Method.Name,
                Invariant($"{t.Step[last]}"),
                ResultsTable.Number(t.Epoch[last]),
                ResultsTable.Number(last > 0 ? t.BatchLoss[last] : double.NaN),
                ResultsTable.Number(t.Loss[last]),
                .. result.Optimum is { Theta: not null } newton ? [ResultsTable.Number(t.Loss[last] - newton.Loss)]
                    : result.Reference is null ? Array.Empty<string>() : [ResultsTable.Number(result.ExcessLoss(run))],
                .. network.IsClassifier ? [result.FinalAccuracy(run).ToString("P1", CultureInfo.InvariantCulture)] : Array.Empty<string>(),
                curvature is null ? "-" : ResultsTable.Number(curvature.MaxEigenvalue),
                curvature is null ? "-" : ResultsTable.Number(curvature.StabilityBound),
                t.DivergedAtStep is { } step ? Invariant($"diverged at step {step}") : "finished",
            ];
        });
        ConsoleTable.Of(header, rows, textColumns: header.Length).Write(output);
    }
}
