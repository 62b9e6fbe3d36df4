namespace DescentLab.Io;

/// <summary>The words a file uses for the values of <typeparamref name="T"/>: one table for reading and for writing.</summary>
/// <param name="refusal">What a message says after any other word in quotes, e.g. "is not a sampler; use …".</param>
/// <param name="entries">Each word and the value it stands for.</param>
internal sealed class Words<T>(string refusal, params (string Word, T Value)[] entries)
    where T : notnull
{
    /// <summary>The words, in the table's order.</summary>
    public IEnumerable<string> All => entries.Select(e => e.Word);

    /// <summary>The word for <paramref name="value"/>.</summary>
    public string this[T value] => entries.First(e => EqualityComparer<T>.Default.Equals(e.Value, value)).Word;

    /// <summary>The value <paramref name="word"/> stands for; another word is refused at <paramref name="path"/>.</summary>
    /// <exception cref="SpecFormatException">The word is not in the table.</exception>
    public T Parse(string word, string path) =>
        entries.FirstOrDefault(e => e.Word == word) is { Word: not null } entry ? entry.Value : throw new SpecFormatException(path, $"'{word}' {refusal}");
}
