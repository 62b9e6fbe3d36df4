namespace DescentLab.Rendering.Tests;

/// <summary>A fact that needs headless Chromium: skipped with the reason when it is missing, unless CI requires it.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    /// <summary>Set to 1 to turn a missing browser into a failure (CI sets it).</summary>
    public const string RequireVariable = "DESCENTLAB_REQUIRE_BROWSER";

    /// <summary>Overrides where Chromium is looked for.</summary>
    public const string PathVariable = "DESCENTLAB_CHROMIUM";

    public BrowserFactAttribute()
    {
        if (!File.Exists(ChromiumPath) && Environment.GetEnvironmentVariable(RequireVariable) != "1")
        {
            Skip = $"Chromium not found at {ChromiumPath}: install the Debian package chromium (or set {PathVariable}); set {RequireVariable}=1 to make this a failure.";
        }
    }

    public static string ChromiumPath => Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } path ? path : "/usr/bin/chromium";
}
