using DescentLab.Data;
using DescentLab.Io;

namespace DescentLab.Tests.Io;

public class CsvDatasetReaderTests
{
    private const string Source = "data.csv";

    [Fact]
    public void Read_SelectedColumns_ReturnsThemInRequestedOrderAndIgnoresOthers()
    {
        var data = Read("id,x2,y,x1,note\n1,10,100,0.5,a\n2,20,200,-1.5,b\n3,30,300,2.5e-3,c\n", ["x1", "x2"]);

        Assert.Equal(["x1", "x2"], data.InputNames);
        Assert.Equal("y", data.OutputName);
        Assert.Equal([0.5, -1.5, 0.0025], data.Input(0).ToArray());
        Assert.Equal([10.0, 20.0, 30.0], data.Input(1).ToArray());
        Assert.Equal([100.0, 200.0, 300.0], data.Output.ToArray());
    }

    [Fact]
    public void Read_QuotesWhitespaceSignsAndExponents_ParsesEveryForm()
    {
        const string text = " \"x\" , \"the, y\"\n  1.5 ,\"-2\"\n\t+3E2\t, \" 4e-1 \"\n-.25,\"1\"\"\"\"\"\n";
        var exception = Assert.Throws<DataFormatException>(() => Read(text, ["x"], "the, y"));

        // The last row's y is the text 1"" (doubled quotes unescaped), which is not a number: quoting was honoured.
        AssertLocation(exception, 4, "the, y");
        Assert.Contains("\"1\"\"\" is not a number", exception.Message, StringComparison.Ordinal);

        var data = Read(text.Replace("\"1\"\"\"\"\"", "7", StringComparison.Ordinal), ["x"], "the, y");
        Assert.Equal([1.5, 300.0, -0.25], data.Input(0).ToArray());
        Assert.Equal([-2.0, 0.4, 7.0], data.Output.ToArray());
    }

    [Fact]
    public void Read_CrLfLinesAndTrailingBlankLines_AreTolerated()
    {
        var data = Read("x,y\r\n1,2\r\n3,4\r\n\r\n  \r\n");
        Assert.Equal([1.0, 3.0], data.Input(0).ToArray());
        Assert.Equal([2.0, 4.0], data.Output.ToArray());
    }

    [Fact]
    public void Read_ByteOrderMarkBeforeHeader_IsNotPartOfTheFirstName()
    {
        var data = Read("\uFEFFx,y\n1,2\n3,4\n");
        Assert.Equal("x", data.InputNames[0]);
    }

    [Fact]
    public void Read_QuotedHeaderAcrossLines_CountsPhysicalLines()
    {
        var exception = Fails("\"x\nname\",y\n1,2\n3,oops\n", ["x\nname"]);
        AssertLocation(exception, 4, "y");
    }

