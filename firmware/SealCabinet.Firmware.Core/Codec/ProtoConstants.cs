namespace SealCabinet.Firmware.Core.Codec
{
    /// <summary>Shared constant values of the codec.</summary>
    public static class ProtoConstants
    {
        /// <summary>The empty byte array used for unset bytes fields (never mutate it).</summary>
        public static readonly byte[] EmptyBytes = new byte[0];
    }
}
