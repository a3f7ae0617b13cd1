namespace SealCabinet.HardwareSim.Cabinet;

/// <summary>The cabinet at one moment, for the live view and summaries.</summary>
/// <param name="DeviceId">Provisioned id (empty if unprovisioned).</param>
/// <param name="Powered">Whether the board has power.</param>
/// <param name="FirmwareState">Running / Fault / NotStarted / Off.</param>
/// <param name="FaultMessage">Why the firmware is in fault state.</param>
/// <param name="Boots">Boots of this simulator run.</param>
/// <param name="Sleeves">The three sleeves.</param>
/// <param name="StatusLed">LED lit.</param>
/// <param name="LedPattern">What the LED shows, as docs/technician-guide.md names it ("cloud-unreachable", …; "off" without power).</param>
/// <param name="Buzzer">Buzzer sounding.</param>
/// <param name="EnclosureOpen">Tamper switch open.</param>
/// <param name="LinkUp">Wi-Fi up.</param>
/// <param name="CloudReachable">Gateway reachable.</param>
/// <param name="BrokerReachable">Broker reachable.</param>
/// <param name="MqttConnected">MQTT session up.</param>
/// <param name="HasTrustedTime">Trusted server time received.</param>
/// <param name="LastSeq">Newest journaled seq.</param>
/// <param name="AckedSeq">Highest seq acked by the cloud.</param>
/// <param name="UplinkError">Last gateway error (empty when fine).</param>
/// <param name="EvidencePending">Photos waiting for upload.</param>
/// <param name="AuthenticatedPerson">The custodian authenticated at the PIN pad or card reader now, whose next stamp button opens their READY sleeve (empty when nobody).</param>
/// <param name="AuthenticationLockedOut">Too many wrong attempts in a row: the PIN pad and the card reader refuse everyone for now.</param>
/// <param name="RosterVersion">Version of the custodian roster the firmware holds (0: none yet, and then nobody can authenticate).</param>
public sealed record CabinetSnapshot(
    string DeviceId,
    bool Powered,
    string FirmwareState,
    string FaultMessage,
    int Boots,
    IReadOnlyList<SleeveSnapshot> Sleeves,
    bool StatusLed,
    string LedPattern,
    bool Buzzer,
    bool EnclosureOpen,
    bool LinkUp,
    bool CloudReachable,
    bool BrokerReachable,
    bool MqttConnected,
    bool HasTrustedTime,
    ulong LastSeq,
    ulong AckedSeq,
    string UplinkError,
    int EvidencePending,
    string AuthenticatedPerson,
    bool AuthenticationLockedOut,
    ulong RosterVersion);
