using DescentLab.Models;
using MathNet.Numerics.LinearAlgebra;

namespace DescentLab.Analysis;

/// <summary>The minimiser of logistic regression's mean BCE loss by Newton's method, or the statement that there is none.</summary>
/// <param name="Theta">θ* in the network's order (weights, then bias); null when the data is separable or Newton did not converge.</param>
/// <param name="Loss">L(θ*), or the loss at the last iterate.</param>
/// <param name="Iterations">Newton steps taken.</param>
/// <param name="Separable">Whether the data is linearly separable: some θ puts every sample strictly on its side, so L → 0 as θ grows along it and no finite θ* exists.</param>
/// <param name="Certificate">When separable, such a θ (the Newton iterate that first classified every sample with a positive margin).</param>
public sealed record LogisticOptimum(double[]? Theta, double Loss, int Iterations, bool Separable, double[]? Certificate)
{
    /// <summary>The most Newton steps taken.</summary>
    public const int MaxIterations = 100;

    /// <summary>A sentence for the output: θ* and its loss, or why there is none.</summary>
    public string Statement => Separable
        ? "the data is linearly separable: no finite θ* exists (a θ classifying every sample correctly was found; the loss tends to 0 as θ grows along it)"
        : Theta is null
            ? $"Newton's method did not converge in {Iterations} steps"
            : $"θ* by Newton's method in {Iterations} steps";

    /// <summary>
    /// Newton's method from θ = 0 on L(θ) = mean BCEWithLogits: θ ← θ − t·H⁻¹∇L with H = Xᵀdiag(p(1−p))X/n (X with a
    /// column of ones for the bias), t halved from 1 until the loss does not increase (to rounding); converged when
    /// |∇L|∞ ≤ 1e-12·(1 + |θ|∞) or the Newton step is below 1e-14·(1 + |θ|∞). Separable data is recognised by an
    /// iterate that classifies every sample with a positive margin, which is a proof that no finite θ* exists.
    /// </summary>
    public static LogisticOptimum Find(NeuralNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (network.Widths.Count != 2 || network.LossKind != NetworkLoss.BinaryCrossEntropyWithLogits)
        {
            throw new ArgumentException("Newton's θ* is for logistic regression: one Linear layer with BCEWithLogits.", nameof(network));
        }

        var d = network.Widths[0];
        var p = d + 1;
        var n = network.SampleCount;
        var data = network.Data;
        var targets = data.Output;
        var theta = new double[p];
        var all = Enumerable.Range(0, n).ToArray();
        var workspace = new double[network.WorkspaceLength];
        var gradient = new double[p];
        var loss = network.BatchLossAndGradient(theta, all, gradient, workspace);
        var row = new double[p];
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            if (Separates(network, theta))
            {
                return new LogisticOptimum(null, loss, iteration, Separable: true, theta.ToArray());
            }

            if (gradient.Max(Math.Abs) <= 1e-12 * (1 + theta.Max(Math.Abs)))
            {
                return new LogisticOptimum(theta, loss, iteration, Separable: false, null);
            }

            var hessian = Matrix<double>.Build.Dense(p, p);
            for (var i = 0; i < n; i++)
            {
                for (var c = 0; c < d; c++)
                {
                    row[c] = data.Input(c)[i];
                }

                row[d] = 1;
                var z = theta[d];
                for (var c = 0; c < d; c++)
                {
                    z += theta[c] * row[c];
                }

                var s = 1 / (1 + Math.Exp(-z));
                var weight = s * (1 - s) / n;
                for (var a = 0; a < p; a++)
                {
                    for (var b = 0; b < p; b++)
                    {
                        hessian[a, b] += weight * row[a] * row[b];
                    }
                }
            }

            Vector<double> step;
            try
            {
                step = hessian.Cholesky().Solve(Vector<double>.Build.DenseOfArray(gradient));
            }
            catch (ArgumentException)
            {
                // A singular Hessian: the probabilities saturated (p(1−p) ≈ 0) along a separating direction.
                return new LogisticOptimum(null, loss, iteration, Separates(network, theta), null);
            }

            if (step.AbsoluteMaximum() <= 1e-14 * (1 + theta.Max(Math.Abs)))
            {
                // The Newton step is below θ's last bits: the gradient is zero to rounding.
                return new LogisticOptimum(theta, loss, iteration, Separable: false, null);
            }

            var t = 1.0;
            var next = new double[p];
            var nextGradient = new double[p];
            double nextLoss;
            var halvings = 0;

            // Near θ* the loss changes by less than its rounding; a step within that is accepted.
            var slack = 4 * double.Epsilon + (1e-15 * Math.Abs(loss));
            do
            {
                for (var j = 0; j < p; j++)
                {
                    next[j] = theta[j] - (t * step[j]);
                }

                nextLoss = network.BatchLossAndGradient(next, all, nextGradient, workspace);
                t /= 2;
            }
            while (!(nextLoss <= loss + slack) && ++halvings < 60);

            if (!(nextLoss <= loss + slack))
            {
                return new LogisticOptimum(null, loss, iteration, false, null);
            }

            theta = next;
            gradient = nextGradient;
            loss = nextLoss;
        }

        return new LogisticOptimum(null, loss, MaxIterations, Separates(network, theta), Separates(network, theta) ? theta : null);
    }

    private static bool Separates(NeuralNetwork network, double[] theta)
    {
        var d = network.Widths[0];
        var data = network.Data;
        for (var i = 0; i < network.SampleCount; i++)
        {
            var z = theta[d];
            for (var c = 0; c < d; c++)
            {
                z += theta[c] * data.Input(c)[i];
            }

            var label = data.Output[i];
            if (!(label == 1 ? z > 0 : z < 0))
            {
                return false;
            }
        }

        return true;
    }
}
