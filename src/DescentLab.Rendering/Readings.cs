using System.Globalization;
using DescentLab.Optimizers;
using DescentLab.Sampling;

namespace DescentLab.Rendering;

/// <summary>One-sentence readings of the analysis numbers, computed from them.</summary>
internal static class Readings
{
    /// <summary>The sentences for <paramref name="model"/>, in reading order; <paramref name="page"/> words them for the playground, whose controls and views are not the report's.</summary>
    public static IReadOnlyList<string> Of(FigureModel model, bool page = false)
    {
        var a = model.Analysis;
        var sentences = new List<string>
        {
            $"L* = {G(a.MinimumLoss)} is the noise floor: no parameters of this model fit the data better.",
        };
        sentences.Add(double.IsPositiveInfinity(a.ConditionNumber)
            ? "The Hessian is singular: some direction has no curvature, so gradient descent never moves along it"
                + (a.LinearlyDependent ? $"; the loss does not depend on it either, so the rates below use λmin⁺ = {G(a.FlattestCurvature)}, the smallest nonzero eigenvalue." : ".")
            : $"κ = {G(a.ConditionNumber)}: the steepest direction curves {G(a.ConditionNumber)} times more than the flattest, so one step size cannot suit both.");
        if (a.OptimumNote is { } note)
        {
            sentences.Add(note);
        }

        foreach (var group in model.Result.Runs.GroupBy(r => r.Method.Optimizer.LearningRate))
        {
            var lr = group.Key;
            var names = string.Join(", ", group.Select(r => r.Method.Name));
            var plain = group.All(r => r.Method.Optimizer is SgdOptions { Momentum: 0 });
            var fraction = lr / a.StabilityBound;
            if (!plain)
            {
                sentences.Add($"{names}: lr {G(lr)} is {OfBound(fraction)} the GD stability bound 2/λmax = {G(a.StabilityBound)} (the bound is exact for plain SGD only).");
                continue;
            }

            if (fraction >= 1)
            {
                sentences.Add($"{names}: lr {G(lr)} is {OfBound(fraction)} the GD stability bound 2/λmax = {G(a.StabilityBound)}: full-batch steps grow the error along the steepest direction.");
                continue;
            }

            // Full-batch steps are what the contraction describes: count a GD run's steps, else one per epoch.
            var rho = a.SlowestContraction(lr);
            var gd = group.FirstOrDefault(r => r.Method.Sampler.Kind == SamplerKind.FullBatch);
            var steps = gd is { Trajectory.Count: > 0 } ? gd.Trajectory.Step[^1] : model.Result.Spec.Training.Epochs;
            var left = Math.Pow(rho, steps);
            sentences.Add(
                $"{names}: lr {G(lr)} is {OfBound(fraction)} the GD stability bound 2/λmax = {G(a.StabilityBound)}; the slowest direction shrinks by {Percent(1 - rho)} per step, "
                + $"so {steps.ToString(CultureInfo.InvariantCulture)} GD steps leave {Percent(left)} of its error.");
        }

        sentences.AddRange(Claims(model, page));
        var best = a.BestConstantStep;
        sentences.Add(a.BestConstantRate < 1
            ? $"The best constant step 2/({a.FlattestName} + λmax) = {G(best)} would shrink the slowest direction by {Percent(1 - a.BestConstantRate)} per step; its error halves every {NumberText.G(Math.Log(0.5) / Math.Log(a.BestConstantRate), 3)} steps."
            : $"The best constant step 2/(λmin + λmax) = {G(best)} would not shrink the flattest direction at all: with λmin = 0 the loss does not change along it.");
        return sentences;
    }

