using System.Numerics;
using System.Runtime.InteropServices;
using DescentLab.Models;
using DescentLab.Sampling;

namespace DescentLab.Training;

/// <summary>Trains one method from one init on one model and records its trajectory.</summary>
public static class Trainer
{
    /// <summary>
    /// Runs <see cref="TrainingOptions.Epochs"/> epochs of <paramref name="method"/> from <paramref name="init"/>.
    /// A run whose θ or full-data loss stops being finite, or whose full-data loss passes
    /// <see cref="TrainingOptions.DivergenceFactor"/> × max(L(θ₀), L*) (L(θ₀) alone for a model without a closed-form L*),
    /// is stopped and marked diverged at that step.
    /// </summary>
    /// <remarks>
    /// The linear model's full-data loss costs O(p²), more than some updates, and another model's costs a pass over the data, so it is computed only on recorded steps and whenever the
    /// step's batch loss passes the threshold: a diverging run's batches blow up with it, and the full-data loss then
    /// decides. A recorded step is always checked, so with every step recorded the rule holds at every step.
    /// </remarks>
    /// <param name="model">The data, model and loss; the linear <see cref="Problem"/> keeps its sufficient-statistics fast path.</param>
    /// <param name="method">Sampler, optimizer and schedule.</param>
    /// <param name="init">θ₀, in parameter order.</param>
    /// <param name="options">Epochs and recording interval.</param>
    /// <param name="stream">Where the sampler draws from (unused by full-batch, which may pass null).</param>
    /// <param name="replicate">The replicate index, for progress reports.</param>
    /// <param name="progress">Receives a report about every 1% of the epochs; may be null.</param>
    /// <param name="cancellationToken">Checked once per epoch.</param>
    public static Trajectory Train(
        IModel model,
        Method method,
        ReadOnlySpan<double> init,
        TrainingOptions options,
        LoaderRandomness? stream,
        int replicate = 0,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(options);
        var p = model.ParameterCount;
        if (init.Length != p)
        {
            throw new ArgumentException($"init has {init.Length} values; the problem has {p} parameters ({ListNames(model.ParameterNames)}).", nameof(init));
        }

        // The linear model is called directly (not through the interface) so its kernel can be inlined into the loop.
        var linear = model as Problem;
        var sampler = new BatchSampler(method.Sampler, model.SampleCount, stream);
        var optimizer = method.Optimizer.Create(p);
        var scheduler = method.Schedule.Create(method.Optimizer.LearningRate);
        var batches = sampler.BatchesPerEpoch;
        var epochs = options.Epochs;
        var totalSteps = (long)batches * epochs;
        var every = options.RecordEvery;
        var capacity = RowCount(totalSteps, every);
        var recorder = new TrajectoryRecorder(model.ParameterNames, capacity);
        var forms = linear is null ? null : FixedBatchForms(linear, sampler);

        var theta = init.ToArray();
        var gradient = new double[p];
        var workspace = new double[model.WorkspaceLength];
        var initialLoss = model.Loss(theta);
        recorder.Record(0, 0, 0, double.NaN, initialLoss, double.NaN, theta);
        var threshold = options.DivergenceFactor * Math.Max(initialLoss, model.MinimumLoss ?? initialLoss);
        if (!double.IsFinite(threshold))
        {
            // An infinite L(θ₀) leaves only the finiteness rule; NaN and ∞ still fail "≤ MaxValue".
            threshold = double.MaxValue;
        }

        if (!double.IsFinite(initialLoss) || !AllFinite(theta))
        {
            return recorder.Build(0, $"the initial point is not finite (full-data loss {initialLoss})", threshold);
        }

        var reportEvery = Math.Max(1, epochs / 100);
        long step = 0;
        long samples = 0;

        // A countdown instead of step % every: a 64-bit division per step would cost more than the update itself.
        var untilRecord = 1;
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            sampler.BeginEpoch();
            if (epoch == options.KeepBatchesOfEpoch)
            {
                recorder.KeptBatches = [.. Enumerable.Range(0, batches).Select(k => sampler.Batch(k).ToArray())];
            }

            var learningRate = scheduler.LearningRate;
            for (var k = 0; k < batches; k++)
            {
                var batch = sampler.Batch(k);
                var batchLoss = forms is not null
                    ? forms[k].EvaluateWithGradient(theta, gradient)
                    : linear is not null
                        ? linear.BatchLossAndGradient(theta, batch, gradient)
                        : model.BatchLossAndGradient(theta, batch, gradient, workspace);
                optimizer.Step(theta, gradient, learningRate);
                step++;
                samples += batch.Length;

                // "Not ≤" also catches NaN. A suspect step has its full-data loss checked, recorded or not.
                var suspect = !(batchLoss <= threshold) || !AllFinite(theta);
                var record = --untilRecord == 0 || step == totalSteps;
                if (record || suspect)
                {
                    if (untilRecord <= 0)
                    {
                        // Step 1 is recorded, then every multiple of k.
                        untilRecord = every - (int)(step % every);
                    }

                    var loss = linear is not null ? linear.Loss(theta) : model.Loss(theta);
                    var diverged = !(loss <= threshold) || (suspect && !AllFinite(theta));
                    if (record || diverged)
                    {
                        // The optimizers only read the gradient, so it still holds the one this step used.
                        recorder.Record(step, epoch + ((k + 1) / (double)batches), samples, batchLoss, loss, SpanMath.Norm(gradient), theta);
                    }

                    if (diverged)
                    {
                        return recorder.Build(step, DivergenceReason(model, loss, threshold, options.DivergenceFactor, theta, step), threshold);
                    }
                }
            }

            scheduler.Step();
            if (progress is not null && ((epoch + 1) % reportEvery == 0 || epoch + 1 == epochs))
            {
                progress.Report(new TrainingProgress(method.Name, replicate, epoch + 1, epochs));
            }
        }

