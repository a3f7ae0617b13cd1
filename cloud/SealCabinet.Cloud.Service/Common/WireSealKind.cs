using SealCabinet.Cloud.Service.Persistence;
using Pb = SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Service.Common;

/// <summary>Maps the wire enum of seal kinds to the codes of the seal_kinds table and back.</summary>
internal static class WireSealKind
{
    public static string ToCode(Pb.SealKind kind, string field) => kind switch
    {
        Pb.SealKind.Party => SealKinds.Party,
        Pb.SealKind.Committee => SealKinds.Committee,
        Pb.SealKind.Cooperative => SealKinds.Cooperative,
        Pb.SealKind.Unspecified => throw CloudException.Invalid(field, "is required"),
        _ => throw CloudException.Invalid(field, $"{(int)kind} is not a seal kind"),
    };

    public static string? ToCodeOrNull(Pb.SealKind kind, string field) =>
        kind == Pb.SealKind.Unspecified ? null : ToCode(kind, field);

    public static Pb.SealKind ToWire(string code) => code switch
    {
        SealKinds.Party => Pb.SealKind.Party,
        SealKinds.Committee => Pb.SealKind.Committee,
        SealKinds.Cooperative => Pb.SealKind.Cooperative,
        _ => Pb.SealKind.Unspecified,
    };
}
