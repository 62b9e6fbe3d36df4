using System.Text;
using DescentLab.Data;
using DescentLab.Io;

namespace DescentLab.Tests.Io;

/// <summary>Reading a CSV label column as classes: the order of classes, round trips, and hostile label cells.</summary>
public class CsvClassLabelTests
{
    private const string Source = "labels.csv";

    [Fact]
    public void ReadLabelled_NameLabels_NumbersClassesInOrdinalOrderWithCounts()
    {
        var data = Read("x,c\n1,dog\n2,cat\n3,Dog\n4,dog\n5,cat\n6,dog\n");

        // Ordinal order: upper case before lower case, whatever the row order.
        Assert.Equal(["Dog", "cat", "dog"], data.ClassNames);
        Assert.Equal([2.0, 1, 0, 2, 1, 2], data.Output.ToArray());
        Assert.Equal([1, 2, 3], data.ClassCounts());
        Assert.Equal("c", data.OutputName);
    }

    [Fact]
    public void ReadLabelled_IntegerLabels_NumbersClassesByValueNotAsText()
    {
        var data = Read("x,c\n1,10\n2,9\n3,-1\n4,01\n5,1.0\n6,1e1\n7,-0\n8,0\n");

        // 10 after 9 (numeric, not text order); 01, 1.0 are the class 1; 1e1 is 10; -0 is 0.
        Assert.Equal(["-1", "0", "1", "9", "10"], data.ClassNames);
        Assert.Equal([4.0, 3, 0, 2, 2, 4, 1, 1], data.Output.ToArray());
    }

    [Fact]
    public void ReadLabelled_NamesThatSortDifferentlyAsText_KeepOrdinalOrder()
    {
        var data = Read("x,c\n1,b10\n2,b9\n3,é\n4,e\n");
        Assert.Equal(["b10", "b9", "e", "é"], data.ClassNames);
    }

    [Fact]
    public void ReadLabelled_QuotedNamesWithCommasAndFormulaGuard_AreClassNamesAsWritten()
    {
        var data = Read("x,c\n1,\"a, b\"\n2,\"'=SUM(A1)\"\n3,\"a, b\"\n");
        Assert.Equal(["=SUM(A1)", "a, b"], data.ClassNames);
    }

    [Theory]
    [InlineData("x,c\n1,a\n2,b\n3,c\n", new[] { "a", "b", "c" })]
    [InlineData("x,c\n1,-3\n2,7\n3,-3\n", new[] { "-3", "7" })]
    [InlineData("x,c\n1,\"a, b\"\n2,=x\n3,-y\n4,\" padded \"\n", new[] { " padded ", "-y", "=x", "a, b" })]
    public void WriteThenReadLabelled_GivesTheSameClassesAndIndices(string text, string[] classes)
    {
        var data = Read(text);
        var written = new StringWriter();
        CsvDatasetWriter.Write(data, written);
        var back = CsvDatasetReader.Read(new StringReader(written.ToString()), Source, CsvColumns.Labelled(["x"], "c"));

        Assert.Equal(classes, back.ClassNames);
        Assert.Equal(data.ClassNames, back.ClassNames);
        Assert.Equal(data.Output.ToArray(), back.Output.ToArray());
        Assert.Equal(data.Input(0).ToArray(), back.Input(0).ToArray());
    }

