using SealCabinet.Firmware.Core.Codec;
using SealCabinet.Firmware.Core.Crypto;
using SealCabinet.Firmware.Core.Messages;

namespace SealCabinet.Firmware.Core.Events
{
    /// <summary>
    /// Signs and chains device events exactly as docs/device-protocol.md says: seq starts at 1 and grows by
    /// 1, prev_hash is the SHA-256 of the previous event's encoded bytes (32 zero bytes for seq 1), and the
    /// MAC is HMAC-SHA256 under the event key over the encoded DeviceEvent.
    /// The firmware uses it for its journal; the cloud's ingestion tests and the simulator use the same
    /// class (reference the net10.0 core) so they produce byte-identical events.
    /// </summary>
    public sealed class EventSigner
    {
        private readonly IMacProvider _mac;
        private readonly byte[] _eventKey;
        private readonly Sha256 _sha = new Sha256();
        private byte[] _prevHash;
        private ulong _lastSeq;

        /// <summary>Continues a chain whose last event had <paramref name="lastSeq"/> and hash <paramref name="lastEventHash"/>.</summary>
        /// <param name="deviceId">The device id put into every event.</param>
        /// <param name="eventKey">The device's event key (see <see cref="DeviceKeys.EventKey"/>).</param>
        /// <param name="mac">HMAC implementation.</param>
        /// <param name="chainEpoch">The chain epoch put into every event (1 for the first chain).</param>
        /// <param name="lastSeq">Seq of the last event already signed (0 for a new chain).</param>
        /// <param name="lastEventHash">SHA-256 of the last event's bytes (32 zero bytes for a new chain).</param>
        public EventSigner(string deviceId, byte[] eventKey, IMacProvider mac, uint chainEpoch, ulong lastSeq, byte[] lastEventHash)
        {
            if (lastEventHash == null || lastEventHash.Length != Sha256.HashSize)
            {
                throw new System.ArgumentException("the last event hash must be 32 bytes", "lastEventHash");
            }

            DeviceId = deviceId;
            _eventKey = eventKey;
            _mac = mac;
            ChainEpoch = chainEpoch;
            _lastSeq = lastSeq;
            _prevHash = lastEventHash;
        }

        /// <summary>The device id.</summary>
        public string DeviceId { get; }

        /// <summary>The chain epoch.</summary>
        public uint ChainEpoch { get; }

        /// <summary>Seq of the last accepted event (0 when none).</summary>
        public ulong LastSeq
        {
            get { return _lastSeq; }
        }

        /// <summary>Seq the next event gets.</summary>
        public ulong NextSeq
        {
            get { return _lastSeq + 1; }
        }

        /// <summary>prev_hash of the next event (a copy).</summary>
        public byte[] PrevHash
        {
            get { return (byte[])_prevHash.Clone(); }
        }

        /// <summary>Starts a new chain (first event gets seq 1 and 32 zero bytes as prev_hash).</summary>
        /// <param name="deviceId">Device id.</param>
        /// <param name="secret">The 32-byte device secret; the event key is derived from it.</param>
        /// <param name="chainEpoch">Chain epoch (1 for the first chain).</param>
        /// <returns>The signer.</returns>
        public static EventSigner ForNewChain(string deviceId, byte[] secret, uint chainEpoch)
        {
            ManagedMacProvider mac = new ManagedMacProvider();
            DeviceKeys keys = DeviceKeys.Derive(secret, mac);
            return new EventSigner(deviceId, keys.EventKey, mac, chainEpoch, 0, new byte[Sha256.HashSize]);
        }

        /// <summary>
        /// Fills seq, prev_hash, device_id and chain_epoch of <paramref name="deviceEvent"/> for the next position in
        /// the chain, encodes and signs it. The chain does not advance until <see cref="Accept"/>, so an event
        /// that could not be stored does not leave a gap.
        /// </summary>
        /// <param name="deviceEvent">The event; its other fields are kept as set.</param>
        /// <returns>The signed record.</returns>
        public SignedEventRecord Sign(DeviceEvent deviceEvent)
        {
            deviceEvent.Seq = _lastSeq + 1;
            deviceEvent.PrevHash = _prevHash;
            deviceEvent.DeviceId = DeviceId;
            deviceEvent.ChainEpoch = ChainEpoch;
            byte[] eventBytes = deviceEvent.ToByteArray();
            byte[] mac = _mac.ComputeHmacSha256(_eventKey, eventBytes, 0, eventBytes.Length);

            int size = ProtoSize.LengthDelimitedField(1, eventBytes.Length) + ProtoSize.LengthDelimitedField(2, mac.Length);
            byte[] signed = new byte[size];
            ProtoWriter writer = new ProtoWriter(signed, 0);
            writer.WriteLengthDelimitedField(1, eventBytes, 0, eventBytes.Length);
            writer.WriteLengthDelimitedField(2, mac, 0, mac.Length);

            byte[] hash = new byte[Sha256.HashSize];
            _sha.Update(eventBytes, 0, eventBytes.Length);
            _sha.Finish(hash, 0);
            return new SignedEventRecord(deviceEvent.Seq, eventBytes, mac, signed, hash);
        }

        /// <summary>Advances the chain past <paramref name="record"/>, which must be the last one signed.</summary>
        /// <param name="record">The record that was stored.</param>
        /// <exception cref="System.InvalidOperationException">The record is not the next in the chain.</exception>
        public void Accept(SignedEventRecord record)
        {
            if (record.Seq != _lastSeq + 1)
            {
                throw new System.InvalidOperationException("record " + record.Seq.ToString() + " is not the next in the chain (expected " + (_lastSeq + 1).ToString() + ")");
            }

            _lastSeq = record.Seq;
            _prevHash = record.EventHash;
        }

        /// <summary>Signs the next event and advances the chain in one step (host helper).</summary>
        /// <param name="deviceEvent">The event.</param>
        /// <returns>The signed record.</returns>
        public SignedEventRecord SignNext(DeviceEvent deviceEvent)
        {
            SignedEventRecord record = Sign(deviceEvent);
            Accept(record);
            return record;
        }
    }
}
