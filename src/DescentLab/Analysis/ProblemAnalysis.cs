using DescentLab.Models;
using MathNet.Numerics.LinearAlgebra;

namespace DescentLab.Analysis;

/// <summary>
/// The numbers that explain how gradient descent behaves on a least-squares loss: its optimum, the spectrum of its
/// Hessian, and the step sizes and rates that follow from them.
/// </summary>
/// <remarks>
/// The loss L(θ) = (θ−θ*)ᵀS(θ−θ*) + L* has the constant Hessian H = 2S with eigenvalues 0 ≤ λ₁ ≤ … ≤ λₚ. Gradient
/// descent with step η maps the error along eigenvector k to (1 − ηλₖ) times itself, so it converges when every
/// |1 − ηλₖ| &lt; 1, that is η &lt; 2/λmax, and the slowest direction sets the pace. When the features are linearly
/// dependent, H has p − rank zero eigenvalues whose directions the loss does not depend on; the rates (best constant
/// step, heavy ball, slowest contraction) then use the smallest nonzero eigenvalue, <see cref="FlattestCurvature"/>.
/// </remarks>
public sealed class ProblemAnalysis
{
    private readonly double[] _optimum;
    private readonly double[] _hessian;
    private readonly double[] _eigenvalues;
    private readonly double[][] _eigenvectors;

    private ProblemAnalysis(double[] optimum, double minimumLoss, int rank, double[] hessian, double[] eigenvalues, double[][] eigenvectors)
    {
        _optimum = optimum;
        MinimumLoss = minimumLoss;
        Rank = rank;
        _hessian = hessian;
        _eigenvalues = eigenvalues;
        _eigenvectors = eigenvectors;
        var lowest = Math.Max(eigenvalues[0], 0.0);
        var lmax = eigenvalues[^1];
        LargestEigenvalue = lmax;
        SmallestEigenvalue = lowest;
        ConditionNumber = lowest > 0 ? lmax / lowest : double.PositiveInfinity;

        // With linearly dependent features, the p − rank zero eigenvalues belong to directions the loss does not depend
        // on: the rates of the loss are set by the smallest of the others.
        var zeros = eigenvalues.Length - rank;
        var lmin = zeros > 0 && zeros < eigenvalues.Length ? Math.Max(eigenvalues[zeros], 0.0) : lowest;
        FlattestCurvature = lmin;
        StabilityBound = 2.0 / lmax;
        BestConstantStep = 2.0 / (lmin + lmax);
        BestConstantRate = (lmax - lmin) / (lmax + lmin);
        var sqrtMin = Math.Sqrt(lmin);
        var sqrtMax = Math.Sqrt(lmax);
        HeavyBallStep = 4.0 / ((sqrtMax + sqrtMin) * (sqrtMax + sqrtMin));
        HeavyBallRate = (sqrtMax - sqrtMin) / (sqrtMax + sqrtMin);
        HeavyBallMomentum = HeavyBallRate * HeavyBallRate;
    }

    /// <summary>θ*, the least-squares parameters.</summary>
    public IReadOnlyList<double> Optimum => _optimum;

    /// <summary>L* = L(θ*), the smallest loss any parameters reach.</summary>
    public double MinimumLoss { get; }

    /// <summary>The numerical rank of the features Z: below the parameter count when they are linearly dependent.</summary>
    public int Rank { get; }

    /// <summary>Whether the features are linearly dependent (<see cref="Rank"/> below p): θ* is then not unique, and H has p − rank zero eigenvalues.</summary>
    public bool LinearlyDependent => Rank < _optimum.Length;

    /// <summary>
    /// Why θ* is not the only optimum, when the features are linearly dependent (a constant column, fewer distinct x than
    /// the degree needs, fewer samples than parameters); null when θ* is unique. L* is then reached on a whole line,
    /// plane or larger set of θ, <see cref="Optimum"/> is its minimum-norm point, and a run can reach L* far from it.
    /// </summary>
    public string? OptimumNote
    {
        get
        {
            if (!LinearlyDependent)
            {
                return null;
            }

            var p = _optimum.Length;
            var set = (p - Rank) switch { 1 => "line", 2 => "plane", var k => $"{k}-dimensional set" };
            return $"θ* is not unique: the features are linearly dependent (rank {Rank} of {p} parameters), so L* is reached on a whole {set} of θ; θ* is its minimum-norm point, and a run can reach L* without nearing it.";
        }
    }

    /// <summary>The Hessian of the mean-squared error, row-major p×p.</summary>
    /// <remarks>H = 2S = 2ZᵀZ/n, the same at every θ.</remarks>
    public IReadOnlyList<double> Hessian => _hessian;

    /// <summary>The eigenvalues of H, ascending.</summary>
    public IReadOnlyList<double> Eigenvalues => _eigenvalues;

    /// <summary>Unit eigenvectors of H, one per eigenvalue in the same order, each in parameter order.</summary>
    /// <remarks>An eigenvector's sign is arbitrary; here its largest-magnitude component is positive.</remarks>
    public IReadOnlyList<IReadOnlyList<double>> Eigenvectors => _eigenvectors;

    /// <summary>λmin, the curvature of the flattest direction (clamped at zero against rounding).</summary>
    public double SmallestEigenvalue { get; }

    /// <summary>
    /// The curvature of the flattest direction the loss depends on, which sets the rates below: λmin, or, when the
    /// features are linearly dependent (<see cref="Rank"/> below p), the smallest eigenvalue that is not one of the
    /// p − rank zeros (λmin⁺), as the error along a zero's direction changes neither the loss nor its gradient.
    /// </summary>
    public double FlattestCurvature { get; }

