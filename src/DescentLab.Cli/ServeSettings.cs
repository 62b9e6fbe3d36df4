namespace DescentLab.Cli;

/// <summary>Where <c>descentlab serve</c> listens and what one request may ask of it.</summary>
internal sealed record ServeSettings
{
    /// <summary>The address to bind: loopback unless asked otherwise.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The port; 0 picks a free one.</summary>
    public int Port { get; init; } = 5170;

    /// <summary>The most optimizer steps one request may train, over every method and replicate (--max-steps).</summary>
    public long MaxSteps { get; init; } = 1_000_000;

    /// <summary>The most replicates one request may ask for (--max-replicates).</summary>
    public int MaxReplicates { get; init; } = 500;

    /// <summary>The most samples a generated dataset may have (--max-samples); a CSV is bounded by the body size.</summary>
    public int MaxSamples { get; init; } = 100_000;

    /// <summary>The largest request body accepted, in bytes (--max-body-kb).</summary>
    public long MaxBodyBytes { get; init; } = 1 << 20;

    /// <summary>How long one request may compute before it is cancelled (--timeout).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Requests computed at once; others wait in a queue (--max-concurrent).</summary>
    public int MaxConcurrent { get; init; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Requests waiting for a turn before the server answers 503.</summary>
    public int MaxQueue { get; init; } = 64;
}
