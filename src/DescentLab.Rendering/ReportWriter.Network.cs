using System.Globalization;
using System.Text;
using DescentLab.Models;
using DescentLab.Optimizers;
using DescentLab.Sampling;

namespace DescentLab.Rendering;

/// <summary>The report of a network experiment: the same page as the linear runs', with the sections that apply to networks.</summary>
internal static partial class ReportWriter
{
    /// <summary>Parameter vectors longer than this are left out of the methods table (an MLP's hundreds of weights say nothing there).</summary>
    private const int MaxTableParameters = 8;

    /// <summary>The report of a network experiment as one HTML document.</summary>
    public static string Render(NetworkFigureModel model, string? specJson)
    {
        var figures = InteractiveFigures.Describe(model);
        var json = InteractiveFigures.Json(model);
        return Page(model.Title, json, html => Body(html, model, figures, specJson));
    }

    private static void Body(StringBuilder html, NetworkFigureModel model, IReadOnlyList<(ReportFigure Figure, string Heading, string Caption)> figures, string? specJson)
    {
        Lead(html, model);
        foreach (var run in model.Runs.Where(r => r.Run.Trajectory.Diverged))
        {
            var t = run.Run.Trajectory;
            html.Append("<p class=\"warning\">").Append(Encode($"{run.Name} diverged at step {t.DivergedAtStep!.Value.ToString(CultureInfo.InvariantCulture)}: {t.DivergenceReason}. It was stopped there; its loss curve ends at that step (marked ✕)."))
                .Append("</p>\n");
        }

        Methods(html, model);
        Optimum(html, model);
        XAxisSwitch(html, model.Options.XAxis);
        var loss = figures.FirstOrDefault(f => f.Figure == ReportFigure.Loss);
        var accuracy = figures.FirstOrDefault(f => f.Figure == ReportFigure.Accuracy);
        if (accuracy.Heading is not null)
        {
            // Accuracy beside the loss: one section, two plots side by side (stacked on a narrow screen).
            html.Append("<section>\n<h2>Loss and accuracy</h2>\n<div class=\"pair\">\n");
            foreach (var (figure, _, caption) in new[] { loss, accuracy })
            {
                html.Append("<figure>\n<div class=\"plot\" id=\"").Append(InteractiveFigures.Id(figure)).Append("\"></div>\n")
                    .Append("<figcaption>").Append(Encode(caption)).Append("</figcaption>\n</figure>\n");
            }

            html.Append("</div>\n</section>\n");
        }
        else
        {
            FigureSection(html, InteractiveFigures.Id(loss.Figure), loss.Heading, loss.Caption);
        }

        foreach (var (figure, heading, caption) in figures.Where(f => f.Figure is not (ReportFigure.Loss or ReportFigure.Accuracy)))
        {
            html.Append("<section>\n<h2>").Append(Encode(heading)).Append("</h2>\n<figure>\n<div class=\"plot\" id=\"").Append(InteractiveFigures.Id(figure)).Append("\"></div>\n");
            if (figure == ReportFigure.Boundary)
            {
                ReplayControls(html, InteractiveFigures.ReplayPositions(model));
            }

            html.Append("<figcaption>").Append(Encode(caption)).Append("</figcaption>\n</figure>\n</section>\n");
        }

        if (model.IsClassifier && !model.HasBoundary)
        {
            html.Append("<p>").Append(Encode($"Decision boundaries are drawn for data with two input columns; this data has {model.Network.Data.InputCount.ToString(CultureInfo.InvariantCulture)}.")).Append("</p>\n");
        }

        if (specJson is null)
        {
            var spec = model.Result.Spec;
            html.Append("<section>\n<h2>The spec</h2>\n<p>Experiment <code>").Append(Encode(spec.Name)).Append("</code>, model ").Append(Encode(spec.Model.ToString()))
                .Append(", seed ").Append(spec.Seed.ToString(CultureInfo.InvariantCulture)).Append(", ")
                .Append(spec.Training.Epochs.ToString(CultureInfo.InvariantCulture)).Append(" epochs. The resolved experiment.json was not given to the renderer.</p>\n</section>\n");
        }
        else
        {
            SpecSection(html, specJson);
        }
    }

