namespace SealCabinet.Cloud.Service.Notifications;

/// <summary>A stored notification as the hub hands it to subscribers.</summary>
internal sealed record NotificationRow(
    long Id,
    int Kind,
    string? VillageId,
    string? TownId,
    Guid? RequestId,
    string? DeviceId,
    string[] Audience,
    string Title,
    string Body,
    string Payload,
    DateTimeOffset CreatedAt)
{
    public const string Columns = "id, kind, village_id, town_id, request_id, device_id, audience, title, body, payload::text, created_at";

    public static NotificationRow Read(Npgsql.NpgsqlDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetInt32(1),
        reader.IsDBNull(2) ? null : reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetGuid(4),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.GetFieldValue<string[]>(6),
        reader.GetString(7),
        reader.GetString(8),
        reader.GetString(9),
        reader.GetFieldValue<DateTimeOffset>(10));
}
