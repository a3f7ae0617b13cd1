namespace SealCabinet.HardwareSim.Clock;

/// <summary>
/// The simulated world's time in milliseconds. It keeps running across power cuts (the mechanics move while
/// the board is dead); the firmware sees its own uptime through <see cref="DeviceClock"/>, which restarts at 0 at each boot.
/// </summary>
public interface ISimulationTime
{
    /// <summary>Milliseconds since the simulation started; never decreases.</summary>
    long NowMs { get; }
}
