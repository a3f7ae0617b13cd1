namespace SealCabinet.Firmware.Core.Messages
{
    /// <summary>What happened at the cabinet. (proto enum sealcabinet.v1.EventType.)</summary>
    public enum EventType
    {
        /// <summary>No value set.</summary>
        Unspecified = 0,

        /// <summary>The firmware started; detail carries the firmware version and reset cause.</summary>
        Boot = 1,

        /// <summary>Periodic liveness report; detail carries free heap and journal figures.</summary>
        Heartbeat = 2,

        /// <summary>A grant passed every check and its counter was persisted; the sleeve is about to unlock.</summary>
        GrantAccepted = 3,

        /// <summary>A grant was refused; refusal_reason says why.</summary>
        GrantRefused = 4,

        /// <summary>The solenoid of a sleeve was energised.</summary>
        SleeveUnlocked = 5,

        /// <summary>The seal left its seat in an unlocked sleeve.</summary>
        SealLifted = 6,

        /// <summary>One debounced press of the seal; press_count is the running count for the grant.</summary>
        Press = 7,

        /// <summary>The seal is back in its seat.</summary>
        SealReturned = 8,

        /// <summary>The sleeve is locked again; press_count is the final count for the grant.</summary>
        SleeveRelocked = 9,

        /// <summary>Nobody lifted the seal within the unlock window; the sleeve relocked unused.</summary>
        UnlockWindowExpired = 10,

        /// <summary>More presses than the grant allows.</summary>
        OveruseAlarm = 11,

        /// <summary>The seal was not returned within the return window.</summary>
        SealNotReturnedAlarm = 12,

        /// <summary>A press or an unseated seal while the sleeve was locked: forced opening.</summary>
        ForcedOpenAlarm = 13,

        /// <summary>The enclosure tamper switch opened.</summary>
        TamperAlarm = 14,

        /// <summary>A photo was taken; evidence_digest is its evidence MAC, detail names the evidence id and kind.</summary>
        EvidenceCaptured = 15,

        /// <summary>Result of the commissioning self-test; detail lists each actuator and sensor result.</summary>
        SelfTest = 16,

        /// <summary>The provisioning file is missing, corrupt or of the wrong version.</summary>
        ConfigFault = 17,

        /// <summary>The journal is full; only alarms and stamping events are still recorded.</summary>
        JournalFull = 18,

        /// <summary>First event of a new chain after a technician-authorised journal wipe; detail says why.</summary>
        ChainRestart = 19,

        /// <summary>A technician forced a factory reset; detail carries how many un-uploaded events were dropped.</summary>
        FactoryReset = 20,

        /// <summary>A seal of another kind was put back into this sleeve.</summary>
        WrongSealReturned = 21,

        /// <summary>The press sensor stayed closed longer than a press can last.</summary>
        SensorFault = 22,
    }
}
