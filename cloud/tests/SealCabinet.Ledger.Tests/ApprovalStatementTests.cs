using System.Security.Cryptography;
using System.Text;
using SealCabinet.Ledger.Approvals;
using SealCabinet.Ledger.Records;

namespace SealCabinet.Ledger.Tests;

public sealed class ApprovalStatementTests
{
    [Test]
    public void A_statement_is_a_canonical_record_with_every_field_of_the_request_and_the_decision()
    {
        var statement = ApprovalStatements.Create(
            "r-7", "v-1", "labour-hiring", "committee", 2, [new byte[32], Enumerable.Repeat((byte)0xab, 32).ToArray()], "approve", "", "u-2", 5,
            TestStatements.Nonce);
        Assert.That(
            Encoding.UTF8.GetString(statement.Bytes),
            Is.EqualTo("{\"approver_id\":\"u-2\",\"at_ms\":5,\"copies\":2,\"decision\":\"approve\",\"kind\":\"approval.statement\"," +
                "\"material_sha256\":[\"" + new string('0', 64) + "\",\"" + string.Concat(Enumerable.Repeat("ab", 32)) + "\"]," +
                "\"matter\":\"labour-hiring\",\"nonce\":\"AAECAwQFBgcICQoLDA0ODw==\",\"reason\":\"\",\"request_id\":\"r-7\"," +
                "\"seal_kind\":\"committee\",\"village_id\":\"v-1\"}"));
    }

    [Test]
    public void A_statement_with_an_empty_reason_round_trips_through_parse()
    {
        var bytes = TestStatements.Bytes(reason: "");
        var parsed = ApprovalStatements.Parse(bytes);
        Assert.That(parsed.GetText("reason"), Is.Empty);
        Assert.That(parsed.Bytes, Is.EqualTo(bytes));
    }

    [Test]
    public void A_statement_without_materials_round_trips_through_parse()
    {
        var bytes = TestStatements.Bytes(materials: []);
        Assert.That(ApprovalStatements.Parse(bytes).Bytes, Is.EqualTo(bytes));
    }

    [Test]
    public void The_materials_keep_the_order_of_the_request()
    {
        var forward = ApprovalStatements.Parse(TestStatements.Bytes());
        var reversed = ApprovalStatements.Parse(TestStatements.Bytes(materials: TestStatements.Materials.Reverse().ToList()));
        Assert.That(forward.Fields["material_sha256"], Is.EqualTo(TestStatements.Materials.Select(Convert.ToHexStringLower)));
        Assert.That(reversed.Fields["material_sha256"], Is.EqualTo(TestStatements.Materials.Reverse().Select(Convert.ToHexStringLower)));
    }

    [TestCase("approved")]
    [TestCase("Approve")]
    [TestCase("")]
    public void A_decision_other_than_approve_or_reject_is_refused(string decision)
    {
        var error = Assert.Throws<ArgumentException>(() => TestStatements.Bytes(decision: decision));
        Assert.That(error!.Message, Does.Contain("decision"));
    }

    [TestCase(0)]
    [TestCase(15)]
    [TestCase(17)]
    public void A_nonce_that_is_not_16_bytes_is_refused(int length)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            ApprovalStatements.Create("r", "v", "m", "s", 1, TestStatements.Materials, "approve", "", "u", 1, new byte[length]));
        Assert.That(error!.Message, Does.Contain("nonce must be 16 bytes"));
    }

    [Test]
    public void A_material_digest_that_is_not_32_bytes_is_refused_naming_its_position()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            ApprovalStatements.Create("r", "v", "m", "s", 1, [new byte[32], new byte[20]], "approve", "", "u", 1, TestStatements.Nonce));
        Assert.That(error!.Message, Does.Contain("material digest 1 must be 32 bytes"));
    }

    [TestCase("\"decision\":\"approve\"", "\"decision\":\"maybe\"", "decision")]
    [TestCase("\"nonce\":\"AAECAwQFBgcICQoLDA0ODw==\"", "\"nonce\":\"AAECAwQFBgcICQoLDA0O\"", "nonce")]
    [TestCase("\"material_sha256\":[\"", "\"material_sha256\":[\"X", "material_sha256")]
    public void Statement_bytes_that_break_the_schema_are_refused_when_parsed(string from, string to, string named)
    {
        var text = Encoding.UTF8.GetString(TestStatements.Bytes()).Replace(from, to, StringComparison.Ordinal);
        var error = Assert.Throws<FormatException>(() => ApprovalStatements.Parse(Encoding.UTF8.GetBytes(text)));
        Assert.That(error!.Message, Does.Contain(named));
    }

    [Test]
    public void Parsing_a_record_of_another_kind_as_a_statement_is_refused()
    {
        var error = Assert.Throws<FormatException>(() => ApprovalStatements.Parse(LedgerRecords.RequestApproved("r", "u", 1).Bytes));
        Assert.That(error!.Message, Does.Contain("not 'approval.statement'"));
    }

    [Test]
    public void The_challenge_is_sha256_of_the_statement_bytes()
    {
        var bytes = TestStatements.Bytes();
        Assert.That(ApprovalStatements.Challenge(bytes), Is.EqualTo(SHA256.HashData(bytes)));
    }

    [Test]
    public void The_worked_example_of_the_supervision_document_has_these_statement_bytes_digest_and_challenge()
    {
        var statement = WorkedExample.Statement();
        Assert.That(
            Encoding.UTF8.GetString(statement),
            Is.EqualTo("{\"approver_id\":\"u-approver-7\",\"at_ms\":1764000000000,\"copies\":2,\"decision\":\"approve\",\"kind\":\"approval.statement\"," +
                "\"material_sha256\":[\"7256e89c2fd7352d9422bcc4b87368f800a292e45afaed8908500de51bc26406\"," +
                "\"62168cff8196f6b679dba235f5d6f353981fe0162a972081e76568ba92875b74\"],\"matter\":\"劳务用工合同\"," +
                "\"nonce\":\"AAECAwQFBgcICQoLDA0ODw==\",\"reason\":\"\",\"request_id\":\"r-2025-0042\",\"seal_kind\":\"committee\"," +
                "\"village_id\":\"v-dongshan\"}"));
        Assert.That(statement, Has.Length.EqualTo(420));
        Assert.That(Convert.ToHexStringLower(ApprovalStatements.Challenge(statement)), Is.EqualTo("35ea4473a7478449fcea5e2e999e99abfb7a4e100e8fc7ace2e5f041a313cc65"));
        Assert.That(System.Buffers.Text.Base64Url.EncodeToString(ApprovalStatements.Challenge(statement)), Is.EqualTo("NepEc6dHhEn86l4umZ6Zq_t6ThAOj8es4uXwQaMTzGU"));
    }
}
