using DescentLab.Data;
using DescentLab.Experiments;
using DescentLab.Landscapes;
using DescentLab.Models;
using DescentLab.Randomness;
using DescentLab.Training;

namespace DescentLab.Tests.Landscapes;

public class NetworkLandscapeJobTests
{
    private static readonly Lazy<NetworkExperimentResult> Mlp = new(() => ExperimentRunner.RunNetwork(new ExperimentSpec
    {
        Data = new ClassificationData(new ClassificationDataGenerator { Count = 60 }),
        Model = ModelSpec.Parse("mlp:6:tanh"),
        Training = new TrainingOptions { Epochs = 15 },
    }));

    private static readonly Lazy<NetworkExperimentResult> Logistic = new(() => ExperimentRunner.RunNetwork(new ExperimentSpec
    {
        Data = new ClassificationData(new ClassificationDataGenerator { Count = 80, Noise = 0.3 }),
        Model = ModelSpec.Parse("logistic"),
        Training = new TrainingOptions { Epochs = 5 },
    }));

    [Theory]
    [InlineData(PlaneDirections.Filter)]
    [InlineData(PlaneDirections.Random)]
    [InlineData(PlaneDirections.Pca)]
    public void Evaluate_RandomGridPoints_EqualTheDirectLossAtPointAt(PlaneDirections directions)
    {
        var result = Mlp.Value;
        var landscape = new NetworkLandscapeJob { Directions = directions, Resolution = 9 }.Evaluate(result);
        var surface = landscape.Surface;
        var random = new Random(3);
        var point = new double[result.Network.ParameterCount];
        for (var trial = 0; trial < 6; trial++)
        {
            var i = random.Next(surface.XCount);
            var j = random.Next(surface.YCount);
            NetworkPlane.PointAt([.. landscape.Centre], [.. landscape.Direction1], [.. landscape.Direction2], surface.XValues[i], surface.YValues[j], point);
            Assert.Equal(result.Network.Loss(point), surface[i, j], 12);
        }
    }

    [Fact]
    public void Evaluate_Default_FilterPlaneOverMinusOneToOneThroughTheFirstMethodsFinalTheta()
    {
        var result = Mlp.Value;
        var landscape = new NetworkLandscapeJob { Resolution = 5 }.Evaluate(result);
        var first = result.Runs[0];
        var final = new double[result.Network.ParameterCount];
        first.Trajectory.ParametersAt(first.Trajectory.Count - 1, final);

        Assert.Equal(final, landscape.Centre);
        Assert.Equal($"the final θ of {first.Method.Name}", landscape.CentreDescription);
        Assert.Equal([-1, -0.5, 0, 0.5, 1], surface(landscape).XValues.ToArray());
        Assert.Equal(result.Spec.Seed, landscape.Seed);
        Assert.Equal("direction 1 (filter-normalised)", landscape.AxisLabel(1));

        // Biases are zeroed (Li et al.'s ignore='biasbn'): every bias block of both directions is 0.
        foreach (var block in result.Network.Blocks.Where(b => !b.IsMatrix))
        {
            Assert.All(landscape.Direction1.Skip(block.Offset).Take(block.Length), v => Assert.Equal(0, v));
            Assert.All(landscape.Direction2.Skip(block.Offset).Take(block.Length), v => Assert.Equal(0, v));
        }

        static Surface surface(NetworkLandscape l) => l.Surface;
    }

    [Fact]
    public void Evaluate_RandomDirections_AreTorchRandnForXThenY()
    {
        var result = Mlp.Value;
        var landscape = new NetworkLandscapeJob { Directions = PlaneDirections.Random, Seed = 11, Resolution = 2 }.Evaluate(result);
        var generator = new TorchGenerator(11);
        Assert.Equal(NetworkPlane.RandomDirection(result.Network, generator), landscape.Direction1);
        Assert.Equal(NetworkPlane.RandomDirection(result.Network, generator), landscape.Direction2);
    }

    [Theory]
    [InlineData(PlaneDirections.Filter)]
    [InlineData(PlaneDirections.Pca)]
    public void Evaluate_CentreMethodsPath_EndsAtTheOrigin(PlaneDirections directions)
    {
        var result = Mlp.Value;
        var name = result.Runs[1].Method.Name;
        var landscape = new NetworkLandscapeJob { Directions = directions, Centre = name, Resolution = 3 }.Evaluate(result);
        var path = landscape.Paths[1];

        Assert.Equal(name, path.Method);
        Assert.Equal((0.0, 0.0), (path.Alpha[^1], path.Beta[^1]));
        Assert.Equal(result.Runs[1].Trajectory.Count, path.Step.Count);
        Assert.Equal(result.Runs[1].Trajectory.Loss[^1], path.Loss[^1]);
    }

