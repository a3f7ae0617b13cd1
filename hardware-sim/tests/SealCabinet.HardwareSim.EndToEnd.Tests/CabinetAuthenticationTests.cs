using SealCabinet.Contracts.V1;
using SealCabinet.Firmware.Core.Sleeves;
using SealCabinet.HardwareSim.Cabinet;
using EventType = SealCabinet.Firmware.Core.Messages.EventType;

namespace SealCabinet.HardwareSim.EndToEnd.Tests;

/// <summary>
/// The real cloud's custodian roster and withdrawals reaching the unchanged firmware on a simulated cabinet: who may
/// open a sleeve follows the directory, and a cancellation reaches a READY sleeve.
/// </summary>
public sealed class CabinetAuthenticationTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    public async Task The_custodian_roster_reaches_the_cabinet_at_boot_and_a_stranger_pushing_the_ready_sleeves_button_opens_nothing()
    {
        using var world = await VillageWorld.CreateAsync("roster");
        var cabinet = await world.AddCabinetAsync();
        var village = await VillageAsync(world);
        await cabinet.WaitUntilAsync(() => cabinet.Snapshot().RosterVersion == village.RosterVersion, Patience, "the village's roster at the cabinet");

        await world.ApproveAsync(await world.FileRequestAsync());
        await cabinet.WaitUntilAsync(() => cabinet.Firmware?.GetSleevePhase(2) == SleevePhase.Ready, Patience, "the committee sleeve READY");
        var from = cabinet.Events.Count;
        await cabinet.PushStampButtonAsync(2, Patience);
        var (refused, _) = await cabinet.WaitForEventAsync(e => e.Type == EventType.StampButtonRefused, from, Patience, "STAMP_BUTTON_REFUSED");

        Assert.That(cabinet.Board.Sleeve(2).LatchEngaged, Is.True, "nobody authenticated: the button alone opens nothing");
        Assert.That(refused.Event.Sleeve, Is.EqualTo(2));
        var relocked = await Custodian.StampAsync(cabinet, 2, 1, VillageWorld.CustodianAtCabinet, Patience);
        Assert.That(relocked.Event.PressCount, Is.EqualTo(1), "the custodian the grant names, with the PIN they set in the cloud");
    }

    [Test]
    public async Task A_custodian_appointed_while_the_cabinet_runs_stamps_with_their_pin_and_one_whose_role_is_revoked_no_longer_authenticates()
    {
        using var world = await VillageWorld.CreateAsync("appoint");
        var cabinet = await world.AddCabinetAsync();
        var before = cabinet.Snapshot().RosterVersion;
        var newcomer = world.NewCustodianActor("sun");

        await world.AppointCustodianAsync(newcomer, "3691");
        var current = (await VillageAsync(world)).RosterVersion;
        await cabinet.WaitUntilAsync(() => cabinet.Snapshot().RosterVersion == current, Patience, "the new roster at the cabinet");
        Assert.That(current, Is.GreaterThan(before), "appointing a custodian and their PIN raise the village's roster version");
        await world.ApproveAsync(await world.FileRequestAsync(newcomer));
        var relocked = await Custodian.StampAsync(cabinet, 2, 1, CustodianCredential.WithPin("3691"), Patience);

        Assert.That(relocked.Event.PressCount, Is.EqualTo(1));

        await world.ApproveAsync(await world.FileRequestAsync());
        await cabinet.WaitUntilAsync(() => cabinet.Firmware?.GetSleevePhase(2) == SleevePhase.Ready, Patience, "the committee sleeve READY for the first custodian");
        var held = cabinet.Snapshot().RosterVersion;
        await world.Administrator.Organization.RevokeRoleAsync(new RevokeRoleRequest
        {
            PersonId = world.Custodian.PersonId,
            Assignment = new RoleAssignment { Role = Role.Custodian, VillageId = world.VillageId },
        });
        await cabinet.WaitUntilAsync(() => cabinet.Snapshot().RosterVersion > held, Patience, "the roster without the revoked custodian");
        var answer = await cabinet.EnterPinAsync(VillageWorld.CustodianPin, Patience);

        Assert.That(answer?.Type, Is.EqualTo(EventType.AuthenticationFailed), "the revoked custodian's PIN is no longer on the cabinet");
        Assert.That(cabinet.Board.Sleeve(2).LatchEngaged, Is.True);
    }

    [Test]
    public async Task Cancelling_a_request_while_its_sleeve_is_ready_withdraws_the_grant_and_the_sleeve_leaves_ready()
    {
        using var world = await VillageWorld.CreateAsync("withdraw");
        var cabinet = await world.AddCabinetAsync();
        var requestId = await world.FileRequestAsync();
        var grant = await world.ApproveAsync(requestId);
        await cabinet.WaitUntilAsync(() => cabinet.Firmware?.GetSleevePhase(2) == SleevePhase.Ready, Patience, "the committee sleeve READY");
        var from = cabinet.Events.Count;

        await world.Custodian.Requests.CancelRequestAsync(new CancelRequestRequest { RequestId = requestId, Reason = "申请人撤回" });
        var (withdrawn, _) = await cabinet.WaitForEventAsync(e => e.Type == EventType.GrantWithdrawn, from, Patience, "GRANT_WITHDRAWN");
        await cabinet.WaitUntilAsync(() => cabinet.Firmware?.GetSleevePhase(2) == SleevePhase.Locked, Patience, "the committee sleeve locked again");

        Assert.That(withdrawn.Event.GrantId, Is.EqualTo(grant.GrantId));
        Assert.That(cabinet.Board.Sleeve(2).ReadyLight.IsOn, Is.False);
        Assert.That(cabinet.Board.Sleeve(2).Solenoid.OnCount, Is.Zero);
    }

    private static async Task<Village> VillageAsync(VillageWorld world) =>
        (await world.Administrator.Organization.ListVillagesAsync(new ListVillagesRequest { Page = new PageRequest { PageSize = 500 } }))
            .Villages.Single(v => v.VillageId == world.VillageId);
}
