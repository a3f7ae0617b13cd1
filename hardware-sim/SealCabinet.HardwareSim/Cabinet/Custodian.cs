using SealCabinet.Firmware.Core.Messages;
using SealCabinet.Firmware.Core.Sleeves;

namespace SealCabinet.HardwareSim.Cabinet;

/// <summary>What a custodian does at the cabinet once a grant has made a sleeve READY, step by step as the sensors see it.</summary>
public static class Custodian
{
    /// <summary>
    /// Waits for the sleeve to be READY, pushes its stamp button, waits for the latch to release, lifts the seal, presses
    /// it <paramref name="presses"/> times and returns it, waiting for the firmware to see each step; completes when the
    /// firmware has relocked the sleeve.
    /// </summary>
    /// <param name="cabinet">The cabinet (real time).</param>
    /// <param name="sleeve">Sleeve 1..3.</param>
    /// <param name="presses">Presses to make.</param>
    /// <param name="timeout">Limit for each wait.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>The SLEEVE_RELOCKED event.</returns>
    public static async Task<RecordedEvent> StampAsync(SimulatedCabinet cabinet, int sleeve, int presses, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cabinet);
        var from = cabinet.Events.Count;
        await cabinet.WaitUntilAsync(() => cabinet.Firmware?.GetSleevePhase(sleeve) == SleevePhase.Ready, timeout, $"sleeve {sleeve} READY", cancellationToken).ConfigureAwait(false);
        cabinet.PushStampButton(sleeve);
        await cabinet.WaitUntilAsync(() => !cabinet.Board.Sleeve(sleeve).LatchEngaged, timeout, $"sleeve {sleeve} unlatched", cancellationToken).ConfigureAwait(false);
        cabinet.Lift(sleeve);
        await cabinet.WaitUntilAsync(() => cabinet.Firmware?.GetSleevePhase(sleeve) == SleevePhase.Lifted, timeout, $"the lift of seal {sleeve} seen", cancellationToken).ConfigureAwait(false);
        for (var i = 1; i <= presses; i++)
        {
            var count = (uint)i;
            cabinet.Press(sleeve);
            await cabinet.WaitForEventAsync(e => e.Type == EventType.Press && e.Event.Sleeve == sleeve && e.Event.PressCount == count, from, timeout, $"press {i} of seal {sleeve} counted", cancellationToken).ConfigureAwait(false);

            // The seal comes back up, and the firmware has seen it, before the next press or the return.
            await cabinet.WaitUntilAsync(() => cabinet.Firmware?.IsPressed(sleeve) == false, timeout, $"press {i} of seal {sleeve} released", cancellationToken).ConfigureAwait(false);
        }

        cabinet.Return(sleeve);
        var (relocked, _) = await cabinet.WaitForEventAsync(e => e.Type == EventType.SleeveRelocked && e.Event.Sleeve == sleeve, from, timeout, $"sleeve {sleeve} relocked", cancellationToken).ConfigureAwait(false);
        return relocked;
    }
}
