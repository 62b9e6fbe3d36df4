using System.Runtime.InteropServices;
using DescentLab.Cli;
using DescentLab.Io;

// Ctrl-C and SIGTERM cancel the run: the command removes its temporary folder and exits with 130. Work that does not
// check the token in time (a long drawing, a library routine) is not waited for: after a grace period the temporary
// folders are removed here and the process exits with 130 all the same.
using var cancellation = new CancellationTokenSource();
var finished = 0;
void Stop()
{
    if (cancellation.IsCancellationRequested)
    {
        return;
    }

    cancellation.Cancel();
    _ = Task.Run(async () =>
    {
        await Task.Delay(TimeSpan.FromMilliseconds(500)).ConfigureAwait(false);
        if (Interlocked.Exchange(ref finished, 1) == 0)
        {
            var abandoned = OutputFolder.AbandonAll();
            Console.Error.WriteLine(abandoned > 0 ? "descentlab: cancelled; nothing was written." : "descentlab: cancelled.");
            Environment.Exit(ExitCodes.Cancelled);
        }
    });
}

Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    Stop();
};
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    Stop();
});

var code = DescentLabCommand.Run(args, Console.Out, Console.Error, terminal: !Console.IsErrorRedirected, cancellation.Token);
if (Interlocked.Exchange(ref finished, 1) != 0)
{
    // The grace period ran out first: its thread is exiting the process.
    Thread.Sleep(Timeout.Infinite);
}

return code;
