using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using SealCabinet.Cloud.Service.Common;
using SealCabinet.Cloud.Service.Edge;
using SealCabinet.Cloud.Service.Persistence;
using Wire = SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Service.Requests;

/// <summary>Request, decision and grant entities to wire messages and back.</summary>
internal static class RequestMapping
{
    public static Wire.SealRequest ToWire(SealRequest request)
    {
        var wire = new Wire.SealRequest
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
        wire.Decisions.AddRange(request.Decisions.OrderBy(d => d.DecidedAt).Select(d => new Wire.Decision
        {
            ApproverId = d.ApproverId,
            Approved = d.Approved,
            Comment = d.Comment,
            Time = Timestamp.FromDateTimeOffset(d.DecidedAt),
            Signed = d.Statement is not null,
            StatementSha256 = d.Statement is null ? ByteString.Empty : ByteString.CopyFrom(System.Security.Cryptography.SHA256.HashData(d.Statement)),
            CredentialId = d.CredentialId is null ? ByteString.Empty : ByteString.CopyFrom(d.CredentialId),
        }));
        wire.Grants.AddRange(request.Grants.OrderBy(g => g.Counter).Select(ToWire));
        return wire;
    }

    public static Wire.Material ToWire(RequestMaterial material, byte[]? content) => new()
    {
        MaterialId = material.Id.ToString("D"),
        FileName = material.FileName,
        ContentType = material.ContentType,
        Sha256 = ByteString.CopyFrom(material.Sha256),
        Size = material.Size,
        Content = content is null ? ByteString.Empty : ByteString.CopyFrom(content),
    };

    /// <summary>A cabinet photo; the digest and the bytes only when the content is given (GetEvidence).</summary>
    public static Wire.EvidenceItem ToWire(EvidenceObject evidence, byte[]? content) => new()
    {
        EvidenceId = evidence.EvidenceId,
        Kind = evidence.Kind switch
        {
            (int)Wire.EvidenceKind.Person => Wire.EvidencePhotoKind.Person,
            (int)Wire.EvidenceKind.DocumentBefore => Wire.EvidencePhotoKind.DocumentBefore,
            (int)Wire.EvidenceKind.DocumentAfter => Wire.EvidencePhotoKind.DocumentAfter,
            _ => Wire.EvidencePhotoKind.Unspecified,
        },
        ContentType = evidence.ContentType,
        Size = evidence.TotalSize,
        Verified = evidence.Verified,
        ReceivedTime = Timestamp.FromDateTimeOffset(evidence.CreatedAt),
        Sha256 = content is null ? ByteString.Empty : ByteString.CopyFrom(System.Security.Cryptography.SHA256.HashData(content)),
        Content = content is null ? ByteString.Empty : ByteString.CopyFrom(content),
    };

    public static Wire.Grant ToWire(Grant grant) => new()
    {
        GrantId = grant.Id.ToString("D"),
        DeviceId = grant.DeviceId,
        Sleeve = (uint)grant.Sleeve,
        Counter = (ulong)grant.Counter,
        PressesAllowed = (uint)grant.PressesAllowed,
        PressesUsed = (uint)grant.PressesUsed,
        State = grant.State switch
        {
            GrantState.Issued => Wire.GrantState.Issued,
            GrantState.Delivered => Wire.GrantState.Delivered,
            GrantState.Accepted => Wire.GrantState.Accepted,
            GrantState.Used => Wire.GrantState.Used,
            GrantState.Expired => Wire.GrantState.Expired,
            GrantState.Revoked => Wire.GrantState.Revoked,
            GrantState.Overused => Wire.GrantState.Overused,
            _ => Wire.GrantState.Refused,
        },
        IssuedTime = Timestamp.FromDateTimeOffset(grant.IssuedAt),
        ExpiresTime = Timestamp.FromDateTimeOffset(grant.ExpiresAt),
        RefusalReason = grant.RefusalReason ?? "",
    };

    public static Wire.RequestState ToWire(RequestState state) => state switch
    {
        RequestState.Submitted => Wire.RequestState.Submitted,
        RequestState.Approved => Wire.RequestState.Approved,
        RequestState.Rejected => Wire.RequestState.Rejected,
        RequestState.Cancelled => Wire.RequestState.Cancelled,
        RequestState.GrantDelivered => Wire.RequestState.GrantDelivered,
        RequestState.InUse => Wire.RequestState.InUse,
        RequestState.Completed => Wire.RequestState.Completed,
        RequestState.Expired => Wire.RequestState.Expired,
        _ => Wire.RequestState.Refused,
    };

    public static RequestState FromWire(Wire.RequestState state, string field) => state switch
    {
        Wire.RequestState.Submitted => RequestState.Submitted,
        Wire.RequestState.Approved => RequestState.Approved,
        Wire.RequestState.Rejected => RequestState.Rejected,
        Wire.RequestState.Cancelled => RequestState.Cancelled,
        Wire.RequestState.GrantDelivered => RequestState.GrantDelivered,
        Wire.RequestState.InUse => RequestState.InUse,
        Wire.RequestState.Completed => RequestState.Completed,
        Wire.RequestState.Expired => RequestState.Expired,
        Wire.RequestState.Refused => RequestState.Refused,
        _ => throw CloudException.Invalid(field, $"{(int)state} is not a request state"),
    };
}