    /// <summary>"λmin", or "λmin⁺" when the rates use the smallest nonzero eigenvalue (<see cref="FlattestCurvature"/>).</summary>
    public string FlattestName => LinearlyDependent ? "λmin⁺" : "λmin";

    /// <summary>λmax, the curvature of the steepest direction.</summary>
    public double LargestEigenvalue { get; }

    /// <summary>The condition number κ, how much more the steepest direction curves than the flattest; infinite when H is singular.</summary>
    /// <remarks>κ = λmax/λmin.</remarks>
    public double ConditionNumber { get; }

    /// <summary>The gradient-descent stability bound: a constant step converges only below it.</summary>
    /// <remarks>η &lt; 2/λmax, so that |1 − ηλmax| &lt; 1.</remarks>
    public double StabilityBound { get; }

    /// <summary>The constant step that makes gradient descent's slowest contraction smallest.</summary>
    /// <remarks>η = 2/(λmin + λmax), where 1 − ηλmin = −(1 − ηλmax).</remarks>
    public double BestConstantStep { get; }

    /// <summary>The error's contraction per step at the best constant step.</summary>
    /// <remarks>ρ = (κ − 1)/(κ + 1) = (λmax − λmin)/(λmax + λmin).</remarks>
    public double BestConstantRate { get; }

    /// <summary>Polyak's optimal heavy-ball step size.</summary>
    /// <remarks>
    /// η = 4/(√λmax + √λmin)² for θ ← θ − η∇L(θ) + μ(θ − θ_prev). torch.optim.SGD's momentum (b ← μb + g, θ ← θ − ηb,
    /// dampening 0) is the same iteration with the same η and μ.
    /// </remarks>
    public double HeavyBallStep { get; }

    /// <summary>Polyak's optimal heavy-ball momentum.</summary>
    /// <remarks>μ = ((√κ − 1)/(√κ + 1))².</remarks>
    public double HeavyBallMomentum { get; }

    /// <summary>The optimal heavy ball's asymptotic contraction per step.</summary>
    /// <remarks>ρ = (√κ − 1)/(√κ + 1) = √μ, against (κ − 1)/(κ + 1) without momentum.</remarks>
    public double HeavyBallRate { get; }

    /// <summary>Analyses the full-data loss of <paramref name="problem"/>.</summary>
    public static ProblemAnalysis Analyze(Problem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return Analyze(problem.FullData);
    }

    /// <summary>Analyses the loss <paramref name="form"/> (the full data or one batch).</summary>
    public static ProblemAnalysis Analyze(QuadraticForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var p = form.ParameterCount;
        var s = form.SecondMoment;
        var hessian = new double[p * p];
        for (var k = 0; k < hessian.Length; k++)
        {
            hessian[k] = 2.0 * s[k];
        }

        NumericGuard.RequireFinite(hessian, "the Hessian");
        var evd = Matrix<double>.Build.Dense(p, p, (i, j) => hessian[(i * p) + j]).Evd(Symmetricity.Symmetric);
        var values = evd.EigenValues.Real().ToArray();
        var order = Enumerable.Range(0, p).OrderBy(k => values[k]).ToArray();
        var eigenvalues = order.Select(k => values[k]).ToArray();
        var eigenvectors = new double[p][];
        for (var a = 0; a < p; a++)
        {
            var v = evd.EigenVectors.Column(order[a]).ToArray();
            var largest = v.MaxBy(Math.Abs);
            if (largest < 0)
            {
                for (var j = 0; j < p; j++)
                {
                    v[j] = -v[j];
                }
            }

            eigenvectors[a] = v;
        }

        return new ProblemAnalysis(form.Optimum.ToArray(), form.MinimumLoss, form.Rank, hessian, eigenvalues, eigenvectors);
    }

    /// <summary>The factor by which gradient descent with step η shrinks the error along each eigen direction per step, ascending λ.</summary>
    /// <remarks>|1 − ηλₖ|.</remarks>
    public double[] Contractions(double learningRate)
    {
        CheckLearningRate(learningRate);
        return [.. _eigenvalues.Select(l => Math.Abs(1.0 - (learningRate * Math.Max(l, 0.0))))];
    }

    /// <summary>The contraction per step of the slowest direction at step η, which sets gradient descent's rate.</summary>
    /// <remarks>
    /// maxₖ |1 − ηλₖ| = max(|1 − ηλmin|, |1 − ηλmax|): the flattest direction below the best constant step, the steepest
    /// above it; 1 or more means no progress.
    /// </remarks>
    public double SlowestContraction(double learningRate)
    {
        CheckLearningRate(learningRate);
        return Math.Max(Math.Abs(1.0 - (learningRate * FlattestCurvature)), Math.Abs(1.0 - (learningRate * LargestEigenvalue)));
    }

    /// <summary>Steps for gradient descent at step η to shrink the excess loss tenfold in its slowest direction; infinite if it does not contract.</summary>
    /// <remarks>The excess loss along a direction scales with the square of its error, so it shrinks by ρ² per step: ln 10 / (−2 ln ρ).</remarks>
    public double StepsPerDecade(double learningRate)
    {
        var rho = SlowestContraction(learningRate);
        return rho >= 1.0 ? double.PositiveInfinity : rho == 0.0 ? 0.0 : Math.Log(10.0) / (-2.0 * Math.Log(rho));
    }

    private static void CheckLearningRate(double learningRate)
    {
        if (!(learningRate >= 0) || !double.IsFinite(learningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, $"Invalid learning rate: {learningRate}");
        }
    }
}
