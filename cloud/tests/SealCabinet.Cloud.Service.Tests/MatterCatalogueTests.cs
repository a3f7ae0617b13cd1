using SealCabinet.Cloud.Service.Tests.Infrastructure;
using SealCabinet.Contracts.V1;
using Village = SealCabinet.Cloud.Service.Tests.Infrastructure.Village;

namespace SealCabinet.Cloud.Service.Tests;

[TestFixture]
public sealed class MatterCatalogueTests
{
    private CloudServiceHost _host = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _host = await CloudServiceHost.StartAsync("matters");

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [Test]
    public async Task The_starter_catalogue_holds_the_articles_examples()
    {
        var matters = (await _host.As("reader", "supervisor@global").Organization.ListMattersAsync(
            new ListMattersRequest { Page = new PageRequest { PageSize = 500 } })).Matters;

        Assert.That(matters.Select(m => m.Name), Is.SupersetOf(new[] { "经营场所证明", "建房申请", "党组织关系转入", "私人充电桩安装同意", "劳务用工" }));
        Assert.That(matters.Single(m => m.Code == "HOUSE-BUILDING").HouseBuilding, Is.True);
        Assert.That(matters.Single(m => m.Code == "PARTY-TRANSFER-IN").AllowedSealKinds, Is.EqualTo(new[] { SealKind.Party }));
    }

    [Test]
    public async Task Listing_by_seal_kind_returns_only_matters_allowing_it()
    {
        var matters = (await _host.As("reader", "supervisor@global").Organization.ListMattersAsync(
            new ListMattersRequest { SealKind = SealKind.Cooperative, Page = new PageRequest { PageSize = 500 } })).Matters;

        Assert.That(matters, Is.Not.Empty);
        Assert.That(matters.Select(m => m.AllowedSealKinds.Contains(SealKind.Cooperative)), Is.All.True);
    }

    [Test]
    public async Task Import_inserts_new_codes_and_updates_existing_ones()
    {
        const string csv = "\uFEFFcode,name,seal_kinds,approvals_required,house_building\r\n" +
            "FARM-SUBSIDY,\"农业补贴申请（含农机）\",COMMITTEE,1,false\r\n" +
            "FUNERAL-REFORM,殡葬改革告知书,COMMITTEE|PARTY,1,no\r\n";
        var admin = Village.GlobalAdministrator(_host);

        var result = await admin.Organization.ImportMattersAsync(new ImportMattersRequest { Csv = csv });
        var matters = (await admin.Organization.ListMattersAsync(new ListMattersRequest { Page = new PageRequest { PageSize = 500 } })).Matters;

        Assert.That(result.Inserted, Is.EqualTo(1));
        Assert.That(result.Updated, Is.EqualTo(1));
        Assert.That(matters.Single(m => m.Code == "FARM-SUBSIDY").Name, Is.EqualTo("农业补贴申请（含农机）"));
        Assert.That(matters.Single(m => m.Code == "FUNERAL-REFORM").AllowedSealKinds, Is.EquivalentTo(new[] { SealKind.Committee, SealKind.Party }));
    }
}
