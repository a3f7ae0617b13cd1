namespace SealCabinet.Firmware.Core.Events
{
    /// <summary>One signed event: the exact bytes that go into the journal and, unchanged, to the cloud.</summary>
    public sealed class SignedEventRecord
    {
        /// <summary>Creates the record.</summary>
        /// <param name="seq">Sequence number.</param>
        /// <param name="eventBytes">The encoded DeviceEvent (SignedEvent.event).</param>
        /// <param name="mac">HMAC-SHA256 of the event bytes under the event key.</param>
        /// <param name="signedEventBytes">The encoded SignedEvent.</param>
        /// <param name="eventHash">SHA-256 of the event bytes (the next event's prev_hash).</param>
        public SignedEventRecord(ulong seq, byte[] eventBytes, byte[] mac, byte[] signedEventBytes, byte[] eventHash)
        {
            Seq = seq;
            EventBytes = eventBytes;
            Mac = mac;
            SignedEventBytes = signedEventBytes;
            EventHash = eventHash;
        }

        /// <summary>Sequence number.</summary>
        public ulong Seq { get; }

        /// <summary>The encoded DeviceEvent.</summary>
        public byte[] EventBytes { get; }

        /// <summary>The event MAC.</summary>
        public byte[] Mac { get; }

        /// <summary>The encoded SignedEvent (event bytes plus MAC).</summary>
        public byte[] SignedEventBytes { get; }

        /// <summary>SHA-256 of <see cref="EventBytes"/>.</summary>
        public byte[] EventHash { get; }
    }
}
