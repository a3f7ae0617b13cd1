using Microsoft.EntityFrameworkCore;
using System.Security.Cryptography;
using Grpc.Core;
using Google.Protobuf;
using SealCabinet.Cloud.Service.Tests.Infrastructure;
using SealCabinet.Contracts.V1;
using DeviceGatewayClient = SealCabinet.Contracts.V1.DeviceGateway.DeviceGatewayClient;
using Village = SealCabinet.Cloud.Service.Tests.Infrastructure.Village;

namespace SealCabinet.Cloud.Service.Tests;

[TestFixture]
public sealed class GrantDeliveryTests
{
    private CloudServiceHost _host = null!;
    private Village _village = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _host = await CloudServiceHost.StartAsync("delivery");

    /// <summary>Each test has its own cabinet: its persistent MQTT session must hold only that test's grants.</summary>
    [SetUp]
    public async Task NewVillageAsync() => _village = await Village.CreateUniqueAsync(_host, "daicun");

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [Test]
    public async Task A_subscribed_cabinet_receives_a_grant_whose_mac_verifies_under_its_derived_grant_key()
    {
        await using var device = await DeviceMqtt.ConnectAsCabinetAsync("127.0.0.1", _host.EmbeddedBrokerPort, _village.Cabinet);
        await device.SubscribeAsync($"sealcabinet/v1/devices/{_village.Cabinet.DeviceId}/grants");
        var request = await _village.SubmitAsync();

        var issued = (await _village.CommitteeApprover.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = request.RequestId })).Grant;
        var message = await device.NextMessageAsync();
        var grant = GrantChecks.Verify(GrantChecks.Decode(message), _village.Cabinet.Secret);

        Assert.That(message.QualityOfServiceLevel, Is.EqualTo(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce));
        Assert.That(grant.GrantId, Is.EqualTo(issued.GrantId));
        Assert.That(grant.DeviceId, Is.EqualTo(_village.Cabinet.DeviceId));
        Assert.That(grant.Sleeve, Is.EqualTo(2u));
        Assert.That(grant.SealKind, Is.EqualTo(SealKind.Committee));
        Assert.That(grant.RequestId, Is.EqualTo(request.RequestId));
        Assert.That(grant.PressesAllowed, Is.EqualTo(request.Copies));
        Assert.That(grant.DocumentDigest.ToByteArray(), Is.EqualTo(SHA256.HashData(Village.Document)));
        Assert.That(grant.Counter, Is.EqualTo(issued.Counter));
        Assert.That(grant.MatterCode, Is.EqualTo("BIZ-PREMISES"));
        Assert.That(grant.CustodianId, Is.EqualTo(request.CustodianId).And.Not.Empty, "the grant names who may use it, under the MAC");
        Assert.That(grant.ExpiresAtMs, Is.GreaterThan(grant.NotBeforeMs));
        Assert.That(grant.ExpiresAtMs, Is.EqualTo(issued.ExpiresTime.ToDateTimeOffset().ToUnixTimeMilliseconds()));
    }

    [Test]
    public async Task A_cabinet_reconnecting_to_its_persistent_session_receives_a_grant_published_while_it_was_offline()
    {
        var topic = $"sealcabinet/v1/devices/{_village.Cabinet.DeviceId}/grants";
        await using (var first = await DeviceMqtt.ConnectAsCabinetAsync("127.0.0.1", _host.EmbeddedBrokerPort, _village.Cabinet))
        {
            await first.SubscribeAsync(topic);
        }

        var request = await _village.SubmitAsync();
        var issued = (await _village.CommitteeApprover.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = request.RequestId })).Grant;
        await GrantChecks.WaitUntilPublishedAsync(_host, issued.GrantId);
        await using var again = await DeviceMqtt.ConnectAsCabinetAsync("127.0.0.1", _host.EmbeddedBrokerPort, _village.Cabinet);

        var grant = GrantChecks.Verify(GrantChecks.Decode(await again.NextMessageAsync()), _village.Cabinet.Secret);

        Assert.That(grant.GrantId, Is.EqualTo(issued.GrantId), "the first message of the session is the grant published while offline");
        Assert.That(grant.Counter, Is.EqualTo(issued.Counter));
    }

    [Test]
    public async Task FetchGrants_serves_the_live_grant_with_a_server_time_maced_for_the_device_and_its_nonce()
    {
        var request = await _village.SubmitAsync();
        var issued = (await _village.CommitteeApprover.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = request.RequestId })).Grant;
        var nonce = RandomNumberGenerator.GetBytes(16);

        var response = await _host.Anonymous().Gateway.FetchGrantsAsync(
            GrantChecks.FetchRequest(_village.Cabinet.DeviceId, _village.Cabinet.Secret, issued.Counter - 1, nonce));

        var grants = response.Grants.Select(g => GrantChecks.Verify(g, _village.Cabinet.Secret)).ToList();
        Assert.That(grants.Select(g => g.GrantId), Does.Contain(issued.GrantId));
        Assert.That(grants.Select(g => g.Counter), Is.Ordered.And.All.GreaterThan(issued.Counter - 1));
        var timeMac = TestCrypto.Mac(TestCrypto.Key(_village.Cabinet.Secret, "time"), response.ServerTime.Time.ToByteArray());
        Assert.That(response.ServerTime.Mac.ToByteArray(), Is.EqualTo(timeMac));
        var time = ServerTime.Parser.ParseFrom(response.ServerTime.Time);
        Assert.That(time.DeviceId, Is.EqualTo(_village.Cabinet.DeviceId));
        Assert.That(time.Nonce.ToByteArray(), Is.EqualTo(nonce));
        var after = (await _village.Custodian.Requests.GetRequestAsync(new GetRequestRequest { RequestId = request.RequestId })).Request;
        Assert.That(after.State, Is.EqualTo(RequestState.GrantDelivered));
        Assert.That(after.Grants.Single().State, Is.EqualTo(GrantState.Delivered));
    }

    [Test]
    public async Task FetchGrants_over_grpc_web_answers_like_native_grpc()
    {
        var request = await _village.SubmitAsync();
        var issued = (await _village.CommitteeApprover.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = request.RequestId })).Grant;
        var gateway = new DeviceGatewayClient(_host.GrpcWebChannel());

        var response = await gateway.FetchGrantsAsync(
            GrantChecks.FetchRequest(_village.Cabinet.DeviceId, _village.Cabinet.Secret, issued.Counter - 1, RandomNumberGenerator.GetBytes(16)));

        Assert.That(response.Grants.Select(g => GrantChecks.Verify(g, _village.Cabinet.Secret).GrantId), Does.Contain(issued.GrantId));
    }

    [Test]
    public void FetchGrants_with_a_bad_mac_is_unauthenticated()
    {
        var request = GrantChecks.FetchRequest(_village.Cabinet.DeviceId, RandomNumberGenerator.GetBytes(32), 0, RandomNumberGenerator.GetBytes(16));

        var error = Assert.ThrowsAsync<RpcException>(async () => await _host.Anonymous().Gateway.FetchGrantsAsync(request));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.Unauthenticated));
    }

    [Test]
    public void FetchGrants_for_an_unknown_device_gets_the_same_answer_as_a_bad_mac()
    {
        var unknown = GrantChecks.FetchRequest("cab-0000000000000000", RandomNumberGenerator.GetBytes(32), 0, RandomNumberGenerator.GetBytes(16));
        var badMac = GrantChecks.FetchRequest(_village.Cabinet.DeviceId, RandomNumberGenerator.GetBytes(32), 0, RandomNumberGenerator.GetBytes(16));

        var unknownError = Assert.ThrowsAsync<RpcException>(async () => await _host.Anonymous().Gateway.FetchGrantsAsync(unknown));
        var badMacError = Assert.ThrowsAsync<RpcException>(async () => await _host.Anonymous().Gateway.FetchGrantsAsync(badMac));

        Assert.That(unknownError!.Status, Is.EqualTo(badMacError!.Status));
    }

    [TestCase("query")]
    [TestCase("query.nonce")]
    [TestCase("query.device_id")]
    public void FetchGrants_with_a_malformed_field_is_invalid_and_names_it(string field)
    {
        var request = GrantChecks.FetchRequest(_village.Cabinet.DeviceId, _village.Cabinet.Secret, 0, RandomNumberGenerator.GetBytes(16));
        switch (field)
        {
            case "query": request.Query = ByteString.CopyFrom(0xff, 0xff, 0xff); break;
            case "query.nonce": request = GrantChecks.FetchRequest(_village.Cabinet.DeviceId, _village.Cabinet.Secret, 0, [1, 2, 3]); break;
            default: request = GrantChecks.FetchRequest("", _village.Cabinet.Secret, 0, RandomNumberGenerator.GetBytes(16)); break;
        }

        var error = Assert.ThrowsAsync<RpcException>(async () => await _host.Anonymous().Gateway.FetchGrantsAsync(request));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(error.Status.Detail, Does.StartWith(field + ":"));
    }

    [Test]
    public async Task A_truncated_mac_is_unauthenticated_like_a_wrong_one_as_on_every_device_rpc()
    {
        var truncated = GrantChecks.FetchRequest(_village.Cabinet.DeviceId, _village.Cabinet.Secret, 0, RandomNumberGenerator.GetBytes(16));
        truncated.Mac = ByteString.CopyFrom(truncated.Mac.Span[..31]);
        var wrong = GrantChecks.FetchRequest(_village.Cabinet.DeviceId, RandomNumberGenerator.GetBytes(32), 0, RandomNumberGenerator.GetBytes(16));

        var shortError = Assert.ThrowsAsync<RpcException>(async () => await _host.Anonymous().Gateway.FetchGrantsAsync(truncated));
        var wrongError = Assert.ThrowsAsync<RpcException>(async () => await _host.Anonymous().Gateway.FetchGrantsAsync(wrong));

        Assert.That(shortError!.StatusCode, Is.EqualTo(StatusCode.Unauthenticated));
        Assert.That(shortError.Status.Detail, Is.EqualTo(wrongError!.Status.Detail), "nothing tells a short MAC from a wrong one");
    }

    [Test]
    public async Task A_decommissioned_cabinet_has_its_grants_revoked_and_its_fetch_refused()
    {
        var request = await _village.SubmitAsync();
        await _village.CommitteeApprover.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = request.RequestId });

        var decommissioned = await _village.Technician.Devices.DecommissionCabinetAsync(
            new DecommissionCabinetRequest { DeviceId = _village.Cabinet.DeviceId, Reason = "柜体损坏" });
        var error = Assert.ThrowsAsync<RpcException>(async () => await _host.Anonymous().Gateway.FetchGrantsAsync(
            GrantChecks.FetchRequest(_village.Cabinet.DeviceId, _village.Cabinet.Secret, 0, RandomNumberGenerator.GetBytes(16))));
        var approveLater = await _village.SubmitAsync().ContinueWith(t => t.Exception?.InnerException as RpcException);

        Assert.That(decommissioned.Cabinet.Status, Is.EqualTo(CabinetStatus.Decommissioned));
        Assert.That(decommissioned.RevokedGrants, Is.EqualTo(1));
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
        Assert.That(approveLater?.StatusCode, Is.EqualTo(StatusCode.FailedPrecondition), "no cabinet in service for new requests");
    }

    [Test]
    public async Task After_a_secret_rotation_only_the_new_secret_authenticates()
    {
        var rotated = await _village.Technician.Devices.RotateDeviceSecretAsync(new RotateDeviceSecretRequest { DeviceId = _village.Cabinet.DeviceId });
        var newSecret = rotated.DeviceSecret.ToByteArray();

        var old = Assert.ThrowsAsync<RpcException>(async () => await _host.Anonymous().Gateway.FetchGrantsAsync(
            GrantChecks.FetchRequest(_village.Cabinet.DeviceId, _village.Cabinet.Secret, 0, RandomNumberGenerator.GetBytes(16))));
        var fresh = await _host.Anonymous().Gateway.FetchGrantsAsync(
            GrantChecks.FetchRequest(_village.Cabinet.DeviceId, newSecret, 0, RandomNumberGenerator.GetBytes(16)));

        Assert.That(newSecret, Has.Length.EqualTo(32).And.Not.EqualTo(_village.Cabinet.Secret));
        Assert.That(old!.StatusCode, Is.EqualTo(StatusCode.Unauthenticated));
        Assert.That(fresh.Grants, Is.Empty);
    }

    [Test]
    public async Task After_a_secret_rotation_the_live_grant_is_served_signed_under_the_new_key_and_the_rotation_is_a_ledger_entry()
    {
        var request = await _village.SubmitAsync();
        var issued = (await _village.CommitteeApprover.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = request.RequestId })).Grant;

        var rotated = await _village.Technician.Devices.RotateDeviceSecretAsync(new RotateDeviceSecretRequest { DeviceId = _village.Cabinet.DeviceId });
        var newSecret = rotated.DeviceSecret.ToByteArray();
        var fetched = await _host.Anonymous().Gateway.FetchGrantsAsync(
            GrantChecks.FetchRequest(_village.Cabinet.DeviceId, newSecret, issued.Counter - 1, RandomNumberGenerator.GetBytes(16)));

        var served = fetched.Grants.Single();
        Assert.That(GrantChecks.Verify(served, newSecret).GrantId, Is.EqualTo(issued.GrantId), "a re-provisioned cabinet takes it");
        Assert.That(() => GrantChecks.Verify(served, _village.Cabinet.Secret), Throws.Exception, "nothing is served under the retired key");
        await using var db = _host.CreateDbContext();
        var entry = (await db.LedgerEntries.AsNoTracking().Where(e => e.Kind == "device.secret.rotated").ToListAsync())
            .Select(e => Ledger.Records.LedgerRecord.Parse(e.Record)).Single(r => r.GetText("device_id") == _village.Cabinet.DeviceId);
        Assert.That(entry.GetText("by_user_id"), Is.EqualTo($"technician-{_village.VillageId}"));
        Assert.That(entry.GetInteger("grants_resigned"), Is.EqualTo(1));
        Assert.That(await db.Outbox.AnyAsync(o => o.GrantId == Guid.Parse(issued.GrantId) && o.Payload == served.ToByteArray()), Is.True,
            "the copy under the new key is queued for MQTT too");
    }

    [Test]
    public async Task Registration_returns_a_32_byte_secret_and_the_topics_and_stores_it_only_encrypted()
    {
        var technician = _village.Technician;
        var registered = await technician.Devices.RegisterCabinetAsync(new RegisterCabinetRequest { VillageId = _village.VillageId, Name = "备用柜" });
        await using var db = _host.CreateDbContext();
        var stored = db.Cabinets.Single(c => c.DeviceId == registered.Cabinet.DeviceId).EncryptedSecret;

        Assert.That(registered.DeviceSecret.Length, Is.EqualTo(32));
        Assert.That(registered.GrantsTopic, Is.EqualTo($"sealcabinet/v1/devices/{registered.Cabinet.DeviceId}/grants"));
        Assert.That(registered.StatusTopic, Is.EqualTo($"sealcabinet/v1/devices/{registered.Cabinet.DeviceId}/status"));
        Assert.That(registered.Cabinet.Sleeves.Select(s => s.SealKind), Is.EqualTo(new[] { SealKind.Party, SealKind.Committee, SealKind.Cooperative }));
        Assert.That(Convert.ToHexString(stored), Does.Not.Contain(Convert.ToHexString(registered.DeviceSecret.ToByteArray())));
        var got = await technician.Devices.GetCabinetAsync(new GetCabinetRequest { DeviceId = registered.Cabinet.DeviceId });
        Assert.That(got.Cabinet.Status, Is.EqualTo(CabinetStatus.Registered));
    }
}
