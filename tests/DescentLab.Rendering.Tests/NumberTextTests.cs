using DescentLab.Experiments;
using DescentLab.Training;

namespace DescentLab.Rendering.Tests;

public class NumberTextTests
{
    [Fact]
    public void Report_OfOwnDataWithATinyLearningRate_WritesNoCapitalExponent()
    {
        // The own-data example's report printed "lr 1E-08" and "κ = 9.008E+08" beside the console's "1e-08".
        var seed = new ExperimentSpec();
        var spec = seed with
        {
            Training = new TrainingOptions { Epochs = 3, KeepBatchesOfEpoch = 0 },
            Methods = [.. seed.Methods.Select(m => m with { Optimizer = m.Optimizer with { LearningRate = 1e-8 } })],
        };
        var path = Path.Combine(SeedRendering.NewDirectory(), "report.html");
        ExperimentRenderer.WriteReport(ExperimentRunner.Run(spec), path);
        var html = File.ReadAllText(path);
        var text = System.Text.RegularExpressions.Regex.Replace(html, "<script.*?</script>", string.Empty, System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.DoesNotMatch(@"\d[.\d]*E[-+]\d", text);
        Assert.Contains("lr 1e-08", text, StringComparison.Ordinal);
    }

    /// <summary>A singular Hessian (a constant x) gave "κ = Infinity" and "its error halves every -Infinity steps", from the zero eigenvalues the loss does not depend on.</summary>
    [Fact]
    public void Report_OfLinearlyDependentFeatures_SaysWhatTheSingularHessianMeans()
    {
        var data = new DescentLab.Data.Dataset(["x"], [[1.0, 1.0, 1.0]], "y", [2.0, 3.0, 4.0]);
        var spec = new ExperimentSpec
        {
            Data = new GivenData(data),
            Training = new TrainingOptions { Epochs = 3, KeepBatchesOfEpoch = 0 },
            Methods = [.. new ExperimentSpec().Methods.Select(m => m with { Sampler = m.Sampler with { BatchSize = 1 } })],
        };
        var path = Path.Combine(SeedRendering.NewDirectory(), "report.html");

        ExperimentRenderer.WriteReport(ExperimentRunner.Run(spec), path);

        var text = System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(path), "<script.*?</script>", string.Empty, System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.DoesNotContain("Infinity", text, StringComparison.Ordinal);
        Assert.Contains("<td class=\"text\">∞</td>", text, StringComparison.Ordinal);
        Assert.Contains("the loss does not depend on it either, so the rates below use λmin⁺ = 6, the smallest nonzero eigenvalue.", text, StringComparison.Ordinal);
        Assert.Contains("The best constant step 2/(λmin⁺ + λmax) = 0.1667 would shrink the slowest direction by 100% per step", text, StringComparison.Ordinal);
        Assert.Contains("θ* is not unique: the features are linearly dependent (rank 1 of 3 parameters)", text, StringComparison.Ordinal);
    }
}
