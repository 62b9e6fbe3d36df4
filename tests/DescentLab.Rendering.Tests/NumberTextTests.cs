using DescentLab.Experiments;
using DescentLab.Training;

namespace DescentLab.Rendering.Tests;

public class NumberTextTests
{
    [Theory]
    [InlineData(2.07046e-10, 6, "2.07046e-10")]
    [InlineData(8.4749e7, 6, "8.4749e+07")]
    [InlineData(1e-8, 6, "1e-08")]
    [InlineData(0.0940856, 6, "0.0940856")]
    [InlineData(689.678, 4, "689.7")]
    [InlineData(double.NaN, 6, "NaN")]
    [InlineData(double.PositiveInfinity, 6, "Infinity")]
    public void G_WritesTheExponentAsTheConsoleDoes(double value, int digits, string expected) =>
        Assert.Equal(expected, NumberText.G(value, digits));

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
