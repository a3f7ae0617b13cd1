using Google.Protobuf;
using SealCabinet.Firmware.Core.Messages;
using SealCabinet.Firmware.Core.Sleeves;
using SealCabinet.HardwareSim.Scenario;
using SealCabinet.HardwareSim.Tests.Cabinet;
using SealCabinet.HardwareSim.Tests.Gateway;
using ContractSealKind = SealCabinet.Contracts.V1.SealKind;

namespace SealCabinet.HardwareSim.Tests.Scenario;

/// <summary>Scripts played on a cabinet in real time against the in-test gateway.</summary>
public sealed class ScenarioRunnerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    public async Task A_script_that_types_the_PIN_before_the_stamp_button_stamps_and_one_without_it_is_refused()
    {
        var script = ScenarioParser.Parse(
            $"""
            wait-grant sleeve=2
            button 2
            expect-event STAMP_BUTTON_REFUSED sleeve=2
            pin {string.Join(' ', GatewayDevice.Pin.ToCharArray())}
            expect-event CUSTODIAN_AUTHENTICATED sleeve=2
            button 2
            expect-event SLEEVE_UNLOCKED sleeve=2
            lift 2
            press 2
            return 2
            expect-event SLEEVE_RELOCKED sleeve=2
            """,
            "pin.txt");
        var (cabinet, device) = TestCabinet.Create("script-pin", virtualTime: false);
        using (cabinet)
        {
            cabinet.PowerOn();
            await cabinet.WaitUntilAsync(() => cabinet.Snapshot() is { HasTrustedTime: true, RosterVersion: 1 }, Patience, "trusted time and the roster");
            cabinet.InjectGrant(device.IssueGrant(2, ContractSealKind.Committee, 1, TimeSpan.FromMinutes(5), keepLive: false).ToByteArray());
            var timeline = new List<string>();

            var result = await new ScenarioRunner(cabinet, timeline.Add).RunAsync(script);

            Assert.That(result.Succeeded, Is.True, result.Error);
            Assert.That(timeline, Does.Contain("ok   button 2 (refused: sleeve 2 stays READY and locked)"));
            Assert.That(cabinet.Events.Single(e => e.Type == EventType.SleeveRelocked).Event.PressCount, Is.EqualTo(1));
            Assert.That(cabinet.Firmware!.GetSleevePhase(2), Is.EqualTo(SleevePhase.Locked));
        }
    }
}
