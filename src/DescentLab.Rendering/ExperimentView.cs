using DescentLab.Analysis;
using DescentLab.Experiments;
using DescentLab.Io;
using DescentLab.Optimizers;
using DescentLab.Training;

namespace DescentLab.Rendering;

/// <summary>
/// An experiment as one JSON document for a live page: summary.json's content, the resolved experiment, the analysis
/// and the thinned series every view draws (loss, excess loss, paths over the landscape, the excess loss along each
/// Hessian eigendirection, bands across replicates).
/// </summary>
/// <remarks>
/// The "summary" member is written by <see cref="SummaryJsonWriter"/> from the same result the page's series come
/// from, so its final θ and losses are those <c>descentlab run --config</c> writes, bit for bit. The series are for
/// drawing: thinned as the report thins them, with seven significant digits.
/// </remarks>
public static class ExperimentView
{
    /// <summary>Checks <paramref name="file"/> against its data, runs it and returns its view as UTF-8 JSON.</summary>
    /// <exception cref="SpecFormatException">A value does not fit the data, or the model is not the linear one; the message starts with its JSON path.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; runs stop within an epoch.</exception>
    public static byte[] Run(ExperimentFile file, ViewOptions? options = null, RunOptions? runOptions = null, CancellationToken cancellationToken = default)
    {
        CheckLinear(file);
        ExperimentFileCheck.Check(file);
        var result = ExperimentRunner.Run(file.Spec, runOptions, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        return Write(result, file.Output, options);
    }

    /// <summary>The view of a finished <paramref name="result"/> drawn with <paramref name="output"/>'s x-axis and plane, as UTF-8 JSON.</summary>
    public static byte[] Write(ExperimentResult result, OutputSettings output, ViewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        options ??= new ViewOptions();
        var model = FigureModel.Create(result, RenderOptions.For(output) with { MaxPoints = options.MaxPoints, Resolution = options.Resolution });
        using var summary = new MemoryStream();
        SummaryJsonWriter.Write(result, summary);
        var experiment = ExperimentJson.Write(new ExperimentFile(result.Spec, output), ExperimentOutputWriter.DataFileName);

        // About 10 bytes a number: every run's series, the landscape and the bands, so the buffer rarely grows.
        var series = model.Runs.Count * Math.Min(options.MaxPoints, model.Runs.Select(r => r.Rows.Length).DefaultIfEmpty(0).Max()) * (9 + model.Names.Length);
        var bands = result.Statistics is null ? 0 : result.Statistics.Methods.Count * options.MaxPoints * 7;
        using var json = new PlotlyJson((int)summary.Length + experiment.Length + (10 * (series + bands + (options.Resolution * (options.Resolution + 2)))) + 8192);
        var w = json.Writer;
        w.WriteStartObject();
        w.WritePropertyName("summary");
        w.WriteRawValue(summary.GetBuffer().AsSpan(0, (int)summary.Length), skipInputValidation: true);
        w.WritePropertyName("experiment");
        w.WriteRawValue(experiment, skipInputValidation: true);
        json.StartObject("analysis");
        Analysis(json, model.Analysis, result.Spec.Methods);
        json.EndObject();
        json.StartObject("view");
        View(json, model, options);
        json.EndObject();
        w.WriteEndObject();
        return json.Bytes();
    }

    /// <summary>The analysis of <paramref name="file"/>'s dataset and methods alone (no training), as UTF-8 JSON.</summary>
    /// <exception cref="SpecFormatException">A value does not fit the data, or the model is not the linear one; the message starts with its JSON path.</exception>
    public static byte[] Analyze(ExperimentFile file)
    {
        CheckLinear(file);
        ExperimentFileCheck.Check(file);
        var spec = file.Spec;
        var problem = ExperimentRunner.CreateProblem(spec);
        using var json = new PlotlyJson(4096);
        json.StartObject();
        Strings(json, "parameters", problem.ParameterNames);
        json.Number("samples", problem.SampleCount);
        json.StartObject("analysis");
        Analysis(json, ProblemAnalysis.Analyze(problem), spec.Methods);
        json.EndObject();
        json.EndObject();
        return json.Bytes();
    }

    /// <summary>Runs <paramref name="file"/> and returns the report.html that <c>descentlab run</c> writes for it.</summary>
    /// <exception cref="SpecFormatException">A value does not fit the data, or the model is not the linear one; the message starts with its JSON path.</exception>
    public static string Report(ExperimentFile file, RunOptions? runOptions = null, CancellationToken cancellationToken = default)
    {
        CheckLinear(file);
        ExperimentFileCheck.Check(file);
        var result = ExperimentRunner.Run(file.Spec, runOptions, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();

        // The spec as the command embeds it: experiment.json with given data referred to as data.csv.
        var specJson = ExperimentJson.Write(new ExperimentFile(result.Spec, file.Output), ExperimentOutputWriter.DataFileName);
        return ReportWriter.Render(FigureModel.Create(result, RenderOptions.For(file.Output)), specJson);
    }

    /// <summary>Refuses a network model at its field: the view, the analysis and the report here are the linear model's.</summary>
    /// <remarks>Without it the analysis would be the least-squares one of polynomial features of the network's data.</remarks>
    private static void CheckLinear(ExperimentFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!file.Spec.Model.IsLinear)
        {
            throw new SpecFormatException("model", $"the playground covers the linear model only; train {file.Spec.Model} with descentlab run --config FILE, which writes its report.");
        }
    }

    private static void Analysis(PlotlyJson json, ProblemAnalysis a, IReadOnlyList<Method> methods)
    {
        Numbers(json, "optimum", a.Optimum);
        json.Number("minimumLoss", a.MinimumLoss);
        Numbers(json, "eigenvalues", a.Eigenvalues);
        json.StartArray("eigenvectors");
        foreach (var v in a.Eigenvectors)
        {
            json.StartArray();
            foreach (var x in v)
            {
                json.Value(x);
            }

            json.EndArray();
        }

        json.EndArray();
        json.Number("conditionNumber", a.ConditionNumber);
        json.Number("stabilityBound", a.StabilityBound);
        json.Number("bestConstantStep", a.BestConstantStep);
        json.Number("bestConstantRate", a.BestConstantRate);
        json.Number("heavyBallStep", a.HeavyBallStep);
        json.Number("heavyBallMomentum", a.HeavyBallMomentum);
        json.Number("heavyBallRate", a.HeavyBallRate);
        json.StartArray("methods");
        foreach (var method in methods)
        {
            var lr = method.Optimizer.LearningRate;
            json.StartObject();
            json.String("name", method.Name);
            json.Number("lr", lr);
            json.Number("lrOverBound", lr / a.StabilityBound);

            // |1 − lr·λᵢ| is plain gradient descent's factor per step along eigendirection i; exact for plain SGD only.
            json.Bool("plainSgd", method.Optimizer is SgdOptions { Momentum: 0, WeightDecay: 0 });
            Numbers(json, "contractions", a.Contractions(lr));
            json.Number("slowestContraction", a.SlowestContraction(lr));
            json.Number("stepsPerDecade", a.StepsPerDecade(lr));
            json.EndObject();
        }

        json.EndArray();
    }

    private static void View(PlotlyJson json, FigureModel model, ViewOptions options)
    {
        json.String("xAxis", model.Options.XAxis switch { XAxis.Steps => "step", XAxis.Samples => "samples", _ => "epoch" });
        json.String("xTitle", model.ProgressLabel);
        Strings(json, "parameters", model.Names);
        Strings(json, "labels", model.Labels);
        json.Number("lossCeiling", model.LossCeiling);
        json.StartObject("plane");
        json.String("x", model.PlaneXName);
        json.String("y", model.PlaneYName);
        json.String("xLabel", model.PlaneXLabel);
        json.String("yLabel", model.PlaneYLabel);
        json.String("kind", model.KindDescription);
        json.EndObject();
        Landscape(json, model);
        Runs(json, model);
        if (model.Result.Statistics is { } statistics)
        {
            json.StartArray("bands");
            foreach (var m in statistics.Methods)
            {
                var grid = m.Grid;
                var rows = Thinning.Rows(grid.Count, options.MaxPoints);
                json.StartObject();
                json.String("name", m.Name);
                json.Number("replicates", m.Replicates);
                json.Number("diverged", m.DivergedCount);
                Take(json, "x", rows, i => model.Options.XAxis switch
                {
                    XAxis.Steps => grid.Step[i],
                    XAxis.Samples => grid.Samples[i],
                    _ => grid.Epoch[i],
                });
                Band(json, "loss", m.Loss, rows);
                Band(json, "excessLoss", m.ExcessLoss, rows);
                json.EndObject();
            }

            json.EndArray();
        }
        else
        {
            json.Writer.WriteNull("bands");
        }

        Strings(json, "readings", Readings.Of(model, page: true));
    }

    private static void Landscape(PlotlyJson json, FigureModel model)
    {
        var s = model.Landscape;
        json.StartObject("landscape");
        json.Array("x", s.XValues);
        json.Array("y", s.YValues);
        json.Grid("z", s.Values, s.XCount);
        json.Number("min", s.Minimum);
        json.Number("max", s.Maximum);
        json.Array("optimum", [model.Optimum[model.Ix], model.Optimum[model.Iy]]);
        json.EndObject();
    }

    private static void Runs(PlotlyJson json, FigureModel model)
    {
        var a = model.Analysis;
        var p = model.Names.Length;
        var theta = new double[p];
        json.StartArray("runs");
        foreach (var run in model.Runs)
        {
            var t = run.Run.Trajectory;
            var rows = run.Rows;
            json.StartObject();
            json.String("name", run.Name);
            json.Number("lr", run.Run.Method.Optimizer.LearningRate);
            json.Bool("diverged", t.Diverged);
            if (t.DivergedAtStep is { } step)
            {
                json.Number("divergedAtStep", step);
                json.String("divergenceReason", t.DivergenceReason ?? string.Empty);
            }

            json.Array("x", run.Progress);
            json.Array("epoch", run.Epochs);
            Take(json, "step", rows, k => t.Step[k]);
            json.Array("loss", run.Loss);
            json.Array("batchLoss", run.BatchLoss);
            json.Array("excessLoss", run.ExcessLoss);
            json.Array("planeX", run.PlaneX);
            json.Array("planeY", run.PlaneY);

            // Distill's "Why Momentum Really Works" decomposition: with H = 2S = Σ λᵢvᵢvᵢᵀ and d = θ − θ*, the excess
            // loss dᵀSd is Σᵢ (λᵢ/2)(vᵢᵀd)², one term per eigendirection, ascending λ.
            json.StartArray("directions");
            for (var i = 0; i < a.Eigenvalues.Count; i++)
            {
                var v = a.Eigenvectors[i];
                var half = a.Eigenvalues[i] / 2;
                json.StartArray();
                foreach (var k in rows)
                {
                    t.ParametersAt(k, theta);
                    var projection = 0.0;
                    for (var j = 0; j < p; j++)
                    {
                        projection += v[j] * (theta[j] - model.Optimum[j]);
                    }

                    json.Value(half * projection * projection);
                }

                json.EndArray();
            }

            json.EndArray();
            json.EndObject();
        }

        json.EndArray();
    }

    private static void Band(PlotlyJson json, string name, DescentLab.Statistics.Band band, int[] rows)
    {
        json.StartObject(name);
        Take(json, "lower", rows, i => band.Lower[i]);
        Take(json, "median", rows, i => band.Median[i]);
        Take(json, "upper", rows, i => band.Upper[i]);
        json.EndObject();
    }

    private static void Take(PlotlyJson json, string name, int[] rows, Func<int, double> value)
    {
        json.StartArray(name);
        foreach (var k in rows)
        {
            json.Value(value(k));
        }

        json.EndArray();
    }

    private static void Numbers(PlotlyJson json, string name, IEnumerable<double> values)
    {
        json.StartArray(name);
        foreach (var v in values)
        {
            json.Value(v);
        }

        json.EndArray();
    }

    private static void Strings(PlotlyJson json, string name, IEnumerable<string> values)
    {
        json.StartArray(name);
        foreach (var v in values)
        {
            json.Writer.WriteStringValue(v);
        }

        json.EndArray();
    }
}
