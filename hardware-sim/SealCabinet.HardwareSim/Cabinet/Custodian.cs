using SealCabinet.Firmware.Core.Messages;
using SealCabinet.Firmware.Core.Sleeves;

namespace SealCabinet.HardwareSim.Cabinet;

/// <summary>What a custodian does at the cabinet once a grant has made a sleeve READY, step by step as the sensors see it.</summary>
public static class Custodian
{
    /// <summary>
    /// Waits for the sleeve to be READY, authenticates with <paramref name="credential"/> (the card, then the PIN, as
    /// the credential holds them) and waits for CUSTODIAN_AUTHENTICATED, pushes the sleeve's stamp button, waits for the
    /// latch to release, lifts the seal, presses it <paramref name="presses"/> times and returns it, waiting for the
    /// firmware to see each step; completes when the firmware has relocked the sleeve.
    /// </summary>
    /// <param name="cabinet">The cabinet (real time).</param>
    /// <param name="sleeve">Sleeve 1..3.</param>
    /// <param name="presses">Presses to make.</param>
    /// <param name="credential">The PIN and/or card of the custodian the grant names.</param>
    /// <param name="timeout">Limit for each wait.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>The SLEEVE_RELOCKED event.</returns>
    /// <exception cref="InvalidOperationException">The cabinet did not authenticate the custodian, or refused the stamp button.</exception>
    /// <exception cref="TimeoutException">A step did not happen in time.</exception>
    public static async Task<RecordedEvent> StampAsync(SimulatedCabinet cabinet, int sleeve, int presses, CustodianCredential credential, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cabinet);
        ArgumentNullException.ThrowIfNull(credential);
        var from = cabinet.Events.Count;
        await WaitForReadyAsync(cabinet, sleeve, timeout, cancellationToken).ConfigureAwait(false);
        await AuthenticateAsync(cabinet, credential, timeout, cancellationToken).ConfigureAwait(false);
        return await UnlockAndStampAsync(cabinet, sleeve, presses, from, timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The same without authenticating first: only the stamp button. The simulator's cabinets have a PIN pad and a card
    /// reader, so the firmware refuses that push (STAMP_BUTTON_REFUSED, "nobody authenticated at the cabinet") and this
    /// throws; use the overload with a <see cref="CustodianCredential"/>.
    /// </summary>
    /// <param name="cabinet">The cabinet (real time).</param>
    /// <param name="sleeve">Sleeve 1..3.</param>
    /// <param name="presses">Presses to make.</param>
    /// <param name="timeout">Limit for each wait.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>The SLEEVE_RELOCKED event.</returns>
    /// <exception cref="InvalidOperationException">The cabinet refused the stamp button.</exception>
    /// <exception cref="TimeoutException">A step did not happen in time.</exception>
    public static async Task<RecordedEvent> StampAsync(SimulatedCabinet cabinet, int sleeve, int presses, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cabinet);
        var from = cabinet.Events.Count;
        await WaitForReadyAsync(cabinet, sleeve, timeout, cancellationToken).ConfigureAwait(false);
        return await UnlockAndStampAsync(cabinet, sleeve, presses, from, timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Authenticates at the PIN pad and/or card reader and checks that the firmware took it.</summary>
    /// <param name="cabinet">The cabinet (real time).</param>
    /// <param name="credential">The card and/or PIN.</param>
    /// <param name="timeout">Limit for each wait.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>The CUSTODIAN_AUTHENTICATED event.</returns>
    /// <exception cref="InvalidOperationException">The cabinet did not authenticate the custodian (the message says why).</exception>
    public static async Task<RecordedEvent> AuthenticateAsync(SimulatedCabinet cabinet, CustodianCredential credential, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cabinet);
        ArgumentNullException.ThrowIfNull(credential);
        RecordedEvent? verdict = null;
        if (credential.Card is { } card)
        {
            verdict = await cabinet.PresentCardAsync(card, timeout, cancellationToken).ConfigureAwait(false);
        }

        // A card that failed has no PIN to wait for; one the cabinet took alone needs none.
        if (credential.Pin is { } pin && verdict is null)
        {
            verdict = await cabinet.EnterPinAsync(pin, timeout, cancellationToken).ConfigureAwait(false);
        }

        return verdict is { Type: EventType.CustodianAuthenticated }
            ? verdict
            : throw new InvalidOperationException($"{cabinet.DeviceId}: the cabinet did not authenticate the custodian: {verdict?.Event.Detail ?? "no verdict (locked out, or no power)"}");
    }

    private static Task WaitForReadyAsync(SimulatedCabinet cabinet, int sleeve, TimeSpan timeout, CancellationToken cancellationToken) =>
        cabinet.WaitUntilAsync(() => cabinet.Firmware?.GetSleevePhase(sleeve) == SleevePhase.Ready, timeout, $"sleeve {sleeve} READY", cancellationToken);

    private static async Task<RecordedEvent> UnlockAndStampAsync(SimulatedCabinet cabinet, int sleeve, int presses, int from, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var pushedAt = cabinet.Events.Count;
        await cabinet.PushStampButtonAsync(sleeve, timeout, cancellationToken).ConfigureAwait(false);
        if (cabinet.Firmware?.GetSleevePhase(sleeve) == SleevePhase.Ready)
        {
            var refusal = cabinet.Find(e => e.Type == EventType.StampButtonRefused && e.Event.Sleeve == sleeve, pushedAt);
            throw new InvalidOperationException($"{cabinet.DeviceId}: stamp button {sleeve} refused: {refusal?.Event.Event.Detail ?? "the sleeve stays READY"}");
        }

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
