using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using SealCabinet.Cloud.Service.Recording;
using Wire = SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Service.Notifications;

/// <summary>Stored notifications to wire messages.</summary>
internal static class NotificationMapping
{
    public static NotificationPayload Payload(NotificationRow row) =>
        JsonSerializer.Deserialize<NotificationPayload>(row.Payload) ?? new NotificationPayload(0, [], null);

    public static Wire.Notification ToWire(NotificationRow row)
    {
        var payload = Payload(row);
        var wire = new Wire.Notification
        {
            NotificationId = row.Id,
            Kind = (Wire.NotificationKind)row.Kind,
            VillageId = row.VillageId ?? "",
            RequestId = row.RequestId?.ToString() ?? "",
            DeviceId = row.DeviceId ?? "",
            Title = row.Title,
            Body = row.Body,
            PressCount = (uint)Math.Max(0, payload.PressCount),
            Time = Timestamp.FromDateTimeOffset(row.CreatedAt),
        };
        wire.EvidenceIds.AddRange(payload.EvidenceIds ?? []);
        return wire;
    }
}
