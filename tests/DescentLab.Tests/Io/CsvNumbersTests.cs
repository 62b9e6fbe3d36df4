using DescentLab.Io;

namespace DescentLab.Tests.Io;

public sealed class CsvNumbersTests
{
    [Theory]
    [InlineData("sgd", "sgd")]
    [InlineData("speed, km/h", "\"speed, km/h\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("@SUM(A1:A9)", "\"'@SUM(A1:A9)\"")]
    [InlineData("=cmd|' /C calc'!A0", "\"'=cmd|' /C calc'!A0\"")]
    [InlineData("+1", "\"'+1\"")]
    [InlineData("-x", "\"'-x\"")]
    [InlineData("\tx", "\"'\tx\"")]
    [InlineData(" x", "\" x\"")]
    public void Text_NamesAndFormulas_QuotedAndNeutralised(string value, string expected) =>
        Assert.Equal(expected, CsvNumbers.Text(value));

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")")]
    [InlineData("-x")]
    [InlineData("'plain")]
    [InlineData("'=x")]
    [InlineData("''-x")]
    [InlineData("sgd")]
    public void ReadText_AfterUnquoting_GivesTheNameBack(string value)
    {
        var cell = CsvNumbers.Text(value);
        var unquoted = cell.StartsWith('"') ? cell[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : cell;

        Assert.Equal(value, CsvNumbers.ReadText(unquoted));
    }

    [Fact]
    public void Format_NegativeNumber_IsNotNeutralised() => Assert.Equal("-1.5", CsvNumbers.Format(-1.5));
}
