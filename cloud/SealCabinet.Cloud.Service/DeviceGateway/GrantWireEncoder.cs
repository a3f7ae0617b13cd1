using Google.Protobuf;
using SealCabinet.Cloud.Service.Edge;
using SealCabinet.Cloud.Service.Grants;
using SealCabinet.Cloud.Service.Persistence;
using Wire = SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Service.DeviceGateway;

/// <summary>Encodes grants as the device protocol's <c>UnlockGrant</c> and <c>SignedGrant</c>.</summary>
internal sealed class GrantWireEncoder : IGrantEncoder
{
    public byte[] Encode(Grant grant) => new Wire.UnlockGrant
    {
        GrantId = grant.Id.ToString("D"),
        DeviceId = grant.DeviceId,
        Sleeve = (uint)grant.Sleeve,
        SealKind = WireSealKind.ToWire(grant.SealKind),
        RequestId = grant.RequestId.ToString("D"),
        PressesAllowed = (uint)grant.PressesAllowed,
        DocumentDigest = ByteString.CopyFrom(grant.DocumentDigest),
        NotBeforeMs = grant.NotBefore.ToUnixTimeMilliseconds(),
        ExpiresAtMs = grant.ExpiresAt.ToUnixTimeMilliseconds(),
        Counter = (ulong)grant.Counter,
        MatterCode = grant.MatterCode,
        CustodianId = grant.CustodianId,
        ApprovalDigest = grant.ApprovalDigest is null ? ByteString.Empty : ByteString.CopyFrom(grant.ApprovalDigest),
    }.ToByteArray();

    public byte[] Envelope(byte[] payload, byte[] mac) =>
        new Wire.SignedGrant { Grant = ByteString.CopyFrom(payload), Mac = ByteString.CopyFrom(mac) }.ToByteArray();

    public byte[] EncodeWithdrawal(Grant grant, string reason) => new Wire.GrantWithdrawal
    {
        DeviceId = grant.DeviceId,
        GrantId = grant.Id.ToString("D"),
        Counter = (ulong)grant.Counter,
        WithdrawnAtMs = grant.StateChangedAt.ToUnixTimeMilliseconds(),
        Reason = reason,
    }.ToByteArray();

    public byte[] WithdrawalEnvelope(byte[] payload, byte[] mac) =>
        new Wire.SignedWithdrawal { Withdrawal = ByteString.CopyFrom(payload), Mac = ByteString.CopyFrom(mac) }.ToByteArray();
}
