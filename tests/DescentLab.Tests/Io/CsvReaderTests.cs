using System.Globalization;
using System.Text;
using CsCheck;
using DescentLab.Data;
using DescentLab.Io;

namespace DescentLab.Tests.Io;

public sealed class CsvReaderTests
{
    // Every character the writer treats specially: separators, quotes, line breaks, whitespace, formula starts, the
    // apostrophe guard itself, and a letter, a digit and a non-ASCII letter.
    private static readonly Gen<string> Names = Gen.String[Gen.Char[",\"\r\n \t=+-@'a1é"], 0, 8];

    [Fact]
    public void Read_WhatTheWriterWrites_GivesBackEveryNameAndNumberExactly()
    {
        var rows = Gen.Select(Names, Gen.Double, Gen.Long).Array[1, 6];
        Gen.Select(rows, Names.Where(n => n.Trim().Length > 0 && n != "x" && n != "k"), Gen.Bool).Sample((table, header, crlf) =>
        {
            var end = crlf ? "\r\n" : "\n";
            var text = new StringBuilder();
            text.Append(CsvNumbers.Text(header)).Append(",x,k").Append(end);
            foreach (var (name, x, k) in table)
            {
                text.Append(CsvNumbers.Text(name)).Append(',').Append(CsvNumbers.Format(x)).Append(',').Append(k.ToString(CultureInfo.InvariantCulture)).Append(end);
            }

            var csv = new CsvReader(new StringReader(text.ToString()), "t.csv");
            Assert.Equal([header, "x", "k"], csv.Header);
            var (t, xc, kc) = (csv.ColumnOf(header), csv.ColumnOf("x"), csv.ColumnOf("k"));
            foreach (var (name, x, k) in table)
            {
                Assert.True(csv.Read());
                Assert.Equal(name, csv.Text(t));
                Assert.Equal(x, csv.Number(xc));
                Assert.Equal(k, csv.WholeNumber(kc, long.MinValue));
            }

            Assert.False(csv.Read());
        });
    }

    [Fact]
    public void Read_QuotedCellAcrossLines_KeepsItsLineBreaksAndCountsPhysicalLines()
    {
        var csv = new CsvReader(new StringReader("name,v\r\n\"a\r\nb\nc\",1\r\nd,x\r\n"), "t.csv");

        Assert.True(csv.Read());
        Assert.Equal("a\r\nb\nc", csv.Text(0));
        Assert.Equal((2, 4), (csv.Line, csv.EndLine));
        Assert.True(csv.Read());
        var error = Assert.Throws<DataFormatException>(() => csv.Number(1));
        Assert.Equal("t.csv: line 5, column 'v': \"x\" is not a number in the form DescentLab writes (round-trip digits, inf, -inf or nan).", error.Message);
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData(" 1")]
    [InlineData("1e0")]
    [InlineData("+1")]
    [InlineData("Infinity")]
    [InlineData("0x1")]
    public void Number_NotInTheWrittenForm_ThrowsLocated(string cell)
    {
        var csv = new CsvReader(new StringReader($"v\n\"{cell}\"\n"), "t.csv");
        Assert.True(csv.Read());

        var error = Assert.Throws<DataFormatException>(() => csv.Number(0));

        Assert.Equal((2, "v"), (error.Line, error.Column));
    }

    [Theory]
    [InlineData("01")]
    [InlineData("+1")]
    [InlineData("1.0")]
    [InlineData("-1")]
    public void WholeNumber_NotPlainDigitsInRange_ThrowsLocated(string cell)
    {
        var csv = new CsvReader(new StringReader($"k\n{cell}\n"), "t.csv");
        Assert.True(csv.Read());

        var error = Assert.Throws<DataFormatException>(() => csv.WholeNumber(0));

        Assert.Equal((2, "k"), (error.Line, error.Column));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void TrueOrFalse_ExactWords_Read(string cell, bool expected)
    {
        var csv = new CsvReader(new StringReader($"d\n{cell}\n"), "t.csv");
        Assert.True(csv.Read());

        Assert.Equal(expected, csv.TrueOrFalse(0));
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("True")]
    [InlineData("1")]
    public void TrueOrFalse_AnythingElse_ThrowsLocated(string cell)
    {
        var csv = new CsvReader(new StringReader($"d\n{cell}\n"), "t.csv");
        Assert.True(csv.Read());

        var error = Assert.Throws<DataFormatException>(() => csv.TrueOrFalse(0));

        Assert.Equal($"t.csv: line 2, column 'd': \"{cell}\" is not true or false.", error.Message);
    }
}
