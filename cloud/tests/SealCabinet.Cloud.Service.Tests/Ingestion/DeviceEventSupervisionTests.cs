using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SealCabinet.Cloud.Service.Supervision;
using SealCabinet.Cloud.Service.Tests.Infrastructure;
using SealCabinet.Contracts.V1;
using SealCabinet.Ledger.Records;
using Core = SealCabinet.Firmware.Core.Messages;
using Village = SealCabinet.Cloud.Service.Tests.Infrastructure.Village;

namespace SealCabinet.Cloud.Service.Tests.Ingestion;

/// <summary>
/// Firmware-signed events through the real ingestion pipeline: accepted events become device.event ledger entries,
/// and the anomaly rules over device_events / security_events fire on the right events and only on them.
/// Each test uses its own cabinet; assertions are per device, so the tests do not disturb each other.
/// </summary>
[TestFixture]
public sealed class DeviceEventSupervisionTests
{
    private CloudServiceHost _host = null!;
    private Village _village = null!;
    private CloudClients _device = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _host = await CloudServiceHost.StartAsync("devsup");
        _device = _host.Anonymous();
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [SetUp]
    public async Task NewVillageAsync() => _village = await Village.CreateUniqueAsync(_host, "devsup");

    [Test]
    public async Task Accepted_events_are_ledger_entries_carrying_the_exact_signed_bytes()
    {
        var chain = await NewChainAsync();
        var records = chain.NextMany(3);

        await IngestionState.PushAsync(_device, chain.Batch(records));

        await using var db = _host.CreateDbContext();
        var entries = (await db.LedgerEntries.Where(e => e.Kind == "device.event").OrderBy(e => e.Index).ToListAsync())
            .Select(e => LedgerRecord.Parse(e.Record)).Where(r => r.GetText("device_id") == chain.DeviceId).ToList();
        Assert.That(entries.Select(r => r.GetInteger("seq")), Is.EqualTo(new long[] { 1, 2, 3 }));
        Assert.That(entries.Select(r => Convert.FromBase64String(r.GetText("event"))), Is.EqualTo(records.Select(r => r.SignedEventBytes)));
    }

