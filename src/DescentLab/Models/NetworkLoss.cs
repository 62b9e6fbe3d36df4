namespace DescentLab.Models;

/// <summary>The loss a network's output is scored with, each with PyTorch's default mean reduction.</summary>
public enum NetworkLoss
{
    /// <summary><c>nn.MSELoss</c> on one output: regression.</summary>
    MeanSquaredError,

    /// <summary><c>nn.BCEWithLogitsLoss</c> on one logit: two classes, labels 0 and 1.</summary>
    BinaryCrossEntropyWithLogits,

    /// <summary><c>nn.CrossEntropyLoss</c> on K logits: K classes, labels 0 … K−1.</summary>
    CrossEntropy,
}
