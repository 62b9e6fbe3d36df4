using System.Globalization;
using DescentLab.Models;

namespace DescentLab.Analysis;

/// <summary>
/// A reference optimum for a model without a closed form: a long, deterministic full-batch L-BFGS run from a given θ
/// (the best run's end point). It is a local reference, not a global optimum.
/// </summary>
/// <param name="Theta">The last iterate.</param>
/// <param name="Loss">L_ref, the full-data loss at <paramref name="Theta"/>.</param>
/// <param name="GradientNorm">‖∇L(θ_ref)‖₂.</param>
/// <param name="Iterations">L-BFGS iterations taken.</param>
/// <param name="Stop">Why the iterations ended.</param>
/// <param name="StartMethod">The method whose final θ the run started from.</param>
/// <param name="StartLoss">The full-data loss at the start.</param>
public sealed record ReferenceOptimum(double[] Theta, double Loss, double GradientNorm, int Iterations, ReferenceStop Stop, string StartMethod, double StartLoss)
{
    /// <summary>The most L-BFGS iterations.</summary>
    public const int MaxIterations = 1000;

    /// <summary>The number of (s, y) pairs L-BFGS keeps.</summary>
    public const int Memory = 10;

    /// <summary>Converged when ‖∇L‖₂ ≤ this × max(1, L).</summary>
    public const double GradientTolerance = 1e-8;

    /// <summary>The Armijo constant c₁ of the backtracking line search.</summary>
    private const double Armijo = 1e-4;

    /// <summary>The most halvings of a step before the search is declared stalled.</summary>
    private const int MaxHalvings = 60;

    /// <summary>
    /// Whether θ_ref classifies every sample correctly (set by the caller for classifiers): then the cross-entropy has no
    /// minimiser, it only tends to 0 as the weights grow, and L_ref is where the search stopped on the way down.
    /// </summary>
    public bool SeparatesData { get; init; }

    /// <summary>Whether the gradient tolerance was met.</summary>
    public bool Converged => Stop == ReferenceStop.Converged;

    /// <summary>One sentence for tables and summary.json: how L_ref was obtained and what it is not.</summary>
    public string Statement => string.Create(
        CultureInfo.InvariantCulture,
        $"L_ref by full-batch L-BFGS (memory {Memory}, Armijo backtracking) from the final θ of {StartMethod}: {Iterations} iterations, ‖∇L‖ = {GradientNorm.ToString("G3", CultureInfo.InvariantCulture).ToLowerInvariant()}, {StopText}; {(SeparatesData ? "θ_ref classifies every sample correctly, so the loss has no minimiser (it tends to 0 as the weights grow) and L_ref is only a point on the way down" : "a local reference, not a global optimum")}");

    private string StopText => Stop switch
    {
        ReferenceStop.Converged => string.Create(CultureInfo.InvariantCulture, $"converged (‖∇L‖ ≤ 1e-8·max(1, L))"),
        ReferenceStop.IterationLimit => string.Create(CultureInfo.InvariantCulture, $"stopped at the {MaxIterations}-iteration cap before converging"),
        _ => "stopped where no step along the search direction lowers the loss (rounding)",
    };

