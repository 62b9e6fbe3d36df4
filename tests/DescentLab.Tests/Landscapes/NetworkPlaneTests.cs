using CsCheck;
using DescentLab.Landscapes;
using DescentLab.Randomness;
using DescentLab.Tests.Models;
using DescentLab.Tests.Support;

namespace DescentLab.Tests.Landscapes;

public class NetworkPlaneTests
{
    [Fact]
    public void RandomDirection_OneRandnPerTensor_EqualsTorchBitForBit()
    {
        var golden = Golden.Load("models", "directions.json").RootElement;
        var network = ModelGolden.Network("mlp_tanh");
        Assert.Equal(golden.GetProperty("raw").Doubles(), NetworkPlane.RandomDirection(network, new TorchGenerator(7)));
    }

    /// <summary>
    /// Against Li et al.'s normalize_directions_for_weights run in torch (tests/reference/model_golden.py). torch's norm
    /// sums in another order than this loop, so each scale may differ in the last bit: 1e-15 relative.
    /// </summary>
    [Theory]
    [InlineData(BiasDirectionRule.Zero, "filter_biasbn")]
    [InlineData(BiasDirectionRule.CopyParameter, "filter_copy")]
    public void FilterNormalize_MatchesLiEtAlsCode(BiasDirectionRule rule, string key)
    {
        var golden = Golden.Load("models", "directions.json").RootElement;
        var network = ModelGolden.Network("mlp_tanh");
        var theta = ModelGolden.Models.GetProperty("mlp_tanh").GetProperty("init").Doubles();
        var direction = golden.GetProperty("raw").Doubles();
        NetworkPlane.FilterNormalize(network, direction, theta, rule);
        var expected = golden.GetProperty(key).Doubles();
        for (var k = 0; k < expected.Length; k++)
        {
            Golden.Close(expected[k], direction[k], 1e-15, 0, network.ParameterNames[k]);
        }
    }

    /// <summary>
    /// The PCA directions of torch's own SGD trajectory of the MLP against NumPy's SVD (tests/reference/model_golden.py).
    /// MathNet's SVD and LAPACK's take other routes to the same vectors; with the two leading singular values well apart
    /// they agree to about 1e-12 of the unit direction.
    /// </summary>
    [Fact]
    public void PcaDirections_TorchTrajectory_MatchNumPySvdWithTheSignConvention()
    {
        var golden = Golden.Load("models", "directions.json").RootElement;
        var rows = Golden.Load("models", "trajectory_mlp_tanh_sgd.json").RootElement.GetProperty("rows");
        var network = ModelGolden.Network("mlp_tanh");
        var recorder = new DescentLab.Training.TrajectoryRecorder(network.ParameterNames, rows.GetArrayLength());
        foreach (var row in rows.EnumerateArray())
        {
            recorder.Record(row.GetProperty("step").GetInt64(), 0, 0, 0, 0, 0, row.GetProperty("theta").Doubles());
        }

        var (first, second, firstShare, secondShare) = NetworkPlane.PcaDirections(recorder.Build(null, null, double.PositiveInfinity));
        var expected = golden.GetProperty("pca").Rows();
        for (var k = 0; k < first.Length; k++)
        {
            Golden.Close(expected[0][k], first[k], 0, 1e-12, $"first[{k}]");
            Golden.Close(expected[1][k], second[k], 0, 1e-12, $"second[{k}]");
        }

        var shares = golden.GetProperty("pca_share").Doubles();
        Golden.Close(shares[0], firstShare, 1e-12, 0, "first share");
        Golden.Close(shares[1], secondShare, 1e-12, 0, "second share");
    }

    [Fact]
    public void Evaluate_RandomGrid_EqualsDirectEvaluationAtEveryPoint()
    {
        var network = ModelGolden.Network("mlp_relu");
        var theta = ModelGolden.Models.GetProperty("mlp_relu").GetProperty("init").Doubles();
        Gen.Select(Gen.UInt, Gen.Double[-2, 2].Array[1, 6], Gen.Double[-2, 2].Array[1, 6]).Sample((seed, alphas, betas) =>
        {
            var g = new TorchGenerator(seed);
            var d1 = NetworkPlane.RandomDirection(network, g);
            var d2 = NetworkPlane.RandomDirection(network, g);
            NetworkPlane.FilterNormalize(network, d1, theta, BiasDirectionRule.Zero);
            NetworkPlane.FilterNormalize(network, d2, theta, BiasDirectionRule.Zero);
            var surface = NetworkPlane.Evaluate(network, theta, d1, d2, alphas, betas);
            for (var i = 0; i < alphas.Length; i++)
            {
                for (var j = 0; j < betas.Length; j++)
                {
                    var point = new double[theta.Length];
                    for (var k = 0; k < point.Length; k++)
                    {
                        point[k] = theta[k] + (alphas[i] * d1[k]) + (betas[j] * d2[k]);
                    }

                    Assert.Equal(network.Loss(point), surface[i, j]);
                }
            }
        }, iter: 50);
    }
}
