using System.Xml.Linq;
using SealCabinet.Firmware.Core.Tests.Support;
using SealCabinet.Firmware.MessageGen;

namespace SealCabinet.Firmware.Core.Tests.MessageGen;

/// <summary>
/// The build-time generator of the core's messages. Its output is proven byte for byte by the codec conformance
/// tests; these cover what it is fed: the firmware's list, a changed .proto, and what it must refuse.
/// </summary>
[TestFixture]
public sealed class MessageGenTests
{
    private static readonly string Root = FindRoot();

    [Test]
    public void The_build_generates_exactly_the_messages_the_conformance_tests_check_and_the_enums_they_use()
    {
        SortedDictionary<string, string> files = Run(FirmwareMessages(), ContractProtos());

        string[] messages = [.. ProtoConformance.DeviceMessages.Select(d => d.Name)];
        string[] enums = ["CabinetAuthPolicy", "EventType", "EvidenceKind", "GrantRefusalReason", "RejectionReason", "SealKind"];
        Assert.That(files.Keys, Is.EquivalentTo(messages.Concat(enums).Select(n => n + ".g.cs")));
    }

    [Test]
    public void A_field_added_to_a_message_in_the_proto_is_the_only_edit_the_firmware_needs()
    {
        string proto = WriteProto("""
            syntax = "proto3";
            package test.v1;

            // A probe.
            message Probe {
              // The first field.
              uint64 seq = 1;
              // Added later.
              string note = 7;
            }
            """);

        string code = Run("Probe", proto)["Probe.g.cs"];

        Assert.That(code, Does.Contain("public string Note { get; set; } = string.Empty;"));
        Assert.That(code, Does.Contain("size += ProtoSize.StringField(7, Note);"));
        Assert.That(code, Does.Contain("writer.WriteStringField(7, Note);"));
        Assert.That(code, Does.Contain("reader.ExpectWireType(wireType, WireType.LengthDelimited, \"Probe.note\");"));
        Assert.That(code, Does.Contain("/// <summary>Added later.</summary>"));
    }

    [Test]
    public void A_signed_wrapper_derives_from_maced_bytes_and_names_its_payload()
    {
        string code = Run("SignedGrant", ContractProtos())["SignedGrant.g.cs"];

        Assert.That(code, Does.Contain("public sealed class SignedGrant : MacedBytes"));
        Assert.That(code, Does.Contain(": base(\"SignedGrant.grant\", \"SignedGrant.mac\")"));
        Assert.That(code, Does.Contain("public byte[] Grant"));
    }

    [TestCase("map<string, string> labels = 2;", TestName = "A_message_with_a_map_is_refused")]
    [TestCase("oneof choice {\n    string a = 2;\n  }", TestName = "A_message_with_a_oneof_is_refused")]
    [TestCase("repeated uint32 counts = 2;", TestName = "A_message_with_a_repeated_scalar_is_refused")]
    [TestCase("double ratio = 2;", TestName = "A_message_with_a_type_the_codec_lacks_is_refused")]
    [TestCase("Other other = 2;", TestName = "A_message_needing_a_message_that_is_not_in_the_list_is_refused")]
    [TestCase("// The id.\n  string id = 2;\n  string undocumented = 3;", TestName = "A_field_without_a_comment_is_refused")]
    public void What_the_codec_cannot_express_fails_the_build(string body)
    {
        string proto = WriteProto("syntax = \"proto3\";\npackage test.v1;\n\n// A probe.\nmessage Probe {\n  // The seq.\n  uint64 seq = 1;\n  " + body + "\n}\n\n// Another.\nmessage Other {\n  // A field.\n  bool on = 1;\n}\n");

        Assert.That(() => Run("Probe", proto), Throws.TypeOf<ProtoParseException>());
    }

    [Test]
    public void Unchanged_files_are_not_rewritten_and_files_no_longer_generated_are_removed()
    {
        string dir = Path.Combine(TestContext.CurrentContext.WorkDirectory, "gen-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "Gone.g.cs"), "// stale");
        string[] args = ["--out", dir, "--namespace", "Test", "--message", "GrantQuery", .. ContractProtos()];
        GeneratorRun.FromArguments(args).Execute(TextWriter.Null);
        string query = Path.Combine(dir, "GrantQuery.g.cs");
        DateTime written = new(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(query, written);

        GeneratorRun.FromArguments(args).Execute(TextWriter.Null);

        Assert.That(File.GetLastWriteTimeUtc(query), Is.EqualTo(written));
        Assert.That(File.Exists(Path.Combine(dir, "Gone.g.cs")), Is.False);
    }

    private static SortedDictionary<string, string> Run(string messages, params string[] protos) =>
        GeneratorRun.FromArguments(["--out", "unused", "--namespace", "Test", "--message", messages, .. protos]).Generate();

    private static string[] ContractProtos() =>
        [.. new[] { "common.proto", "device.proto", "device_gateway.proto" }.Select(f => Path.Combine(Root, "protos", "sealcabinet", "v1", f))];

    private static string FirmwareMessages()
    {
        XDocument targets = XDocument.Load(Path.Combine(Root, "firmware", "SealCabinet.Firmware.Core", "SealCabinet.Firmware.Core.Messages.targets"));
        return targets.Descendants("FirmwareMessages").Single().Value;
    }

    private static string WriteProto(string text)
    {
        string path = Path.Combine(TestContext.CurrentContext.WorkDirectory, "probe-" + Guid.NewGuid().ToString("N") + ".proto");
        File.WriteAllText(path, text);
        return path;
    }

    private static string FindRoot()
    {
        DirectoryInfo? dir = new(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "SealCabinet.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("SealCabinet.slnx not found above " + AppContext.BaseDirectory);
    }
}
