using System.Numerics;
using DescentLab.Data;
using DescentLab.Models;
using DescentLab.Optimizers;
using DescentLab.Randomness;

namespace DescentLab.Tests.Models;

/// <summary>
/// The network kernels on 512-bit lanes and on <see cref="Vector{T}"/> lanes give the same bits (Vector512 runs in
/// software where the processor lacks it, so both paths are checked on every machine).
/// </summary>
public class LanesTests
{
    [Fact]
    public void Tanh_512BitLanes_EqualVectorLanesBitForBit()
    {
        var random = new Random(7);
        var values = new double[8 * 20_000];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = i % 5 == 0 ? (random.NextDouble() - 0.5) * 0.8 : (random.NextDouble() - 0.5) * 50;
        }

        values[3] = double.NaN;
        values[9] = double.PositiveInfinity;
        values[10] = -0.0;
        var wide = new double[values.Length];
        var narrow = new double[values.Length];
        VectorActivations.Apply<Lanes512>(Activation.Tanh, values, wide);
        VectorActivations.Apply<LanesN>(Activation.Tanh, values, narrow);
        for (var i = 0; i < values.Length; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(narrow[i]), BitConverter.DoubleToInt64Bits(wide[i]));
            Assert.Equal(BitConverter.DoubleToInt64Bits(VectorActivations.Tanh(new Vector<double>(values[i]))[0]), BitConverter.DoubleToInt64Bits(wide[i]));
        }
    }

    [Theory]
    [InlineData(Activation.Tanh, NetworkLoss.BinaryCrossEntropyWithLogits, 2)]
    [InlineData(Activation.Relu, NetworkLoss.CrossEntropy, 3)]
    [InlineData(Activation.Sigmoid, NetworkLoss.MeanSquaredError, 1)]
    [InlineData(Activation.Tanh, NetworkLoss.CrossEntropy, 5)]
    public void BatchLossAndGradient_512BitLanes_EqualVectorLanesBitForBit(Activation activation, NetworkLoss loss, int classes)
    {
        var random = new Random(11);
        foreach (var (inputs, hidden) in new (int, int[])[] { (2, [16, 16]), (3, [5]), (1, [9, 17, 3]), (7, []) })
        {
            const int n = 83;
            var columns = Enumerable.Range(0, inputs).Select(_ => Enumerable.Range(0, n).Select(_ => (random.NextDouble() - 0.5) * 6).ToArray()).ToArray();
            double[] y = [.. Enumerable.Range(0, n).Select(_ => loss == NetworkLoss.MeanSquaredError ? random.NextDouble() : random.Next(loss == NetworkLoss.CrossEntropy ? classes : 2))];
            var outputs = loss == NetworkLoss.CrossEntropy ? classes : 1;
            var network = new NeuralNetwork(new Dataset([.. Enumerable.Range(1, inputs).Select(c => $"x{c}")], columns, "y", y), [inputs, .. hidden, outputs], activation, loss);
            var theta = network.DrawInit(new TorchGenerator(3));
            var wide = new double[network.ParameterCount];
            var narrow = new double[network.ParameterCount];
            var workspace = new double[network.WorkspaceLength];
            foreach (var size in new[] { 1, 7, 25, 32, 33, 83 })
            {
                int[] batch = [.. Enumerable.Range(0, size).Select(_ => random.Next(n))];
                // Whatever the workspace held before (here NaN, then the other lane type's leftovers) must not matter.
                workspace.AsSpan().Fill(double.NaN);
                var lossWide = network.BatchLossAndGradient<Lanes512>(theta, batch, wide, workspace);
                var lossNarrow = network.BatchLossAndGradient<LanesN>(theta, batch, narrow, workspace);
                Assert.Equal(BitConverter.DoubleToInt64Bits(lossNarrow), BitConverter.DoubleToInt64Bits(lossWide));
                Assert.Equal(narrow.Select(BitConverter.DoubleToInt64Bits), wide.Select(BitConverter.DoubleToInt64Bits));
                Assert.True(double.IsFinite(lossWide) && wide.All(double.IsFinite));
            }

            Assert.Equal(
                BitConverter.DoubleToInt64Bits(network.FullData<LanesN>(theta, workspace, accuracy: false)),
                BitConverter.DoubleToInt64Bits(network.FullData<Lanes512>(theta, workspace, accuracy: false)));
        }
    }

    /// <summary>The optimizers' vector loops give the scalar loop's bits: a parameter count that fills vectors and one that does not.</summary>
    [Fact]
    public void Optimizers_VectorAndScalarElements_SameBits()
    {
        var random = new Random(5);
        OptimizerOptions[] options =
        [
            new SgdOptions { LearningRate = 0.1 },
            new SgdOptions { LearningRate = 0.1, Momentum = 0.9, WeightDecay = 1e-3, Nesterov = true },
            new SgdOptions { LearningRate = 0.1, Momentum = 0.5, Dampening = 0.1, Maximize = true },
            new AdamOptions { LearningRate = 0.01 },
            new AdamOptions { LearningRate = 0.01, WeightDecay = 1e-2, Maximize = true },
            new AdamWOptions { LearningRate = 0.01 },
        ];
        foreach (var option in options)
        {
            // Element i of the long run must equal the same element run alone (a 1-parameter problem is scalar only).
            const int p = 37;
            var theta = Enumerable.Range(0, p).Select(_ => random.NextDouble() - 0.5).ToArray();
            var singles = theta.Select(t => new[] { t }).ToArray();
            var optimizer = option.Create(p);
            var scalar = singles.Select(_ => option.Create(1)).ToArray();
            for (var step = 0; step < 5; step++)
            {
                var gradient = Enumerable.Range(0, p).Select(_ => random.NextDouble() - 0.5).ToArray();
                optimizer.Step(theta, gradient, 0.05);
                for (var i = 0; i < p; i++)
                {
                    scalar[i].Step(singles[i], [gradient[i]], 0.05);
                }
            }

            for (var i = 0; i < p; i++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(singles[i][0]), BitConverter.DoubleToInt64Bits(theta[i]));
            }
        }
    }
}
