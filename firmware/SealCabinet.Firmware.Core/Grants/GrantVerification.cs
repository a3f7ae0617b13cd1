using SealCabinet.Firmware.Core.Messages;

namespace SealCabinet.Firmware.Core.Grants
{
    /// <summary>The verdict on one signed grant.</summary>
    public sealed class GrantVerification
    {
        /// <summary>Creates the verdict.</summary>
        /// <param name="reason">Unspecified when accepted, else why refused.</param>
        /// <param name="grant">The decoded grant when it could be decoded after a good MAC.</param>
        /// <param name="mac">The grant MAC as received.</param>
        public GrantVerification(GrantRefusalReason reason, UnlockGrant? grant, byte[] mac)
        {
            Reason = reason;
            Grant = grant;
            Mac = mac;
        }

        /// <summary>True when every check passed.</summary>
        public bool Accepted
        {
            get { return Reason == GrantRefusalReason.Unspecified; }
        }

        /// <summary>Why the grant was refused (Unspecified when accepted).</summary>
        public GrantRefusalReason Reason { get; }

        /// <summary>The decoded grant; null when the bytes or the MAC were bad.</summary>
        public UnlockGrant? Grant { get; }

        /// <summary>The MAC as received (identifies a delivery for duplicate suppression).</summary>
        public byte[] Mac { get; }
    }
}
