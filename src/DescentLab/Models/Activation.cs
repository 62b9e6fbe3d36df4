namespace DescentLab.Models;

/// <summary>The nonlinearity between two <c>nn.Linear</c> layers of a multilayer perceptron.</summary>
public enum Activation
{
    /// <summary><c>nn.Tanh</c>; backward (1 − y²)·g as torch's <c>tanh_backward</c>.</summary>
    Tanh,

    /// <summary><c>nn.ReLU</c>; backward g where x &gt; 0, else 0 (the gradient at 0 is 0, as torch's <c>threshold_backward</c>).</summary>
    Relu,

    /// <summary><c>nn.Sigmoid</c>; backward (1 − y)·y·g as torch's <c>sigmoid_backward</c>.</summary>
    Sigmoid,
}
