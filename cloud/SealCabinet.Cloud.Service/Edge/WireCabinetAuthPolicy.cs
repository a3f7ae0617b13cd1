using SealCabinet.Cloud.Service.Common;
using SealCabinet.Cloud.Service.Persistence;
using Wire = SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Service.Edge;

/// <summary>Cabinet authentication policies between the contract and the domain.</summary>
internal static class WireCabinetAuthPolicy
{
    public static Wire.CabinetAuthPolicy ToWire(CabinetAuthPolicy policy) => policy switch
    {
        CabinetAuthPolicy.Pin => Wire.CabinetAuthPolicy.Pin,
        CabinetAuthPolicy.Card => Wire.CabinetAuthPolicy.Card,
        CabinetAuthPolicy.PinOrCard => Wire.CabinetAuthPolicy.PinOrCard,
        CabinetAuthPolicy.PinAndCard => Wire.CabinetAuthPolicy.PinAndCard,
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "unknown policy"),
    };

    public static CabinetAuthPolicy FromWire(Wire.CabinetAuthPolicy policy, string field) => policy switch
    {
        Wire.CabinetAuthPolicy.Pin => CabinetAuthPolicy.Pin,
        Wire.CabinetAuthPolicy.Card => CabinetAuthPolicy.Card,
        Wire.CabinetAuthPolicy.PinOrCard => CabinetAuthPolicy.PinOrCard,
        Wire.CabinetAuthPolicy.PinAndCard => CabinetAuthPolicy.PinAndCard,
        Wire.CabinetAuthPolicy.Unspecified => throw CloudException.Invalid(field, "is required (PIN, CARD, PIN_OR_CARD or PIN_AND_CARD)"),
        _ => throw CloudException.Invalid(field, $"unknown policy {(int)policy}"),
    };
}
