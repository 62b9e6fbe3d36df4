using DescentLab.Optimizers;

namespace DescentLab.Tests.Optimizers;

public class ConstantLearningRateTests
{
    [Fact]
    public void Step_ManyEpochs_KeepsTheInitialRate()
    {
        var scheduler = new ConstantLearningRate().Create(0.125);
        for (var e = 0; e < 100; e++)
        {
            scheduler.Step();
        }

        Assert.Equal(0.125, scheduler.LearningRate);
    }

    [Fact]
    public void Create_NaNLearningRate_Throws()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ConstantLearningRate().Create(double.NaN));
        Assert.StartsWith("Invalid learning rate: nan", e.Message, StringComparison.Ordinal);
    }
}
