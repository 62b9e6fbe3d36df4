using CsCheck;
using DescentLab.Sweeps;

namespace DescentLab.Tests.Sweeps;

public class ShardTests
{
    [Fact]
    public void Parse_IndexOverCount_ReadsBoth()
    {
        Assert.Equal(new Shard(2, 5), Shard.Parse("2/5"));
        Assert.Equal("2/5", Shard.Parse("2/5").ToString());
    }

    [Theory]
    [InlineData("3")]
    [InlineData("a/3")]
    [InlineData("1/-3")]
    public void Parse_Malformed_ThrowsFormatException(string text)
    {
        var error = Assert.Throws<FormatException>(() => Shard.Parse(text));
        Assert.Contains("i/N", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_IndexNotBelowCount_Throws()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Shard.Parse("3/3"));
        Assert.Contains("need 0 ≤ i < N", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromVariables_SlurmArray_CountsFromTheArraysFirstIndex()
    {
        var variables = new Dictionary<string, string> { ["SLURM_ARRAY_TASK_ID"] = "4", ["SLURM_ARRAY_TASK_COUNT"] = "4", ["SLURM_ARRAY_TASK_MIN"] = "1" };
        Assert.Equal(new Shard(3, 4), Shard.FromVariables(variables));
        variables.Remove("SLURM_ARRAY_TASK_MIN");
        variables["SLURM_ARRAY_TASK_ID"] = "0";
        Assert.Equal(new Shard(0, 4), Shard.FromVariables(variables));
    }

    [Fact]
    public void FromVariables_SteppedSlurmArray_NumbersTheTasksInSteps()
    {
        // sbatch --array=0-15:4 runs tasks 0, 4, 8, 12 with SLURM_ARRAY_TASK_STEP=4.
        var shards = new[] { "0", "4", "8", "12" }.Select(id => Shard.FromVariables(new Dictionary<string, string>
        {
            ["SLURM_ARRAY_TASK_ID"] = id,
            ["SLURM_ARRAY_TASK_COUNT"] = "4",
            ["SLURM_ARRAY_TASK_MIN"] = "0",
            ["SLURM_ARRAY_TASK_MAX"] = "12",
            ["SLURM_ARRAY_TASK_STEP"] = "4",
        }));
        Assert.Equal([new Shard(0, 4), new Shard(1, 4), new Shard(2, 4), new Shard(3, 4)], shards);
    }

    [Fact]
    public void FromVariables_SlurmArrayWithGaps_Throws()
    {
        // sbatch --array=1,3,6: task 3 is not shard 1 of 3 any more than shard 2; no rule gives its place.
        var variables = new Dictionary<string, string>
        {
            ["SLURM_ARRAY_TASK_ID"] = "3",
            ["SLURM_ARRAY_TASK_COUNT"] = "3",
            ["SLURM_ARRAY_TASK_MIN"] = "1",
            ["SLURM_ARRAY_TASK_MAX"] = "6",
            ["SLURM_ARRAY_TASK_STEP"] = "1",
        };
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Shard.FromVariables(variables));
        Assert.Equal("shard", SettingError.Of(error)!.Field);
        Assert.Contains("task ids run from 1 to 6, which steps of 1 do not give", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromVariables_SlurmTaskOffTheStep_Throws()
    {
        var variables = new Dictionary<string, string> { ["SLURM_ARRAY_TASK_ID"] = "5", ["SLURM_ARRAY_TASK_COUNT"] = "4", ["SLURM_ARRAY_TASK_STEP"] = "4" };
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Shard.FromVariables(variables));
        Assert.Contains("SLURM_ARRAY_TASK_ID=5 is not SLURM_ARRAY_TASK_MIN=0 plus a multiple of SLURM_ARRAY_TASK_STEP=4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromVariables_IndexedJob_NeedsTheShardCount()
    {
        var variables = new Dictionary<string, string> { ["JOB_COMPLETION_INDEX"] = "2" };
        Assert.Equal(new Shard(2, 3), Shard.FromVariables(variables, 3));
        var error = Assert.Throws<ArgumentException>(() => Shard.FromVariables(variables));
        Assert.Contains("number of shards is not given", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromVariables_NoSchedulerVariables_IsNull()
    {
        Assert.Null(Shard.FromVariables(new Dictionary<string, string> { ["HOME"] = "/" }));
    }

    [Fact]
    public void RunCountOf_AnyShardCount_CountsTheRunsTheShardContains()
    {
        Gen.Select(Gen.Int[1, 16], Gen.Long[0, 2_000]).Sample((count, runs) =>
            Enumerable.Range(0, count).All(i => new Shard(i, count).RunCountOf(runs) == Enumerable.Range(0, (int)runs).Count(k => new Shard(i, count).Contains(k))));
    }

    [Fact]
    public void Contains_AnyShardCount_PutsEveryRunInExactlyOneShard()
    {
        Gen.Select(Gen.Int[1, 16], Gen.Long[0, 100_000]).Sample((count, run) =>
            Enumerable.Range(0, count).Count(i => new Shard(i, count).Contains(run)) == 1);
    }
}
