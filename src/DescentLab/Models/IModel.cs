namespace DescentLab.Models;

/// <summary>
/// A trainable model on a fixed dataset: parameters as one flat vector θ, a batch loss-and-gradient kernel, the
/// full-data loss, and the closed-form pieces the model has.
/// </summary>
/// <remarks>
/// θ is the concatenation of the model's parameter tensors in PyTorch <c>state_dict</c> order, each flattened
/// row-major (<see cref="Blocks"/>), so a trajectory's columns are what <c>torch.cat([p.flatten() for p in
/// model.parameters()])</c> holds. The trainer, samplers, optimizers and statistics see only this interface.
/// </remarks>
public interface IModel
{
    /// <summary>The number of samples n the losses average over.</summary>
    int SampleCount { get; }

    /// <summary>The number of parameters p.</summary>
    int ParameterCount { get; }

    /// <summary>One name per parameter, in θ order.</summary>
    IReadOnlyList<string> ParameterNames { get; }

    /// <summary>The parameter tensors, in <c>state_dict</c> order; their lengths add up to <see cref="ParameterCount"/>.</summary>
    IReadOnlyList<ParameterBlock> Blocks { get; }

    /// <summary>The doubles of scratch space <see cref="BatchLossAndGradient"/> needs (0 for none).</summary>
    int WorkspaceLength { get; }

    /// <summary>The loss L* at the exact optimum when the model has a closed form for it; null otherwise.</summary>
    double? MinimumLoss { get; }

    /// <summary>
    /// The mean loss of the samples <paramref name="batch"/> at θ, with its gradient written to
    /// <paramref name="gradient"/>. Uses <paramref name="workspace"/> (at least <see cref="WorkspaceLength"/> long) for
    /// scratch and allocates nothing, so one model serves parallel runs that each own a workspace.
    /// </summary>
    double BatchLossAndGradient(ReadOnlySpan<double> theta, ReadOnlySpan<int> batch, Span<double> gradient, Span<double> workspace);

    /// <summary>The full-data loss L(θ).</summary>
    double Loss(ReadOnlySpan<double> theta);
}
