using DescentLab.Optimizers;
using DescentLab.Randomness;
using DescentLab.Sampling;
using DescentLab.Tests.Optimizers;
using DescentLab.Tests.Support;
using DescentLab.Training;

namespace DescentLab.Tests.Models;

/// <summary>NeuralNetwork against torch 1.13 in float64 (tests/reference/model_golden.py).</summary>
public class NeuralNetworkGoldenTests
{
    public static TheoryData<string> Kinds => [.. ModelGolden.Kinds];

    public static TheoryData<string, string> Trajectories()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in new[] { "logistic", "softmax", "mlp_tanh" })
        {
            foreach (var optimizer in new[] { "sgd", "momentum", "adam" })
            {
                data.Add(kind, optimizer);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void DrawInit_ManualSeed_EqualsTorchBitForBit(string kind)
    {
        var golden = ModelGolden.Models.GetProperty(kind);
        var network = ModelGolden.Network(kind);
        var init = network.DrawInit(new TorchGenerator((ulong)golden.GetProperty("seed").GetInt32()));
        Assert.Equal(golden.GetProperty("init").Doubles(), init);
        Assert.Equal([.. golden.GetProperty("names").EnumerateArray().Select(e => e.GetString()!)], network.ParameterNames);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void LossAndGradient_AtInitBatchAndFarPoint_MatchTorchWithin1e12(string kind)
    {
        var golden = ModelGolden.Models.GetProperty(kind);
        var network = ModelGolden.Network(kind);
        var workspace = new double[network.WorkspaceLength];
        var gradient = new double[network.ParameterCount];
        var all = Enumerable.Range(0, network.SampleCount).ToArray();

        var init = golden.GetProperty("init").Doubles();
        Check("full", golden.GetProperty("loss").GetDouble(), golden.GetProperty("gradient").Doubles(), network.BatchLossAndGradient(init, all, gradient, workspace), gradient);
        Golden.Close(golden.GetProperty("loss").GetDouble(), network.Loss(init), 1e-12, 0, "full-data loss");

        int[] batch = [.. golden.GetProperty("batch").EnumerateArray().Select(e => e.GetInt32())];
        Check("batch", golden.GetProperty("batch_loss").GetDouble(), golden.GetProperty("batch_gradient").Doubles(), network.BatchLossAndGradient(init, batch, gradient, workspace), gradient);

        var far = golden.GetProperty("far").Doubles();
        Check("far", golden.GetProperty("far_loss").GetDouble(), golden.GetProperty("far_gradient").Doubles(), network.BatchLossAndGradient(far, all, gradient, workspace), gradient);
    }

    /// <summary>
    /// 300 steps of the trainer with the fixed-order sampler, from torch's init, against torch's own loop. torch sums
    /// batches through matrix products and this kernel sample by sample, so each gradient differs in the last bits, and
    /// those differences are carried along: 1e-9 relative (1e-12 absolute for values crossing zero) bounds them.
    /// </summary>
    [Theory]
    [MemberData(nameof(Trajectories))]
    public void Train_SequentialBatches_FollowsTorchWithin1e9(string kind, string optimizer)
    {
        var golden = Golden.Load("models", $"trajectory_{kind}_{optimizer}.json").RootElement;
        var network = ModelGolden.Network(kind);
        var init = ModelGolden.Models.GetProperty(kind).GetProperty("init").Doubles();
        OptimizerOptions options = optimizer switch
        {
            "sgd" => new SgdOptions { LearningRate = 0.1 },
            "momentum" => new SgdOptions { LearningRate = 0.05, Momentum = 0.9 },
            _ => new AdamOptions { LearningRate = 0.01 },
        };
        TorchNames.AssertMatches(options, golden.GetProperty("options"), OptimizerDefaults(golden.GetProperty("optimizer").GetString()!));
        var steps = golden.GetProperty("steps").GetInt32();
        var batchSize = golden.GetProperty("batch_size").GetInt32();
        var method = new Method(optimizer, new SamplerOptions { Kind = SamplerKind.Sequential, BatchSize = batchSize }, options);
        var epochs = steps * batchSize / network.SampleCount;
        var trajectory = Trainer.Train(network, method, init, new TrainingOptions { Epochs = epochs }, LoaderRandomness.Private(new TorchGenerator(0)));
        Assert.Equal(steps + 1, trajectory.Count);

        var batchLoss = golden.GetProperty("batch_loss").Doubles();
        for (var s = 1; s <= steps; s++)
        {
            Golden.Close(batchLoss[s - 1], trajectory.BatchLoss[s], 1e-9, 1e-12, $"batch loss at step {s}");
        }

        var theta = new double[network.ParameterCount];
        foreach (var row in golden.GetProperty("rows").EnumerateArray())
        {
            var step = row.GetProperty("step").GetInt32();
            trajectory.ParametersAt(step, theta);
            var expected = row.GetProperty("theta").Doubles();
            for (var j = 0; j < theta.Length; j++)
            {
                Golden.Close(expected[j], theta[j], 1e-9, 1e-12, $"{network.ParameterNames[j]} at step {step}");
            }
        }
    }

    private static System.Text.Json.JsonElement OptimizerDefaults(string name) =>
        Golden.Load("optimizers", "defaults.json").RootElement.GetProperty(name).Clone();

    private static void Check(string what, double expectedLoss, double[] expectedGradient, double loss, double[] gradient)
    {
        Golden.Close(expectedLoss, loss, 1e-12, 0, $"{what} loss");
        // Components are compared against the gradient's scale: one that cancels towards zero keeps only absolute digits.
        var scale = expectedGradient.Max(Math.Abs);
        for (var j = 0; j < gradient.Length; j++)
        {
            Golden.Close(expectedGradient[j], gradient[j], 1e-12, 1e-13 * scale, $"{what} gradient[{j}]");
        }
    }
}
