using DescentLab.Analysis;
using DescentLab.Data;
using DescentLab.Tests.Models;
using DescentLab.Tests.Support;

namespace DescentLab.Tests.Analysis;

public class NetworkAnalysisTests
{
    /// <summary>
    /// Against torch.autograd.functional.hessian at the init (tests/reference/model_golden.py). Central differences of
    /// the exact gradient at h = 1e-5 carry about 1e-10 of truncation and rounding error; 1e-8 of the largest entry
    /// bounds the comparison while a wrong column, sign or factor is off by far more.
    /// </summary>
    [Theory]
    [InlineData("logistic")]
    [InlineData("mlp_sigmoid")]
    public void At_Init_MatchesTorchHessianAndEigenvalues(string kind)
    {
        var golden = Golden.Load("models", "analysis.json").RootElement.GetProperty(kind);
        var network = ModelGolden.Network(kind);
        var theta = golden.GetProperty("theta").Doubles();
        var curvature = CurvatureAnalysis.At(network, theta);
        var expected = golden.GetProperty("hessian").Rows();
        var p = network.ParameterCount;
        var scale = expected.Max(r => r.Max(Math.Abs));
        for (var i = 0; i < p; i++)
        {
            for (var j = 0; j < p; j++)
            {
                Golden.Close(expected[i][j], curvature.Hessian[(i * p) + j], 0, 1e-8 * scale, $"H[{i},{j}]");
            }
        }

        Golden.Close(golden.GetProperty("max_eigenvalue").GetDouble(), curvature.MaxEigenvalue, 0, 1e-8 * scale, "λmax");
        Golden.Close(golden.GetProperty("min_eigenvalue").GetDouble(), curvature.MinEigenvalue, 0, 1e-8 * scale, "λmin");
        Assert.Equal(2 / curvature.MaxEigenvalue, curvature.StabilityBound);
    }

    [Fact]
    public void Find_MoonsNotSeparable_MatchesNumPyNewton()
    {
        var golden = Golden.Load("models", "analysis.json").RootElement.GetProperty("logistic_newton").GetProperty("theta").Doubles();
        var optimum = LogisticOptimum.Find(ModelGolden.Network("logistic"));
        Assert.False(optimum.Separable);
        Assert.NotNull(optimum.Theta);
        for (var j = 0; j < golden.Length; j++)
        {
            // Both are Newton's fixed point to rounding; their sums differ in order, so 1e-12 relative, not bits.
            Golden.Close(golden[j], optimum.Theta[j], 1e-12, 1e-14, $"θ*[{j}]");
        }

        Assert.StartsWith("θ* by Newton's method in ", optimum.Statement, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_SeparatedBlobs_SaysNoFiniteOptimumWithACertificate()
    {
        // Two clusters 20 apart with unit spread: separable, so the loss has no finite minimiser.
        var data = new ClassificationDataGenerator { Shape = ClassificationShape.Blobs, Centers = 2, Count = 60, ClusterStd = 0.5 }.Generate(3);
        var network = DescentLab.Models.ModelSpec.Parse("logistic").CreateNetwork(data);
        var optimum = LogisticOptimum.Find(network);
        Assert.True(optimum.Separable);
        Assert.Null(optimum.Theta);
        Assert.NotNull(optimum.Certificate);
        Assert.Equal(1.0, network.Accuracy(optimum.Certificate));
        Assert.StartsWith("the data is linearly separable: no finite θ* exists", optimum.Statement, StringComparison.Ordinal);
    }
}
