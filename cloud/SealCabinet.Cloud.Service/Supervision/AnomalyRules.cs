using SealCabinet.Cloud.Service.Persistence;

namespace SealCabinet.Cloud.Service.Supervision;

/// <summary>
/// The anomaly rules (docs/supervision.md lists what each shows). Parameters available to every rule: @now,
/// @offline and @skew (intervals), @tz (IANA zone), @days (ISO weekdays), @start and @end (office hours).
/// </summary>
internal static class AnomalyRules
{
    public const string ForcedUse = "forced-use";
    public const string Overuse = "presses-beyond-allowance";
    public const string SealNotReturned = "seal-not-returned";
    public const string ForcedOpening = "forced-opening";
    public const string GrantRefused = "grant-refused-replay-or-bad-mac";
    public const string ChainIntegrity = "chain-integrity";
    public const string CabinetOffline = "cabinet-offline";
    public const string ClockSkew = "device-clock-skew";
    public const string OutsideOfficeHours = "outside-office-hours";
    public const string CustodianApprover = "custodian-approver";
    public const string BuiltBeforeApproval = "built-before-approval";

    /// <summary>The ledger indexes of the device.event entries of event row <c>e</c>.</summary>
    private const string EventEvidence = """
        ARRAY(SELECT l.index FROM ledger_entries l WHERE l.kind = 'device.event'
              AND convert_from(l.record, 'UTF8')::jsonb @> jsonb_build_object('device_id', e.device_id, 'chain_epoch', e.chain_epoch, 'seq', e.seq)
              ORDER BY l.index)
        """;

    /// <summary>The ledger indexes of the workflow entries of request <c>r</c>.</summary>
    private const string RequestEvidence = """
        ARRAY(SELECT l.index FROM ledger_entries l WHERE l.kind IN ('request.submitted', 'request.approved', 'request.rejected', 'request.cancelled', 'grant.issued')
              AND convert_from(l.record, 'UTF8')::jsonb ->> 'request_id' = r.id::text ORDER BY l.index)
        """;

    private const string CabinetVillage = "(SELECT c.village_id FROM cabinets c WHERE c.device_id = e.device_id)";

