using System.CommandLine;
using System.Diagnostics;

namespace DescentLab.Cli;

/// <summary>The <c>serve</c> subcommand: the live playground.</summary>
public static partial class DescentLabCommand
{
    private static Command ServeCommand(Context context)
    {
        var defaults = new ServeSettings();
        var host = new Option<string?>("--host") { Description = "The address to listen on (default 127.0.0.1: this machine only).", HelpName = "ADDRESS" };
        var port = new Option<string?>("--port") { Description = Invariant($"The port (default {defaults.Port}; 0 picks a free one)."), HelpName = "N" };
        var open = new Option<bool>("--open") { Description = "Open the page in the default browser." };
        var maxSteps = new Option<string?>("--max-steps") { Description = Invariant($"The most optimizer steps one request may train, over every method and replicate (default {defaults.MaxSteps})."), HelpName = "N" };
        var maxReplicates = new Option<string?>("--max-replicates") { Description = Invariant($"The most replicates one request may ask for (default {defaults.MaxReplicates})."), HelpName = "N" };
        var maxSamples = new Option<string?>("--max-samples") { Description = Invariant($"The most samples a generated dataset may have (default {defaults.MaxSamples})."), HelpName = "N" };
        var maxBody = new Option<string?>("--max-body-kb") { Description = Invariant($"The largest request body, in KiB (default {defaults.MaxBodyBytes / 1024}); bounds an uploaded CSV."), HelpName = "N" };
        var timeout = new Option<string?>("--timeout") { Description = Invariant($"Seconds one request may compute before it is cancelled (default {defaults.Timeout.TotalSeconds})."), HelpName = "SECONDS" };
        var concurrent = new Option<string?>("--max-concurrent") { Description = Invariant($"Requests computed at once; others wait (default {defaults.MaxConcurrent}, the processor count)."), HelpName = "N" };
        var command = new Command(
            "serve",
            "Serves the playground: a page where every control reruns the experiment as you drag, and its JSON API (POST /api/run, "
            + "/api/analyze, /api/report; GET /api/experiment). Stops on Ctrl-C.")
        {
            host, port, open, maxSteps, maxReplicates, maxSamples, maxBody, timeout, concurrent,
        };
        command.SetAction(parse => context.Guarded(() =>
        {
            int? Whole(Option<string?> option, int low, int high) =>
                parse.GetValue(option) is { } text ? (int)SpecOptions.ParseWhole(option, text, low, high) : null;
            var settings = defaults with
            {
                Host = parse.GetValue(host) ?? defaults.Host,
                Port = Whole(port, 0, 65535) ?? defaults.Port,
                MaxSteps = Whole(maxSteps, 1, int.MaxValue) ?? defaults.MaxSteps,
                MaxReplicates = Whole(maxReplicates, 1, 1_000_000) ?? defaults.MaxReplicates,
                MaxSamples = Whole(maxSamples, 2, int.MaxValue) ?? defaults.MaxSamples,
                MaxBodyBytes = Whole(maxBody, 1, 1 << 20) * 1024L ?? defaults.MaxBodyBytes,
                Timeout = Whole(timeout, 1, 3600) is { } seconds ? TimeSpan.FromSeconds(seconds) : defaults.Timeout,
                MaxConcurrent = Whole(concurrent, 1, 1024) ?? defaults.MaxConcurrent,
            };
            return Serve(context, settings, parse.GetValue(open));
        }));
        return command;
    }

    private static int Serve(Context context, ServeSettings settings, bool open)
    {
        var server = PlaygroundServer.StartAsync(settings, context.CancellationToken).GetAwaiter().GetResult();
        try
        {
            context.Output.WriteLine($"descentlab: the playground is at {server.Address} (Ctrl-C to stop)");
            context.Output.Flush();
            if (settings.Host is not ("127.0.0.1" or "localhost" or "::1" or "[::1]"))
            {
                context.Error.WriteLine($"descentlab: listening on {settings.Host}: anyone who can reach this machine can run experiments here.");
            }

            if (open)
            {
                OpenBrowser(context, server.Address);
            }

            context.CancellationToken.WaitHandle.WaitOne();
        }
        finally
        {
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        context.Error.WriteLine("descentlab: stopped.");
        return ExitCodes.Success;
    }

    private static void OpenBrowser(Context context, Uri address)
    {
        try
        {
            var start = OperatingSystem.IsWindows()
                ? new ProcessStartInfo(address.ToString()) { UseShellExecute = true }
                : new ProcessStartInfo(OperatingSystem.IsMacOS() ? "open" : "xdg-open", address.ToString()) { UseShellExecute = false };
            using var process = Process.Start(start);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or PlatformNotSupportedException)
        {
            context.Error.WriteLine($"descentlab: --open: could not start a browser ({e.Message}); open {address} yourself.");
        }
    }
}
