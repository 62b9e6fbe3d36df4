using System.Text.Json;
using DescentLab.Data;
using DescentLab.Models;
using DescentLab.Tests.Support;

namespace DescentLab.Tests.Models;

/// <summary>Reads tests/reference/golden/models/ (tests/reference/model_golden.py, torch 1.13, float64) and builds the models it names.</summary>
internal static class ModelGolden
{
    public static JsonElement Models => Golden.Load("models", "models.json").RootElement.GetProperty("models").Clone();

    public static string[] Kinds => ["logistic", "softmax", "mlp_tanh", "mlp_relu", "mlp_sigmoid", "mlp_mse"];

    /// <summary>The network the script builds for <paramref name="kind"/>, on its dataset.</summary>
    public static NeuralNetwork Network(string kind)
    {
        var dataset = Models.GetProperty(kind).GetProperty("dataset").GetString()!;
        var data = Dataset(dataset);
        return kind switch
        {
            "logistic" => new NeuralNetwork(data, [2, 1], Activation.Tanh, NetworkLoss.BinaryCrossEntropyWithLogits),
            "softmax" => new NeuralNetwork(data, [2, 3], Activation.Tanh, NetworkLoss.CrossEntropy),
            "mlp_tanh" => new NeuralNetwork(data, [2, 16, 16, 1], Activation.Tanh, NetworkLoss.BinaryCrossEntropyWithLogits),
            "mlp_relu" => new NeuralNetwork(data, [2, 8, 3], Activation.Relu, NetworkLoss.CrossEntropy),
            "mlp_sigmoid" => new NeuralNetwork(data, [2, 5, 4, 1], Activation.Sigmoid, NetworkLoss.BinaryCrossEntropyWithLogits),
            "mlp_mse" => new NeuralNetwork(data, [2, 6, 1], Activation.Tanh, NetworkLoss.MeanSquaredError),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    public static Dataset Dataset(string name)
    {
        var root = Golden.Load("models", "models.json").RootElement.GetProperty("datasets").GetProperty(name);
        var rows = root.GetProperty("x").Rows();
        double[] x1 = [.. rows.Select(r => r[0])];
        double[] x2 = [.. rows.Select(r => r[1])];
        double[] y = [.. root.GetProperty("y").EnumerateArray().Select(v => (double)v.GetInt32())];
        return new Dataset(["x1", "x2"], [x1, x2], "label", y);
    }
}
