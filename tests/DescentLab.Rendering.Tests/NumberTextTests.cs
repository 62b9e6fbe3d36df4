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
}
