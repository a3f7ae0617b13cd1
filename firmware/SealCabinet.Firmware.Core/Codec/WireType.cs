namespace SealCabinet.Firmware.Core.Codec
{
    /// <summary>The protobuf wire types (the low three bits of a tag).</summary>
    public static class WireType
    {
        /// <summary>Base-128 varint (int32, int64, uint32, uint64, sint32, sint64, bool, enum).</summary>
        public const int Varint = 0;

        /// <summary>Eight little-endian bytes (fixed64, sfixed64, double).</summary>
        public const int Fixed64 = 1;

        /// <summary>A varint length followed by that many bytes (string, bytes, messages).</summary>
        public const int LengthDelimited = 2;

        /// <summary>Deprecated group start; refused by this codec.</summary>
        public const int StartGroup = 3;

        /// <summary>Deprecated group end; refused by this codec.</summary>
        public const int EndGroup = 4;

        /// <summary>Four little-endian bytes (fixed32, sfixed32, float).</summary>
        public const int Fixed32 = 5;
    }
}
