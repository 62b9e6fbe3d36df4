namespace DescentLab.Models;

/// <summary>One parameter tensor of a model: its <c>state_dict</c> key, its shape and where it lies in θ.</summary>
/// <param name="Name">The <c>state_dict</c> key, e.g. <c>0.weight</c>.</param>
/// <param name="Rows">Rows of a weight (output features); 1 for a bias.</param>
/// <param name="Columns">Columns of a weight (input features); the length of a bias.</param>
/// <param name="Offset">The index of the block's first element in θ.</param>
/// <param name="IsMatrix">Whether the tensor is two-dimensional (a weight) rather than a vector (a bias).</param>
public sealed record ParameterBlock(string Name, int Rows, int Columns, int Offset, bool IsMatrix)
{
    /// <summary>The number of elements.</summary>
    public int Length => Rows * Columns;

    /// <summary>The name of element <paramref name="index"/> of the block (row-major): <c>0.weight[1,0]</c>, <c>0.bias[3]</c>.</summary>
    public string ElementName(int index) => IsMatrix
        ? FormattableString.Invariant($"{Name}[{index / Columns},{index % Columns}]")
        : FormattableString.Invariant($"{Name}[{index}]");
}
