using System.Collections;
using SealCabinet.Firmware.Core.Codec;

namespace SealCabinet.Firmware.Core.Messages
{
    /// <summary>A batch of consecutive signed events from one device, oldest first. (proto message sealcabinet.v1.EventBatch.)</summary>
    public sealed class EventBatch : IProtoMessage
    {
        /// <summary>The sending device.</summary>
        public string DeviceId { get; set; } = string.Empty;

        /// <summary>Events, in increasing seq order. At most 256 per batch and 256 KiB encoded.</summary>
        public SignedEvent[] Events { get; set; } = new SignedEvent[0];

        /// <summary>16 random bytes chosen by the device; echoed inside the MAC'd server time so an old ack cannot be replayed.</summary>
        public byte[] Nonce { get; set; } = ProtoConstants.EmptyBytes;

        /// <summary>Decodes an EventBatch from a whole array.</summary>
        /// <param name="data">The encoded message.</param>
        /// <returns>The message.</returns>
        /// <exception cref="ProtoDecodeException">The bytes are malformed.</exception>
        public static EventBatch Parse(byte[]? data)
        {
            return Parse(data, 0, data == null ? 0 : data.Length);
        }

        /// <summary>Decodes an EventBatch from part of an array.</summary>
        /// <param name="data">Source array.</param>
        /// <param name="offset">First byte.</param>
        /// <param name="count">Length.</param>
        /// <returns>The message.</returns>
        /// <exception cref="ProtoDecodeException">The bytes are malformed.</exception>
        public static EventBatch Parse(byte[]? data, int offset, int count)
        {
            EventBatch message = new EventBatch();
            ProtoReader.Decode(data, offset, count, message);
            return message;
        }

        /// <summary>Encodes this message.</summary>
        /// <returns>The encoded bytes, byte-for-byte what Google.Protobuf writes.</returns>
        public byte[] ToByteArray()
        {
            return ProtoWriter.Encode(this);
        }

        /// <inheritdoc />
        public int CalculateSize()
        {
            int size = 0;
            size += ProtoSize.StringField(1, DeviceId);
            for (int i = 0; i < Events.Length; i++)
            {
                size += ProtoSize.MessageField(2, Events[i]);
            }
            size += ProtoSize.BytesField(3, Nonce);
            return size;
        }

        /// <inheritdoc />
        public void WriteTo(ProtoWriter writer)
        {
            writer.WriteStringField(1, DeviceId);
            for (int i = 0; i < Events.Length; i++)
            {
                writer.WriteMessageField(2, Events[i]);
            }
            writer.WriteBytesField(3, Nonce);
        }

        /// <inheritdoc />
        public void MergeFrom(ProtoReader reader)
        {
            ArrayList? events = null;
            int field;
            int wireType;
            while (reader.TryReadTag(out field, out wireType))
            {
                switch (field)
                {
                    case 1:
                        reader.ExpectWireType(wireType, WireType.LengthDelimited, "EventBatch.device_id");
                        DeviceId = reader.ReadString();
                        break;
                    case 2:
                        reader.ExpectWireType(wireType, WireType.LengthDelimited, "EventBatch.events");
                        SignedEvent eventsItem = new SignedEvent();
                        reader.ReadMessage(eventsItem);
                        if (events == null)
                        {
                            events = new ArrayList();
                            for (int i = 0; i < Events.Length; i++)
                            {
                                events.Add(Events[i]);
                            }
                        }

                        events.Add(eventsItem);
                        break;
                    case 3:
                        reader.ExpectWireType(wireType, WireType.LengthDelimited, "EventBatch.nonce");
                        Nonce = reader.ReadBytes();
                        break;
                    default:
                        reader.SkipField(wireType);
                        break;
                }
            }

            if (events != null)
            {
                Events = (SignedEvent[])events.ToArray(typeof(SignedEvent));
            }
        }
    }
}
