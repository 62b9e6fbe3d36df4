using DescentLab.Experiments;
using DescentLab.Training;

namespace DescentLab.Tests.Experiments;

public class RunOptionsTests
{
    private static readonly ExperimentSpec Short = new() { Training = new TrainingOptions { Epochs = 3 } };

    [Fact]
    public void Run_DefaultOptions_ReadsNoClock() =>
        Assert.All(ExperimentRunner.Run(Short).Runs, r => Assert.Equal(TimeSpan.Zero, r.Elapsed));

    [Fact]
    public void Run_GivenClock_TimesEveryRunWithIt()
    {
        var clock = new SteppingClock();

        var runs = ExperimentRunner.Run(Short, new RunOptions { Time = clock, MaxDegreeOfParallelism = 1 }).Runs;

        Assert.All(runs, r => Assert.Equal(TimeSpan.FromSeconds(1), r.Elapsed));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void MaxDegreeOfParallelism_ZeroOrBelowMinusOne_Throws(int value) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RunOptions { MaxDegreeOfParallelism = value });

    [Fact]
    public void MaxDegreeOfParallelism_Default_LetsThePoolDecide() =>
        Assert.Equal(-1, new RunOptions().MaxDegreeOfParallelism);

    /// <summary>A clock whose timestamp advances one second each time it is read.</summary>
    private sealed class SteppingClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => 1;

        public override long GetTimestamp() => Interlocked.Increment(ref _ticks);
    }
}
