using SealCabinet.Firmware.Core.Codec;

namespace SealCabinet.Firmware.Core.Authentication
{
    /// <summary>
    /// What survives a power cut of the authentication desk: the wrong attempts in a row and how many lockouts they
    /// caused, so switching the cabinet off and on neither resets the count nor shortens a lockout.
    /// </summary>
    public sealed class AuthenticationState
    {
        /// <summary>Wrong PINs and unknown cards in a row (counted before each check, cleared by a success).</summary>
        public uint Failures { get; set; }

        /// <summary>Lockouts since the last success: each one lasts twice as long as the one before.</summary>
        public uint Lockouts { get; set; }

        /// <summary>Encodes the state.</summary>
        /// <returns>The bytes.</returns>
        public byte[] Serialize()
        {
            ProtoWriter writer = new ProtoWriter(8);
            writer.WriteVarint(Failures);
            writer.WriteVarint(Lockouts);
            return writer.ToArray();
        }

        /// <summary>Decodes a saved state.</summary>
        /// <param name="data">The bytes, or null.</param>
        /// <returns>The state; null when there is none or it is malformed.</returns>
        public static AuthenticationState? Deserialize(byte[]? data)
        {
            if (data == null)
            {
                return null;
            }

            try
            {
                ProtoReader reader = new ProtoReader(data);
                AuthenticationState state = new AuthenticationState();
                state.Failures = reader.ReadUInt32();
                state.Lockouts = reader.ReadUInt32();
                return state;
            }
            catch (ProtoDecodeException)
            {
                return null;
            }
        }
    }
}
