#:project ../../src/DescentLab/DescentLab.csproj
#:property JsonSerializerIsReflectionEnabledByDefault=false

using DescentLab.Io;
using DescentLab.Sweeps;

var file = SweepJson.Read("examples/sweep.json");               // or new SweepSpec { Base = …, LearningRates = […], … }
var result = SweepRunner.Run(file.Spec, Shard.Parse("0/1"));     // one shard, or all of it
var summary = SweepCsv.ReadSummary(SweepCsv.Summary(SweepCsv.Tidy(result.Rows)));
foreach (var cell in summary)
{
    Console.WriteLine($"{cell.Method}: median excess loss {cell.FinalExcessLoss.Median:G4}, reached {cell.ReachedShare:P0}");
}