    [Theory]
    [InlineData("x,c\n1,a\n2,\n3,b\n", 3, "the label is empty; every row needs a class label.")]
    [InlineData("x,c\n1,a\n2,\"  \"\n3,b\n", 3, "the label is empty; every row needs a class label.")]
    [InlineData("x,c\n1,a\n2,a\n3,a\n", 4, "every row has the label \"a\"; a classifier needs at least two classes.")]
    [InlineData("x,c\n1,7\n2,7.0\n", 3, "every row has the label \"7\"; a classifier needs at least two classes.")]
    [InlineData("x,c\n1,cat\n2,dog\n3,1\n", 4, "\"1\" is a number, but the first label, \"cat\", is a name; a label column holds names only or integers only.")]
    [InlineData("x,c\n1,0\n2,1\n3,one\n", 4, "\"one\" is a name, but the first label, \"0\", is a number; a label column holds integers only or names only.")]
    [InlineData("x,c\n1,0\n2,0.5\n", 3, "\"0.5\" is not a whole number; numeric labels must be integer classes (a continuous output is y, not a label).")]
    [InlineData("x,c\n1,0\n2,NaN\n", 3, "\"NaN\" is not a whole number; numeric labels must be integer classes (a continuous output is y, not a label).")]
    [InlineData("x,c\n1,0\n2,1e300\n", 3, "\"1e300\" is not a whole number; numeric labels must be integer classes (a continuous output is y, not a label).")]
    [InlineData("x,c\n1,0\n2,1e400\n", 3, "\"1e400\" is not a whole number; numeric labels must be integer classes (a continuous output is y, not a label).")]
    [InlineData("x,c\n1,a\n2,\"b\tc\"\n", 3, "the label \"b\\tc\" contains a control character (a newline, tab or the like); class names must be printable.")]
    [InlineData("x,c\n1,a\n2,\"b\nc\"\n", 3, "the label \"b\\nc\" contains a control character (a newline, tab or the like); class names must be printable.")]
    public void ReadLabelled_BadLabel_IsLocatedAtItsLineAndColumn(string text, int line, string detail)
    {
        var exception = Assert.Throws<DataFormatException>(() => Read(text));

        Assert.Equal($"{Source}: line {line}, column 'c': {detail}", exception.Message);
        Assert.Equal(line, exception.Line);
        Assert.Equal("c", exception.Column);
    }

    [Fact]
    public void ReadLabelled_MissingLabelColumn_IsLocatedInTheHeader()
    {
        var exception = Assert.Throws<DataFormatException>(() => CsvDatasetReader.Read(new StringReader("x,y\n1,2\n3,4\n"), Source, CsvColumns.Labelled(["x"], "label")));
        Assert.Equal($"{Source}: line 1, column 'label': no such column; the header has 'x', 'y'.", exception.Message);
    }

    [Fact]
    public void ReadLabelled_ManyClasses_AcceptsTheMostAndRefusesOneMoreAtItsRow()
    {
        string Rows(int classes)
        {
            var text = new StringBuilder("x,c\n");
            for (var k = 0; k < classes; k++)
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{k},class{k}\n");
            }

            return text.ToString();
        }

        Assert.Equal(ClassLabels.MaxClasses, Read(Rows(ClassLabels.MaxClasses)).ClassNames!.Count);
        var exception = Assert.Throws<DataFormatException>(() => Read(Rows(ClassLabels.MaxClasses + 1)));
        Assert.Equal($"{Source}: line {ClassLabels.MaxClasses + 2}, column 'c': \"class1000\" would be class 1001; a classifier takes at most 1000 classes.", exception.Message);
    }

    [Fact]
    public void ReadLabelled_ManyRowsOfFewClasses_AreNotTooMany()
    {
        var text = new StringBuilder("x,c\n");
        for (var i = 0; i < 5000; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i},{i % 3}\n");
        }

        Assert.Equal([1667, 1667, 1666], Read(text.ToString()).ClassCounts());
    }

    [Fact]
    public void ReadLabelled_BadInputCellBeforeTheLabel_IsStillReportedThere()
    {
        var exception = Assert.Throws<DataFormatException>(() => Read("x,c\n1,a\nabc,b\n"));
        Assert.Equal($"{Source}: line 3, column 'x': \"abc\" is not a number.", exception.Message);
    }

    private static Dataset Read(string text) => CsvDatasetReader.Read(new StringReader(text), Source, CsvColumns.Labelled(["x"], "c"));
}
