using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using SealCabinet.Cloud.Service.Common;
using SealCabinet.Cloud.Service.Persistence;
using Pb = SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Service.Requests;

/// <summary>Request, decision and grant entities to wire messages and back.</summary>
internal static class RequestMapping
{
    public static Pb.SealRequest ToWire(SealRequest request)
    {
        var wire = new Pb.SealRequest
        {
            RequestId = request.Id.ToString("D"),
            VillageId = request.VillageId,
            SealKind = WireSealKind.ToWire(request.SealKind),
            MatterCode = request.MatterCode,
            ApplicantName = request.ApplicantName,
            Purpose = request.Purpose,
            Copies = (uint)request.Copies,
            CustodianId = request.CustodianId,
            State = ToWire(request.State),
            SubmittedTime = Timestamp.FromDateTimeOffset(request.SubmittedAt),
            UpdatedTime = Timestamp.FromDateTimeOffset(request.UpdatedAt),
            DeviceId = request.DeviceId,
        };
        wire.Materials.AddRange(request.Materials.OrderBy(m => m.Ordinal).Select(m => ToWire(m, null)));
        wire.Decisions.AddRange(request.Decisions.OrderBy(d => d.DecidedAt).Select(d => new Pb.Decision
        {
            ApproverId = d.ApproverId,
            Approved = d.Approved,
            Comment = d.Comment,
            Time = Timestamp.FromDateTimeOffset(d.DecidedAt),
        }));
        wire.Grants.AddRange(request.Grants.OrderBy(g => g.Counter).Select(ToWire));
        return wire;
    }

    public static Pb.Material ToWire(RequestMaterial material, byte[]? content) => new()
    {
        MaterialId = material.Id.ToString("D"),
        FileName = material.FileName,
        ContentType = material.ContentType,
        Sha256 = ByteString.CopyFrom(material.Sha256),
        Size = material.Size,
        Content = content is null ? ByteString.Empty : ByteString.CopyFrom(content),
    };

    public static Pb.Grant ToWire(Grant grant) => new()
    {
        GrantId = grant.Id.ToString("D"),
        DeviceId = grant.DeviceId,
        Sleeve = (uint)grant.Sleeve,
        Counter = (ulong)grant.Counter,
        PressesAllowed = (uint)grant.PressesAllowed,
        PressesUsed = (uint)grant.PressesUsed,
        State = grant.State switch
        {
            GrantState.Issued => Pb.GrantState.Issued,
            GrantState.Delivered => Pb.GrantState.Delivered,
            GrantState.Accepted => Pb.GrantState.Accepted,
            GrantState.Used => Pb.GrantState.Used,
            GrantState.Expired => Pb.GrantState.Expired,
            GrantState.Revoked => Pb.GrantState.Revoked,
            _ => Pb.GrantState.Refused,
        },
        IssuedTime = Timestamp.FromDateTimeOffset(grant.IssuedAt),
        ExpiresTime = Timestamp.FromDateTimeOffset(grant.ExpiresAt),
        RefusalReason = grant.RefusalReason ?? "",
    };

    public static Pb.RequestState ToWire(RequestState state) => state switch
    {
        RequestState.Submitted => Pb.RequestState.Submitted,
        RequestState.Approved => Pb.RequestState.Approved,
        RequestState.Rejected => Pb.RequestState.Rejected,
        RequestState.Cancelled => Pb.RequestState.Cancelled,
        RequestState.GrantDelivered => Pb.RequestState.GrantDelivered,
        RequestState.InUse => Pb.RequestState.InUse,
        RequestState.Completed => Pb.RequestState.Completed,
        RequestState.Expired => Pb.RequestState.Expired,
        _ => Pb.RequestState.Refused,
    };

    public static RequestState FromWire(Pb.RequestState state, string field) => state switch
    {
        Pb.RequestState.Submitted => RequestState.Submitted,
        Pb.RequestState.Approved => RequestState.Approved,
        Pb.RequestState.Rejected => RequestState.Rejected,
        Pb.RequestState.Cancelled => RequestState.Cancelled,
        Pb.RequestState.GrantDelivered => RequestState.GrantDelivered,
        Pb.RequestState.InUse => RequestState.InUse,
        Pb.RequestState.Completed => RequestState.Completed,
        Pb.RequestState.Expired => RequestState.Expired,
        Pb.RequestState.Refused => RequestState.Refused,
        _ => throw CloudException.Invalid(field, $"{(int)state} is not a request state"),
    };
}