    /// <summary>
    /// L-BFGS on the full-data loss of <paramref name="model"/> from <paramref name="start"/>: the two-loop recursion
    /// over the last <see cref="Memory"/> pairs (pairs with sᵀy ≤ 1e-12·‖s‖‖y‖ skipped), H₀ = (sᵀy/yᵀy)·I, the first
    /// step and any non-descent direction replaced by −∇L/max(1, ‖∇L‖); step t halved from 1 until
    /// L(θ + t·d) ≤ L(θ) + c₁·t·∇Lᵀd with c₁ = 1e-4 (a non-finite trial loss counts as too large). Deterministic: the
    /// same start gives the same iterates on every machine the gradient kernel is deterministic on.
    /// </summary>
    /// <exception cref="ArgumentException">The loss or gradient at <paramref name="start"/> is not finite.</exception>
    public static ReferenceOptimum Find(IModel model, ReadOnlySpan<double> start, string startMethod, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(startMethod);
        var p = model.ParameterCount;
        if (start.Length != p)
        {
            throw new ArgumentException($"The start has {start.Length} values; the model has {p} parameters.", nameof(start));
        }

        var all = Enumerable.Range(0, model.SampleCount).ToArray();
        var workspace = new double[model.WorkspaceLength];
        var theta = start.ToArray();
        var gradient = new double[p];
        var loss = model.BatchLossAndGradient(theta, all, gradient, workspace);
        if (!double.IsFinite(loss) || !AllFinite(gradient))
        {
            throw new ArgumentException("The loss or its gradient at the start is not finite.", nameof(start));
        }

        var startLoss = loss;
        var s = new double[Memory][];
        var y = new double[Memory][];
        var rho = new double[Memory];
        var alpha = new double[Memory];
        var stored = 0;
        var newest = -1;
        var direction = new double[p];
        var trial = new double[p];
        var trialGradient = new double[p];
        var sNew = new double[p];
        var yNew = new double[p];
        var stop = ReferenceStop.IterationLimit;
        var iteration = 0;
        for (; iteration < MaxIterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (SpanMath.Norm(gradient) <= GradientTolerance * Math.Max(1, Math.Abs(loss)))
            {
                stop = ReferenceStop.Converged;
                break;
            }

            // Two-loop recursion (Nocedal & Wright, Numerical Optimization, algorithm 7.4): d = −H·∇L.
            gradient.CopyTo(direction, 0);
            for (var k = 0; k < stored; k++)
            {
                var j = ((newest - k) % Memory + Memory) % Memory;
                alpha[j] = rho[j] * SpanMath.Dot(s[j], direction);
                Axpy(-alpha[j], y[j], direction);
            }

            if (stored > 0)
            {
                Scale(SpanMath.Dot(s[newest], y[newest]) / SpanMath.Dot(y[newest], y[newest]), direction);
            }

            for (var k = stored - 1; k >= 0; k--)
            {
                var j = ((newest - k) % Memory + Memory) % Memory;
                var beta = rho[j] * SpanMath.Dot(y[j], direction);
                Axpy(alpha[j] - beta, s[j], direction);
            }

            Scale(-1, direction);
            var slope = SpanMath.Dot(gradient, direction);
            if (stored == 0 || !(slope < 0) || !AllFinite(direction))
            {
                // Steepest descent with a step no longer than 1, and forget the curvature pairs.
                stored = 0;
                var norm = SpanMath.Norm(gradient);
                for (var i = 0; i < p; i++)
                {
                    direction[i] = -gradient[i] / Math.Max(1, norm);
                }

                slope = SpanMath.Dot(gradient, direction);
            }

            var step = 1.0;
            var trialLoss = double.NaN;
            var accepted = false;
            for (var halving = 0; halving <= MaxHalvings; halving++, step *= 0.5)
            {
                for (var i = 0; i < p; i++)
                {
                    trial[i] = theta[i] + (step * direction[i]);
                }

                trialLoss = model.BatchLossAndGradient(trial, all, trialGradient, workspace);
                if (double.IsFinite(trialLoss) && trialLoss <= loss + (Armijo * step * slope) && AllFinite(trialGradient))
                {
                    accepted = true;
                    break;
                }
            }

            if (!accepted || trialLoss >= loss)
            {
                stop = ReferenceStop.Stalled;
                break;
            }

            for (var i = 0; i < p; i++)
            {
                sNew[i] = trial[i] - theta[i];
                yNew[i] = trialGradient[i] - gradient[i];
            }

            var sy = SpanMath.Dot(sNew, yNew);
            if (sy > 1e-12 * SpanMath.Norm(sNew) * SpanMath.Norm(yNew))
            {
                // Keep the pair in the oldest slot; a pair without positive curvature is dropped and keeps none.
                var next = (newest + 1) % Memory;
                (s[next], sNew) = (sNew, s[next] ?? new double[p]);
                (y[next], yNew) = (yNew, y[next] ?? new double[p]);
                rho[next] = 1 / sy;
                newest = next;
                stored = Math.Min(stored + 1, Memory);
            }

            (theta, trial) = (trial, theta);
            (gradient, trialGradient) = (trialGradient, gradient);
            loss = trialLoss;
        }

        return new ReferenceOptimum(theta, loss, SpanMath.Norm(gradient), iteration, stop, startMethod, startLoss);
    }

    private static bool AllFinite(ReadOnlySpan<double> values)
    {
        foreach (var v in values)
        {
            if (!double.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }

    private static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        for (var i = 0; i < y.Length; i++)
        {
            y[i] += a * x[i];
        }
    }

    private static void Scale(double a, Span<double> x)
    {
        for (var i = 0; i < x.Length; i++)
        {
            x[i] *= a;
        }
    }
}
