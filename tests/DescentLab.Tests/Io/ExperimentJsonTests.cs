using CsCheck;
using DescentLab.Data;
using DescentLab.Experiments;
using DescentLab.Io;
using DescentLab.Optimizers;
using DescentLab.Sampling;
using DescentLab.Training;

namespace DescentLab.Tests.Io;

public sealed class ExperimentJsonTests
{
    private static readonly Gen<double> Positive = Gen.Double[1e-6, 10];

    private static readonly Gen<double> Unit = Gen.Double[0, 0.999];

    private static readonly Gen<OptimizerOptions> Optimizers = Gen.OneOf<OptimizerOptions>(
        from lr in Positive
        from momentum in Unit
        from nesterov in Gen.Bool
        from wd in Unit
        from maximize in Gen.Bool
        select new SgdOptions { LearningRate = lr, Momentum = nesterov ? momentum + 0.001 : momentum, Nesterov = nesterov, WeightDecay = wd, Maximize = maximize },
        from lr in Positive
        from b1 in Unit
        from b2 in Unit
        from eps in Positive
        from amsgrad in Gen.Bool
        select new AdamOptions { LearningRate = lr, Beta1 = b1, Beta2 = b2, Epsilon = eps, Amsgrad = amsgrad },
        from lr in Positive
        from wd in Unit
        select new AdamWOptions { LearningRate = lr, WeightDecay = wd },
        from lr in Positive
        from alpha in Unit
        from momentum in Unit
        from centered in Gen.Bool
        select new RmspropOptions { LearningRate = lr, Alpha = alpha, Momentum = momentum, Centered = centered },
        from lr in Positive
        from decay in Unit
        from acc in Unit
        select new AdagradOptions { LearningRate = lr, LearningRateDecay = decay, InitialAccumulatorValue = acc });

    private static readonly Gen<LearningRateSchedule> Schedules = Gen.OneOf<LearningRateSchedule>(
        Gen.Const<LearningRateSchedule>(new ConstantLearningRate()),
        from step in Gen.Int[1, 50]
        from gamma in Unit
        select new StepLR { StepSize = step, Gamma = gamma },
        from gamma in Unit
        select new ExponentialLR { Gamma = gamma },
        from t in Gen.Int[1, 300]
        from eta in Unit
        select new CosineAnnealingLR { TMax = t, EtaMin = eta });

    private static readonly Gen<SamplerOptions> Samplers =
        from kind in Gen.Int[0, 4]
        from batch in Gen.Int[1, 50]
        from dropLast in Gen.Bool
        select new SamplerOptions { Kind = (SamplerKind)kind, BatchSize = batch, DropLast = dropLast };

    private static readonly Gen<ExperimentFile> Files =
        from seed in Gen.UInt
        from notebook in Gen.Bool
        from polynomial in Gen.Bool
        from count in Gen.Int[30, 200]
        from coefficients in Gen.Double[-10, 10].Array[1, 4]
        from degree in Gen.Int[1, 5]
        from epochs in Gen.Int[1, 500]
        from recordEvery in Gen.Int[1, 20]
        from keep in Gen.Int[-1, 3]
        from init in Gen.Int[0, 2]
        from values in Gen.Double[-5, 5].Array[degree + 1]
        from methods in Gen.Select(Samplers, Optimizers, Schedules).Array[1, 5]
        from figures in Gen.Int[0, 3]
        from report in Gen.Bool
        from xAxis in Gen.OneOfConst(XAxis.Steps, XAxis.Epochs, XAxis.Samples)
        select new ExperimentFile(
            new ExperimentSpec
            {
                Name = "gen",
                Seed = seed,
                Randomness = notebook ? RandomnessMode.Notebook : RandomnessMode.Independent,
                Data = polynomial
                    ? new PolynomialData(new PolynomialDataGenerator { Count = count, Coefficients = coefficients, NoiseSd = 0.5 })
                    : new SeedData(new SeedDataGenerator { Count = count, ASd = 0.25 }),
                Degree = degree,
                Training = new TrainingOptions { Epochs = epochs, RecordEvery = recordEvery, KeepBatchesOfEpoch = keep < 0 ? null : keep },
                Init = init switch { 0 => InitSpec.Shared, 1 => InitSpec.Independent, _ => InitSpec.Explicit(values) },
                Methods = [.. methods.Select((m, i) => new Method($"m{i}", m.Item1, m.Item2, m.Item3))],
            },
            new OutputSettings { Figures = (FigureFormats)figures, Report = report, XAxis = xAxis, Plane = degree > 1 ? ("x^2", "x") : null });