    [Test]
    public async Task A_press_without_an_accepted_grant_is_forced_use_and_a_heartbeat_is_not()
    {
        var chain = await NewChainAsync();
        await IngestionState.PushAsync(_device, chain.Batch([chain.Next(), chain.Next(Core.EventType.Press, e => { e.Sleeve = 2; e.PressCount = 1; })]));

        await DetectAsync();

        var found = await AnomaliesAsync(AnomalyRules.ForcedUse, chain.DeviceId);
        Assert.That(found.Select(a => a.Summary).ToList(), Is.EqualTo(new[] { "press on sleeve 2 without an accepted grant" }));
        Assert.That(found[0].LedgerIndexes, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_forced_opening_alarm_is_flagged_and_ordinary_events_are_not()
    {
        var chain = await NewChainAsync();
        await IngestionState.PushAsync(_device, chain.Batch([chain.Next(), chain.Next(Core.EventType.ForcedOpenAlarm, e => e.Sleeve = 1), chain.Next()]));

        await DetectAsync();

        Assert.That((await AnomaliesAsync(AnomalyRules.ForcedOpening, chain.DeviceId)).Select(a => a.Summary).ToList(),
            Is.EqualTo(new[] { "forced opening of sleeve 1" }));
    }

    [Test]
    public async Task A_seal_not_returned_alarm_is_flagged_and_a_returned_seal_is_not()
    {
        var chain = await NewChainAsync();
        await IngestionState.PushAsync(_device, chain.Batch([
            chain.Next(Core.EventType.SealReturned, e => e.Sleeve = 1),
            chain.Next(Core.EventType.SealNotReturnedAlarm, e => e.Sleeve = 3),
        ]));

        await DetectAsync();

        Assert.That((await AnomaliesAsync(AnomalyRules.SealNotReturned, chain.DeviceId)).Select(a => a.Summary).ToList(),
            Is.EqualTo(new[] { "seal of sleeve 3 not returned" }));
    }

    [Test]
    public async Task A_grant_refused_as_replayed_is_flagged_and_one_refused_as_expired_is_not()
    {
        var chain = await NewChainAsync();
        await IngestionState.PushAsync(_device, chain.Batch([
            chain.Next(Core.EventType.GrantRefused, e => e.RefusalReason = Core.GrantRefusalReason.Replayed),
            chain.Next(Core.EventType.GrantRefused, e => e.RefusalReason = Core.GrantRefusalReason.Expired),
        ]));

        await DetectAsync();

        Assert.That((await AnomaliesAsync(AnomalyRules.GrantRefused, chain.DeviceId)).Select(a => a.Summary).ToList(),
            Is.EqualTo(new[] { "grant refused: replayed" }));
    }

    [Test]
    public async Task An_event_with_a_bad_mac_is_a_chain_integrity_anomaly_and_a_clean_chain_is_not()
    {
        var tampered = await NewChainAsync();
        var clean = await NewChainAsync();
        var records = tampered.NextMany(2);
        await IngestionState.PushAsync(_device, DeviceChain.Batch(tampered.DeviceId, [DeviceChain.Signed(records[0]), DeviceChain.Tampered(records[1])]));
        await IngestionState.PushAsync(_device, clean.Batch(clean.NextMany(2)));

        await DetectAsync();

        Assert.That((await AnomaliesAsync(AnomalyRules.ChainIntegrity, tampered.DeviceId)).Select(a => a.Summary).ToList(), Has.Count.EqualTo(1).And.All.StartWith("bad-mac"));
        Assert.That(await AnomaliesAsync(AnomalyRules.ChainIntegrity, clean.DeviceId), Is.Empty);
    }

    [Test]
    public async Task A_device_clock_far_from_server_time_is_flagged_and_a_close_one_is_not()
    {
        var chain = await NewChainAsync();
        await IngestionState.PushAsync(_device, chain.Batch([
            chain.Next(),
            chain.Next(fill: e => e.DeviceTimeMs = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeMilliseconds()),
        ]));

        await DetectAsync();

        var found = await AnomaliesAsync(AnomalyRules.ClockSkew, chain.DeviceId);
        Assert.That(found, Has.Count.EqualTo(1));
        Assert.That(found[0].Summary, Does.StartWith("device clock off by -3"));
    }

    [Test]
    public async Task Use_on_a_sunday_is_outside_office_hours_and_use_on_a_weekday_morning_is_not()
    {
        var chain = await NewChainAsync();
        var sunday = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.FromHours(8));
        var monday = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(8));
        await IngestionState.PushAsync(_device, chain.Batch([
            chain.Next(Core.EventType.SleeveUnlocked, e => { e.Sleeve = 2; e.DeviceTimeMs = sunday.ToUnixTimeMilliseconds(); }),
            chain.Next(Core.EventType.SleeveUnlocked, e => { e.Sleeve = 2; e.DeviceTimeMs = monday.ToUnixTimeMilliseconds(); }),
        ]));

        await DetectAsync();

        Assert.That((await AnomaliesAsync(AnomalyRules.OutsideOfficeHours, chain.DeviceId)).Select(a => a.Summary).ToList(),
            Is.EqualTo(new[] { "seal used at 2026-11-22 10:00 (outside office hours)" }));
    }

    private async Task<DeviceChain> NewChainAsync() => new(await IngestionState.RegisterCabinetAsync(_host, _village.VillageId));

    private async Task DetectAsync()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AnomalyService>().DetectAsync(CancellationToken.None);
    }

    private async Task<IReadOnlyList<Contracts.V1.Anomaly>> AnomaliesAsync(string rule, string deviceId) =>
        [.. (await _village.Supervisor.Audit.ListAnomaliesAsync(new ListAnomaliesRequest { VillageId = _village.VillageId, Rule = rule, Page = new PageRequest { PageSize = 500 } }))
            .Anomalies.Where(a => a.DeviceId == deviceId)];
}
