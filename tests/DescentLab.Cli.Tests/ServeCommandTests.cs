using System.Text.RegularExpressions;

namespace DescentLab.Cli.Tests;

/// <summary><c>descentlab serve</c> as a command: its URL, its flags, and a clean stop on Ctrl-C.</summary>
public sealed partial class ServeCommandTests
{
    [Fact]
    public async Task Serve_PortZero_PrintsItsUrlServesAndStopsOnCancel()
    {
        using var output = new SynchronizedWriter();
        using var error = new StringWriter();
        using var stop = new CancellationTokenSource();
        var command = Task.Run(() => DescentLabCommand.Run(["serve", "--port", "0"], output, error, cancellationToken: stop.Token));
        Match url;
        var waited = 0;
        while (!(url = Url().Match(output.Text)).Success && waited < 30_000 && !command.IsCompleted)
        {
            await Task.Delay(50);
            waited += 50;
        }

        Assert.True(url.Success, $"no URL printed: {output.Text} {error}");
        using (var client = new HttpClient())
        {
            var seed = await client.GetStringAsync(new Uri(new Uri(url.Value), "/api/experiment"));
            Assert.Contains("\"name\": \"seed\"", seed, StringComparison.Ordinal);
        }

        await stop.CancelAsync();
        Assert.Equal(0, await command.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("descentlab: stopped.", error.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("http://127.0.0.1:", url.Value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--port", "http", "--port: expected a whole number from 0 to 65535, got 'http'.")]
    [InlineData("--port", "70000", "--port: expected a whole number from 0 to 65535, got '70000'.")]
    [InlineData("--max-steps", "0", "--max-steps: expected a whole number from 1 to 2147483647, got '0'.")]
    [InlineData("--timeout", "-1", "--timeout: expected a whole number from 1 to 3600, got '-1'.")]
    [InlineData("--host", "example.org", "--host: 'example.org' is not an IP address; use 127.0.0.1 (the default), ::1, 0.0.0.0 or an address of this machine.")]
    public void Serve_BadFlag_ExitsTwoNamingIt(string flag, string value, string message)
    {
        var result = flag == "--port" ? Sandbox.Run("serve", flag, value) : Sandbox.Run("serve", flag, value, "--port", "0");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"descentlab: {message}", result.Error.Trim());
    }

    [GeneratedRegex(@"http://[0-9.:\[\]]+/")]
    private static partial Regex Url();

    /// <summary>A writer the test can read while the command writes to it from another thread.</summary>
    private sealed class SynchronizedWriter : StringWriter
    {
        private readonly Lock _gate = new();

        public string Text
        {
            get
            {
                lock (_gate)
                {
                    return ToString();
                }
            }
        }

        public override void Write(char value)
        {
            lock (_gate)
            {
                base.Write(value);
            }
        }

        public override void Write(string? value)
        {
            lock (_gate)
            {
                base.Write(value);
            }
        }

        public override void WriteLine(string? value)
        {
            lock (_gate)
            {
                base.WriteLine(value);
            }
        }
    }
}
