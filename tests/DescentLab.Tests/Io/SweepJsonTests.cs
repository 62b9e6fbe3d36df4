using CsCheck;
using DescentLab.Experiments;
using DescentLab.Io;
using DescentLab.Optimizers;
using DescentLab.Sampling;
using DescentLab.Sweeps;
using DescentLab.Training;

namespace DescentLab.Tests.Io;

public sealed class SweepJsonTests
{
    [Fact]
    public void Parse_AxesAndNamedOptimizer_BuildsTheGrid()
    {
        var file = SweepJson.Parse("""
            { "name": "s", "epochs": 7, "replicates": 4,
              "sweep": { "lr": [0.01, 0.001], "batchSize": 10, "sampler": ["reshuffle", "full-batch"],
                         "optimizer": ["adam", { "name": "heavy", "kind": "sgd", "momentum": 0.9, "nesterov": true }] } }
            """, ".");

        var spec = file.Spec;
        Assert.Equal("s", spec.Base.Name);
        Assert.Equal(7, spec.Base.Training.Epochs);
        Assert.Equal(4, spec.Base.Replicates);
        Assert.Equal([0.01, 0.001], spec.LearningRates);
        Assert.Equal([10], spec.BatchSizes);
        Assert.Equal([SamplerKind.Reshuffle, SamplerKind.FullBatch], spec.Samplers);
        Assert.Equal("adam", spec.Optimizers[0].Name);
        Assert.IsType<AdamOptions>(spec.Optimizers[0].Options);
        Assert.Equal(new SgdOptions { Momentum = 0.9, Nesterov = true }, spec.Optimizers[1].Options);

        // 2 optimizers × (reshuffle × 1 batch size + full-batch) × 2 learning rates.
        Assert.Equal(8, spec.Cells().Count);
        Assert.Equal(32, spec.RunCount);
    }

    [Fact]
    public void Parse_NoAxes_TakesTheDefaults()
    {
        var spec = SweepJson.Parse("{ \"sweep\": {} }", ".").Spec;

        Assert.Equal(new SweepSpec { Base = spec.Base }, spec);
    }

    [Fact]
    public void Write_ThenParse_GivesTheSameSweepAndText()
    {
        var file = new SweepFile(
            new SweepSpec
            {
                Base = new ExperimentSpec { Name = "round \"trip\"", Seed = 11, Replicates = 3, Training = new TrainingOptions { Epochs = 5 } },
                LearningRates = [0.1, 1e-3, 0.30000000000000004],
                BatchSizes = [1, 7],
                Samplers = [SamplerKind.WithReplacement, SamplerKind.Sequential],
                Optimizers =
                [
                    new OptimizerChoice("rms", new RmspropOptions { Alpha = 0.9, Centered = true }),
                    new OptimizerChoice("ada", new AdagradOptions { LearningRateDecay = 0.01 }),
                    new OptimizerChoice("adamw", new AdamWOptions { Beta1 = 0.8, Amsgrad = true }),
                ],
            },
            new OutputSettings { Figures = FigureFormats.Svg, Report = false });

        var text = SweepJson.Write(file);
        var back = SweepJson.Parse(text, ".");

        Assert.Equal(file.Spec, back.Spec);
        Assert.Equal(file.Output, back.Output);
        Assert.Equal(text, SweepJson.Write(back));
        Assert.DoesNotContain("\"methods\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ThenParse_AnyAxes_RoundTrip()
    {
        var lrs = Gen.Double[1e-6, 10].Array[1, 4].Where(a => a.Distinct().Count() == a.Length);
        var sizes = Gen.Int[1, 100].Array[1, 4].Where(a => a.Distinct().Count() == a.Length);
        lrs.Select(sizes).Sample((lr, batch) =>
        {
            var file = new SweepFile(new SweepSpec { LearningRates = lr, BatchSizes = batch }, new OutputSettings());
            var back = SweepJson.Parse(SweepJson.Write(file), ".");
            Assert.Equal(file.Spec, back.Spec);
        });
    }

    [Theory]
    [InlineData("{ \"sweep\": { \"lr\": \"fast\" } }", "sweep.lr: expected a number, got a string \"fast\".")]
    [InlineData("{ \"sweep\": { \"batchSize\": [10, 10] } }", "sweep.batchSize: a batch size appears twice.")]
    [InlineData("{ \"sweep\": { \"sampler\": [\"reshuffle\", \"reshuffle\"] } }", "sweep.sampler: a sampler appears twice.")]
    [InlineData("{ \"sweep\": { \"optimizer\": [{ \"name\": \" \" }] } }", "sweep.optimizer[0].name: must not be blank.")]
    [InlineData("{ \"sweep\": { \"optimizer\": [{ \"kind\": \"lbfgs\" }] } }", "sweep.optimizer[0].kind:")]
    [InlineData("{ \"sweep\": 3 }", "sweep: expected an object, got the number 3.")]
    [InlineData("{ \"sweep\": null }", "sweep: required:")]
    [InlineData("{ \"sweep\": { \"optimizer\": [{ \"kind\": \"sgd\", \"kind\": \"adam\" }] } }", "sweep.optimizer[0].kind: the field appears twice.")]
    [InlineData("{ \"sweep\": { \"optimizer\": [{ \"name\": \"a\", \"betas\": [0.9, 0.99], \"betas\": [0.9, 0.99] }] } }", "sweep.optimizer[0].betas: the field appears twice.")]
    [InlineData("{ \"sweep\": { \"sampler\": \"\\ud800\" } }", "sweep.sampler: the string holds an unpaired UTF-16 surrogate escape")]
    [InlineData("{ \"sweep\": { \"optimizer\": [{ \"name\\ud800\": \"m\" }] } }", "(text): a string holds an unpaired UTF-16 surrogate escape")]
    [InlineData("{ \"sweep\": { \"step\": 1 } }", "sweep.step: unknown field; known fields here: batchSize, lr, optimizer, sampler.")]
    [InlineData("{ \"seed\": 1, \"epoch\": 2, \"sweep\": {} }", "epoch: unknown field; known fields here: data, degree, divergenceFactor, epochs, init, keepBatchesOfEpoch, methods, model, name, output, recordEvery, replicates, rng, seed, statistics, sweep.")]
    public void Parse_BadSweep_ThrowsWithItsPath(string json, string message)
    {
        var e = Assert.Throws<SpecFormatException>(() => SweepJson.Parse(json, "."));

        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }
}
