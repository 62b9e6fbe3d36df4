using System.Globalization;
using System.Net;
using System.Text;
using DescentLab.Analysis;
using DescentLab.Experiments;
using DescentLab.Optimizers;
using DescentLab.Sampling;

namespace DescentLab.Rendering;

/// <summary>The self-contained HTML report: tables, analysis, every figure interactive, the spec; plotly.js embedded once.</summary>
internal static partial class ReportWriter
{
    private static readonly Lazy<string> PlotlyScript = new(() => Resource("plotly.min.js"));
    private static readonly Lazy<string> ReportScript = new(() => Resource("report.js"));
    private static readonly Lazy<string> Style = new(() => Resource("report.css"));

    /// <summary>The report of <paramref name="model"/> as one HTML document.</summary>
    public static string Render(FigureModel model, string? specJson)
    {
        var figures = InteractiveFigures.Describe(model);
        var json = InteractiveFigures.Json(model);
        return Page(model.Title, json, html => Body(html, model, figures, specJson));
    }

    /// <summary>
    /// One self-contained page: the title, <paramref name="body"/>'s content, plotly.js and the page script that draws
    /// every figure of <paramref name="figureJson"/> (a JSON array of {id, data, layout}) into the element of its id.
    /// </summary>
    public static string Page(string title, string figureJson, Action<StringBuilder> body)
    {
        var html = new StringBuilder(PlotlyScript.Value.Length + figureJson.Length + 65536);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");

        // The page loads nothing: scripts and styles are inline, and the policy forbids every fetch. plotly.js's WebGL
        // code compiles shaders with Function(), hence 'unsafe-eval'; its images are data: and blob: URLs.
        html.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:; worker-src blob:\">\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append("<title>").Append(Encode(title)).Append("</title>\n<style>\n").Append(Style.Value).Append("</style>\n</head>\n<body>\n");
        html.Append("<h1>").Append(Encode(title)).Append("</h1>\n");
        body(html);
        html.Append("<script>\n").Append(PlotlyScript.Value).Append("\n</script>\n");
        html.Append("<script type=\"application/json\" id=\"figure-data\">").Append(figureJson).Append("</script>\n");
        html.Append("<script>\n").Append(ReportScript.Value).Append("</script>\n");
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>A figure's section: heading, the plot's element, caption.</summary>
    public static void FigureSection(StringBuilder html, string id, string heading, string caption) =>
        html.Append("<section>\n<h2>").Append(Encode(heading)).Append("</h2>\n<figure>\n<div class=\"plot\" id=\"").Append(Encode(id)).Append("\"></div>\n")
            .Append("<figcaption>").Append(Encode(caption)).Append("</figcaption>\n</figure>\n</section>\n");

    /// <summary>The spec section: the resolved spec file as text.</summary>
    public static void SpecSection(StringBuilder html, string specJson) =>
        html.Append("<section>\n<h2>The spec</h2>\n<pre class=\"spec\">").Append(Encode(specJson)).Append("</pre>\n</section>\n");

    /// <summary>Text made safe for HTML element content and attribute values.</summary>
    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static void Body(StringBuilder html, FigureModel model, IReadOnlyList<(ReportFigure Figure, string Heading, string Caption)> figures, string? specJson)
    {
        Lead(html, model);
        Warnings(html, model);
        Methods(html, model);
        if (model.Result.Statistics is { } statistics)
        {
            Replicates(html, statistics);
        }

        AnalysisSection(html, model);
        XAxisSwitch(html, model.Options.XAxis);
        foreach (var (figure, heading, caption) in figures)
        {
            html.Append("<section>\n<h2>").Append(Encode(heading)).Append("</h2>\n<figure>\n<div class=\"plot\" id=\"").Append(InteractiveFigures.Id(figure)).Append("\"></div>\n");
            if (figure == ReportFigure.Replay)
            {
                ReplayControls(html, InteractiveFigures.ReplayPositions(model));
            }

            html.Append("<figcaption>").Append(Encode(caption)).Append("</figcaption>\n</figure>\n</section>\n");
        }

        html.Append("<section>\n<h2>The spec</h2>\n");
        if (specJson is null)
        {
            var spec = model.Result.Spec;
            html.Append("<p>Experiment <code>").Append(Encode(spec.Name)).Append("</code>, seed ").Append(spec.Seed.ToString(CultureInfo.InvariantCulture))
                .Append(", ").Append(Encode(spec.Randomness.ToString().ToLowerInvariant())).Append(" randomness, ")
                .Append(spec.Training.Epochs.ToString(CultureInfo.InvariantCulture)).Append(" epochs, degree ").Append(spec.Degree.ToString(CultureInfo.InvariantCulture))
                .Append(". The resolved experiment.json was not given to the renderer.</p>\n");
        }
        else
        {
            html.Append("<pre class=\"spec\">").Append(Encode(specJson)).Append("</pre>\n");
        }

        html.Append("</section>\n");
    }

    /// <summary>The replay's play button, slider (at the end: the final state) and label, which report.js drives.</summary>
    private static void ReplayControls(StringBuilder html, int positions)
    {
        var text = positions.ToString(CultureInfo.InvariantCulture);
        html.Append("<div class=\"replay-controls\"><button type=\"button\" id=\"replay-play\">Play</button>")
            .Append("<input type=\"range\" id=\"replay-slider\" min=\"0\" max=\"").Append(text)
            .Append("\" step=\"1\" value=\"").Append(text)
            .Append("\" aria-label=\"replay position\"><span id=\"replay-label\"></span></div>\n");
    }

    private static void Lead(StringBuilder html, FigureModel model)
    {
        var spec = model.Result.Spec;
        var problem = model.Problem;
        html.Append("<p class=\"lead\">")
            .Append(problem.SampleCount.ToString(CultureInfo.InvariantCulture)).Append(" samples, model y = ")
            .Append(Encode(string.Join(" + ", model.Labels.Select(l => $"θ[{l}]·{l.Split(' ')[0]}"))))
            .Append("; ").Append(model.Runs.Count.ToString(CultureInfo.InvariantCulture)).Append(" methods, ")
            .Append(spec.Training.Epochs.ToString(CultureInfo.InvariantCulture)).Append(" epochs, seed ").Append(spec.Seed.ToString(CultureInfo.InvariantCulture))
            .Append(", ").Append(Encode(spec.Randomness.ToString().ToLowerInvariant())).Append(" randomness; ")
            .Append(model.SharedInit ? "every method starts from the same init." : "methods start from different inits.")
            .Append("</p>\n");
    }

    /// <summary>Radio buttons that redraw the loss figures and the replay against epochs, updates or samples (report.js).</summary>
    private static void XAxisSwitch(StringBuilder html, XAxis axis)
    {
        var chosen = axis switch { XAxis.Steps => "steps", XAxis.Samples => "samples", _ => "epochs" };
        html.Append("<div class=\"x-axis-switch\" role=\"radiogroup\" aria-label=\"x-axis of the loss figures and the replay\">Loss figures and replay against: ");
        foreach (var (value, text) in new[] { ("epochs", "epochs"), ("steps", "updates (steps)"), ("samples", "samples processed") })
        {
            html.Append("<label><input type=\"radio\" name=\"x-axis\" value=\"").Append(value).Append('"')
                .Append(value == chosen ? " checked" : string.Empty).Append("> ").Append(text).Append("</label> ");
        }

        html.Append("<span class=\"hint\">(per update, GD and SGD take the same number of steps; per epoch, SGD takes one per batch)</span></div>\n");
    }

    /// <summary>What a reader must see before the numbers: learning rates known to be unstable, and runs that diverged.</summary>
    private static void Warnings(StringBuilder html, FigureModel model)
    {
        foreach (var warning in StabilityWarning.Of(model.Analysis, model.Result.Spec.Methods))
        {
            html.Append("<p class=\"warning\">Warning: ").Append(Encode(warning.Message)).Append("</p>\n");
        }

        foreach (var run in model.Runs.Where(r => r.Run.Trajectory.Diverged))
        {
            var t = run.Run.Trajectory;
            html.Append("<p class=\"warning\">").Append(Encode($"{run.Name} diverged at step {t.DivergedAtStep!.Value.ToString(CultureInfo.InvariantCulture)}: {t.DivergenceReason}. It was stopped there; its figures end at that step (marked ✕)."))
                .Append("</p>\n");
        }
    }

    private static void Methods(StringBuilder html, FigureModel model)
    {
        var result = model.Result;
        var order = Encode($"({string.Join(", ", model.Labels)})");
        MethodsHeading(html, result.Spec);
        html.Append("<th class=\"text\">method</th><th class=\"text\">sampler</th><th class=\"text\">optimizer</th>")
            .Append("<th class=\"text\">init θ₀ ").Append(order).Append("</th><th class=\"text\">final θ ").Append(order).Append("</th>")
            .Append("<th>final batch loss</th><th>final full-data loss</th><th>excess loss L − L*</th><th>steps</th>")
            .Append("<th>reached at epoch (").Append(Encode(result.Spec.Statistics.ToleranceText)).Append(")</th><th class=\"text\">diverged</th></tr></thead>\n<tbody>\n");
        foreach (var run in model.Runs)
        {
            var t = run.Run.Trajectory;
            var method = run.Run.Method;
            var last = t.Count - 1;
            var metrics = PathMetrics.Of(t, model.Optimum, model.MinimumLoss);
            var converged = result.Reached(run.Run);
            var sampler = method.Sampler.Kind == SamplerKind.FullBatch
                ? "full batch"
                : $"{method.Sampler.Kind.ToString().ToLowerInvariant()}, batch {method.Sampler.BatchSize.ToString(CultureInfo.InvariantCulture)}";
            var optimizer = TorchName(method.Optimizer);
            html.Append("<tr><td class=\"text\">").Append(Encode(method.Name)).Append("</td>")
                .Append("<td class=\"text\">").Append(Encode(sampler)).Append("</td>")
                .Append("<td class=\"text\">").Append(Encode($"{optimizer}, lr {G(method.Optimizer.LearningRate)}")).Append("</td>")
                .Append("<td class=\"text\">").Append(Encode(Vector(run.Run.Init))).Append("</td>")
                .Append("<td class=\"text\">").Append(Encode(Vector(run.Final))).Append("</td>")
                .Append("<td>").Append(G(last >= 0 ? t.BatchLoss[last] : double.NaN)).Append("</td>")
                .Append("<td>").Append(G(last >= 0 ? t.Loss[last] : double.NaN)).Append("</td>")
                .Append("<td>").Append(G(last >= 0 ? metrics.ExcessLoss[last] : double.NaN)).Append("</td>")
                .Append("<td>").Append(last >= 0 ? t.Step[last].ToString(CultureInfo.InvariantCulture) : "0").Append("</td>")
                .Append("<td>").Append(converged is { } c ? G(c.Epoch) : t.Diverged ? "—" : "not reached").Append("</td>")
                .Append("<td class=\"text\">").Append(t.Diverged ? Encode($"diverged at step {t.DivergedAtStep!.Value.ToString(CultureInfo.InvariantCulture)}") : "no").Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    /// <summary>The Methods heading and the table's start; with replicates, a line saying that its rows are replicate 0's runs.</summary>
    private static void MethodsHeading(StringBuilder html, ExperimentSpec spec)
    {
        html.Append("<h2>Methods</h2>\n");
        if (spec.Replicates > 1)
        {
            html.Append("<p>").Append(Encode($"Replicate 0 (seed {spec.Seed.ToString(CultureInfo.InvariantCulture)}) of {spec.Replicates.ToString(CultureInfo.InvariantCulture)}: one run of each method; the distributions across replicates are below.")).Append("</p>\n");
        }

        html.Append("<table id=\"methods\">\n<thead><tr>");
    }

    /// <summary>Each method's distribution across replicates and the paired comparison of every pair of methods.</summary>
    private static void Replicates(StringBuilder html, DescentLab.Statistics.ReplicateStatistics statistics)
    {
        var o = statistics.Options;
        var replicates = statistics.Methods[0].Replicates;
        var band = $"{G(o.BandLower * 100)}–{G(o.BandUpper * 100)}%";
        html.Append("<h2>Across ").Append(replicates.ToString(CultureInfo.InvariantCulture)).Append(" replicates</h2>\n<p>")
            .Append(Encode($"Each replicate r reruns every method on the data and init of seed S + r. Median and {band} band; a run has reached the optimum when {o.ToleranceText} for good, each replicate against its own L*."))
            .Append("</p>\n<table id=\"replicates\">\n<thead><tr><th class=\"text\">method</th><th>final excess loss median</th><th>")
            .Append(Encode(band)).Append("</th><th>epochs to tolerance median</th><th>").Append(Encode(band)).Append("</th><th>reached</th><th>diverged</th></tr></thead>\n<tbody>\n");
        foreach (var m in statistics.Methods)
        {
            html.Append("<tr><td class=\"text\">").Append(Encode(m.Name)).Append("</td><td>").Append(G(m.FinalExcessLoss.Median))
                .Append("</td><td>").Append(Encode($"{G(m.FinalExcessLoss.Lower)}–{G(m.FinalExcessLoss.Upper)}"))
                .Append("</td><td>").Append(G(m.EpochsToTolerance.Median))
                .Append("</td><td>").Append(Encode($"{G(m.EpochsToTolerance.Lower)}–{G(m.EpochsToTolerance.Upper)}"))
                .Append("</td><td>").Append(G(m.ReachedTolerance * 100)).Append("%</td><td>").Append(m.DivergedCount.ToString(CultureInfo.InvariantCulture)).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
        if (statistics.Skipped.Count > 0)
        {
            html.Append("<p>Comparison points skipped:</p>\n<ul class=\"skipped\">\n");
            foreach (var skipped in statistics.Skipped)
            {
                html.Append("<li>").Append(Encode(skipped.Message)).Append("</li>\n");
            }

            html.Append("</ul>\n");
        }

        if (statistics.Comparisons.Count == 0)
        {
            return;
        }

        var level = G(statistics.Comparisons[0].Interval.Level * 100) + "%";
        html.Append("<h3>Paired comparisons</h3>\n<p>")
            .Append(Encode($"A − B of excess loss on the same seed (negative: A is ahead), its mean with a {level} bootstrap interval, its median, and the share of replicates in which A is strictly ahead; at equal epochs and at equal update counts."))
            .Append("</p>\n<table id=\"comparisons\">\n<thead><tr><th class=\"text\">A</th><th class=\"text\">B</th><th class=\"text\">at</th><th>mean A − B</th><th>")
            .Append(Encode(level)).Append(" interval</th><th>median A − B</th><th>A ahead in</th></tr></thead>\n<tbody>\n");
        foreach (var c in statistics.Comparisons)
        {
            var at = c.Axis == DescentLab.Statistics.ComparisonAxis.Epoch ? $"epoch {c.At.ToString(CultureInfo.InvariantCulture)}" : $"update {c.At.ToString(CultureInfo.InvariantCulture)}";
            html.Append("<tr><td class=\"text\">").Append(Encode(c.MethodA)).Append("</td><td class=\"text\">").Append(Encode(c.MethodB))
                .Append("</td><td class=\"text\">").Append(Encode(at)).Append("</td><td>").Append(G(c.Interval.Mean))
                .Append("</td><td>").Append(Encode($"[{G(c.Interval.Lower)}, {G(c.Interval.Upper)}]"))
                .Append("</td><td>").Append(G(c.MedianDifference)).Append("</td><td>").Append(G(c.ShareABetter * 100)).Append("%</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static void AnalysisSection(StringBuilder html, FigureModel model)
    {
        var a = model.Analysis;
        html.Append("<h2>Analysis</h2>\n<table id=\"analysis\">\n<tbody>\n");
        Row(html, "θ* (least squares) " + $"({string.Join(", ", model.Labels)})", Vector(a.Optimum));
        Row(html, "L* = L(θ*)", G(a.MinimumLoss));
        Row(html, "eigenvalues of H = 2S", string.Join(", ", a.Eigenvalues.Select(G)));
        Row(html, "condition number κ = λmax/λmin", G(a.ConditionNumber));
        Row(html, "GD stability bound 2/λmax", G(a.StabilityBound));
        foreach (var lr in model.Result.Runs.Select(r => r.Method.Optimizer.LearningRate).Distinct())
        {
            Row(html, $"lr {G(lr)} as a fraction of the bound", G(lr / a.StabilityBound));
        }

        Row(html, $"best constant step 2/({a.FlattestName} + λmax)", G(a.BestConstantStep));
        html.Append("</tbody>\n</table>\n<ul class=\"readings\">\n");
        foreach (var sentence in Readings.Of(model))
        {
            html.Append("<li>").Append(Encode(sentence)).Append("</li>\n");
        }

        html.Append("</ul>\n");
    }

    private static void Row(StringBuilder html, string name, string value) =>
        html.Append("<tr><th class=\"text\">").Append(Encode(name)).Append("</th><td class=\"text\">").Append(Encode(value)).Append("</td></tr>\n");

    private static string Vector(IEnumerable<double> values) => "(" + string.Join(", ", values.Select(G)) + ")";

    /// <summary>Six significant digits; an infinity as ∞, as the tables write a run that never reached the tolerance (+∞ epochs) or diverged.</summary>
    private static string G(double value) => double.IsInfinity(value) ? (value > 0 ? "∞" : "-∞") : NumberText.G(value, 6);

    private static string Resource(string name)
    {
        using var stream = typeof(ReportWriter).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded resource '{name}' is missing; the build restores it with npm ci.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>The optimizer's class name in torch.optim, as readers know it.</summary>
    private static string TorchName(OptimizerOptions options) => options switch
    {
        SgdOptions { Nesterov: true } => "SGD (Nesterov)",
        SgdOptions { Momentum: > 0 } sgd => $"SGD (momentum {G(sgd.Momentum)})",
        SgdOptions => "SGD",
        AdamOptions { Amsgrad: true } => "Adam (AMSGrad)",
        AdamOptions => "Adam",
        AdamWOptions => "AdamW",
        RmspropOptions => "RMSprop",
        AdagradOptions => "Adagrad",
        _ => options.GetType().Name.Replace("Options", string.Empty, StringComparison.Ordinal),
    };
}
