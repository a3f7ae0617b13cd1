using SealCabinet.Cloud.Service.Access;
using SealCabinet.Cloud.Service.Persistence;

namespace SealCabinet.Cloud.Service.Tests;

[TestFixture]
public sealed class RoleClaimTests
{
    [TestCase("custodian@village:yiqiao", "Custodian", null, "Village", "yiqiao")]
    [TestCase("approver:committee@town:town-a", "Approver", "COMMITTEE", "Town", "town-a")]
    [TestCase("administrator@global", "Administrator", null, "Global", null)]
    public void Well_formed_claims_parse(string text, string role, string? seal, string level, string? scope)
    {
        Assert.That(RoleClaim.TryParse(text, out var claim), Is.True);
        Assert.That(claim, Is.EqualTo(new RoleClaim(Enum.Parse<PersonRole>(role), seal, Enum.Parse<ScopeLevel>(level), scope)));
    }

    [TestCase("approver@village:yiqiao")]
    [TestCase("custodian:PARTY@village:yiqiao")]
    [TestCase("custodian@")]
    [TestCase("custodian@village:")]
    [TestCase("custodian@county:x")]
    [TestCase("@global")]
    [TestCase("king@global")]
    public void Malformed_claims_do_not_parse(string text)
    {
        Assert.That(RoleClaim.TryParse(text, out _), Is.False);
    }

    [Test]
    public void A_town_scope_covers_its_villages_but_not_other_towns_or_the_deployment()
    {
        var town = new RoleClaim(PersonRole.Supervisor, null, ScopeLevel.Town, "town-a");

        Assert.That(town.Covers(ScopeTarget.ForVillage("v1", "town-a")), Is.True);
        Assert.That(town.Covers(ScopeTarget.ForTown("town-a")), Is.True);
        Assert.That(town.Covers(ScopeTarget.ForVillage("v2", "town-b")), Is.False);
        Assert.That(town.Covers(ScopeTarget.Global), Is.False);
    }

    [Test]
    public void A_village_scope_covers_only_that_village()
    {
        var village = new RoleClaim(PersonRole.Custodian, null, ScopeLevel.Village, "v1");

        Assert.That(village.Covers(ScopeTarget.ForVillage("v1", "town-a")), Is.True);
        Assert.That(village.Covers(ScopeTarget.ForVillage("v2", "town-a")), Is.False);
        Assert.That(village.Covers(ScopeTarget.ForTown("town-a")), Is.False);
    }
}
