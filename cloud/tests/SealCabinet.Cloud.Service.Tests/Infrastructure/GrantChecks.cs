using System.Buffers;
using System.Security.Cryptography;
using Google.Protobuf;
using Microsoft.EntityFrameworkCore;
using SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Service.Tests.Infrastructure;

/// <summary>What a cabinet checks on a grant, done independently of the service.</summary>
internal static class GrantChecks
{
    public static SignedGrant Decode(MQTTnet.MqttApplicationMessage message) => SignedGrant.Parser.ParseFrom(message.Payload.ToArray());

    /// <summary>Verifies the MAC under the grant key derived from the device secret and returns the decoded grant.</summary>
    public static UnlockGrant Verify(SignedGrant signed, byte[] deviceSecret)
    {
        var expected = TestCrypto.Mac(TestCrypto.Key(deviceSecret, "grant"), signed.Grant.ToByteArray());
        Assert.That(CryptographicOperations.FixedTimeEquals(expected, signed.Mac.ToByteArray()), Is.True, "grant MAC under the device's grant key");
        return UnlockGrant.Parser.ParseFrom(signed.Grant);
    }

    /// <summary>Builds a FetchGrants request MAC'd with the device's event key.</summary>
    public static FetchGrantsRequest FetchRequest(string deviceId, byte[] eventKeySecret, ulong afterCounter, byte[] nonce, ulong rosterVersion = 0)
    {
        var query = new GrantQuery { DeviceId = deviceId, AfterCounter = afterCounter, Nonce = ByteString.CopyFrom(nonce), RosterVersion = rosterVersion }.ToByteArray();
        return new FetchGrantsRequest
        {
            Query = ByteString.CopyFrom(query),
            Mac = ByteString.CopyFrom(TestCrypto.Mac(TestCrypto.Key(eventKeySecret, "event"), query)),
        };
    }

    /// <summary>Waits until the outbox has published the message of a grant (the publish itself is asynchronous).</summary>
    public static async Task WaitUntilPublishedAsync(CloudServiceHost host, string grantId)
    {
        var id = Guid.Parse(grantId);
        await Eventually.UntilAsync(async token =>
        {
            await using var db = host.CreateDbContext();
            return await db.Outbox.AnyAsync(o => o.GrantId == id && o.PublishedAt != null, token);
        }, TimeSpan.FromSeconds(20), $"the outbox publishing grant {grantId}");
    }
}
