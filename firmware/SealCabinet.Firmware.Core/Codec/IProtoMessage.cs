namespace SealCabinet.Firmware.Core.Codec
{
    /// <summary>A message the hand-written codec can size, write and merge from the wire.</summary>
    public interface IProtoMessage
    {
        /// <summary>Exact number of bytes <see cref="WriteTo"/> writes.</summary>
        /// <returns>The encoded size.</returns>
        int CalculateSize();

        /// <summary>Writes the fields in field-number order, omitting proto3 defaults.</summary>
        /// <param name="writer">Destination.</param>
        void WriteTo(ProtoWriter writer);

        /// <summary>Reads fields up to the reader's current limit, merging into this instance.</summary>
        /// <param name="reader">Source positioned at the first tag.</param>
        /// <exception cref="ProtoDecodeException">The bytes are malformed.</exception>
        void MergeFrom(ProtoReader reader);
    }
}
