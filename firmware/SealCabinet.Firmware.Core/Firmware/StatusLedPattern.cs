namespace SealCabinet.Firmware.Core.Firmware
{
    /// <summary>What the status LED shows (docs/technician-guide.md, "Status LED codes"); see <see cref="StatusLed"/>.</summary>
    public enum StatusLedPattern
    {
        /// <summary>Steady on: running, Wi-Fi and cloud fine, trusted time.</summary>
        Ready = 0,

        /// <summary>Even blinking at 1 Hz: no usable provisioning file (fault state).</summary>
        NotProvisioned = 1,

        /// <summary>2 blinks every 2 s: the network link is down.</summary>
        WifiDown = 2,

        /// <summary>3 blinks every 2 s: the gateway gives no gRPC answer, or (with trusted time) the MQTT broker cannot be joined.</summary>
        CloudUnreachable = 3,

        /// <summary>4 blinks every 2 s: the gateway answers but no signed server time has been accepted.</summary>
        ClockUntrusted = 4,

        /// <summary>1.5 s on, 0.5 s off: a new provisioning file or a factory reset waits for every event to be uploaded.</summary>
        ProvisioningWaits = 5,

        /// <summary>Fast flashing, 5 per second: a sleeve is unlocked or its seal is out for a stamping.</summary>
        Unlocked = 6,

        /// <summary>Very fast flashing, 10 per second: an alarm condition lasts, or the buzzer sounds after an alarm.</summary>
        Alarm = 7,

        /// <summary>Slow pulse, 0.25 s on every second: a sleeve is READY and waits for its stamp button.</summary>
        SleeveReady = 8,
    }
}
