using DescentLab.Randomness;

namespace DescentLab.Models;

/// <summary>The initial parameters of a fresh <c>nn.Linear</c>, drawn as torch 1.13 draws them.</summary>
/// <remarks>
/// <c>Linear.reset_parameters</c>: <c>kaiming_uniform_(weight, a=math.sqrt(5))</c>, i.e. bound = sqrt(3)·gain/sqrt(fan_in)
/// with gain = sqrt(2/(1 + a²)) (torch/nn/init.py, computed in double in the same order), then float32
/// <c>uniform_(-bound, bound)</c> for the weights in row-major order, then <c>uniform_(-1/sqrt(fan_in), 1/sqrt(fan_in))</c>
/// for the bias. A <c>Sequential</c> draws its layers in order.
/// </remarks>
public static class TorchLinearInit
{
    /// <summary>Draws the weights w[0..inFeatures−1] and then the bias of a fresh <c>nn.Linear(inFeatures, 1)</c>, as float32 values widened to double.</summary>
    public static double[] Draw(TorchGenerator generator, int inFeatures)
    {
        var parameters = new double[inFeatures + 1];
        DrawLayer(generator, inFeatures, parameters.AsSpan(0, inFeatures), parameters.AsSpan(inFeatures, 1));
        return parameters;
    }

    /// <summary>
    /// Draws a fresh <c>nn.Linear(inFeatures, bias.Length)</c>: its weight (bias.Length × inFeatures, row-major) into
    /// <paramref name="weight"/>, then its bias into <paramref name="bias"/>, as float32 values widened to double.
    /// </summary>
    public static void DrawLayer(TorchGenerator generator, int inFeatures, Span<double> weight, Span<double> bias)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inFeatures);
        if (bias.IsEmpty || weight.Length != bias.Length * inFeatures)
        {
            throw new ArgumentException($"A Linear({inFeatures}, {bias.Length}) layer has {bias.Length * inFeatures} weights, not {weight.Length}.", nameof(weight));
        }

        var weightBound = KaimingUniformBound(inFeatures);
        for (var j = 0; j < weight.Length; j++)
        {
            weight[j] = generator.UniformSingle((float)-weightBound, (float)weightBound);
        }

        var biasBound = 1 / Math.Sqrt(inFeatures);
        for (var j = 0; j < bias.Length; j++)
        {
            bias[j] = generator.UniformSingle((float)-biasBound, (float)biasBound);
        }
    }

    /// <summary>The weight bound <c>kaiming_uniform_(a=math.sqrt(5))</c> computes for <paramref name="fanIn"/>, in double as Python does.</summary>
    public static double KaimingUniformBound(int fanIn)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fanIn);
        var a = Math.Sqrt(5);

        // calculate_gain('leaky_relu', a): math.sqrt(2.0 / (1 + a ** 2)); Python's float ** 2 is pow(a, 2), the correctly rounded a·a.
        var gain = Math.Sqrt(2.0 / (1 + (a * a)));
        var std = gain / Math.Sqrt(fanIn);
        return Math.Sqrt(3.0) * std;
    }
}
