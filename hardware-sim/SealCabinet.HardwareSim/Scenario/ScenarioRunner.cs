using SealCabinet.Firmware.Core.Firmware;
using SealCabinet.Firmware.Core.Sleeves;
using SealCabinet.Firmware.Host.Flash;
using SealCabinet.HardwareSim.Cabinet;

namespace SealCabinet.HardwareSim.Scenario;

/// <summary>
/// Plays a <see cref="ScenarioScript"/> on a cabinet running in real time and reports a timeline line per step.
/// <c>expect-event</c> looks only at events journaled after the event the previous expectation matched, so a
/// script asserts order. The first failing step stops the run.
/// </summary>
public sealed class ScenarioRunner
{
    /// <summary>How long after its hold a press may take to be over (bounces applied, debounced by the firmware) on a loaded machine.</summary>
    private static readonly TimeSpan PressSettleTimeout = TimeSpan.FromSeconds(10);

    private readonly SimulatedCabinet _cabinet;
    private readonly Action<string> _timeline;
    private int _cursor;

    /// <summary>Creates the runner.</summary>
    /// <param name="cabinet">The cabinet (real time).</param>
    /// <param name="timeline">Receives a line per step.</param>
    public ScenarioRunner(SimulatedCabinet cabinet, Action<string> timeline)
    {
        _cabinet = cabinet;
        _timeline = timeline;
    }

    /// <summary>Runs every step in order.</summary>
    /// <param name="script">The script.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The result.</returns>
    public async Task<ScenarioResult> RunAsync(ScenarioScript script, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(script);
        var run = 0;
        foreach (var step in script.Steps)
        {
            try
            {
                await RunStepAsync(step, cancellationToken).ConfigureAwait(false);
                run++;
            }
            catch (Exception e) when (e is TimeoutException or InvalidOperationException or ArgumentException)
            {
                _timeline($"FAILED line {step.Line} '{step.Text}': {e.Message}");
                return new ScenarioResult(false, run, step, e.Message);
            }
        }

        return new ScenarioResult(true, run, null, string.Empty);
    }

