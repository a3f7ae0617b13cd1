using System.Diagnostics;
using SealCabinet.HardwareSim.Cabinet;

namespace SealCabinet.HardwareSim.Cli.Commands;

/// <summary>Prints a cabinet's journaled events and the simulator's notes as a timeline with elapsed seconds.</summary>
internal sealed class Timeline
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly object _lock = new();

    public Timeline(SimulatedCabinet cabinet)
    {
        cabinet.EventRecorded += e => Write($"  event {e.Describe()}");
        cabinet.Note += note => Write($"  sim   {note}");
    }

    public void Write(string line)
    {
        lock (_lock)
        {
            Console.WriteLine($"[{_clock.Elapsed.TotalSeconds,7:0.000} s] {line}");
        }
    }
}
