namespace SealCabinet.Cloud.Service.Rosters;

/// <summary>Cabinet authentication settings (configuration section <c>CabinetAuthentication</c>).</summary>
internal sealed class RosterOptions
{
    public const string Section = "CabinetAuthentication";

    /// <summary>
    /// PBKDF2 iterations of a new PIN verifier. The cabinet runs them on its native HMAC at every PIN typed, so this
    /// trades the custodian's wait at the PIN pad against the cost of guessing a PIN from a verifier read off a stolen
    /// cabinet's flash (docs/cloud.md, "Cabinet PINs and cards"). Changing it applies to PINs set afterwards.
    /// </summary>
    public int PinIterations { get; set; } = 10_000;
}
