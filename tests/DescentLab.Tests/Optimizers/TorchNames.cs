using System.Text.Json;

namespace DescentLab.Tests.Optimizers;

/// <summary>Checks a C# options or schedule record against torch's keyword arguments, by torch's names.</summary>
internal static class TorchNames
{
    private static readonly Dictionary<string, string> Properties = new()
    {
        ["lr"] = "LearningRate",
        ["momentum"] = "Momentum",
        ["dampening"] = "Dampening",
        ["weight_decay"] = "WeightDecay",
        ["nesterov"] = "Nesterov",
        ["maximize"] = "Maximize",
        ["eps"] = "Epsilon",
        ["amsgrad"] = "Amsgrad",
        ["alpha"] = "Alpha",
        ["centered"] = "Centered",
        ["lr_decay"] = "LearningRateDecay",
        ["initial_accumulator_value"] = "InitialAccumulatorValue",
        ["step_size"] = "StepSize",
        ["gamma"] = "Gamma",
        ["T_max"] = "TMax",
        ["eta_min"] = "EtaMin",
    };

    /// <summary>
    /// Asserts that <paramref name="record"/> has the values of <paramref name="given"/> (torch's keyword arguments) and,
    /// for each argument not given, the value in <paramref name="defaults"/> (torch's defaults), if any.
    /// </summary>
    public static void AssertMatches(object record, JsonElement given, JsonElement? defaults = null)
    {
        var values = new Dictionary<string, JsonElement>();
        if (defaults is { } d)
        {
            foreach (var p in d.EnumerateObject())
            {
                values[p.Name] = p.Value;
            }
        }

        foreach (var p in given.EnumerateObject())
        {
            values[p.Name] = p.Value;
        }

        Assert.NotEmpty(values);
        foreach (var (name, value) in values)
        {
            if (name == "betas")
            {
                Assert.Equal(value[0].GetDouble(), Read(record, "Beta1"));
                Assert.Equal(value[1].GetDouble(), Read(record, "Beta2"));
                continue;
            }

            var actual = Read(record, Properties[name]);
            object expected = value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ when actual is int => value.GetInt32(),
                _ => value.GetDouble(),
            };
            Assert.True(expected.Equals(actual), $"{name}: torch {expected}, C# {actual}");
        }
    }

    private static object Read(object record, string property) =>
        record.GetType().GetProperty(property)?.GetValue(record)
        ?? throw new InvalidOperationException($"{record.GetType().Name} has no property {property}.");
}
