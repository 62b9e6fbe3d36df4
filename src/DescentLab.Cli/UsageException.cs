namespace DescentLab.Cli;

/// <summary>Bad input to the command; the message names the flag, field or file line and says what to do.</summary>
internal sealed class UsageException : Exception
{
    public UsageException()
    {
    }

    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
