using CsCheck;

namespace DescentLab.Rendering.Tests;

public sealed class ThinningTests
{
    [Fact]
    public void Rows_Short_KeepsEveryRow() => Assert.Equal([0, 1, 2, 3], Thinning.Rows(4));

    [Fact]
    public void Rows_Any_AreIncreasingWithinTheLimitAndKeepFirstAndLast() =>
        Gen.Select(Gen.Int[1, 200_000], Gen.Int[2, 6000]).Sample((count, max) =>
        {
            var rows = Thinning.Rows(count, max);
            return rows.Length == Math.Min(count, max)
                && rows[0] == 0
                && rows[^1] == count - 1
                && rows.Zip(rows.Skip(1)).All(p => p.First < p.Second);
        });
}
