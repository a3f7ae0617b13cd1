using System.Collections;
using SealCabinet.Firmware.Core.Codec;

namespace SealCabinet.Firmware.Core.Uplink
{
    /// <summary>
    /// Encodes a PushEventsRequest straight from journal payloads: each encoded SignedEvent is copied as an
    /// EventBatch.events element without being decoded, so the bytes the cloud MAC-checks are the journal's.
    /// </summary>
    public static class PushEventsEncoder
    {
        /// <summary>Encodes PushEventsRequest { batch = EventBatch { device_id, events, nonce } }.</summary>
        /// <param name="deviceId">The device id.</param>
        /// <param name="payloads">Encoded SignedEvents (byte[]), oldest first.</param>
        /// <param name="nonce">The 16-byte request nonce.</param>
        /// <returns>The encoded request, byte-for-byte what Google.Protobuf writes for the same message.</returns>
        public static byte[] Encode(string deviceId, ArrayList payloads, byte[] nonce)
        {
            int batchSize = ProtoSize.StringField(1, deviceId) + ProtoSize.BytesField(3, nonce);
            for (int i = 0; i < payloads.Count; i++)
            {
                batchSize += ProtoSize.LengthDelimitedField(2, ((byte[])payloads[i]!).Length);
            }

            byte[] request = new byte[ProtoSize.LengthDelimitedField(1, batchSize)];
            ProtoWriter writer = new ProtoWriter(request, 0);
            writer.WriteTag(1, WireType.LengthDelimited);
            writer.WriteVarint((ulong)batchSize);
            writer.WriteStringField(1, deviceId);
            for (int i = 0; i < payloads.Count; i++)
            {
                byte[] payload = (byte[])payloads[i]!;
                writer.WriteLengthDelimitedField(2, payload, 0, payload.Length);
            }

            writer.WriteBytesField(3, nonce);
            return request;
        }
    }
}
