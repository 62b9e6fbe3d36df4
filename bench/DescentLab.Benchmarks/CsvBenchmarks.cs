using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using DescentLab.Data;
using DescentLab.Io;

namespace DescentLab.Benchmarks;

/// <summary>
/// Reading a dataset of 10⁵ rows of three round-trip numbers (about 5 MB of text) from memory: the CSV tokenizer and
/// the number parsing, without the disk. Mean per file; rows per second = 1e14 / Mean[ns].
/// </summary>
[MemoryDiagnoser]
public class CsvBenchmarks
{
    private const int Rows = 100_000;
    private string _text = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        var text = new StringBuilder("x1,x2,y\n");
        for (var i = 0; i < Rows; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{random.NextDouble() * 100:R},{random.NextDouble():R},{random.NextDouble() * 1e4:R}\n");
        }

        _text = text.ToString();
    }

    /// <summary>The dataset reader on the whole text.</summary>
    [Benchmark]
    public Dataset ReadDataset() => CsvDatasetReader.Read(new StringReader(_text), "data.csv", ["x1", "x2"], "y");
}
