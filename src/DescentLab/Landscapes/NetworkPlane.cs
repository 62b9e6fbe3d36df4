using DescentLab.Models;
using DescentLab.Randomness;
using DescentLab.Training;
using MathNet.Numerics.LinearAlgebra;

namespace DescentLab.Landscapes;

/// <summary>
/// Loss landscapes of any model on a plane through a centre θ₀ spanned by two directions, as Li et al. ("Visualizing the
/// Loss Landscape of Neural Nets", 2018) draw them: L(θ₀ + α·d₁ + β·d₂) over a grid of (α, β).
/// </summary>
public static class NetworkPlane
{
    /// <summary>
    /// A random Gaussian direction as Li et al.'s <c>get_random_weights</c> draws it: one <c>torch.randn(w.size())</c> per
    /// parameter tensor in <c>state_dict</c> order (float64, from <paramref name="generator"/>), flattened as θ is.
    /// </summary>
    public static double[] RandomDirection(IModel model, TorchGenerator generator)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(generator);
        var direction = new double[model.ParameterCount];
        foreach (var block in model.Blocks)
        {
            generator.Normal(direction.AsSpan(block.Offset, block.Length));
        }

        return direction;
    }

    /// <summary>
    /// Filter normalization (Li et al. §4, <c>normalize_directions_for_weights</c> with norm='filter'): every row of a
    /// weight's direction (one output neuron's filter) is scaled to the norm of the same row of θ, d ← d·‖w‖/(‖d‖ + 1e-10);
    /// a bias's direction follows <paramref name="biases"/>.
    /// </summary>
    public static void FilterNormalize(IModel model, Span<double> direction, ReadOnlySpan<double> theta, BiasDirectionRule biases)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (direction.Length != model.ParameterCount || theta.Length != model.ParameterCount)
        {
            throw new ArgumentException($"direction and theta need {model.ParameterCount} values each.", nameof(direction));
        }

        foreach (var block in model.Blocks)
        {
            var d = direction.Slice(block.Offset, block.Length);
            var w = theta.Slice(block.Offset, block.Length);
            if (!block.IsMatrix)
            {
                if (biases == BiasDirectionRule.Zero)
                {
                    d.Clear();
                }
                else
                {
                    w.CopyTo(d);
                }

                continue;
            }

            for (var r = 0; r < block.Rows; r++)
            {
                var dr = d.Slice(r * block.Columns, block.Columns);
                var scale = SpanMath.Norm(w.Slice(r * block.Columns, block.Columns)) / (SpanMath.Norm(dr) + 1e-10);
                for (var k = 0; k < dr.Length; k++)
                {
                    dr[k] *= scale;
                }
            }
        }
    }

    /// <summary>
    /// The full-data loss at θ₀ + αᵢ·d₁ + βⱼ·d₂ for every pair: row i of the result is α = <paramref name="alphas"/>[i], column j
    /// is β = <paramref name="betas"/>[j]. Rows are evaluated in parallel; each point is computed as a direct evaluation would.
    /// </summary>
    public static double[,] Evaluate(
        IModel model,
        ReadOnlySpan<double> centre,
        ReadOnlySpan<double> d1,
        ReadOnlySpan<double> d2,
        IReadOnlyList<double> alphas,
        IReadOnlyList<double> betas,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(alphas);
        ArgumentNullException.ThrowIfNull(betas);
        var p = model.ParameterCount;
        if (centre.Length != p || d1.Length != p || d2.Length != p)
        {
            throw new ArgumentException($"centre and both directions need {p} values each.", nameof(centre));
        }

        var c = centre.ToArray();
        var u = d1.ToArray();
        var v = d2.ToArray();
        var surface = new double[alphas.Count, betas.Count];
        var options = new ParallelOptions { CancellationToken = cancellationToken };

        // A network's loss takes a caller's workspace: one per worker, with its point, reused across its rows.
        var network = model as NeuralNetwork;
        var scratch = network?.ForwardWorkspaceLength ?? 0;
        Parallel.For(0, alphas.Count, options, () => new double[p + scratch], (i, _, buffer) =>
        {
            var point = buffer.AsSpan(0, p);
            var workspace = buffer.AsSpan(p);
            for (var j = 0; j < betas.Count; j++)
            {
                PointAt(c, u, v, alphas[i], betas[j], point);
                surface[i, j] = network is not null ? network.Loss(point, workspace) : model.Loss(point);
            }

            return buffer;
        }, _ => { });
        return surface;
    }

    /// <summary>
    /// The first two principal directions of a trajectory (Li et al. §7): the rows θᵢ − θ_final of every recorded step
    /// before the last, centred on their mean (as scikit-learn's PCA does), and the two leading right singular vectors
    /// of that matrix. Signs are fixed so that each direction's entry of largest magnitude is positive (the first such
    /// entry on a tie), so the output does not depend on the SVD routine's signs.
    /// </summary>
    /// <returns>The two unit directions and the share of the variance each explains.</returns>
    public static (double[] First, double[] Second, double FirstShare, double SecondShare) PcaDirections(Trajectory trajectory)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        var p = trajectory.ParameterCount;
        var rows = trajectory.Count - 1;
        if (rows < 2)
        {
            throw new ArgumentException("PCA directions need at least three recorded points.", nameof(trajectory));
        }

        var final = new double[p];
        trajectory.ParametersAt(rows, final);
        var matrix = Matrix<double>.Build.Dense(rows, p);
        var theta = new double[p];
        for (var i = 0; i < rows; i++)
        {
            trajectory.ParametersAt(i, theta);
            for (var k = 0; k < p; k++)
            {
                matrix[i, k] = theta[k] - final[k];
            }
        }

        for (var k = 0; k < p; k++)
        {
            var mean = 0.0;
            for (var i = 0; i < rows; i++)
            {
                mean += matrix[i, k];
            }

            mean /= rows;
            for (var i = 0; i < rows; i++)
            {
                matrix[i, k] -= mean;
            }
        }

        NumericGuard.RequireFinite(matrix.AsColumnMajorArray() ?? matrix.ToColumnMajorArray(), "the trajectory");
        var svd = matrix.Svd(computeVectors: true);
        var total = svd.S.Sum(x => x * x);
        var first = Signed(svd.VT.Row(0).ToArray());
        var second = Signed(svd.VT.Row(1).ToArray());
        return (first, second, svd.S[0] * svd.S[0] / total, svd.S[1] * svd.S[1] / total);
    }

    private static double[] Signed(double[] direction)
    {
        var largest = 0;
        for (var k = 1; k < direction.Length; k++)
        {
            if (Math.Abs(direction[k]) > Math.Abs(direction[largest]))
            {
                largest = k;
            }
        }

        if (direction[largest] < 0)
        {
            for (var k = 0; k < direction.Length; k++)
            {
                direction[k] = -direction[k];
            }
        }

        return direction;
    }

    /// <summary>θ₀ + α·d₁ + β·d₂, written to <paramref name="point"/>: the point a plane's cell (α, β) stands for.</summary>
    public static void PointAt(ReadOnlySpan<double> centre, ReadOnlySpan<double> d1, ReadOnlySpan<double> d2, double alpha, double beta, Span<double> point)
    {
        for (var k = 0; k < point.Length; k++)
        {
            point[k] = centre[k] + (alpha * d1[k]) + (beta * d2[k]);
        }
    }
}