    private static void Lead(StringBuilder html, NetworkFigureModel model)
    {
        var spec = model.Result.Spec;
        var network = model.Network;
        var counts = network.Data.ClassCounts();
        var classes = counts.Length == 0
            ? string.Empty
            : " (" + string.Join(", ", model.ClassNames.Zip(counts, (name, count) => $"class {name}: {count.ToString(CultureInfo.InvariantCulture)}")) + ")";
        var shape = network.Widths.Count == 2
            ? $"{string.Join('-', network.Widths)}, no hidden layer"
            : $"{string.Join('-', network.Widths)}, {network.Activation.ToString().ToLowerInvariant()}";
        var shared = model.Runs.Count > 0 && model.Runs.All(r => r.Run.Init.SequenceEqual(model.Runs[0].Run.Init));
        html.Append("<p class=\"lead\">").Append(Encode(
            $"{network.SampleCount.ToString(CultureInfo.InvariantCulture)} samples{classes}; model {spec.Model} ({shape}, {network.ParameterCount.ToString(CultureInfo.InvariantCulture)} parameters, {model.LossName} loss); "
            + $"{model.Runs.Count.ToString(CultureInfo.InvariantCulture)} methods, {spec.Training.Epochs.ToString(CultureInfo.InvariantCulture)} epochs, seed {spec.Seed.ToString(CultureInfo.InvariantCulture)}, {spec.Randomness.ToString().ToLowerInvariant()} randomness; "
            + (shared ? "every method starts from the same init." : "methods start from different inits.")))
            .Append("</p>\n");
    }

    /// <summary>Each method's outcome: losses, accuracy, and the curvature at its end point against its learning rate.</summary>
    private static void Methods(StringBuilder html, NetworkFigureModel model)
    {
        var result = model.Result;
        var network = model.Network;
        var vectors = network.ParameterCount <= MaxTableParameters;
        var order = Encode($"({string.Join(", ", network.ParameterNames)})");
        MethodsHeading(html, result.Spec);
        html.Append("<th class=\"text\">method</th><th class=\"text\">sampler</th><th class=\"text\">optimizer</th>");
        if (vectors)
        {
            html.Append("<th class=\"text\">init θ₀ ").Append(order).Append("</th><th class=\"text\">final θ ").Append(order).Append("</th>");
        }

        html.Append("<th>final batch loss</th><th>final full-data loss</th>");
        if (model.LossFloor is not null)
        {
            html.Append("<th>excess loss L − L*</th>");
        }
        else if (result.Reference is not null)
        {
            html.Append("<th>excess loss L − L_ref</th>");
        }

        if (model.IsClassifier)
        {
            html.Append("<th>accuracy at init</th><th>final accuracy</th>");
        }

        html.Append("<th>steps</th><th>λmax at end</th><th>2/λmax at end</th><th class=\"text\">diverged</th></tr></thead>\n<tbody>\n");
        for (var r = 0; r < model.Runs.Count; r++)
        {
            var run = model.Runs[r];
            var t = run.Run.Trajectory;
            var method = run.Run.Method;
            var last = t.Count - 1;
            var curvature = r < result.EndCurvatures.Count ? result.EndCurvatures[r] : null;
            var sampler = method.Sampler.Kind == SamplerKind.FullBatch
                ? "full batch"
                : $"{method.Sampler.Kind.ToString().ToLowerInvariant()}, batch {method.Sampler.BatchSize.ToString(CultureInfo.InvariantCulture)}";
            html.Append("<tr><td class=\"text\">").Append(Encode(method.Name)).Append("</td>")
                .Append("<td class=\"text\">").Append(Encode(sampler)).Append("</td>")
                .Append("<td class=\"text\">").Append(Encode($"{TorchName(method.Optimizer)}, lr {G(method.Optimizer.LearningRate)}")).Append("</td>");
            if (vectors)
            {
                html.Append("<td class=\"text\">").Append(Encode(Vector(run.Run.Init))).Append("</td>")
                    .Append("<td class=\"text\">").Append(Encode(Vector(run.Final))).Append("</td>");
            }

            html.Append("<td>").Append(G(last > 0 ? t.BatchLoss[last] : double.NaN)).Append("</td>")
                .Append("<td>").Append(G(last >= 0 ? t.Loss[last] : double.NaN)).Append("</td>");
            if (model.LossFloor is { } floor)
            {
                html.Append("<td>").Append(G(last >= 0 ? t.Loss[last] - floor : double.NaN)).Append("</td>");
            }
            else if (result.Reference is not null)
            {
                html.Append("<td>").Append(G(result.ExcessLoss(run.Run))).Append("</td>");
            }

            if (model.IsClassifier)
            {
                html.Append("<td>").Append(Encode(Share(result.InitialAccuracy(run.Run)))).Append("</td>")
                    .Append("<td>").Append(Encode(Share(model.Accuracy[r].Accuracy[^1]))).Append("</td>");
            }

            html.Append("<td>").Append(last >= 0 ? t.Step[last].ToString(CultureInfo.InvariantCulture) : "0").Append("</td>")
                .Append("<td>").Append(curvature is null ? "—" : G(curvature.MaxEigenvalue)).Append("</td>")
                .Append("<td>").Append(curvature is null ? "—" : G(curvature.StabilityBound)).Append("</td>")
                .Append("<td class=\"text\">").Append(t.Diverged ? Encode($"diverged at step {t.DivergedAtStep!.Value.ToString(CultureInfo.InvariantCulture)}") : "no").Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n<ul class=\"readings\">\n");
        html.Append("<li>").Append(Encode("λmax is the largest eigenvalue of the Hessian of the full-data loss at each method's final θ (central differences of the exact gradient); plain gradient descent is stable near a minimum only for lr < 2/λmax.")).Append("</li>\n");
        for (var r = 0; r < model.Runs.Count; r++)
        {
            var method = model.Runs[r].Run.Method;
            if (r < result.EndCurvatures.Count && result.EndCurvatures[r] is { } c && method.Optimizer is SgdOptions { Momentum: 0 } && method.Optimizer.LearningRate > c.StabilityBound)
            {
                html.Append("<li>").Append(Encode(
                    $"{method.Name}'s lr {G(method.Optimizer.LearningRate)} is above 2/λmax = {G(c.StabilityBound)} at its end point: it ended where the curvature is as high as its step allows, the edge of stability (Cohen et al., \"Gradient Descent on Neural Networks Typically Occurs at the Edge of Stability\")."))
                    .Append("</li>\n");
            }
        }

        html.Append("</ul>\n");
    }

