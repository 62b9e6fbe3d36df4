using System.Runtime.InteropServices;
using DescentLab.Cli;

// Ctrl-C and SIGTERM cancel the run: the command removes its temporary folder and exits with 130.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    cancellation.Cancel();
});

return DescentLabCommand.Run(args, Console.Out, Console.Error, terminal: !Console.IsErrorRedirected, cancellation.Token);
