namespace DescentLab.Rendering.Tests;

public sealed class ReadingsTests
{
    [Fact]
    public void Of_Seed_ReadsEachClaimFromThisRunWithTheOneRunCaution()
    {
        var sentences = Readings.Of(FigureModel.Create(SeedRendering.Result, null));

        Assert.Contains("Per epoch: after 300 epochs gd's excess loss is 13.6 and sgd's 0.3407, so SGD is ahead; sgd took 4 updates per epoch to GD's 1.", sentences);
        Assert.Contains(sentences, s => s.StartsWith("Per update: after 300 updates gd's excess loss is 13.6 and sgd-shuffle's 13.58, within ", StringComparison.Ordinal));
        Assert.Contains("Fixed order against reshuffled: at the end sgd's excess loss is 0.3407 and sgd-shuffle's 0.2064.", sentences);
        Assert.Contains(sentences, s => s.StartsWith("These readings come from one run (one seed)", StringComparison.Ordinal));
    }

    [Fact]
    public void Of_AllDiverged_MakesNoClaim()
    {
        var sentences = Readings.Of(FigureModel.Create(DivergedRendering.AllDiverged, null));
        Assert.DoesNotContain(sentences, s => s.StartsWith("Per ", StringComparison.Ordinal));
    }

    [Fact]
    public void Of_LearningRateAboveTheBound_SaysHowManyTimesTheBound()
    {
        var sentences = Readings.Of(FigureModel.Create(DivergedRendering.AllDiverged, null));

        Assert.Contains(sentences, s => s.StartsWith("gd, sgd, sgd-shuffle: lr 0.02 is 2.05× the GD stability bound 2/λmax = 0.00977", StringComparison.Ordinal));
    }
}
