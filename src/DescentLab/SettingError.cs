namespace DescentLab;

/// <summary>A value an options record or spec refused, as data: the field it names and what is wrong, without the field.</summary>
/// <remarks>
/// The records throw the usual <see cref="ArgumentException"/>s (torch's messages, for the optimizers) and attach this to
/// them, so a command, a file reader or a server can name the value in its own terms (a flag, a JSON path) without taking
/// the exception's text apart.
/// </remarks>
/// <param name="Field">The field as an experiment file names it, e.g. <c>lr</c> or <c>epochs</c>.</param>
/// <param name="Message">What is wrong, e.g. <c>Invalid learning rate: -1</c> or <c>must be at least 1.</c></param>
public sealed record SettingError(string Field, string Message)
{
    private const string Key = "DescentLab.SettingError";

    /// <summary>The setting error attached to <paramref name="exception"/>, or null when it carries none.</summary>
    public static SettingError? Of(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.Data[Key] as SettingError;
    }

    /// <summary>What is wrong: the attached error's message, or the exception's own message when it carries none.</summary>
    public static string MessageOf(Exception exception) => Of(exception)?.Message ?? exception.Message;

    /// <summary>Attaches the error (<paramref name="field"/>, <paramref name="message"/>) to <paramref name="exception"/> and returns it.</summary>
    internal static TException Attach<TException>(TException exception, string field, string message)
        where TException : Exception
    {
        exception.Data[Key] = new SettingError(field, message);
        return exception;
    }

    /// <summary>An <see cref="ArgumentOutOfRangeException"/> with the message "<paramref name="field"/>: <paramref name="message"/>", carrying the error.</summary>
    internal static ArgumentOutOfRangeException OutOfRange(string field, string paramName, object? value, string message) =>
        Attach(new ArgumentOutOfRangeException(paramName, value, $"{field}: {message}"), field, message);

    /// <summary>An <see cref="ArgumentException"/> with the message "<paramref name="field"/>: <paramref name="message"/>", carrying the error.</summary>
    internal static ArgumentException Invalid(string field, string paramName, string message) =>
        Attach(new ArgumentException($"{field}: {message}", paramName), field, message);
}
