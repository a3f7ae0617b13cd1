using Google.Protobuf;
using Google.Protobuf.Reflection;
using SealCabinet.Contracts.V1;

namespace SealCabinet.Contracts.Tests;

[TestFixture]
public sealed class WireContractTests
{
    private static readonly FileDescriptor[] ContractFiles =
    [
        CommonReflection.Descriptor, DeviceReflection.Descriptor, DeviceGatewayReflection.Descriptor,
        DevicesReflection.Descriptor, OrganizationReflection.Descriptor, RequestsReflection.Descriptor,
        AuditReflection.Descriptor, NotificationsReflection.Descriptor, SessionsReflection.Descriptor,
    ];

    private static IEnumerable<MessageDescriptor> AllMessages() =>
        ContractFiles.SelectMany(file => file.MessageTypes).SelectMany(Flatten);

    private static IEnumerable<TestCaseData> AllMessageCases() =>
        AllMessages().Select(descriptor => new TestCaseData(descriptor).SetArgDisplayNames(descriptor.Name));

    [Test]
    public void The_contract_declares_every_proto_file_in_the_protos_folder()
    {
        var protoFolder = Path.Combine(RepositoryRoot(), "protos", "sealcabinet", "v1");
        var onDisk = Directory.GetFiles(protoFolder, "*.proto").Select(Path.GetFileName).Order().ToArray();

        Assert.That(ContractFiles.Select(file => Path.GetFileName(file.Name)).Order().ToArray(), Is.EqualTo(onDisk));
    }

    [TestCaseSource(nameof(AllMessageCases))]
    public void Every_message_round_trips_through_the_binary_encoding(MessageDescriptor descriptor)
    {
        var original = MessagePopulator.Populate(descriptor, seed: 3);

        var decoded = descriptor.Parser.ParseFrom(original.ToByteArray());

        Assert.That(decoded, Is.EqualTo(original));
        Assert.That(decoded.CalculateSize(), Is.EqualTo(original.CalculateSize()));
    }

    [TestCaseSource(nameof(AllMessageCases))]
    public void Every_message_round_trips_through_the_json_encoding(MessageDescriptor descriptor)
    {
        var original = MessagePopulator.Populate(descriptor, seed: 5);

        var json = JsonFormatter.Default.Format(original);
        var decoded = JsonParser.Default.Parse(json, descriptor);

        Assert.That(decoded, Is.EqualTo(original));
    }

    [TestCaseSource(nameof(AllMessageCases))]
    public void Every_field_of_every_message_survives_the_round_trip_with_a_non_default_value(MessageDescriptor descriptor)
    {
        var decoded = descriptor.Parser.ParseFrom(MessagePopulator.Populate(descriptor, seed: 7).ToByteArray());

        foreach (var field in descriptor.Fields.InFieldNumberOrder())
        {
            var value = field.Accessor.GetValue(decoded);
            var isSet = field.IsRepeated ? ((System.Collections.IList)value).Count == 2 : !IsDefault(value);
            Assert.That(isSet, Is.True, $"{field.FullName} was lost in the round trip");
        }
    }

    [Test]
    public void Every_enum_starts_with_an_unspecified_zero_value()
    {
        var enums = ContractFiles.SelectMany(file => file.EnumTypes.Concat(file.MessageTypes.SelectMany(Flatten).SelectMany(m => m.EnumTypes)));

        foreach (var enumType in enums)
        {
            Assert.That(enumType.Values[0].Number, Is.Zero, enumType.FullName);
            Assert.That(enumType.Values[0].Name, Does.EndWith("_UNSPECIFIED"), enumType.FullName);
        }
    }

    [Test]
    public void Every_rpc_has_its_own_request_and_response_message()
    {
        var services = ContractFiles.SelectMany(file => file.Services).ToArray();
        var methods = services.SelectMany(service => service.Methods).ToArray();

        Assert.That(services.Select(s => s.Name), Is.SupersetOf(new[] { "DeviceGateway", "Devices", "Requests", "Audit", "Notifications" }));
        foreach (var method in methods)
        {
            Assert.That(method.InputType.Name, Is.EqualTo(method.Name + "Request"), method.FullName);
            Assert.That(method.OutputType.Name, Is.AnyOf(method.Name + "Response", "Notification"), method.FullName);
        }

        Assert.That(methods.Select(m => m.InputType).Distinct().Count(), Is.EqualTo(methods.Length), "a request message is shared by two RPCs");
    }

    private static IEnumerable<MessageDescriptor> Flatten(MessageDescriptor descriptor) =>
        new[] { descriptor }.Concat(descriptor.NestedTypes.SelectMany(Flatten));

    private static bool IsDefault(object value) => value switch
    {
        null => true,
        string s => s.Length == 0,
        ByteString b => b.IsEmpty,
        bool b => !b,
        Enum e => Convert.ToInt32(e, System.Globalization.CultureInfo.InvariantCulture) == 0,
        IMessage => false,
        _ => Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture) == 0m,
    };

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SealCabinet.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (SealCabinet.slnx) was not found above the test directory.");
    }
}
