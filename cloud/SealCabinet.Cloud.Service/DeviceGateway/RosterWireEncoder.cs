using Google.Protobuf;
using SealCabinet.Cloud.Service.Edge;
using SealCabinet.Cloud.Service.Rosters;
using Wire = SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Service.DeviceGateway;

/// <summary>Encodes custodian rosters as the device protocol's <c>CustodianRoster</c> and <c>SignedRoster</c>.</summary>
internal sealed class RosterWireEncoder : IRosterEncoder
{
    public byte[] Encode(CabinetRoster roster)
    {
        var wire = new Wire.CustodianRoster
        {
            DeviceId = roster.DeviceId,
            Version = (ulong)roster.Version,
            IssuedAtMs = roster.IssuedAt.ToUnixTimeMilliseconds(),
            Policy = WireCabinetAuthPolicy.ToWire(roster.Policy),
        };
        wire.Entries.AddRange(roster.Entries.Select(e => new Wire.RosterEntry
        {
            PersonId = e.PersonId,
            PinSalt = e.PinSalt is null ? ByteString.Empty : ByteString.CopyFrom(e.PinSalt),
            PinVerifier = e.PinVerifier is null ? ByteString.Empty : ByteString.CopyFrom(e.PinVerifier),
            PinIterations = e.PinVerifier is null ? 0 : (uint)e.PinIterations,
            CardDigest = e.CardDigest is null ? ByteString.Empty : ByteString.CopyFrom(e.CardDigest),
        }));
        return wire.ToByteArray();
    }

    public byte[] Envelope(byte[] payload, byte[] mac) =>
        new Wire.SignedRoster { Roster = ByteString.CopyFrom(payload), Mac = ByteString.CopyFrom(mac) }.ToByteArray();
}