    public static IReadOnlyList<AnomalyRule> All { get; } =
    [
        new(ForcedUse, $"""
            SELECT e.device_id || '/' || e.chain_epoch || '/' || e.seq, {CabinetVillage}, e.device_id, NULL::uuid,
                   'press on sleeve ' || e.sleeve || ' without an accepted grant', {EventEvidence}
            FROM device_events e
            WHERE e.event_type = {DeviceEventCodes.Press} AND (e.grant_id IS NULL OR NOT EXISTS (
                SELECT 1 FROM device_events a WHERE a.device_id = e.device_id AND a.grant_id = e.grant_id AND a.event_type = {DeviceEventCodes.GrantAccepted}))
            """),
        new(Overuse, $"""
            SELECT g.id::text, r.village_id, g.device_id, r.id,
                   g.presses_used || ' presses on a grant allowing ' || g.presses_allowed, {RequestEvidence}
            FROM grants g JOIN seal_requests r ON r.id = g.request_id
            WHERE g.presses_used > g.presses_allowed
            """),
        new(SealNotReturned, $"""
            SELECT e.device_id || '/' || e.chain_epoch || '/' || e.seq, {CabinetVillage}, e.device_id, NULL::uuid,
                   'seal of sleeve ' || e.sleeve || ' not returned', {EventEvidence}
            FROM device_events e WHERE e.event_type = {DeviceEventCodes.SealNotReturnedAlarm}
            """),
        new(ForcedOpening, $"""
            SELECT e.device_id || '/' || e.chain_epoch || '/' || e.seq, {CabinetVillage}, e.device_id, NULL::uuid,
                   CASE e.event_type WHEN {DeviceEventCodes.ForcedOpenAlarm} THEN 'forced opening of sleeve ' || e.sleeve ELSE 'tamper alarm' END, {EventEvidence}
            FROM device_events e WHERE e.event_type IN ({DeviceEventCodes.ForcedOpenAlarm}, {DeviceEventCodes.TamperAlarm})
            """),
        new(GrantRefused, $"""
            SELECT e.device_id || '/' || e.chain_epoch || '/' || e.seq, {CabinetVillage}, e.device_id,
                   (SELECT g.request_id FROM grants g WHERE g.id = e.grant_id),
                   CASE e.refusal_reason WHEN {GrantRefusalCodes.BadMac} THEN 'grant refused: bad MAC (forged or corrupted grant)' ELSE 'grant refused: replayed' END,
                   {EventEvidence}
            FROM device_events e WHERE e.event_type = {DeviceEventCodes.GrantRefused} AND e.refusal_reason IN ({GrantRefusalCodes.BadMac}, {GrantRefusalCodes.Replayed})
              AND NOT (e.refusal_reason = {GrantRefusalCodes.Replayed} AND EXISTS (
                  SELECT 1 FROM device_events a WHERE a.device_id = e.device_id AND a.grant_id = e.grant_id
                    AND a.event_type = {DeviceEventCodes.GrantAccepted} AND (a.chain_epoch, a.seq) < (e.chain_epoch, e.seq)
                    AND NOT EXISTS (SELECT 1 FROM device_events f WHERE f.device_id = e.device_id AND f.grant_id = e.grant_id
                      AND f.event_type IN ({DeviceEventCodes.SleeveRelocked}, {DeviceEventCodes.UnlockWindowExpired}, {DeviceEventCodes.ReadyExpired})
                      AND (f.chain_epoch, f.seq) > (a.chain_epoch, a.seq) AND (f.chain_epoch, f.seq) < (e.chain_epoch, e.seq))))
            """),
        new(ChainIntegrity, """
            SELECT 'security/' || s.id::text, c.village_id, s.device_id, NULL::uuid,
                   s.kind || COALESCE(': ' || s.detail, ''), ARRAY[]::bigint[]
            FROM security_events s JOIN cabinets c ON c.device_id = s.device_id
            WHERE s.kind IN ('chain-broken', 'sequence-gap', 'bad-mac', 'conflicting-event')
            """),
        new(CabinetOffline, """
            SELECT c.device_id || '/' || COALESCE(to_char(c.last_event_at AT TIME ZONE 'UTC', 'YYYYMMDDHH24MISS'), 'never'), c.village_id, c.device_id, NULL::uuid,
                   'no event from the cabinet since ' || COALESCE(to_char(c.last_event_at AT TIME ZONE @tz, 'YYYY-MM-DD HH24:MI'), 'registration'),
                   ARRAY[]::bigint[]
            FROM cabinets c
            WHERE c.status <> 'Decommissioned' AND COALESCE(c.last_event_at, c.registered_at) < @now - @offline
            """),
        new(ClockSkew, $"""
            SELECT e.device_id || '/' || e.chain_epoch || '/' || e.seq, {CabinetVillage}, e.device_id, NULL::uuid,
                   'device clock off by ' || round(extract(epoch FROM e.device_time - e.received_at)) || ' s', {EventEvidence}
            FROM device_events e WHERE e.device_time IS NOT NULL AND abs(extract(epoch FROM e.device_time - e.received_at)) > extract(epoch FROM @skew)
            """),
        new(OutsideOfficeHours, $"""
            SELECT e.device_id || '/' || e.chain_epoch || '/' || e.seq, {CabinetVillage}, e.device_id,
                   (SELECT g.request_id FROM grants g WHERE g.id = e.grant_id),
                   'seal used at ' || to_char(COALESCE(e.device_time, e.received_at) AT TIME ZONE @tz, 'YYYY-MM-DD HH24:MI') || ' (outside office hours)',
                   {EventEvidence}
            FROM device_events e
            WHERE e.event_type IN ({DeviceEventCodes.SleeveUnlocked}, {DeviceEventCodes.Press}) AND (
                NOT (extract(isodow FROM COALESCE(e.device_time, e.received_at) AT TIME ZONE @tz)::int = ANY(@days))
                OR (COALESCE(e.device_time, e.received_at) AT TIME ZONE @tz)::time NOT BETWEEN @start AND @end)
            """),
        new(CustodianApprover, $"""
            SELECT r.id::text || '/' || d.person_id, r.village_id, r.device_id, r.id,
                   'custodian ' || d.person_id || ' tried to ' || CASE WHEN bool_or(d.approve) THEN 'approve' ELSE 'reject' END
                   || ' their own request (' || count(*) || ' attempt(s), refused)', {RequestEvidence}
            FROM denied_decisions d JOIN seal_requests r ON r.id = d.request_id
            GROUP BY r.id, d.person_id
            """),
        new(BuiltBeforeApproval, $"""
            SELECT r.id::text || '/' || b.id::text, r.village_id, r.device_id, r.id,
                   'house-building request of ' || r.applicant_name || ' stamped on '
                   || to_char(g.state_changed_at AT TIME ZONE @tz, 'YYYY-MM-DD') || ', foundations dug on ' || to_char(b.foundation_date, 'YYYY-MM-DD')
                   || ' (' || b.address || ')', {RequestEvidence}
            FROM seal_requests r
            JOIN grants g ON g.request_id = r.id AND g.state = 'Used'
            JOIN matters m ON m.code = r.matter_code AND m.house_building
            JOIN building_records b ON b.village_id = r.village_id AND b.applicant = r.applicant_name
            WHERE (g.state_changed_at AT TIME ZONE @tz)::date > b.foundation_date
            """),
    ];
}