    [Fact]
    public void Write_ThenParse_GivesAnEqualFileAndTheSameText()
    {
        Files.Sample(file =>
        {
            var json = ExperimentJson.Write(file);
            var back = ExperimentJson.Parse(json, ".");

            Assert.Equal(file.Spec, back.Spec);
            Assert.Equal(file.Output, back.Output);
            Assert.Equal(json, ExperimentJson.Write(back));
        });
    }

    [Theory]
    [InlineData("{ \"kind\": \"moons\" }", "kind,count,noise")]
    [InlineData("{ \"kind\": \"xor\", \"noise\": 0.05 }", "kind,count,noise")]
    [InlineData("{ \"kind\": \"circles\", \"factor\": 0.3 }", "kind,count,noise,factor")]
    [InlineData("{ \"kind\": \"blobs\", \"centers\": 4 }", "kind,count,centers,clusterStd")]
    public void Write_GeneratedClassificationData_WritesOnlyTheFieldsItsShapeUses(string data, string fields)
    {
        var file = ExperimentJson.ParseSelfContained($"{{ \"data\": {data}, \"model\": \"softmax\" }}");

        var json = ExperimentJson.Write(file);

        using var document = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal(fields, string.Join(',', document.RootElement.GetProperty("data").EnumerateObject().Select(p => p.Name)));
        var back = ExperimentJson.Parse(json, ".");
        Assert.Equal(file.Spec, back.Spec);
        Assert.Equal(json, ExperimentJson.Write(back));
    }

    /// <summary>An option the shape does not use was read and dropped without a word; the flags refused it.</summary>
    [Theory]
    [InlineData("{ \"kind\": \"moons\", \"factor\": 0.3 }", "data.factor: applies to circles only; the kind is moons.")]
    [InlineData("{ \"kind\": \"blobs\", \"noise\": 0.1 }", "data.noise: applies to moons, circles and xor (blobs spread by clusterStd); the kind is blobs.")]
    [InlineData("{ \"kind\": \"xor\", \"centers\": 4 }", "data.centers: applies to blobs only; the kind is xor.")]
    [InlineData("{ \"kind\": \"circles\", \"clusterStd\": 2 }", "data.clusterStd: applies to blobs only; the kind is circles.")]
    public void Parse_GeneratorOptionTheShapeDoesNotUse_IsRefusedAtItsField(string data, string message)
    {
        var e = Assert.Throws<SpecFormatException>(() => ExperimentJson.ParseSelfContained($"{{ \"data\": {data}, \"model\": \"softmax\" }}"));

        Assert.Equal(message, e.Message);
    }