    /// <summary>
    /// What is known of the optimum: the logistic θ* by Newton's method (or the statement that the data is separable),
    /// the reference L_ref from full-batch L-BFGS for models without θ*, in the words of the console table and
    /// summary.json, or why there is neither.
    /// </summary>
    private static void Optimum(StringBuilder html, NetworkFigureModel model)
    {
        html.Append("<h2>Optimum</h2>\n");
        var result = model.Result;
        if (result.Optimum is { } optimum)
        {
            html.Append("<p>").Append(Encode(Sentence(optimum.Statement))).Append("</p>\n");
            if (optimum.Theta is { } theta)
            {
                html.Append("<table id=\"optimum\">\n<tbody>\n");
                foreach (var (name, value) in model.Network.ParameterNames.Zip(theta))
                {
                    Row(html, $"θ*[{name}]", G(value));
                }

                Row(html, "L* = L(θ*)", G(optimum.Loss));
                html.Append("</tbody>\n</table>\n");
                html.Append("<p>").Append(Encode("Excess loss is measured against this L*: the methods table gives L − L* at the end, and the excess-loss figure draws it over training.")).Append("</p>\n");
            }
        }

        if (result.Reference is { } reference)
        {
            if (result.Optimum is null)
            {
                html.Append("<p>").Append(Encode($"No closed-form optimum exists for {ModelWords(model)}: excess loss is measured against the reference L_ref, a local optimum.")).Append("</p>\n");
            }

            html.Append("<p>").Append(Encode(Sentence(reference.Statement))).Append("</p>\n<table id=\"reference\">\n<tbody>\n");
            Row(html, "L_ref = L(θ_ref)", G(reference.Loss));
            Row(html, $"start: final θ of {reference.StartMethod}", $"loss {G(reference.StartLoss)}");
            Row(html, "L-BFGS iterations", reference.Iterations.ToString(CultureInfo.InvariantCulture));
            Row(html, "‖∇L(θ_ref)‖", G(reference.GradientNorm));
            html.Append("</tbody>\n</table>\n");
        }
        else if (result.Optimum is null)
        {
            html.Append("<p>").Append(Encode($"No closed-form optimum is computed for {ModelWords(model)}, and no reference either (every run diverged): losses are shown as they are, not as an excess over L*.")).Append("</p>\n");
        }
    }

    /// <summary>The model in words for the optimum section.</summary>
    private static string ModelWords(NetworkFigureModel model) =>
        model.Network.LossKind == NetworkLoss.CrossEntropy && model.Network.Widths.Count == 2 ? "softmax regression" : "this network";

    /// <summary>A statement as a sentence of its own: "the data is …" capitalised, "θ* by …" left as it is (upper-case θ is another symbol).</summary>
    private static string Sentence(string statement) =>
        (statement[0] is >= 'a' and <= 'z' ? char.ToUpperInvariant(statement[0]) + statement[1..] : statement) + ".";

    private static string Share(double fraction) =>
        double.IsFinite(fraction) ? (100 * fraction).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";
}
