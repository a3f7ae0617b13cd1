using SealCabinet.Cloud.Service.Persistence;

namespace SealCabinet.Cloud.Service.Grants;

/// <summary>
/// Puts a grant into the device's wire format. The device protocol lives in the DeviceGateway wing, which
/// implements this, so the issuer decides what a grant says without knowing how a cabinet reads it.
/// </summary>
internal interface IGrantEncoder
{
    /// <summary>The exact bytes the cabinet verifies the grant MAC over.</summary>
    byte[] Encode(Grant grant);

    /// <summary>The message published on the cabinet's grants topic: the encoded grant with its MAC.</summary>
    byte[] Envelope(byte[] payload, byte[] mac);

    /// <summary>The exact bytes of the <c>GrantWithdrawal</c> that takes <paramref name="grant"/> back.</summary>
    byte[] EncodeWithdrawal(Grant grant, string reason);

    /// <summary>The message published on the cabinet's withdrawals topic: the encoded withdrawal with its MAC.</summary>
    byte[] WithdrawalEnvelope(byte[] payload, byte[] mac);
}