    /// <summary>A network's experiment.json (and the spec its report shows) listed the linear model's "degree": 2.</summary>
    [Fact]
    public void Write_NetworkModel_LeavesOutTheDegreeUnlessItWasChanged()
    {
        var file = ExperimentJson.ParseSelfContained("{ \"data\": { \"kind\": \"moons\" }, \"model\": \"mlp:4:tanh\" }");

        var json = ExperimentJson.Write(file);

        using (var document = System.Text.Json.JsonDocument.Parse(json))
        {
            Assert.False(document.RootElement.TryGetProperty("degree", out _));
        }

        Assert.Equal(file.Spec, ExperimentJson.Parse(json, ".").Spec);
        var changed = file with { Spec = file.Spec with { Degree = 5 } };
        Assert.Equal(changed.Spec, ExperimentJson.Parse(ExperimentJson.Write(changed), ".").Spec);
        Assert.Contains("\"degree\": 2", ExperimentJson.Write(ExperimentFile.Seed), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EmptyObject_IsTheSeedExperiment()
    {
        var file = ExperimentJson.Parse("{}", ".");

        Assert.Equal(ExperimentFile.Seed.Spec, file.Spec);
        Assert.Equal(ExperimentFile.Seed.Output, file.Output);
        Assert.Equal(3, file.Spec.Methods.Count);
        Assert.Equal(0, file.Spec.Training.KeepBatchesOfEpoch);
    }

    [Fact]
    public void Parse_AdamAndAdamW_TakeTorchDefaultDecayUnlessGiven()
    {
        const string json = """
            { "methods": [
              { "name": "a", "sampler": { "kind": "full-batch" }, "optimizer": { "kind": "adam", "lr": 0.1, "betas": [0.8, 0.9] } },
              { "name": "w", "sampler": { "kind": "full-batch" }, "optimizer": { "kind": "adamw", "lr": 0.1, "amsgrad": true } },
              { "name": "w0", "sampler": { "kind": "full-batch" }, "optimizer": { "kind": "adamw", "weightDecay": 0 } } ] }
            """;
        var methods = ExperimentJson.Parse(json, ".").Spec.Methods;
        Assert.Equal(new AdamOptions { LearningRate = 0.1, Beta1 = 0.8, Beta2 = 0.9 }, methods[0].Optimizer);
        Assert.Equal(new AdamWOptions { LearningRate = 0.1, Amsgrad = true, WeightDecay = 0.01 }, methods[1].Optimizer);
        Assert.Equal(new AdamWOptions { WeightDecay = 0 }, methods[2].Optimizer);
    }

    [Fact]
    public void Parse_Comments_AreSkipped()
    {
        var file = ExperimentJson.Parse("{ // the seed\n \"seed\": 4 /* four */ }", ".");

        Assert.Equal(4u, file.Spec.Seed);
    }

    [Theory]
    [InlineData("{ \"seed\": 1, \"seed\": 2 }", "seed", "the field appears twice.")]
    [InlineData("{ \"methods\": [{ \"name\": \"a\", \"sampler\": { \"dropLast\": 1 } }] }", "methods[0].sampler.dropLast", "expected true or false, got the number 1.")]
    [InlineData("{ \"methods\": [{ \"name\": \"a\", \"optimizer\": { \"kind\": \"sgd\", \"weightDecay\": -1 } }] }", "methods[0].optimizer.weightDecay", "Invalid weight_decay value: -1")]
    [InlineData("{ \"methods\": [{ \"name\": \"a\", \"optimizer\": { \"kind\": \"rmsprop\", \"alpha\": -1 } }] }", "methods[0].optimizer.alpha", "Invalid alpha value: -1")]
    [InlineData("{ \"methods\": [{ \"name\": \"a\", \"schedule\": { \"kind\": \"cosine\", \"tMax\": 0 } }] }", "methods[0].schedule.tMax", "Invalid T_max value: 0")]
    [InlineData("{ \"data\": { \"kind\": \"polynomial\", \"coefficients\": [1, \"2\"] } }", "data.coefficients[1]", "expected a number, got a string \"2\".")]
    [InlineData("{ \"degree\": 40 }", "degree", "must be between 1 and 32.")]
    [InlineData("{ \"keepBatchesOfEpoch\": -1 }", "keepBatchesOfEpoch", "must be at least 0.")]
    [InlineData("{ \"output\": { \"figures\": \"jpg\" } }", "output.figures", "'jpg' is not a figure choice; use none, png, svg or all.")]
    [InlineData("{ \"output\": { \"xAxis\": \"hours\" } }", "output.xAxis", "'hours' is not one of step, epoch, samples.")]
    [InlineData("{ \"data\": { \"kind\": \"csv\", \"text\": \"x,y\\n1,2\\n3,4\\n\", \"y\": \" \" } }", "data.y", "must not be blank.")]
    [InlineData("{ \"data\": { \"kind\": \"seed\", \"count\": 50, \"aSd\": -1 } }", "data.aSd", "ASd must be a finite, non-negative standard deviation, but was -1.")]
    [InlineData("{ \"data\": { \"kind\": \"circles\", \"factor\": 2 } }", "data.factor", "must be between 0 and 1 (both excluded), but was 2.")]
    [InlineData("{ \"epochs\": 10, \"recordEvery\": 0 }", "recordEvery", "must be at least 1.")]
    [InlineData("{ \"statistics\": { \"band\": [0.1, 0.4] } }", "statistics.band[1]", "must be in (0.5, 1].")]
    [InlineData("{ \"methods\": [{ \"name\": \"a\", \"optimizer\": { \"kind\": \"adamw\", \"betas\": [1, 0.9] } }] }", "methods[0].optimizer.betas[0]", "Invalid beta parameter at index 0: 1")]
    [InlineData("{ \"methods\": [{ \"name\": \"a\", \"optimizer\": { \"kind\": \"sgd\", \"nesterov\": true } }] }", "methods[0].optimizer.nesterov", "Nesterov momentum requires a momentum and zero dampening")]
    public void Parse_BadField_ThrowsWithItsPath(string json, string path, string detail)
    {
        var e = Assert.Throws<SpecFormatException>(() => ExperimentJson.Parse(json, "."));

        Assert.Equal(path, e.JsonPath);
        Assert.Equal(detail, e.Detail);
        Assert.Equal($"{path}: {detail}", e.Message);
    }

    [Fact]
    public void Parse_UnknownFieldWithAQuoteInItsName_NamesTheField()
    {
        // The serializer writes such a name as ['odd\'name'] in its path; it was once misread as "statistics: expected an object, got an object."
        var e = Assert.Throws<SpecFormatException>(() => ExperimentJson.Parse("{ \"statistics\": { \"odd'name\": 1 } }", "."));

        Assert.Equal("statistics.odd'name", e.JsonPath);
        Assert.StartsWith("unknown field; known fields here: band, ", e.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CsvData_ReadsRelativeToTheBaseDirectory()
    {
        var folder = Directory.CreateTempSubdirectory("descentlab-json-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "d.csv"), "a,b,out\n1,2,3\n4,5,6\n");

            var file = ExperimentJson.Parse("{ \"data\": { \"kind\": \"csv\", \"path\": \"d.csv\", \"x\": [\"a\", \"b\"], \"y\": \"out\" } }", folder.FullName);

            var data = Assert.IsType<GivenData>(file.Spec.Data).Dataset;
            Assert.Equal(["a", "b"], data.InputNames);
            Assert.Equal([3.0, 6.0], data.Output.ToArray());
            Assert.Contains("\"path\": \"data.csv\"", ExperimentJson.Write(file), StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
    [Fact]
    public void Parse_InlineCsvText_ReadsTheSameDatasetAsTheFile()
    {
        var folder = Directory.CreateTempSubdirectory("descentlab-json-");
        try
        {
            const string csv = "a,b,out\n1,2,3\n4,5,6.5\n";
            File.WriteAllText(Path.Combine(folder.FullName, "d.csv"), csv);
            var fromFile = ExperimentJson.Parse("{ \"data\": { \"kind\": \"csv\", \"path\": \"d.csv\", \"x\": [\"a\", \"b\"], \"y\": \"out\" } }", folder.FullName);

            var inline = ExperimentJson.ParseSelfContained("{ \"data\": { \"kind\": \"csv\", \"text\": \"a,b,out\\n1,2,3\\n4,5,6.5\\n\", \"x\": [\"a\", \"b\"], \"y\": \"out\" } }");

            var expected = Assert.IsType<GivenData>(fromFile.Spec.Data).Dataset;
            var actual = Assert.IsType<GivenData>(inline.Spec.Data).Dataset;
            Assert.Equal(expected.InputNames, actual.InputNames);
            Assert.Equal(expected.Input(1).ToArray(), actual.Input(1).ToArray());
            Assert.Equal(expected.Output.ToArray(), actual.Output.ToArray());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void ParseSelfContained_CsvPath_ThrowsWithoutReadingTheFile()
    {
        var e = Assert.Throws<SpecFormatException>(() => ExperimentJson.ParseSelfContained("{ \"data\": { \"kind\": \"csv\", \"path\": \"/etc/hostname\" } }"));

        Assert.Equal("data.path", e.JsonPath);
        Assert.Equal("files cannot be read here; give the CSV itself as text.", e.Detail);
    }

    [Fact]
    public void Parse_CsvPathAndText_ThrowsOnText()
    {
        var e = Assert.Throws<SpecFormatException>(() => ExperimentJson.Parse("{ \"data\": { \"kind\": \"csv\", \"path\": \"d.csv\", \"text\": \"x,y\\n1,2\\n\" } }", "."));

        Assert.Equal("data.text", e.JsonPath);
    }

    [Fact]
    public void ParseSelfContained_BadInlineCsv_NamesTheFieldAndLine()
    {
        var e = Assert.Throws<DataFormatException>(() => ExperimentJson.ParseSelfContained("{ \"data\": { \"kind\": \"csv\", \"text\": \"x,y\\n1,2\\n3,oops\\n\" } }"));

        Assert.Equal("data.text: line 3, column 'y': \"oops\" is not a number.", e.Message);
    }
}