    /// <summary>Runs one step.</summary>
    /// <param name="step">The step.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>A task.</returns>
    public async Task RunStepAsync(ScenarioStep step, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(step);
        var cabinet = _cabinet;
        switch (step.Kind)
        {
            case StepKind.Boot:
                cabinet.PowerOn();
                break;
            case StepKind.PowerCut:
                if (step.Flag)
                {
                    cabinet.ArmTornWrite(new TornWritePlan());
                }
                else
                {
                    cabinet.PowerCut();
                }

                break;
            case StepKind.Network:
                cabinet.SetNetwork(step.Flag);
                break;
            case StepKind.Cloud:
                cabinet.SetCloudReachable(step.Flag);
                break;
            case StepKind.Broker:
                cabinet.SetBrokerReachable(step.Flag);
                break;
            case StepKind.WaitGrant:
                await cabinet.WaitUntilAsync(
                    () => cabinet.Firmware?.GetSleevePhase(step.Sleeve) == SleevePhase.Ready,
                    step.Timeout,
                    $"a grant making sleeve {step.Sleeve} READY",
                    cancellationToken).ConfigureAwait(false);
                break;
            case StepKind.Button:
                if (!await PushButtonAsync(cabinet, step.Sleeve, cancellationToken).ConfigureAwait(false))
                {
                    _timeline($"ok   {step.Text} (refused: sleeve {step.Sleeve} stays READY and locked)");
                    return;
                }

                break;
            case StepKind.Pin:
                await cabinet.EnterPinAsync(step.Pin, PressSettleTimeout, cancellationToken).ConfigureAwait(false);
                break;
            case StepKind.Key:
                cabinet.PressKey(step.Key);
                await cabinet.WaitUntilInputHandledAsync(PressSettleTimeout, cancellationToken).ConfigureAwait(false);
                break;
            case StepKind.Card:
                await cabinet.PresentCardAsync([.. step.Card], PressSettleTimeout, cancellationToken).ConfigureAwait(false);
                break;
            case StepKind.Lift:
                cabinet.Lift(step.Sleeve);
                break;
            case StepKind.Press:
                for (var i = 0; i < step.Times; i++)
                {
                    cabinet.Press(step.Sleeve, (int)step.Duration.TotalMilliseconds);

                    // The next step starts once the press (hold and bounces) is over and the firmware's debounced level agrees.
                    var sensor = cabinet.Board.Sleeve(step.Sleeve).PressSensor;
                    await cabinet.WaitUntilAsync(
                        () => cabinet.Board.Timeline.Pending == 0 && cabinet.Firmware?.IsPressed(step.Sleeve) == sensor.Level,
                        step.Duration + PressSettleTimeout,
                        $"press {i + 1} of seal {step.Sleeve} over",
                        cancellationToken).ConfigureAwait(false);
                }

                break;
            case StepKind.Return:
                cabinet.Return(step.Sleeve);
                break;
            case StepKind.ReturnWrong:
                cabinet.ReturnWrongSeal(step.Sleeve);
                break;
            case StepKind.Force:
                cabinet.Force(step.Sleeve);
                break;
            case StepKind.PressSensor:
                cabinet.StickPressSensor(step.Sleeve, step.Flag);
                break;
            case StepKind.Enclosure:
                cabinet.SetEnclosureOpen(step.Flag);
                break;
            case StepKind.Document:
                cabinet.PlaceDocument(step.Seed);
                break;
            case StepKind.ExpectEvent:
                var (found, index) = await cabinet.WaitForEventAsync(
                    e => e.Type == step.EventType && (step.Sleeve == 0 || e.Event.Sleeve == step.Sleeve),
                    _cursor,
                    step.Timeout,
                    $"event {EventNames.Of(step.EventType)}" + (step.Sleeve == 0 ? string.Empty : $" on sleeve {step.Sleeve}"),
                    cancellationToken).ConfigureAwait(false);
                _cursor = index + 1;
                _timeline($"  seen {found.Describe()}");
                return;
            case StepKind.WaitAcked:
                await cabinet.WaitUntilAsync(
                    () => cabinet.Firmware is { State: FirmwareState.Running } f && f.AckedSeq >= f.LastSeq && f.LastSeq > 0,
                    step.Timeout,
                    "the cloud acking every journaled event",
                    cancellationToken).ConfigureAwait(false);
                break;
            case StepKind.Sleep:
                await Task.Delay(step.Duration, cancellationToken).ConfigureAwait(false);
                break;
            case StepKind.Echo:
                _timeline(step.Message);
                return;
            default:
                throw new InvalidOperationException($"step kind {step.Kind} is not handled");
        }

        _timeline($"ok   {step.Text}");
    }

    /// <summary>Pushes the button; a sleeve that was READY and took the push must then unlock, any other stays as it was.</summary>
    /// <returns>False when a READY sleeve refused the push (nobody authenticated, or somebody else, …).</returns>
    private static async Task<bool> PushButtonAsync(SimulatedCabinet cabinet, int sleeve, CancellationToken cancellationToken)
    {
        var before = cabinet.Firmware?.GetSleevePhase(sleeve);
        await cabinet.PushStampButtonAsync(sleeve, PressSettleTimeout, cancellationToken).ConfigureAwait(false);
        if (before != SleevePhase.Ready)
        {
            return true;
        }

        if (cabinet.Firmware?.GetSleevePhase(sleeve) == SleevePhase.Ready)
        {
            return false;
        }

        await cabinet.WaitUntilAsync(
            () => !cabinet.Board.Sleeve(sleeve).LatchEngaged,
            PressSettleTimeout,
            $"sleeve {sleeve} unlatched by its stamp button",
            cancellationToken).ConfigureAwait(false);
        return true;
    }
}
