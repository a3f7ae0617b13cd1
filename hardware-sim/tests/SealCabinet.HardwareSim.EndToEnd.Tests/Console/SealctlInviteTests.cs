extern alias sealctl;

using System.Text.Json;
using static Microsoft.Playwright.Assertions;
using SealctlApp = sealctl::SealCabinet.Cloud.Tool.SealctlApp;

namespace SealCabinet.HardwareSim.EndToEnd.Tests.Console;

/// <summary>An administrator's <c>sealctl people invite</c> against the real service gives a link that enrols the person in the browser.</summary>
[TestFixture]
public sealed class SealctlInviteTests
{
    [Test]
    public async Task The_link_sealctl_people_invite_prints_enrols_the_person_on_their_phone()
    {
        using var village = await ConsoleVillage.CreateAsync("sealctl-invite");
        var cloud = ConsoleBrowser.Cloud;
        var token = cloud.Tokens.Mint("admin", "管理员", "administrator@global");

        var (code, output) = await RunSealctlAsync(["people", "invite", village.World.Custodian.PersonId, "--hours", "2", "--json", "--url", cloud.Process.GrpcUrl, "--token", token]);

        Assert.That(code, Is.Zero, output);
        var path = JsonDocument.Parse(output).RootElement.GetProperty("enrolmentPath").GetString()!;
        Assert.That(path, Does.StartWith("/#/enrol/"));
        await using var phone = await ConsolePerson.OpenAsync(ConsolePerson.Phone);
        await phone.GoAsync(path.TrimStart('/'));
        await Expect(phone.ById("enrol-person")).ToContainTextAsync(village.World.Custodian.Name);
        await phone.ById("enrol").ClickAsync();
        await Expect(phone.ById("sign-out")).ToBeVisibleAsync();
    }

    private static async Task<(int Code, string Output)> RunSealctlAsync(string[] arguments)
    {
        var output = new StringWriter();
        var previous = System.Console.Out;
        System.Console.SetOut(output);
        try
        {
            var code = await SealctlApp.RunAsync(arguments);
            return (code, output.ToString());
        }
        finally
        {
            System.Console.SetOut(previous);
        }
    }
}
