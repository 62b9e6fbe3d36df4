namespace DescentLab.Io;

/// <summary>An experiment file that cannot be read as a spec; the message starts with the JSON path at fault.</summary>
public sealed class SpecFormatException : FormatException
{
    /// <summary>Creates an exception with <paramref name="message"/> caused by <paramref name="innerException"/>.</summary>
    public SpecFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for the value at <paramref name="jsonPath"/> (e.g. <c>methods[1].optimizer.momentum</c>).</summary>
    public SpecFormatException(string jsonPath, string detail, Exception? innerException = null)
        : base($"{jsonPath}: {detail}", innerException)
    {
        JsonPath = jsonPath;
        Detail = detail;
    }

    /// <summary>The JSON path of the value at fault, or null when the file as a whole is at fault.</summary>
    public string? JsonPath { get; }

    /// <summary>What is wrong, without the path.</summary>
    public string? Detail { get; }
}
