namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>How the custodians of a village authenticate at its cabinets (docs/firmware.md, "Authentication at the cabinet").</summary>
internal enum CabinetAuthPolicy
{
    Pin,
    Card,
    PinOrCard,
    PinAndCard,
}