        return recorder.Build(null, null, threshold);
    }

    /// <summary>
    /// For samplers whose batches never change, each batch's loss as a quadratic form, so a step costs O(p²)
    /// instead of O(batch·p); null where direct summation is as cheap or the batches change.
    /// </summary>
    private static QuadraticForm[]? FixedBatchForms(Problem problem, BatchSampler sampler)
    {
        if (!sampler.FixedBatches)
        {
            return null;
        }

        if (sampler.Options.Kind == SamplerKind.FullBatch)
        {
            return [problem.FullData];
        }

        var p = problem.ParameterCount;
        if (sampler.Batch(0).Length <= 2 * p || sampler.BatchesPerEpoch > 1 << 16)
        {
            return null;
        }

        var forms = new QuadraticForm[sampler.BatchesPerEpoch];
        for (var k = 0; k < forms.Length; k++)
        {
            forms[k] = problem.BatchForm(sampler.Batch(k));
        }

        return forms;
    }

    /// <summary>Rows a full run records: the initial point, step 1, every multiple of k, and the last step.</summary>
    internal static int RowCount(long totalSteps, int every)
    {
        if (totalSteps <= 1)
        {
            return 1 + (int)totalSteps;
        }

        var rows = 1 + (totalSteps / every) + (every > 1 ? 1 : 0) + (totalSteps % every != 0 ? 1 : 0);
        return checked((int)rows);
    }

    /// <summary>
    /// Whether every value is finite: x − x is 0 for a finite x and NaN for ±∞ and NaN, and a sum of zeros cannot
    /// overflow (as a plain sum of θ could for finite values), a vector at a time.
    /// </summary>
    private static bool AllFinite(ReadOnlySpan<double> values)
    {
        var v = Vector<double>.Count;
        var lanes = Vector<double>.Zero;
        var i = 0;
        ref var x0 = ref MemoryMarshal.GetReference(values);
        for (; i + v <= values.Length; i += v)
        {
            var x = Vector.LoadUnsafe(ref x0, (nuint)i);
            lanes += x - x;
        }

        var rest = 0.0;
        for (; i < values.Length; i++)
        {
            rest += values[i] - values[i];
        }

        return double.IsFinite(rest + Vector.Sum(lanes));
    }

    private static string DivergenceReason(IModel model, double loss, double threshold, double factor, ReadOnlySpan<double> theta, long step)
    {
        for (var j = 0; j < theta.Length; j++)
        {
            if (!double.IsFinite(theta[j]))
            {
                return FormattableString.Invariant($"parameter {model.ParameterNames[j]} is {theta[j]} at step {step}");
            }
        }

        return double.IsFinite(loss)
            ? FormattableString.Invariant($"full-data loss {Short(loss)} at step {step} is above {Short(factor)} × max(L(θ₀), L*) = {Short(threshold)}")
            : FormattableString.Invariant($"full-data loss is {loss} at step {step}");
    }

    /// <summary>The parameter names for a message: all of them up to 12, else the first 10 and a count.</summary>
    private static string ListNames(IReadOnlyList<string> names) =>
        names.Count <= 12 ? string.Join(", ", names) : $"{string.Join(", ", names.Take(10))}, … {names.Count - 10} more";

    /// <summary>Four significant digits, with a lower-case exponent: 9.932e+08.</summary>
    private static string Short(double value) => NumberText.G(value, 4);
}
