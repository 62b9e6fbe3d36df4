namespace DescentLab.Io;

/// <summary>An output folder that cannot be used: it exists, is a file, or cannot be written.</summary>
public sealed class OutputFolderException : IOException
{
    /// <summary>Creates an exception with a generic message.</summary>
    public OutputFolderException()
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/>.</summary>
    public OutputFolderException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/> caused by <paramref name="innerException"/>.</summary>
    public OutputFolderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for <paramref name="target"/> with the given problem.</summary>
    public OutputFolderException(string target, OutputFolderProblem problem, string detail, Exception? innerException = null)
        : base($"{target}: {detail}", innerException)
    {
        Target = target;
        Problem = problem;
    }

    /// <summary>The output folder as given.</summary>
    public string? Target { get; }

    /// <summary>What is wrong.</summary>
    public OutputFolderProblem Problem { get; }
}
