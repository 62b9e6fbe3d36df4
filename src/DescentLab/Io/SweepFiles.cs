using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DescentLab.Data;
using DescentLab.Experiments;
using DescentLab.Sweeps;

namespace DescentLab.Io;

/// <summary>
/// A sweep's output folder: sweep.json, data.csv (for given data), tidy.csv (one row per run) and, for a whole sweep,
/// summary.csv (one row per cell) or, for a shard, manifest.json; and the strict merge of shard folders.
/// </summary>
public static class SweepFiles
{
    /// <summary>The resolved sweep file's name.</summary>
    public const string SweepName = "sweep.json";

    /// <summary>The tidy file's name.</summary>
    public const string TidyName = "tidy.csv";

    /// <summary>The summary file's name.</summary>
    public const string SummaryName = "summary.csv";

    /// <summary>A shard's manifest's name.</summary>
    public const string ManifestName = "manifest.json";

    /// <summary>
    /// The sweep digest: SHA-256 (lowercase hex) of the sweep as <see cref="SweepJson.Write"/> writes it (output settings
    /// left out, as they change no result) followed, for given data, by the data as <see cref="CsvDatasetWriter"/>
    /// writes it. It is computed from the parsed sweep, so two files that differ only in layout have one digest.
    /// </summary>
    public static string Digest(SweepSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var text = SweepJson.Write(new SweepFile(spec, new()), ExperimentOutputWriter.DataFileName);
        if (DataText(spec) is { } data)
        {
            text += "\n" + data;
        }

        return Sha256(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>
    /// Writes <paramref name="result"/> into <paramref name="folder"/> (created if needed): sweep.json, data.csv for given
    /// data, tidy.csv, and summary.csv for the whole sweep or manifest.json for a shard (a shard's summary would cover
    /// only some replicates of each cell). Returns sweep.json's text.
    /// </summary>
    public static string Write(string folder, SweepFile file, SweepResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Write(folder, file, SweepCsv.Tidy(result.Rows), result.Shard);
    }

    /// <summary>
    /// Reads the shard folders of one sweep and checks them: each has a manifest; its sweep.json, parsed, has the digest
    /// the manifest records and the same as every other shard's; every row of its tidy.csv is in the form DescentLab
    /// writes, has the settings and seed of the cell the sweep enumerates for it and belongs to the shard; every run
    /// appears once; each file's size and SHA-256 are the manifest's (after CRLF line ends are read as LF).
    /// </summary>
    /// <exception cref="InvalidDataException">A shard is missing, damaged or edited; the message names the folder or file, and the line and column where there is one.</exception>
    public static MergedSweep ReadShards(IReadOnlyList<string> folders)
    {
        ArgumentNullException.ThrowIfNull(folders);
        if (folders.Count == 0)
        {
            throw new InvalidDataException("merge: give the shards' output folders.");
        }

        var shards = new List<(string Folder, ShardManifest Manifest, Shard Shard, SweepFile File)>();
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            if (!Directory.Exists(folder))
            {
                throw new InvalidDataException($"merge: no such folder: {folder}");
            }

            var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
            if (!given.TryAdd(full, folder))
            {
                var earlier = given[full];
                throw new InvalidDataException(earlier == folder ? $"merge: {folder} is given twice." : $"merge: {folder} and {earlier} are the same folder, given twice.");
            }

            var manifest = ReadManifest(folder);
            var shard = ParseShard(manifest, folder);
            var sweepPath = Path.Combine(folder, SweepName);
            if (!File.Exists(sweepPath))
            {
                throw new InvalidDataException($"merge: {sweepPath}: the shard's sweep file is missing.");
            }

            SweepFile file;
            try
            {
                file = SweepJson.Read(sweepPath);
            }
            catch (SpecFormatException e)
            {
                throw new InvalidDataException($"merge: {sweepPath}: {e.Message}", e);
            }
            catch (DataFormatException e)
            {
                throw new InvalidDataException($"merge: {e.Message}", e);
            }

            var digest = Digest(file.Spec);
            if (digest != manifest.SweepDigest)
            {
                var what = file.Spec.Base.Data is GivenData ? $"{sweepPath} with its {ExperimentOutputWriter.DataFileName}" : sweepPath;
                throw new InvalidDataException($"merge: {what} describes another sweep than its {ManifestName} was written for (sweep digest {digest[..12]}…, not {MessageText.Excerpt(manifest.SweepDigest, 12)}): {DigestCause(manifest)}");
            }

            shards.Add((folder, manifest, shard, file));
        }

        // The sweep most shards share is the one being merged, so the message names the odd shard out, whichever was given first.
        var sweeps = shards.GroupBy(s => s.Manifest.SweepDigest, StringComparer.Ordinal).ToList();
        if (sweeps.Count > 1)
        {
            var common = sweeps.MaxBy(g => g.Count())!.First();
            var odd = shards.First(s => s.Manifest.SweepDigest != common.Manifest.SweepDigest);
            var versions = odd.Manifest.Version != common.Manifest.Version
                ? $"; they were written by {Writer(odd.Manifest)} and {Writer(common.Manifest)}"
                : string.Empty;
            throw new InvalidDataException($"merge: {odd.Folder} is a shard of another sweep: its {SweepName} differs from {Path.Combine(common.Folder, SweepName)} (sweep digests {odd.Manifest.SweepDigest[..12]}… and {common.Manifest.SweepDigest[..12]}…){versions}.");
        }

        var spec = shards[0].File.Spec;
        var texts = shards.Select(s => ReadListed(s.Folder, s.Manifest, TidyName)).ToArray();
        string tidy;
        try
        {
            tidy = SweepCsv.Merge(spec, shards.Select((s, k) => new ShardTidy(s.Shard, Path.Combine(s.Folder, TidyName), texts[k].Text)));
        }
        catch (DataFormatException e)
        {
            throw new InvalidDataException($"merge: {e.Message}", e);
        }

        // The row checks come first, as they name a line and a column; what they cannot see (a result edited
        // consistently with its row) the checksums catch.
        for (var k = 0; k < shards.Count; k++)
        {
            var (folder, manifest, shard, file) = shards[k];
            Verify(folder, manifest, TidyName, texts[k]);
            if (file.Spec.Base.Data is GivenData)
            {
                Verify(folder, manifest, ExperimentOutputWriter.DataFileName, ReadListed(folder, manifest, ExperimentOutputWriter.DataFileName));
            }

            var runs = shard.RunCountOf(spec.RunCount);
            if (manifest.Rows != runs)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"merge: {Path.Combine(folder, ManifestName)}: rows: {manifest.Rows}, but shard {shard} of this sweep holds {runs} runs."));
            }

