namespace DescentLab.Rendering.Tests;

public sealed class PlotlyLabelTests
{
    [Theory]
    [InlineData("say \"hi\"", "say \"hi\"")]
    [InlineData("it's", "it's")]
    [InlineData("<b>x</b> & y", "&lt;b&gt;x&lt;/b&gt; &amp; y")]
    public void LabelText_QuotesShownAsTyped_TagsEncoded(string text, string expected) =>
        Assert.Equal(expected, PlotlyJson.LabelText(text));
}