    [Fact]
    public void Evaluate_Pca_AxesCoverEveryProjectedPathAndPathsLieNearThePlane()
    {
        var result = Mlp.Value;
        var landscape = new NetworkLandscapeJob { Directions = PlaneDirections.Pca, Resolution = 4 }.Evaluate(result);
        var s = landscape.Surface;
        foreach (var path in landscape.Paths)
        {
            Assert.All(path.Alpha, a => Assert.InRange(a, s.XValues[0], s.XValues[^1]));
            Assert.All(path.Beta, b => Assert.InRange(b, s.YValues[0], s.YValues[^1]));
        }

        Assert.True(landscape.OrthonormalDirections);
        Assert.Equal(result.Runs[0].Method.Name, landscape.PcaMethod);
        Assert.StartsWith("PC 1 (", landscape.AxisLabel(1), StringComparison.Ordinal);

        // The PCA plane holds most of its own trajectory: θ₀ of the run it came from lies close to it.
        Assert.InRange(landscape.Paths[0].InitOffPlane, 0, 0.5);
    }

    [Fact]
    public void Evaluate_LogisticOptimumCentre_CentresOnNewtonsThetaStar()
    {
        var result = Logistic.Value;
        Assert.NotNull(result.Optimum?.Theta);
        var landscape = new NetworkLandscapeJob { Centre = NetworkLandscapeJob.OptimumCentre, Resolution = 3 }.Evaluate(result);

        Assert.Equal(result.Optimum!.Theta!, landscape.Centre);
        Assert.Null(landscape.CentreMethod);
        Assert.StartsWith("θ* (Newton's method, ", landscape.CentreDescription, StringComparison.Ordinal);
        Assert.Equal(result.Optimum.Loss, landscape.CentreLoss, 12);
    }

    [Fact]
    public void DrawnSurface_LossOverflowingFarOut_IsHeldAtTheCeilingWhileTheSurfaceKeepsIt()
    {
        var result = ExperimentRunner.RunNetwork(new ExperimentSpec { Model = ModelSpec.Parse("mlp:4:tanh"), Training = new TrainingOptions { Epochs = 2 } });
        var landscape = new NetworkLandscapeJob { Range = (-1e200, 1e200), Resolution = 3 }.Evaluate(result);

        Assert.Equal(double.PositiveInfinity, landscape.Surface[0, 0]);
        Assert.True(landscape.HasClippedValues);
        var drawn = landscape.DrawnSurface();
        Assert.Equal(landscape.DrawCeiling, drawn[0, 0]);
        Assert.Equal(landscape.CentreLoss, drawn[1, 1]);
        Assert.Equal(1e3 * Math.Max(landscape.CentreLoss, landscape.Paths.Max(p => p.Loss[0])), landscape.DrawCeiling);
    }

    /// <summary>A ReLU network's output overflows to ∞ − ∞ far out on the plane; the grid's range was then NaN to NaN.</summary>
    [Fact]
    public void Surface_LossNotANumberFarOut_HasTheRangeOfItsNumbersAndCountsTheRest()
    {
        var result = ExperimentRunner.RunNetwork(new ExperimentSpec { Model = ModelSpec.Parse("mlp:8:relu"), Training = new TrainingOptions { Epochs = 2 } });
        var surface = new NetworkLandscapeJob { Range = (-1e200, 1e200), Resolution = 5 }.Evaluate(result).Surface;
        var values = surface.Values.ToArray();

        Assert.Contains(values, double.IsNaN);
        Assert.Equal(values.Count(double.IsNaN), surface.NotANumberCount);
        Assert.Equal(values.Where(v => !double.IsNaN(v)).Min(), surface.Minimum);
        Assert.Equal(surface[2, 2], surface.Minimum);
        Assert.Equal(double.PositiveInfinity, surface.Maximum);
    }

    [Theory]
    [InlineData("optimum", "Centre: 'optimum' needs a closed-form θ*, which only logistic regression has; the model is mlp:6:tanh.")]
    [InlineData("nope", "Centre: 'nope' is not a method of the experiment; expected optimum or one of ")]
    public void Evaluate_BadCentre_ThrowsNamingTheCentre(string centre, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => new NetworkLandscapeJob { Centre = centre, Resolution = 2 }.Evaluate(Mlp.Value));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }
}
