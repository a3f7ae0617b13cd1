using System.Reflection;
using SealCabinet.Cloud.Service.Persistence;
using SealCabinet.Cloud.Service.Recording;
using Wire = SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Service.Tests.Architecture;

/// <summary>
/// The domain names stored numbers with its own types, mapped to the wire at the edge; the numbers are the
/// wire's (they are what the rows hold), so each table must match its wire enum member for member.
/// </summary>
[TestFixture]
public sealed class DomainCodeTests
{
    [Test]
    public void The_domain_notification_kinds_match_the_wire_enum_by_number_and_name()
    {
        var domain = Enum.GetValues<NotificationKind>().ToDictionary(k => (int)k, k => k.ToString());

        Assert.That(domain, Is.EquivalentTo(WireMembers<Wire.NotificationKind>()));
    }

    [Test]
    public void The_stored_event_type_codes_match_the_device_protocol()
    {
        Assert.That(Constants(typeof(DeviceEventCodes)), Is.EquivalentTo(WireMembers<Wire.EventType>()));
    }

    [Test]
    public void The_stored_refusal_reason_codes_match_the_device_protocol()
    {
        Assert.That(Constants(typeof(GrantRefusalCodes)), Is.EquivalentTo(WireMembers<Wire.GrantRefusalReason>()));
    }

    private static Dictionary<int, string> WireMembers<T>()
        where T : struct, Enum =>
        Enum.GetValues<T>().Where(k => Convert.ToInt32(k, System.Globalization.CultureInfo.InvariantCulture) != 0)
            .ToDictionary(k => Convert.ToInt32(k, System.Globalization.CultureInfo.InvariantCulture), k => k.ToString());

    private static Dictionary<int, string> Constants(Type codes) =>
        codes.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .ToDictionary(f => (int)f.GetRawConstantValue()!, f => f.Name);
}
