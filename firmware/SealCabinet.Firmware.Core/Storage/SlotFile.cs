using SealCabinet.Firmware.Core.Hardware;

namespace SealCabinet.Firmware.Core.Storage
{
    /// <summary>
    /// A small state record kept in two alternating files ("name.a", "name.b"), so a power cut while saving
    /// leaves the previous state intact: each copy carries a generation number and a CRC-32, and loading
    /// takes the valid copy with the highest generation.
    /// Layout: magic "SCSF" (4), generation (u32 BE), payload length (u16 BE), payload, CRC-32 (u32 BE) of
    /// everything before it.
    /// </summary>
    public sealed class SlotFile
    {
        /// <summary>Largest payload a slot holds (room for a whole provisioning file, the "applied" slot).</summary>
        public const int MaxPayload = 20 * 1024;

        private const int HeaderSize = 10;
        private const uint Magic = 0x53435346;
        private readonly IFlashStore _flash;
        private readonly string _nameA;
        private readonly string _nameB;
        private uint _generation;
        private bool _lastWasA;

        /// <summary>Creates the slot pair for <paramref name="name"/>.</summary>
        /// <param name="flash">The flash store.</param>
        /// <param name="name">Base file name.</param>
        public SlotFile(IFlashStore flash, string name)
        {
            _flash = flash;
            _nameA = name + ".a";
            _nameB = name + ".b";
        }

        /// <summary>
        /// True after a <see cref="Load"/> that found copies on the flash but none valid: the state was written once
        /// and is now lost, which is not the same as a state never written.
        /// </summary>
        public bool Damaged { get; private set; }

        /// <summary>Loads the newest valid payload.</summary>
        /// <returns>The payload, or null when neither copy is valid.</returns>
        public byte[]? Load()
        {
            uint genA;
            uint genB;
            byte[]? a = ReadSlot(_nameA, out genA);
            byte[]? b = ReadSlot(_nameB, out genB);
            Damaged = a == null && b == null && (_flash.ReadAll(_nameA) != null || _flash.ReadAll(_nameB) != null);
            if (a != null && (b == null || genA >= genB))
            {
                _generation = genA;
                _lastWasA = true;
                return a;
            }

            if (b != null)
            {
                _generation = genB;
                _lastWasA = false;
                return b;
            }

            _generation = 0;
            _lastWasA = false;
            return null;
        }

        /// <summary>Saves a payload into the older copy; the newer copy stays valid until this write completes.</summary>
        /// <param name="payload">The state bytes (at most <see cref="MaxPayload"/>).</param>
        /// <exception cref="FlashStoreException">The flash write failed.</exception>
        public void Save(byte[] payload)
        {
            if (payload.Length > MaxPayload)
            {
                throw new System.ArgumentException("slot payload too large", "payload");
            }

            byte[] record = new byte[HeaderSize + payload.Length + 4];
            uint generation = _generation + 1;
            BigEndian.WriteUInt32(record, 0, Magic);
            BigEndian.WriteUInt32(record, 4, generation);
            BigEndian.WriteUInt16(record, 8, payload.Length);
            System.Array.Copy(payload, 0, record, HeaderSize, payload.Length);
            BigEndian.WriteUInt32(record, HeaderSize + payload.Length, Crc32.Compute(record, 0, HeaderSize + payload.Length));
            string target = _lastWasA ? _nameB : _nameA;
            _flash.WriteAll(target, record, 0, record.Length);
            _generation = generation;
            _lastWasA = !_lastWasA;
        }

        /// <summary>Deletes both copies.</summary>
        public void Clear()
        {
            _flash.Delete(_nameA);
            _flash.Delete(_nameB);
            _generation = 0;
            _lastWasA = false;
        }

        private byte[]? ReadSlot(string name, out uint generation)
        {
            generation = 0;
            byte[]? data = _flash.ReadAll(name);
            if (data == null || data.Length < HeaderSize + 4 || BigEndian.ReadUInt32(data, 0) != Magic)
            {
                return null;
            }

            int length = BigEndian.ReadUInt16(data, 8);
            if (length > MaxPayload || data.Length != HeaderSize + length + 4)
            {
                return null;
            }

            if (BigEndian.ReadUInt32(data, HeaderSize + length) != Crc32.Compute(data, 0, HeaderSize + length))
            {
                return null;
            }

            generation = BigEndian.ReadUInt32(data, 4);
            byte[] payload = new byte[length];
            System.Array.Copy(data, HeaderSize, payload, 0, length);
            return payload;
        }
    }
}
