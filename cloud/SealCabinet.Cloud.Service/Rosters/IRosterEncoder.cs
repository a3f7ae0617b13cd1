namespace SealCabinet.Cloud.Service.Rosters;

/// <summary>Encodes rosters in the device protocol (DeviceGateway/RosterWireEncoder), keeping wire types out of this folder.</summary>
internal interface IRosterEncoder
{
    /// <summary>The encoded <c>CustodianRoster</c>.</summary>
    byte[] Encode(CabinetRoster roster);

    /// <summary>The encoded <c>SignedRoster</c> carrying <paramref name="payload"/> and its MAC.</summary>
    byte[] Envelope(byte[] payload, byte[] mac);
}
