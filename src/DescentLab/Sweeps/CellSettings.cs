using DescentLab.Io;

namespace DescentLab.Sweeps;

/// <summary>A cell's settings as the tidy and summary files hold them: optimizer, sampler, batch size, lr, method.</summary>
internal readonly record struct CellSettings(string Optimizer, string Sampler, string BatchSize, double LearningRate, string Method)
{
    /// <summary>The settings columns' names.</summary>
    public const string Header = "optimizer,sampler,batch_size,lr,method";

    /// <summary>The settings' cells, text quoted and guarded as <see cref="CsvNumbers.Text"/> writes it.</summary>
    public string[] Cells() =>
        [CsvNumbers.Text(Optimizer), CsvNumbers.Text(Sampler), CsvNumbers.Text(BatchSize), CsvNumbers.Format(LearningRate), CsvNumbers.Text(Method)];

    /// <summary>Reads the settings of the current record of <paramref name="csv"/>, from the columns named by <see cref="Header"/>.</summary>
    public static CellSettings Read(CsvReader csv, IReadOnlyList<int> columns) =>
        new(csv.Text(columns[0]), csv.Text(columns[1]), csv.Text(columns[2]), csv.Number(columns[3]), csv.Text(columns[4]));

    /// <summary>The columns of <see cref="Header"/> in <paramref name="csv"/>.</summary>
    public static int[] Columns(CsvReader csv) => [.. Header.Split(',').Select(csv.ColumnOf)];
}
