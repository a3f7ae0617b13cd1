using SealCabinet.Firmware.Core.Messages;
using SealCabinet.Firmware.Core.Sleeves;
using SealCabinet.HardwareSim.Board;

namespace SealCabinet.HardwareSim.Cabinet;

/// <summary>One sleeve as the live view shows it.</summary>
/// <param name="Number">Sleeve 1..3.</param>
/// <param name="SealKind">Seal kind.</param>
/// <param name="Phase">The firmware's phase (Locked when the board is off).</param>
/// <param name="PressCount">Presses counted by the firmware for the current grant.</param>
/// <param name="SolenoidOn">Coil energised.</param>
/// <param name="LatchEngaged">Latch bolt holds the seal.</param>
/// <param name="Seat">What sits in the seat.</param>
/// <param name="SealInHand">Own seal out.</param>
/// <param name="PressSensorStuck">Press contact stuck.</param>
public sealed record SleeveSnapshot(int Number, SealKind SealKind, SleevePhase Phase, uint PressCount, bool SolenoidOn, bool LatchEngaged, SeatContent Seat, bool SealInHand, bool PressSensorStuck);
