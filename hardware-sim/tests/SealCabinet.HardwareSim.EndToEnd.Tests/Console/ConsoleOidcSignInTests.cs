using Grpc.Net.Client;
using Microsoft.Playwright;
using SealCabinet.Contracts.V1;
using SealCabinet.HardwareSim.Demo;
using SealCabinet.LocalServices;
using static Microsoft.Playwright.Assertions;

namespace SealCabinet.HardwareSim.EndToEnd.Tests.Console;

/// <summary>
/// Configured mode: a cloud whose people's tokens come from an organisation's OpenID Connect provider
/// (<c>Auth:Authority</c>) and whose console signs people in there with the authorization code flow and PKCE. The
/// administrator's tool gets its token from the same provider; the directory decides who may sign in and with which roles.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ConsoleOidcSignInTests
{
    private const string ProviderName = "测试身份源";

    private TestIdentityProvider _provider = null!;
    private CloudServiceProcess _cloud = null!;
    private GrpcChannel _channel = null!;
    private CloudActor _administrator = null!;
    private string _villageId = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        // The provider must know the console's redirect URI and the cloud the provider's issuer: the port comes first.
        var webPort = FreePort.Next();
        _provider = await TestIdentityProvider.StartAsync($"http://localhost:{webPort}/", "sealcabinet", "administrator@global");
        _cloud = await CloudServiceProcess.StartAsync(new CloudServiceOptions
        {
            ServiceDll = TestCloud.ServiceDll(),
            DataDirectory = Path.Combine(TestContext.CurrentContext.WorkDirectory, "end-to-end", $"oidc-{Guid.NewGuid().ToString("N")[..8]}"),
            GrpcWebPort = webPort,
            ExtraArguments =
            [
                $"--Auth:Authority={_provider.Issuer}",
                "--Auth:RequireHttpsMetadata=false",
                $"--Sessions:Oidc:ClientId={TestIdentityProvider.ConsoleClientId}",
                $"--Sessions:Oidc:ClientSecret={_provider.ConsoleClientSecret}",
                $"--Sessions:Oidc:DisplayName={ProviderName}",
            ],
        });
        _channel = GrpcChannel.ForAddress(_cloud.GrpcUrl);
        _administrator = new CloudActor(_channel, TestIdentityProvider.ToolClientId, "管理员", "administrator", await _provider.ToolTokenAsync());
        var suffix = Guid.NewGuid().ToString("N")[..8];
        _villageId = $"oidc-{suffix}";
        await _administrator.Organization.CreateTownAsync(new CreateTownRequest { Town = new Town { TownId = $"town-{suffix}", Name = "测试镇" } });
        await _administrator.Organization.CreateVillageAsync(new CreateVillageRequest { Village = new Village { VillageId = _villageId, TownId = $"town-{suffix}", Name = "测试村" } });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _channel?.Dispose();
        if (_cloud is not null)
        {
            await _cloud.DisposeAsync();
            Directory.Delete(_cloud.DataDirectory, recursive: true);
        }

        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
    }

    [Test]
    public async Task A_custodian_of_the_directory_signs_in_with_the_organisation_account_and_works_with_the_directorys_roles()
    {
        var custodian = await AddCustodianAsync();
        await using var phone = await ConsolePerson.OpenAsync(ConsolePerson.Phone, _cloud.ConsoleUrl);
        await phone.GoAsync("#/sign-in");
        await Expect(phone.ById("sign-in-oidc")).ToBeVisibleAsync();
        await phone.ScreenshotAsync("sign-in-organisation-account-phone");

        await SignInAtTheProviderAsync(phone, custodian);

        await Expect(phone.ById("sign-out")).ToBeVisibleAsync();
        Assert.That(phone.Page.Url, Does.Not.Contain("code=").And.Not.Contain("state="), "the answer is removed from the address");
        await phone.GoAsync("#/requests/new");
        await Expect(phone.ById("matter").Locator("option[value='BIZ-PREMISES']")).ToHaveCountAsync(1);

        // The roles are the directory's: revoked there, the next call of the same session is refused.
        await _administrator.Organization.RevokeRoleAsync(new RevokeRoleRequest
        {
            PersonId = custodian,
            Assignment = new RoleAssignment { Role = Role.Custodian, VillageId = _villageId },
        });
        await phone.GoAsync("#/requests");
        await Expect(phone.ById("error")).ToBeVisibleAsync();
    }

    [Test]
    public async Task An_answer_carried_to_another_browser_or_replayed_signs_nobody_in()
    {
        var custodian = await AddCustodianAsync();
        await using var own = await ConsolePerson.OpenAsync(ConsolePerson.Phone, _cloud.ConsoleUrl);
        // The provider's redirect back (seen as it passes) is kept, and this browser's own finishing call is dropped.
        var answer = new TaskCompletionSource<string>();
        own.Page.Request += (_, request) =>
        {
            if (request.IsNavigationRequest && request.Url.Contains("code=", StringComparison.Ordinal))
            {
                answer.TrySetResult(request.Url);
            }
        };
        await own.Page.RouteAsync("**/sealcabinet.v1.Sessions/FinishOidcSignIn", route => route.AbortAsync());
        await SignInAtTheProviderAsync(own, custodian);
        var address = await answer.Task.WaitAsync(TimeSpan.FromSeconds(20));

        await using var other = await ConsolePerson.OpenAsync(ConsolePerson.Phone, _cloud.ConsoleUrl);
        await other.Page.GotoAsync(address);
        await Expect(other.ById("error")).ToContainTextAsync("another browser");
        await Expect(other.ById("sign-out")).ToHaveCountAsync(0);

        // The other browser's try used the sign-in up: the right browser cannot finish it afterwards either.
        await own.Page.UnrouteAllAsync();
        await own.Page.GotoAsync(address);
        await Expect(own.ById("error")).ToContainTextAsync("already used");
        await Expect(own.ById("sign-out")).ToHaveCountAsync(0);
    }

    [Test]
    public async Task An_account_the_directory_does_not_hold_is_refused_with_a_clear_message()
    {
        await using var phone = await ConsolePerson.OpenAsync(ConsolePerson.Phone, _cloud.ConsoleUrl);

        await SignInAtTheProviderAsync(phone, "stranger-" + Guid.NewGuid().ToString("N")[..6]);

        await Expect(phone.ById("error")).ToContainTextAsync("not a person of this directory");
        await Expect(phone.ById("sign-out")).ToHaveCountAsync(0);
    }

    [Test]
    public async Task A_sign_in_cancelled_at_the_provider_says_so_and_signs_nobody_in()
    {
        await using var phone = await ConsolePerson.OpenAsync(ConsolePerson.Phone, _cloud.ConsoleUrl);
        await phone.GoAsync("#/sign-in");
        await phone.ById("sign-in-oidc").ClickAsync();

        await phone.Page.GetByText("Cancel").ClickAsync();

        await Expect(phone.ById("error")).ToContainTextAsync("access_denied");
        await Expect(phone.ById("sign-out")).ToHaveCountAsync(0);
        Assert.That(phone.Page.Url, Does.Not.Contain("error="));
    }

    private async Task<string> AddCustodianAsync()
    {
        var personId = "li-" + Guid.NewGuid().ToString("N")[..8];
        await _administrator.Organization.UpsertPersonAsync(new UpsertPersonRequest { Person = new Person { PersonId = personId, Name = "李梅" } });
        await _administrator.Organization.AssignRoleAsync(new AssignRoleRequest
        {
            PersonId = personId,
            Assignment = new RoleAssignment { Role = Role.Custodian, VillageId = _villageId },
        });
        return personId;
    }

    /// <summary>The console's button, then the provider's own pages: its login form (any password) and its consent.</summary>
    private static async Task SignInAtTheProviderAsync(ConsolePerson person, string login)
    {
        await person.GoAsync("#/sign-in");
        await Expect(person.ById("sign-in-oidc")).ToContainTextAsync(ProviderName);
        await person.ById("sign-in-oidc").ClickAsync();
        await person.Page.Locator("input[name=login]").FillAsync(login);
        await person.Page.Locator("input[name=password]").FillAsync("any");
        await person.Page.Locator("button[type=submit]").ClickAsync();
        await person.Page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
    }
}
