using SkiaSharp;

namespace DescentLab.Rendering.Tests;

/// <summary>Pixel counts for checking that a PNG figure was drawn on.</summary>
internal static class PixelChecks
{
    public static bool IsWhite(SKColor c) => c.Red > 245 && c.Green > 245 && c.Blue > 245;

    public static bool IsDark(SKColor c) => c.Red < 100 && c.Green < 100 && c.Blue < 100;

    public static double Fraction(SKBitmap bitmap, int left, int top, int right, int bottom, Func<SKColor, bool> test)
    {
        var hits = 0;
        for (var y = top; y < bottom; y++)
        {
            for (var x = left; x < right; x++)
            {
                if (test(bitmap.GetPixel(x, y)))
                {
                    hits++;
                }
            }
        }

        return hits / (double)((right - left) * (bottom - top));
    }

    public static int Colours(SKBitmap bitmap, int left, int top, int right, int bottom)
    {
        var seen = new HashSet<uint>();
        for (var y = top; y < bottom; y += 2)
        {
            for (var x = left; x < right; x += 2)
            {
                seen.Add((uint)bitmap.GetPixel(x, y));
            }
        }

        return seen.Count;
    }

    public static string[] SvgTexts(string path) =>
        [.. System.Xml.Linq.XDocument.Load(path).Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim())];

    public static string FigureData(string html)
    {
        var start = html.IndexOf("<script type=\"application/json\" id=\"figure-data\">", StringComparison.Ordinal);
        start = html.IndexOf('>', start) + 1;
        return html[start..html.IndexOf("</script>", start, StringComparison.Ordinal)];
    }
}
