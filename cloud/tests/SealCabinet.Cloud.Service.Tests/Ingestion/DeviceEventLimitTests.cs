using System.Text;
using System.Text.RegularExpressions;
using SealCabinet.Cloud.Service.Tests.Infrastructure;
using SealCabinet.Contracts.V1;
using Core = SealCabinet.Firmware.Core.Messages;
using Village = SealCabinet.Cloud.Service.Tests.Infrastructure.Village;

namespace SealCabinet.Cloud.Service.Tests.Ingestion;

/// <summary>
/// Every size limit that device.proto's comments document for a DeviceEvent field is enforced: read from the contract
/// itself, so a limit documented later is tested without a new test. One past the limit is rejected MALFORMED naming the
/// field (after the good prefix); the limit itself is stored.
/// </summary>
[TestFixture]
public sealed partial class DeviceEventLimitTests
{
    private CloudServiceHost _host = null!;
    private Village _village = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _host = await CloudServiceHost.StartAsync("limits");

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [SetUp]
    public async Task NewVillageAsync() => _village = await Village.CreateUniqueAsync(_host, "limits");

    /// <summary>The limits as device.proto states them: (field, kind of limit, bytes, the event type it applies to).</summary>
    public static IEnumerable<TestCaseData> DocumentedLimits()
    {
        var proto = File.ReadAllText(Path.Combine(RepositoryRoot(), "protos", "sealcabinet", "v1", "device.proto"));
        var body = DeviceEventBody().Match(proto).Groups[1].Value;
        foreach (Match field in CommentedField().Matches(body))
        {
            var (comment, type, name) = (field.Groups["comment"].Value, field.Groups["type"].Value, field.Groups["name"].Value);
            if (type == "string" && Utf8Limit().Match(comment) is { Success: true } utf8)
            {
                yield return new TestCaseData(name, "utf8", int.Parse(utf8.Groups[1].Value), "").SetArgDisplayNames(name, $"at most {utf8.Groups[1].Value} UTF-8 bytes");
            }
            else if (type == "bytes" && ByteLength().Match(comment) is { Success: true } bytes)
            {
                var only = bytes.Groups[2].Value;
                yield return new TestCaseData(name, "bytes", int.Parse(bytes.Groups[1].Value), only).SetArgDisplayNames(name, $"{bytes.Groups[1].Value} bytes {only}".Trim());
            }
        }
    }

    [Test]
    public void The_contract_documents_the_limits_this_test_reads()
    {
        Assert.That(DocumentedLimits().Select(c => (string)c.Arguments[0]!), Is.SupersetOf(new[] { "detail", "evidence_digest", "approval_digest" }));
    }

    [TestCaseSource(nameof(DocumentedLimits))]
    public async Task One_past_a_documented_limit_is_rejected_as_malformed_naming_the_field_and_the_limit_is_stored(string field, string kind, int limit, string onlyFor)
    {
        var chain = new DeviceChain(await IngestionState.RegisterCabinetAsync(_host, _village.VillageId));
        var type = onlyFor == "" ? Core.EventType.Heartbeat : Enum.Parse<Core.EventType>(Pascal(onlyFor.Replace("EVENT_TYPE_", "")));
        var atLimit = chain.Next(type, e => Set(e, field, kind == "utf8" ? Utf8Text(limit) : new byte[limit]));
        var past = chain.Next(type, e => Set(e, field, kind == "utf8" ? Utf8Text(limit + 1) : new byte[limit + 1]));
        var device = _host.Anonymous();

        var ack = await IngestionState.PushAsync(device, chain.Batch([atLimit, past]));

        Assert.That(ack.Rejection, Is.EqualTo(RejectionReason.Malformed));
        Assert.That(ack.AckedSeq, Is.EqualTo(1ul), "the event at the limit is stored");
        var security = await IngestionState.SecurityEventsAsync(_host, chain.DeviceId);
        Assert.That(security.Select(s => (s.Kind, s.Detail.Contains(field + ":", StringComparison.Ordinal))), Is.EqualTo(new[] { ("malformed", true) }),
            string.Join("; ", security.Select(s => s.Detail)));
        if (kind == "bytes")
        {
            var shorter = new DeviceChain(await IngestionState.RegisterCabinetAsync(_host, _village.VillageId));
            var ackShort = await IngestionState.PushAsync(device, shorter.Batch([shorter.Next(type, e => Set(e, field, new byte[limit - 1]))]));
            Assert.That(ackShort.Rejection, Is.EqualTo(RejectionReason.Malformed), "one byte short of an exact length is refused too");
        }
    }

    [Test]
    public async Task An_event_without_a_type_is_rejected_as_malformed()
    {
        var chain = new DeviceChain(await IngestionState.RegisterCabinetAsync(_host, _village.VillageId));

        var ack = await IngestionState.PushAsync(_host.Anonymous(), chain.Batch([chain.Next(Core.EventType.Unspecified)]));

        Assert.That(ack.Rejection, Is.EqualTo(RejectionReason.Malformed));
        Assert.That((await IngestionState.SecurityEventsAsync(_host, chain.DeviceId)).Single().Detail, Does.Contain("type: is required"));
    }

    /// <summary>Text of exactly <paramref name="bytes"/> UTF-8 bytes, mostly three-byte characters, so a limit counted in characters would let it through.</summary>
    private static string Utf8Text(int bytes) => string.Concat(Enumerable.Repeat("界", bytes / 3)) + new string('x', bytes % 3);

    private static void Set(Core.DeviceEvent e, string field, object value)
    {
        var property = typeof(Core.DeviceEvent).GetProperty(Pascal(field)) ?? throw new InvalidOperationException($"no property for {field}");
        property.SetValue(e, value);
    }

    private static string Pascal(string snake) => string.Concat(snake.ToLowerInvariant().Split('_').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SealCabinet.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("the repository root (SealCabinet.slnx) is not above the test directory");
    }

    [GeneratedRegex(@"message DeviceEvent \{(.*?)\n\}", RegexOptions.Singleline)]
    private static partial Regex DeviceEventBody();

    [GeneratedRegex(@"(?<comment>(?:\s*//[^\n]*\n)+)\s*(?<type>\w+) (?<name>\w+) = \d+;")]
    private static partial Regex CommentedField();

    [GeneratedRegex(@"at most (\d+) UTF-8 bytes")]
    private static partial Regex Utf8Limit();

    [GeneratedRegex(@"(\d+) bytes(?:, for ([A-Z_]+))?")]
    private static partial Regex ByteLength();
}
