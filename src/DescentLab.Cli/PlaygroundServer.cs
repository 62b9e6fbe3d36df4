using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using System.Threading.RateLimiting;
using DescentLab.Data;
using DescentLab.Experiments;
using DescentLab.Io;
using DescentLab.Rendering;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DescentLab.Cli;

/// <summary>
/// The playground behind <c>descentlab serve</c>: one page and a JSON API over <see cref="ExperimentView"/>, on Kestrel.
/// Requests are experiment files, checked by the same code and with the same messages as <c>run --config</c>.
/// </summary>
internal sealed class PlaygroundServer : IAsyncDisposable
{
    /// <summary>The page's policy: everything from this server, nothing from anywhere else.</summary>
    /// <remarks>plotly.js compiles its WebGL shaders with Function() (hence 'unsafe-eval') and sets inline styles.</remarks>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; connect-src 'self'; "
        + "img-src 'self' data: blob:; font-src data:; worker-src blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private readonly WebApplication _app;
    private readonly ConcurrencyLimiter _limiter;

    private PlaygroundServer(WebApplication app, ConcurrencyLimiter limiter, Uri address)
    {
        _app = app;
        _limiter = limiter;
        Address = address;
    }

    /// <summary>The page's address, with the port actually bound.</summary>
    public Uri Address { get; }

