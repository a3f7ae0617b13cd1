namespace SealCabinet.Firmware.Core.Hardware
{
    /// <summary>How the firmware connects to the MQTT broker (see docs/device-protocol.md, MQTT).</summary>
    public sealed class MqttConnectOptions
    {
        /// <summary>Client id (the device id).</summary>
        public string ClientId { get; set; } = string.Empty;

        /// <summary>User name (the device id).</summary>
        public string Username { get; set; } = string.Empty;

        /// <summary>Password (lowercase hex of the mqtt key); never logged.</summary>
        public string Password { get; set; } = string.Empty;

        /// <summary>Last-will topic (the device's status topic).</summary>
        public string WillTopic { get; set; } = string.Empty;

        /// <summary>Last-will payload ("offline").</summary>
        public byte[] WillPayload { get; set; } = new byte[0];

        /// <summary>Whether the last will is retained (true).</summary>
        public bool WillRetain { get; set; }

        /// <summary>Clean session flag (false: persistent session, grants queued while offline arrive).</summary>
        public bool CleanSession { get; set; }

        /// <summary>Keep-alive in seconds.</summary>
        public int KeepAliveSeconds { get; set; } = 60;
    }
}
