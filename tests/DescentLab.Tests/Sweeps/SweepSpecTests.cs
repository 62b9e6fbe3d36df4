using DescentLab.Optimizers;
using DescentLab.Sampling;
using DescentLab.Sweeps;

namespace DescentLab.Tests.Sweeps;

public class SweepSpecTests
{
    [Fact]
    public void Cells_FullBatchAndReshuffle_CrossEveryAxisButBatchSizeForFullBatch()
    {
        var spec = new SweepSpec
        {
            LearningRates = [1e-3, 1e-2],
            BatchSizes = [10, 25],
            Samplers = [SamplerKind.FullBatch, SamplerKind.Reshuffle],
            Optimizers = [new("sgd", new SgdOptions()), new("adam", new AdamOptions())],
        };
        var cells = spec.Cells();
        Assert.Equal(2 * (1 + 2) * 2, cells.Count);
        Assert.Equal(Enumerable.Range(0, cells.Count), cells.Select(c => c.Index));
        Assert.Equal("full-batch-bfull-sgd-lr0.001", cells[0].Method.Name);
        Assert.Equal("reshuffle-b10-sgd-lr0.01", cells[3].Method.Name);
        Assert.Equal("reshuffle-b25-adam-lr0.01", cells[^1].Method.Name);
        Assert.Equal(0.01, cells[^1].Method.Optimizer.LearningRate);
        Assert.IsType<AdamOptions>(cells[^1].Method.Optimizer);
        Assert.Equal(25, cells[^1].Method.Sampler.BatchSize);
        Assert.Equal(12L * spec.Base.Replicates, spec.RunCount);
    }

    [Fact]
    public void Optimizers_DuplicateNames_Throw()
    {
        var error = Assert.Throws<ArgumentException>(() => new SweepSpec { Optimizers = [new("a", new SgdOptions()), new("a", new AdamOptions())] });
        Assert.Contains("optimizers: names must be distinct", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LearningRates_EmptyOrNegative_Throw()
    {
        Assert.Contains("at least one value", Assert.Throws<ArgumentException>(() => new SweepSpec { LearningRates = [] }).Message, StringComparison.Ordinal);
        Assert.Contains("positive and finite", Assert.Throws<ArgumentException>(() => new SweepSpec { LearningRates = [-1] }).Message, StringComparison.Ordinal);
    }
}