    /// <summary>Starts a server with <paramref name="settings"/>; it serves until disposed.</summary>
    /// <exception cref="UsageException">The host is not an address, or the port cannot be bound.</exception>
    public static async Task<PlaygroundServer> StartAsync(ServeSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var address = ParseHost(settings.Host);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "DescentLab.Cli", ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();

        // The command's own Ctrl-C and SIGTERM handling stops the server; the host must not install a second one.
        builder.Services.AddSingleton<IHostLifetime, CommandLifetime>();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = settings.MaxBodyBytes;
            k.Listen(address, settings.Port);
        });
        var limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = settings.MaxConcurrent,
            QueueLimit = settings.MaxQueue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        var app = builder.Build();
        Map(app, settings, limiter);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            limiter.Dispose();
            throw new UsageException($"--port: cannot listen on {settings.Host}:{settings.Port}: {e.Message}", e);
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var port = new Uri(bound).Port;
        var host = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        return new PlaygroundServer(app, limiter, new Uri(string.Create(CultureInfo.InvariantCulture, $"http://{host}:{port}/")));
    }

    /// <summary>Stops accepting requests, lets running ones finish briefly, and releases the port.</summary>
    public async ValueTask DisposeAsync()
    {
        using (var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _app.StopAsync(grace.Token).ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        _limiter.Dispose();
    }

    private static IPAddress ParseHost(string host)
    {
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        return IPAddress.TryParse(host.Trim('[', ']'), out var address)
            ? address
            : throw new UsageException($"--host: '{host}' is not an IP address; use 127.0.0.1 (the default), ::1, 0.0.0.0 or an address of this machine.");
    }

    private static void Map(WebApplication app, ServeSettings settings, ConcurrencyLimiter limiter)
    {
        // Stopping the server (Ctrl-C) cancels the runs in flight, which answer 503, instead of waiting out the grace period.
        var stopping = app.Lifetime.ApplicationStopping;
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.CacheControl = "no-store";
            await next(context).ConfigureAwait(false);
        });

        app.MapGet("/", () => Asset("playground.html", "text/html; charset=utf-8"));
        app.MapGet("/playground.js", () => Asset("playground.js", "text/javascript; charset=utf-8"));
        app.MapGet("/playground.css", () => Asset("playground.css", "text/css; charset=utf-8"));
        app.MapGet("/plotly.min.js", () => Results.Bytes(Plotly.Value, "text/javascript; charset=utf-8"));
        app.MapGet("/api/experiment", () => Results.Text(ExperimentJson.Write(ExperimentFile.Seed), "application/json; charset=utf-8"));
        app.MapPost("/api/run", (Func<HttpContext, Task<IResult>>)(context => Compute(context, settings, limiter, (file, token) =>
            Results.Bytes(ExperimentView.Run(file, runOptions: Timed, cancellationToken: token), "application/json; charset=utf-8"), stopping)));
        app.MapPost("/api/analyze", (Func<HttpContext, Task<IResult>>)(context => Compute(context, settings, limiter, (file, _) =>
            Results.Bytes(ExperimentView.Analyze(file), "application/json; charset=utf-8"), stopping)));
        app.MapPost("/api/report", (Func<HttpContext, Task<IResult>>)(context => Compute(context, settings, limiter, (file, token) =>
        {
            context.Response.Headers.ContentDisposition = "attachment; filename=\"report.html\"";
            return Results.Text(ExperimentView.Report(file, runOptions: Timed, token), "text/html; charset=utf-8", Encoding.UTF8);
        }, stopping)));
    }

    /// <summary>Runs timed by the system clock, as the command times them: the core reads no clock of its own.</summary>
    private static readonly RunOptions Timed = new() { Time = TimeProvider.System };

    private static readonly Lazy<byte[]> Plotly = new(() => Resource(typeof(ExperimentRenderer).Assembly, "plotly.min.js"));

    private static IResult Asset(string name, string contentType) => Results.Bytes(Resource(typeof(PlaygroundServer).Assembly, name), contentType);

    private static byte[] Resource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded resource '{name}' is missing from {assembly.GetName().Name}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Reads, checks and limits one experiment request, then computes <paramref name="work"/> under the timeout and the concurrency limit.</summary>
    private static async Task<IResult> Compute(HttpContext context, ServeSettings settings, ConcurrencyLimiter limiter, Func<ExperimentFile, CancellationToken, IResult> work, CancellationToken stopping)
    {
        if (context.Request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "send the experiment as JSON, with Content-Type: application/json.");
        }

        string body;
        try
        {
            // Kestrel refuses a body over MaxRequestBodySize (set from --max-body-kb) as it is read, with a 413. No BOM is
            // stripped and invalid bytes become U+FFFD, as Encoding.UTF8.GetString does.
            using var reader = new StreamReader(context.Request.Body, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false);
            body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return BodyTooLarge(settings);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or BadHttpRequestException)
        {
            return Results.Empty;
        }

        ExperimentFile file;
        try
        {
            file = ExperimentJson.ParseSelfContained(body);
            var data = ExperimentFileCheck.Check(file);
            if (Limit(file, data, settings) is { } refused)
            {
                return refused;
            }
        }
        catch (SpecFormatException e)
        {
            return Invalid(e.Message, e.JsonPath);
        }
        catch (DataFormatException e)
        {
            return Invalid(e.Message, "data.text");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        RateLimitLease lease;
        try
        {
            lease = await limiter.AcquireAsync(1, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return Results.Empty;
        }
        catch (OperationCanceledException)
        {
            return Stopping();
        }

        using var held = lease;
        if (!lease.IsAcquired)
        {
            return Problem(StatusCodes.Status503ServiceUnavailable, "Server busy", Invariant($"the server is busy: {settings.MaxConcurrent} runs in progress and {settings.MaxQueue} waiting; try again."));
        }

        timeout.CancelAfter(settings.Timeout);
        try
        {
            // The work is CPU-bound and cancels within an epoch; a client that disconnects or sends a newer request (the
            // page aborts the old one) frees its turn.
            return await Task.Run(() => work(file, timeout.Token), timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return Results.Empty;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return Stopping();
        }
        catch (OperationCanceledException)
        {
            return Problem(
                StatusCodes.Status503ServiceUnavailable,
                "Timed out",
                Invariant($"the run took longer than {settings.Timeout.TotalSeconds} s, the limit per request; start the server with --timeout SECONDS to allow more."),
                ("limit", "timeout"),
                ("flag", "--timeout"));
        }
        catch (SpecFormatException e)
        {
            return Invalid(e.Message, e.JsonPath);
        }
        catch (ArgumentException e)
        {
            // What the options records refuse only in combination (a schedule, a plane) surfaces here, named by its field.
            return SettingError.Of(e) is { } error
                ? Problem(StatusCodes.Status400BadRequest, "Invalid experiment", $"{error.Field}: {error.Message}", ("field", error.Field))
                : Invalid(e.Message, null);
        }
        catch (Exception e) when (e is InvalidOperationException or OutOfMemoryException or ArithmeticException)
        {
            return Problem(StatusCodes.Status500InternalServerError, "Failed", $"failed while running: {e.Message}");
        }
    }

    /// <summary>The refusal of a request over a limit: 413 naming the limit and the flag that raises it; null within every limit.</summary>
    private static IResult? Limit(ExperimentFile file, Dataset data, ServeSettings settings)
    {
        var spec = file.Spec;
        if (spec.Replicates > settings.MaxReplicates)
        {
            return TooLarge(
                Invariant($"replicates: {spec.Replicates} asked for; this server runs at most {settings.MaxReplicates} per request. Start it with --max-replicates {spec.Replicates} to allow more."),
                "replicates",
                "--max-replicates");
        }

        if (data.Count > settings.MaxSamples)
        {
            return TooLarge(
                Invariant($"data: {data.Count} samples; this server takes at most {settings.MaxSamples} per request. Start it with --max-samples {data.Count} to allow more."),
                "samples",
                "--max-samples");
        }

        var steps = spec.Methods.Sum(m => (double)m.Sampler.BatchesPerEpoch(data.Count) * spec.Training.Epochs) * spec.Replicates;
        if (steps > settings.MaxSteps)
        {
            var needed = steps >= long.MaxValue ? long.MaxValue : (long)steps;
            return TooLarge(
                Invariant($"the experiment trains {needed} steps (every method's steps per epoch × epochs × replicates); this server runs at most {settings.MaxSteps} per request. Start it with --max-steps {needed} to allow more."),
                "steps",
                "--max-steps");
        }

        return null;
    }

    private static IResult Stopping() =>
        Problem(StatusCodes.Status503ServiceUnavailable, "Server stopping", "the server is stopping; the run was cancelled.");

    private static IResult BodyTooLarge(ServeSettings settings) => TooLarge(
        Invariant($"the request body is larger than {settings.MaxBodyBytes} bytes, this server's limit. Start it with --max-body-kb {Math.Max(1, 2 * settings.MaxBodyBytes / 1024)} to allow more."),
        "body",
        "--max-body-kb");

    private static IResult TooLarge(string detail, string limit, string flag) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "Request too large", detail, ("limit", limit), ("flag", flag));

    private static IResult Invalid(string detail, string? path) => path is null
        ? Problem(StatusCodes.Status400BadRequest, "Invalid experiment", detail)
        : Problem(StatusCodes.Status400BadRequest, "Invalid experiment", detail, ("path", path));

    private static IResult Problem(int status, string title, string detail, params (string Key, object? Value)[] extensions) =>
        Results.Problem(detail: detail, statusCode: status, title: title, extensions: extensions.ToDictionary(e => e.Key, e => e.Value));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>A host lifetime that leaves Ctrl-C and SIGTERM to the command.</summary>
    private sealed class CommandLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
