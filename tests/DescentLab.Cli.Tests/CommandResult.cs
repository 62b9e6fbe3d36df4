namespace DescentLab.Cli.Tests;

/// <summary>What one in-process run of the command returned and printed.</summary>
internal sealed record CommandResult(int ExitCode, string Output, string Error);