    [Fact]
    public void Read_File_NamesThePathInErrorsAndReadsData()
    {
        var folder = Directory.CreateTempSubdirectory();
        try
        {
            var path = Path.Combine(folder.FullName, "points.csv");
            File.WriteAllText(path, "x,y\n1,2\n3,abc\n");
            var exception = Assert.Throws<DataFormatException>(() => CsvDatasetReader.Read(path, CsvColumns.Numeric(["x"], "y")));
            Assert.Equal(path, exception.SourceName);
            Assert.StartsWith($"{path}: line 3, column 'y': ", exception.Message, StringComparison.Ordinal);

            File.WriteAllText(path, "x,y\n1,2\n3,4\n");
            Assert.Equal([2.0, 4.0], CsvDatasetReader.Read(path, CsvColumns.Numeric(["x"], "y")).Output.ToArray());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n")]
    [InlineData("  \n\t\n")]
    public void Read_EmptyFile_Throws(string text)
    {
        var exception = Fails(text);
        AssertLocation(exception, 1, null);
        Assert.Contains("empty", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BlankFirstLineBeforeHeader_Throws()
    {
        var exception = Fails("\nx,y\n1,2\n3,4\n");
        AssertLocation(exception, 1, null);
        Assert.Contains("expected a header row", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x,y\n", 2, 0)]
    [InlineData("x,y", 2, 0)]
    [InlineData("x,y\n1,2\n", 3, 1)]
    [InlineData("x,y\n1,2\n\n\n", 3, 1)]
    public void Read_FewerThanTwoDataRows_Throws(string text, int line, int found)
    {
        var exception = Fails(text);
        AssertLocation(exception, line, null);
        Assert.Contains($"at least 2 data rows after the header, found {found}", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingColumn_ThrowsListingTheColumnsThatExist()
    {
        var exception = Fails("a,b,y\n1,2,3\n4,5,6\n");
        AssertLocation(exception, 1, "x");
        Assert.Contains("'a', 'b', 'y'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingColumnDifferingInCase_SuggestsTheHeaderName()
    {
        var exception = Fails("X,y\n1,2\n3,4\n");
        AssertLocation(exception, 1, "x");
        Assert.Contains("did you mean 'X'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DuplicateHeaderName_Throws()
    {
        var exception = Fails("x,y,note,y\n1,2,a,3\n4,5,b,6\n");
        AssertLocation(exception, 1, "y");
        Assert.Contains("twice (fields 2 and 4)", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DuplicateNameInIgnoredColumns_StillThrows()
    {
        var exception = Fails("x,y,note,note\n1,2,a,b\n4,5,c,d\n");
        AssertLocation(exception, 1, "note");
    }

    [Fact]
    public void Read_EmptyHeaderName_Throws()
    {
        var exception = Fails("x,y,\n1,2,3\n4,5,6\n");
        AssertLocation(exception, 1, null);
        Assert.Contains("header field 3 of 3 is empty", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1.2.3")]
    [InlineData("0x10")]
    [InlineData("1 000")]
    public void Read_NonNumericCell_ThrowsQuotingTheText(string cell)
    {
        var exception = Fails($"x,y\n1,2\n3,4\n{cell},5\n");
        AssertLocation(exception, 4, "x");
        Assert.Contains($"\"{cell}\" is not a number", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EmptyCell_Throws()
    {
        var exception = Fails("x,y\n1,2\n3, \n");
        AssertLocation(exception, 3, "y");
        Assert.Contains("the cell is empty", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NaN", "NaN and infinities")]
    [InlineData("nan", "NaN and infinities")]
    [InlineData("Infinity", "NaN and infinities")]
    [InlineData("-Infinity", "NaN and infinities")]
    [InlineData("1e400", "overflows")]
    public void Read_NonFiniteCell_Throws(string cell, string reason)
    {
        var exception = Fails($"x,y\n1,2\n3,{cell}\n");
        AssertLocation(exception, 3, "y");
        Assert.Contains($"\"{cell}\" is not a finite number", exception.Message, StringComparison.Ordinal);
        Assert.Contains(reason, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NonNumericCellInIgnoredColumn_IsNotParsed()
    {
        var data = Read("x,note,y\n1,NaN,2\n3,text,4\n");
        Assert.Equal([2.0, 4.0], data.Output.ToArray());
    }

    [Fact]
    public void Read_RowWithTooFewFields_ThrowsWithCountsAndFirstMissingColumn()
    {
        var exception = Fails("x,y,note\n1,2,a\n3,4\n");
        AssertLocation(exception, 3, "note");
        Assert.Contains("expected 3 fields as in the header, found 2", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RowWithTooManyFields_ThrowsWithCounts()
    {
        var exception = Fails("x,y\n1,2\n3,4,\n");
        AssertLocation(exception, 3, null);
        Assert.Contains("expected 2 fields as in the header, found 3", exception.Message, StringComparison.Ordinal);
        Assert.Contains("beyond the last column 'y'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_GermanDecimalCommaInCommaFile_IsTwoFieldsAndRagged()
    {
        // "1,5" must never be read as one and a half: in a comma file it is the fields 1 and 5.
        var exception = Fails("x,y\n1,2\n1,5,2\n");
        AssertLocation(exception, 3, null);
        Assert.Contains("expected 2 fields as in the header, found 3", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SemicolonSeparatedFile_ThrowsMissingColumnNamingTheSeparator()
    {
        var exception = Fails("x;y\n1,5;2,5\n3,0;4,0\n");
        AssertLocation(exception, 1, "x");
        Assert.Contains("'x;y'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("separated by ';'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BlankLineBetweenDataRows_Throws()
    {
        var exception = Fails("x,y\n1,2\n\n3,4\n");
        AssertLocation(exception, 3, null);
        Assert.Contains("blank line between data rows", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnclosedQuote_ThrowsAtTheLineWhereTheFieldStarts()
    {
        var exception = Fails("x,y\n1,2\n3,\"4\n5,6\n");
        AssertLocation(exception, 3, "y");
        Assert.Contains("not closed", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TextAfterClosingQuote_Throws()
    {
        var exception = Fails("x,y\n1,2\n\"3\"4,5\n");
        AssertLocation(exception, 3, "x");
        Assert.Contains("after a closing quote", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_YColumnAmongXColumns_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => Read("x,y\n1,2\n3,4\n", ["x", "y"]));

    [Fact]
    public void Read_NoXColumns_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => Read("x,y\n1,2\n3,4\n", []));

    private static Dataset Read(string text, string[]? xColumns = null, string yColumn = "y") =>
        CsvDatasetReader.Read(new StringReader(text), Source, xColumns ?? ["x"], yColumn);

    private static DataFormatException Fails(string text, string[]? xColumns = null, string yColumn = "y") =>
        Assert.Throws<DataFormatException>(() => Read(text, xColumns, yColumn));

    private static void AssertLocation(DataFormatException exception, int line, string? column)
    {
        Assert.Equal(Source, exception.SourceName);
        Assert.Equal(line, exception.Line);
        Assert.Equal(column, exception.Column);
        var location = column is null ? $"{Source}: line {line}: " : $"{Source}: line {line}, column '{column}': ";
        Assert.StartsWith(location, exception.Message, StringComparison.Ordinal);
    }
}
