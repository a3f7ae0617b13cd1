using SealCabinet.Cloud.Service.Common;
using SealCabinet.Cloud.Service.Persistence;
using Wire = SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Service.Edge;

/// <summary>Maps the wire enum of seal kinds to the codes of the seal_kinds table and back.</summary>
internal static class WireSealKind
{
    public static string ToCode(Wire.SealKind kind, string field) => kind switch
    {
        Wire.SealKind.Party => SealKinds.Party,
        Wire.SealKind.Committee => SealKinds.Committee,
        Wire.SealKind.Cooperative => SealKinds.Cooperative,
        Wire.SealKind.Unspecified => throw CloudException.Invalid(field, "is required"),
        _ => throw CloudException.Invalid(field, $"{(int)kind} is not a seal kind"),
    };

    public static string? ToCodeOrNull(Wire.SealKind kind, string field) =>
        kind == Wire.SealKind.Unspecified ? null : ToCode(kind, field);

    public static Wire.SealKind ToWire(string code) => code switch
    {
        SealKinds.Party => Wire.SealKind.Party,
        SealKinds.Committee => Wire.SealKind.Committee,
        SealKinds.Cooperative => Wire.SealKind.Cooperative,
        _ => Wire.SealKind.Unspecified,
    };
}