            if (manifest.Files.FirstOrDefault(f => f.Name != TidyName && (f.Name != ExperimentOutputWriter.DataFileName || file.Spec.Base.Data is not GivenData)) is { } extra)
            {
                throw new InvalidDataException($"merge: {Path.Combine(folder, ManifestName)}: files: '{MessageText.Excerpt(extra.Name)}' is not a file of this shard.");
            }
        }

        var first = shards.MinBy(s => s.Shard.Index).File;
        return new MergedSweep(first, tidy);
    }

    /// <summary>
    /// Writes the files of a whole sweep from <paramref name="merged"/> into <paramref name="folder"/>: sweep.json,
    /// data.csv for given data, tidy.csv and summary.csv, as one unsharded run writes them. Returns sweep.json's text.
    /// </summary>
    public static string Write(string folder, MergedSweep merged)
    {
        ArgumentNullException.ThrowIfNull(merged);
        return Write(folder, merged.File, merged.Tidy, Shard.All);
    }

    private static string Write(string folder, SweepFile file, string tidy, Shard shard)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentNullException.ThrowIfNull(file);
        Directory.CreateDirectory(folder);
        var sweepJson = SweepJson.Write(file, ExperimentOutputWriter.DataFileName);
        File.WriteAllText(Path.Combine(folder, SweepName), sweepJson);
        var written = new List<(string Name, byte[] Bytes)>();
        if (DataText(file.Spec) is { } data)
        {
            written.Add((ExperimentOutputWriter.DataFileName, Encoding.UTF8.GetBytes(data)));
        }

        written.Add((TidyName, Encoding.UTF8.GetBytes(tidy)));
        foreach (var (name, bytes) in written)
        {
            File.WriteAllBytes(Path.Combine(folder, name), bytes);
        }

        if (shard.Count == 1)
        {
            File.WriteAllText(Path.Combine(folder, SummaryName), SweepCsv.Summary(tidy));
        }
        else
        {
            var manifest = new ShardManifest(
                ShardManifest.CurrentFormat,
                shard.ToString(),
                Digest(file.Spec),
                tidy.Count(c => c == '\n') - 1,
                [.. written.Select(w => new ManifestEntry(w.Name, w.Bytes.LongLength, Sha256(w.Bytes)))])
            {
                Version = ShardManifest.CurrentVersion,
            };
            File.WriteAllText(Path.Combine(folder, ManifestName), JsonFormat.Write(manifest, ShardManifestJson.Default.ShardManifest));
        }

        return sweepJson;
    }

    /// <summary>data.csv's text for a sweep on given data, as <see cref="CsvDatasetWriter"/> writes it; null for generated data.</summary>
    private static string? DataText(SweepSpec spec)
    {
        if (spec.Base.Data is not GivenData given)
        {
            return null;
        }

        using var data = new StringWriter(CultureInfo.InvariantCulture);
        CsvDatasetWriter.Write(given.Dataset, data);
        return data.ToString();
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static ShardManifest ReadManifest(string folder)
    {
        var path = Path.Combine(folder, ManifestName);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"merge: {path}: the folder has no {ManifestName}, so it is not a shard folder that 'descentlab sweep --shard' wrote.");
        }

        ShardManifest? manifest;
        try
        {
            var text = InputFile.ReadAllText(path);
            FormatCheck(text, path);
            manifest = JsonSerializer.Deserialize(text, ShardManifestJson.Default.ShardManifest);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is long line ? string.Create(CultureInfo.InvariantCulture, $"line {line + 1}, byte {e.BytePositionInLine + 1}: ") : string.Empty;
            throw new InvalidDataException($"merge: {path}: {where}not a manifest DescentLab writes: invalid JSON, or a field missing, unknown, repeated or of the wrong type{(e.Path is { Length: > 0 } p ? $" (at {p})" : string.Empty)}.", e);
        }

        if (manifest is null)
        {
            throw new InvalidDataException($"merge: {path}: not a manifest DescentLab writes (null).");
        }

        if ((manifest.Format == 1) != (manifest.Version is null))
        {
            throw new InvalidDataException(manifest.Format == 1
                ? $"merge: {path}: version: a format 1 manifest records no version."
                : string.Create(CultureInfo.InvariantCulture, $"merge: {path}: version: missing; a format {manifest.Format} manifest records the DescentLab version that wrote it."));
        }

        return manifest;
    }

    /// <summary>
    /// Refuses a manifest of a format this version does not read before its fields are checked, so that a later format's
    /// new fields are reported as a later format rather than as unknown fields.
    /// </summary>
    private static void FormatCheck(string text, string path)
    {
        using var document = JsonDocument.Parse(text);
        if (document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("format", out var format)
            && format.ValueKind == JsonValueKind.Number
            && !(format.TryGetInt32(out var number) && number is 1 or ShardManifest.CurrentFormat))
        {
            throw new InvalidDataException($"merge: {path}: format: {MessageText.Excerpt(format.GetRawText(), 20)}; this version reads formats 1 and {ShardManifest.CurrentFormat}.");
        }
    }

    /// <summary>Why a shard's sweep.json, as this version reads it, is not the sweep its manifest records.</summary>
    private static string DigestCause(ShardManifest manifest)
    {
        const string Edited = "edited after the shard was written";
        if (manifest.Version == ShardManifest.CurrentVersion)
        {
            return Edited + ".";
        }

        return $"{Edited}, or written by {Writer(manifest)}, which may read sweep files differently from this one ({ShardManifest.CurrentVersion}); rerun the shard with this version, or merge with the one that wrote it.";
    }

    private static string Writer(ShardManifest manifest) =>
        manifest.Version is { } version ? $"DescentLab {MessageText.Excerpt(version, 60)}" : "an earlier DescentLab, whose manifest records no version";

    private static Shard ParseShard(ShardManifest manifest, string folder)
    {
        try
        {
            return Shard.Parse(manifest.Shard);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new InvalidDataException($"merge: {Path.Combine(folder, ManifestName)}: shard: '{MessageText.Excerpt(manifest.Shard)}' is not a shard i/N with 0 ≤ i < N.", e);
        }
    }

    /// <summary>A file the manifest lists, read as text: as written, or with CRLF line ends read as LF.</summary>
    private static (string Text, bool Converted, byte[] Bytes) ReadListed(string folder, ShardManifest manifest, string name)
    {
        var path = Path.Combine(folder, name);
        if (!manifest.Files.Any(f => f.Name == name))
        {
            throw new InvalidDataException($"merge: {Path.Combine(folder, ManifestName)}: files: {name} is not listed.");
        }

        if (!File.Exists(path))
        {
            throw new InvalidDataException($"merge: {path}: the file is missing.");
        }

        var bytes = InputFile.ReadAllBytes(path);
        var text = Encoding.UTF8.GetString(bytes);
        var lf = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        return (lf, lf.Length != text.Length, bytes);
    }

    private static void Verify(string folder, ShardManifest manifest, string name, (string Text, bool Converted, byte[] Bytes) file)
    {
        var entry = manifest.Files.First(f => f.Name == name);
        var bytes = file.Converted ? Encoding.UTF8.GetBytes(file.Text) : file.Bytes;
        var sha = Sha256(bytes);
        if (bytes.LongLength != entry.Bytes || sha != entry.Sha256)
        {
            var how = file.Converted ? " (with its CRLF line ends read as LF)" : string.Empty;
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"merge: {Path.Combine(folder, name)}: {bytes.LongLength} bytes with SHA-256 {sha[..12]}…{how}, but {ManifestName} records {entry.Bytes} bytes with SHA-256 {MessageText.Excerpt(entry.Sha256, 12)}: the file was changed after the shard was written."));
        }
    }
}
