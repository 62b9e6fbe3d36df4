using DescentLab.Models;
using MathNet.Numerics.LinearAlgebra;

namespace DescentLab.Analysis;

/// <summary>The curvature of any model's full-data loss at a point: the Hessian by differences of the exact gradient, its extreme eigenvalues and the GD stability bound.</summary>
/// <param name="Hessian">The p×p Hessian, row-major, symmetrised.</param>
/// <param name="MinEigenvalue">Its smallest eigenvalue (negative away from a minimum of a non-convex loss).</param>
/// <param name="MaxEigenvalue">Its largest eigenvalue λmax.</param>
/// <param name="StabilityBound">2/λmax: plain GD at a larger learning rate is unstable near this point; NaN when λmax ≤ 0.</param>
public sealed record CurvatureAnalysis(double[] Hessian, double MinEigenvalue, double MaxEigenvalue, double StabilityBound)
{
    /// <summary>The largest p a dense Hessian is computed for (p gradient pairs and a p×p eigenproblem).</summary>
    public const int MaxParameters = 2_000;

    /// <summary>
    /// Column j of the Hessian is (∇L(θ + hⱼeⱼ) − ∇L(θ − hⱼeⱼ)) / 2hⱼ with hⱼ = 1e-5·max(1, |θⱼ|), the gradient exact
    /// (the model's full-batch kernel); then H ← (H + Hᵀ)/2 and its eigenvalues by MathNet's symmetric solver.
    /// </summary>
    /// <remarks>
    /// Central differences of an exact gradient have truncation error h²·|∇³L|/6 and rounding error ε·|∇L|/h, both
    /// near 1e-10 relative at this h for losses of order one: ample for λmax and the stability bound.
    /// </remarks>
    public static CurvatureAnalysis At(IModel model, ReadOnlySpan<double> theta)
    {
        ArgumentNullException.ThrowIfNull(model);
        var p = model.ParameterCount;
        if (theta.Length != p)
        {
            throw new ArgumentException($"theta has {theta.Length} values; the model has {p} parameters.", nameof(theta));
        }

        if (p > MaxParameters)
        {
            throw new ArgumentException($"a dense Hessian of {p} parameters is too large; the limit is {MaxParameters}.", nameof(model));
        }

        NumericGuard.RequireFinite(theta, "theta");
        var all = Enumerable.Range(0, model.SampleCount).ToArray();
        var workspace = new double[model.WorkspaceLength];
        var plus = new double[p];
        var minus = new double[p];
        var point = theta.ToArray();
        var hessian = new double[p * p];
        for (var j = 0; j < p; j++)
        {
            var h = 1e-5 * Math.Max(1, Math.Abs(theta[j]));
            point[j] = theta[j] + h;
            model.BatchLossAndGradient(point, all, plus, workspace);
            point[j] = theta[j] - h;
            model.BatchLossAndGradient(point, all, minus, workspace);
            var width = (theta[j] + h) - (theta[j] - h);
            point[j] = theta[j];
            for (var i = 0; i < p; i++)
            {
                hessian[(i * p) + j] = (plus[i] - minus[i]) / width;
            }
        }

        for (var i = 0; i < p; i++)
        {
            for (var j = i + 1; j < p; j++)
            {
                var mean = 0.5 * (hessian[(i * p) + j] + hessian[(j * p) + i]);
                hessian[(i * p) + j] = mean;
                hessian[(j * p) + i] = mean;
            }
        }

        NumericGuard.RequireFinite(hessian, "the Hessian");
        var eigenvalues = Matrix<double>.Build.Dense(p, p, (i, j) => hessian[(i * p) + j]).Evd(Symmetricity.Symmetric).EigenValues.Select(e => e.Real).ToArray();
        var max = eigenvalues.Max();
        return new CurvatureAnalysis(hessian, eigenvalues.Min(), max, max > 0 ? 2 / max : double.NaN);
    }
}