    /// <summary>
    /// The seed notebook's claims read off this run: per epoch SGD is ahead of GD; per update they are close; fixed order
    /// against reshuffled. From this run's numbers, with the caution that one run cannot decide them.
    /// </summary>
    private static IEnumerable<string> Claims(FigureModel model, bool page)
    {
        var runs = model.Result.Runs.Where(r => !r.Trajectory.Diverged).ToArray();
        var gd = runs.FirstOrDefault(r => r.Method.Sampler.Kind == SamplerKind.FullBatch);
        var fixedOrder = runs.FirstOrDefault(r => r.Method.Sampler.Kind == SamplerKind.Sequential);
        var shuffled = runs.FirstOrDefault(r => r.Method.Sampler.Kind == SamplerKind.Reshuffle);
        var minimum = model.MinimumLoss;
        double ExcessAtStep(Experiments.RunResult run, long step)
        {
            var t = run.Trajectory;
            for (var k = 0; k < t.Count; k++)
            {
                if (t.Step[k] >= step)
                {
                    return t.Loss[k] - minimum;
                }
            }

            return double.NaN;
        }

        double Final(Experiments.RunResult run) => run.Trajectory.Loss[^1] - minimum;
        var said = false;
        foreach (var sgd in new[] { fixedOrder, shuffled }.Where(r => r is not null).Cast<Experiments.RunResult>())
        {
            if (gd is null)
            {
                break;
            }

            var epochs = Math.Min(gd.Trajectory.Epoch[^1], sgd.Trajectory.Epoch[^1]);
            var ratio = sgd.Trajectory.Step[^1] / Math.Max(1.0, sgd.Trajectory.Epoch[^1]);
            yield return $"Per epoch: after {G(epochs)} epochs {gd.Method.Name}'s excess loss is {G(Final(gd))} and {sgd.Method.Name}'s {G(Final(sgd))}, "
                + $"{(Final(sgd) < Final(gd) ? "so SGD is ahead" : "so GD is ahead")}; {sgd.Method.Name} took {G(ratio)} updates per epoch to GD's 1.";
            var steps = gd.Trajectory.Step[^1];
            var atSteps = ExcessAtStep(sgd, steps);
            if (double.IsFinite(atSteps))
            {
                var relative = Math.Abs(atSteps - Final(gd)) / Math.Max(Final(gd), atSteps);
                yield return $"Per update: after {steps.ToString(CultureInfo.InvariantCulture)} updates {gd.Method.Name}'s excess loss is {G(Final(gd))} and {sgd.Method.Name}'s {G(atSteps)}, "
                    + (relative < 0.1 ? $"within {Percent(relative)} of each other." : $"{Percent(relative)} apart.");
            }

            said = true;
        }

        if (fixedOrder is not null && shuffled is not null)
        {
            yield return $"Fixed order against reshuffled: at the end {fixedOrder.Method.Name}'s excess loss is {G(Final(fixedOrder))} and {shuffled.Method.Name}'s {G(Final(shuffled))}.";
            said = true;
        }

        if (said)
        {
            yield return (model.Result.Statistics is null, page) switch
            {
                (true, false) => "These readings come from one run (one seed); they cannot decide which method is faster: rerun with --replicates R for intervals across seeds.",
                (true, true) => "These readings come from one run (one seed); they cannot decide which method is faster: set Replicates above 1 for bands across seeds.",
                (false, false) => "These readings are replicate 0's; the tables across replicates above say which differences hold across seeds.",
                (false, true) => "These readings are replicate 0's; the bands across seeds show which differences hold.",
            };
        }
    }

    private static string G(double value) => NumberText.G(value, 4);

    /// <summary>"0.1 of" below the bound, "2.05×" at or above it (a fraction of 2.05 rounded to two digits read as "2 of").</summary>
    private static string OfBound(double fraction) => fraction >= 1 ? $"{NumberText.G(fraction, 3)}×" : $"{P(fraction)} of";

    /// <summary>A fraction as "0.09"-style text with two significant digits.</summary>
    private static string P(double fraction) => NumberText.G(fraction, 2);

    /// <summary>A fraction as a percentage with enough digits to be read.</summary>
    private static string Percent(double fraction)
    {
        var percent = fraction * 100;
        var text = percent switch
        {
            0 => "0",
            >= 10 => percent.ToString("0", CultureInfo.InvariantCulture),
            >= 0.1 => percent.ToString("0.#", CultureInfo.InvariantCulture),
            _ => NumberText.G(percent, 2),
        };
        return text + "%";
    }
}
