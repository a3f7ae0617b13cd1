using SealCabinet.Firmware.Core.Messages;

namespace SealCabinet.Firmware.Core.Crypto
{
    /// <summary>
    /// Encodes a message and MACs the exact encoded bytes, for every signed wrapper of the device protocol.
    /// The firmware signs chunks and grant queries with it; tests, the simulator and the cloud's tests can
    /// also produce grants and server times exactly as the device expects them.
    /// </summary>
    public static class MessageSigner
    {
        /// <summary>Signs a grant under the device's grant key.</summary>
        /// <param name="grant">The grant.</param>
        /// <param name="grantKey">The grant key.</param>
        /// <param name="mac">HMAC implementation.</param>
        /// <returns>The signed grant.</returns>
        public static SignedGrant SignGrant(UnlockGrant grant, byte[] grantKey, IMacProvider mac)
        {
            SignedGrant signed = new SignedGrant();
            signed.Seal(grant.ToByteArray(), grantKey, mac);
            return signed;
        }

        /// <summary>Signs a server time under the device's time key.</summary>
        /// <param name="time">The server time.</param>
        /// <param name="timeKey">The time key.</param>
        /// <param name="mac">HMAC implementation.</param>
        /// <returns>The signed server time.</returns>
        public static SignedServerTime SignServerTime(ServerTime time, byte[] timeKey, IMacProvider mac)
        {
            SignedServerTime signed = new SignedServerTime();
            signed.Seal(time.ToByteArray(), timeKey, mac);
            return signed;
        }

        /// <summary>Signs an evidence chunk under the device's event key.</summary>
        /// <param name="chunk">The chunk.</param>
        /// <param name="eventKey">The event key.</param>
        /// <param name="mac">HMAC implementation.</param>
        /// <returns>The signed chunk.</returns>
        public static SignedEvidenceChunk SignEvidenceChunk(EvidenceChunk chunk, byte[] eventKey, IMacProvider mac)
        {
            SignedEvidenceChunk signed = new SignedEvidenceChunk();
            signed.Seal(chunk.ToByteArray(), eventKey, mac);
            return signed;
        }

        /// <summary>Builds a FetchGrantsRequest: the encoded query and its MAC under the event key.</summary>
        /// <param name="query">The query.</param>
        /// <param name="eventKey">The event key.</param>
        /// <param name="mac">HMAC implementation.</param>
        /// <returns>The request.</returns>
        public static FetchGrantsRequest SignGrantQuery(GrantQuery query, byte[] eventKey, IMacProvider mac)
        {
            FetchGrantsRequest request = new FetchGrantsRequest();
            request.Seal(query.ToByteArray(), eventKey, mac);
            return request;
        }
    }
}
