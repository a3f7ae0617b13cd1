using System.Security.Cryptography;
using System.Text;
using SealCabinet.Ledger.Approvals;
using SealCabinet.Ledger.Records;

namespace SealCabinet.Ledger.Tests;

public sealed class LedgerRecordTests
{
    [Test]
    public void A_record_encodes_as_sorted_compact_json_with_the_kind_inside()
    {
        var record = LedgerRecords.RequestApproved("r-1", "u\"7\n", 1_764_000_000_000);
        Assert.That(
            Encoding.UTF8.GetString(record.Bytes),
            Is.EqualTo("{\"approver_id\":\"u\\\"7\\n\",\"at_ms\":1764000000000,\"kind\":\"request.approved\",\"request_id\":\"r-1\"}"));
    }

    [Test]
    public void Non_ascii_text_is_literal_utf8_and_control_characters_are_escaped_in_lowercase_hex()
    {
        var record = LedgerRecords.RequestRejected("r-2", "u-1", "材料不全\u0001", 5);
        Assert.That(Encoding.UTF8.GetString(record.Bytes), Does.Contain("\"reason\":\"材料不全\\u0001\""));
    }

    [Test]
    public void The_leaf_hash_is_sha256_of_zero_then_the_record_bytes()
    {
        var record = LedgerRecords.DeviceRegistered("d-1", "v-1", "u-1", 9);
        Assert.That(record.LeafHash(), Is.EqualTo(SHA256.HashData([0x00, .. record.Bytes])));
    }

    [Test]
    public void Every_kind_round_trips_through_parse()
    {
        using var authenticator = SoftwareAuthenticator.Es256();
        var doc = SHA256.HashData("doc"u8);
        LedgerRecord[] records =
        [
            LedgerRecords.DeviceEvent("d-1", 1, 7, [1, 2, 3]),
            LedgerRecords.RequestSubmitted("r-1", "v-1", "committee", "house-building", "u-1", doc, 1),
            LedgerRecords.RequestApproved("r-1", "u-2", 2),
            LedgerRecords.RequestRejected("r-1", "u-2", "no", 3),
            LedgerRecords.RequestCancelled("r-1", "u-1", "duplicate", 4),
            LedgerRecords.GrantIssued("r-1", "d-1", 2, 17, 1, 99, doc, 5),
            LedgerRecords.DeviceRegistered("d-1", "v-1", "u-3", 6),
            LedgerRecords.DeviceDecommissioned("d-1", "u-3", "replaced", 7),
            LedgerRecords.DeviceSecretRotated("d-1", 2, "u-3", 1, 7),
            LedgerRecords.ChainRestartAuthorized("d-1", 2, "u-3", "flash wiped", 8),
            LedgerRecords.AnomalyRaised("a-1", "forced-use", "press without grant", [3, 4], 9),
            LedgerRecords.AnomalyUpdated("a-1", "resolved", "u-4", "checked", 10),
            LedgerRecords.CredentialRegistered("u-2", [7, 7], authenticator.CosePublicKey, -7, "u-admin", 11),
            LedgerRecords.CredentialRevoked("u-2", [7, 7], "u-admin", "phone lost", 12),
            ApprovalStatements.Parse(TestStatements.Bytes()),
            CredentialEndorsements.Parse(TestStatements.Endorsement("u-2", authenticator, "u-admin")),
            TestStatements.Registration("u-2", authenticator),
            LedgerRecords.RequestApproved("r-7", "u-approver", 13, authenticator.Sign(TestStatements.Bytes())),
        ];
        Assert.That(records.Select(r => r.Kind).Distinct().Count(), Is.EqualTo(LedgerRecordKinds.RequiredFields.Count));
        foreach (var record in records)
        {
            var parsed = LedgerRecord.Parse(record.Bytes);
            Assert.That(parsed.Kind, Is.EqualTo(record.Kind));
            Assert.That(parsed.Bytes, Is.EqualTo(record.Bytes));
        }
    }

    [TestCase("{\"approver_id\":\"u\",\"at_ms\":1,\"kind\":\"request.approved\",\"request_id\":\"r\"} ", "canonical")]
    [TestCase("{\"at_ms\":1,\"approver_id\":\"u\",\"kind\":\"request.approved\",\"request_id\":\"r\"}", "canonical")]
    [TestCase("{\"approver_id\":\"\\u0075\",\"at_ms\":1,\"kind\":\"request.approved\",\"request_id\":\"r\"}", "canonical")]
    [TestCase("{\"approver_id\":\"u\",\"at_ms\":1.0,\"kind\":\"request.approved\",\"request_id\":\"r\"}", "at_ms")]
    [TestCase("{\"approver_id\":\"u\",\"at_ms\":1,\"kind\":\"request.approved\"}", "request_id")]
    [TestCase("{\"approver_id\":\"u\",\"at_ms\":1,\"kind\":\"request.teleported\",\"request_id\":\"r\"}", "request.teleported")]
    [TestCase("{\"approver_id\":\"u\",\"approver_id\":\"v\",\"at_ms\":1,\"kind\":\"request.approved\",\"request_id\":\"r\"}", "twice")]
    public void Non_canonical_or_invalid_bytes_are_refused_naming_the_problem(string json, string expected)
    {
        var error = Assert.Throws<FormatException>(() => LedgerRecord.Parse(Encoding.UTF8.GetBytes(json)));
        Assert.That(error!.Message, Does.Contain(expected));
    }

    [Test]
    public void A_device_event_whose_digest_does_not_match_its_bytes_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => LedgerRecord.Create(LedgerRecordKinds.DeviceEvent, new Dictionary<string, object>
        {
            ["device_id"] = "d-1",
            ["chain_epoch"] = 1,
            ["seq"] = 1,
            ["event_sha256"] = new string('0', 64),
            ["event"] = "AQID",
        }));
        Assert.That(error!.Message, Does.Contain("event_sha256"));
    }

    [Test]
    public void A_missing_required_field_is_named()
    {
        var error = Assert.Throws<ArgumentException>(() => LedgerRecord.Create(LedgerRecordKinds.RequestApproved, new Dictionary<string, object>
        {
            ["request_id"] = "r-1",
            ["at_ms"] = 1,
        }));
        Assert.That(error!.Message, Does.Contain("approver_id"));
    }

    [Test]
    public void Integers_beyond_two_to_the_53_are_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => LedgerRecords.RequestApproved("r", "u", 1L << 54));
        Assert.That(error!.Message, Does.Contain("at_ms"));
    }
}
