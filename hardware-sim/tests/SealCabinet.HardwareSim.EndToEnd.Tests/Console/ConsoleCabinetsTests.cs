using SealCabinet.Contracts.V1;
using static Microsoft.Playwright.Assertions;

namespace SealCabinet.HardwareSim.EndToEnd.Tests.Console;

/// <summary>The cabinets screen for the technician: a new event chain authorised, a cabinet taken out of service.</summary>
[TestFixture]
public sealed class ConsoleCabinetsTests
{
    [Test]
    public async Task A_technician_authorises_a_new_chain_and_decommissions_a_cabinet_with_a_reason_revoking_its_grant()
    {
        using var village = await ConsoleVillage.CreateAsync("cabinets");
        var requestId = await village.FileRequestAsync();
        // The grant the decommissioning revokes: approved and signed in the approver's browser (this cloud refuses
        // an unsigned approval).
        await using (var approver = await village.EnrolAsync(village.World.Approver))
        {
            await approver.ApproveSignedAsync(requestId);
        }

        var technician = village.World.Technician;
        var cabinet = (await technician.Devices.ListCabinetsAsync(new ListCabinetsRequest { VillageId = village.World.VillageId })).Cabinets.Single();
        var deviceId = cabinet.DeviceId;
        await using var phone = await village.EnrolAsync(technician);
        await phone.GoAsync("#/cabinets");
        var row = phone.Page.Locator($"[data-testid=cabinet-row][data-device-id='{deviceId}']");

        await row.GetByTestId("manage").ClickAsync();
        await Expect(row.GetByTestId("decommission")).ToBeDisabledAsync();
        await row.GetByTestId("manage-reason").FillAsync("主板更换，日志已清空");
        await row.GetByTestId("chain-restart").ClickAsync();
        await Expect(phone.ById("notice")).ToContainTextAsync($"第 {cabinet.ChainEpoch + 1} 条事件链");

        await row.GetByTestId("manage").ClickAsync();
        await row.GetByTestId("manage-reason").FillAsync("村委会搬迁，柜体报废");
        await row.GetByTestId("decommission").ClickAsync();
        await phone.ScreenshotAsync("technician-cabinets-phone");
        await row.GetByTestId("decommission-confirm").ClickAsync();

        await Expect(phone.ById("notice")).ToContainTextAsync("撤销授权 1 个");
        await Expect(row).ToHaveAttributeAsync("data-status", "DECOMMISSIONED");
        await Expect(row.GetByTestId("manage")).ToHaveCountAsync(0);
        var stored = await technician.Devices.GetCabinetAsync(new GetCabinetRequest { DeviceId = deviceId });
        Assert.That(stored.Cabinet.Status, Is.EqualTo(CabinetStatus.Decommissioned));
        var request = await village.World.Custodian.Requests.GetRequestAsync(new GetRequestRequest { RequestId = requestId });
        Assert.That(request.Request.Grants.Last().State, Is.EqualTo(GrantState.Revoked), "the cabinet's unused grant is revoked with it");
    }
}
