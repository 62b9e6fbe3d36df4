namespace DescentLab.Models;

/// <summary>The model families an experiment can train.</summary>
public enum ModelKind
{
    /// <summary>Least squares on polynomial features (<see cref="Problem"/>): MSE, exact landscapes.</summary>
    Linear,

    /// <summary><c>nn.Linear(d, 1)</c> with BCEWithLogitsLoss: two classes.</summary>
    Logistic,

    /// <summary><c>nn.Linear(d, K)</c> with CrossEntropyLoss: K classes.</summary>
    Softmax,

    /// <summary><c>Sequential(Linear, act, …, Linear)</c>: BCEWithLogits for two classes, CrossEntropy for more, MSE for regression data.</summary>
    Mlp,
}
