namespace DescentLab.Cli.Tests;

public sealed class ConsoleTableTests
{
    [Fact]
    public void Write_TextAndNumberColumns_AlignsTwoSpacesApartWithoutTrailingBlanks()
    {
        using var output = new StringWriter();
        output.NewLine = "\n";

        new ConsoleTable()
            .Column("method", text: true).Column("steps").Column("outcome")
            .Row(["gd", "300", "not reached"])
            .Row(["optimum θ*", "", ""])
            .Write(output);

        Assert.Equal(
            "method      steps      outcome\n"
            + "----------  -----  -----------\n"
            + "gd            300  not reached\n"
            + "optimum θ*\n",
            output.ToString());
    }

    [Fact]
    public void Write_NoRuleAndLeastWidths_PadsToTheLeastWidth()
    {
        using var output = new StringWriter();
        output.NewLine = "\n";

        new ConsoleTable(rule: false)
            .Column("a", text: true, minWidth: 4).Column("b", text: true)
            .Row(["x", "[1, 2]"])
            .Write(output);

        Assert.Equal("a     b\nx     [1, 2]\n", output.ToString());
    }

    [Fact]
    public void Row_WrongNumberOfCells_Throws() =>
        Assert.Throws<ArgumentException>(() => new ConsoleTable().Column("a").Row(["1", "2"]));
}
