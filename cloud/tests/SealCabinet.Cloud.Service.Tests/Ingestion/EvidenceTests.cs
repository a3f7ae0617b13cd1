using Google.Protobuf;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SealCabinet.Cloud.Service.Evidence;
using SealCabinet.Cloud.Service.Tests.Infrastructure;
using SealCabinet.Contracts.V1;
using SealCabinet.Firmware.Core.Crypto;
using Core = SealCabinet.Firmware.Core.Messages;
using Village = SealCabinet.Cloud.Service.Tests.Infrastructure.Village;

namespace SealCabinet.Cloud.Service.Tests.Ingestion;

/// <summary>Evidence chunks signed by the firmware core: reassembly, resume, verification against the signed event, refusals.</summary>
[TestFixture]
public sealed class EvidenceTests
{
    private const int Chunk = 32 * 1024;
    private CloudServiceHost _host = null!;
    private int _villages;

    [OneTimeSetUp]
    public async Task StartAsync() => _host = await CloudServiceHost.StartAsync("evidence");

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    private async Task<(Village Village, DeviceChain Chain, StampingScript Script, Grant Grant)> StampedAsync(bool pushEvents = true)
    {
        var n = ++_villages;
        var village = await Village.CreateAsync(_host, $"town-evidence{n}", $"evidence{n}");
        var request = await village.SubmitAsync();
        var grant = (await village.CommitteeApprover.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = request.RequestId })).Grant;
        var chain = new DeviceChain(village.Cabinet);
        var script = new StampingScript(chain);
        var events = script.Stamp(grant, presses: 2);
        if (pushEvents)
        {
            await IngestionState.PushAsync(_host.Anonymous(), chain.Batch(events));
        }

        return (village, chain, script, grant);
    }

    /// <summary>A chunk as the firmware signs it (MessageSigner under the event key).</summary>
    private static SignedEvidenceChunk Signed(DeviceChain chain, string evidenceId, byte[] whole, int offset, int length, byte[]? secret = null)
    {
        var mac = new ManagedMacProvider();
        var chunk = new Core.EvidenceChunk
        {
            DeviceId = chain.DeviceId,
            EvidenceId = evidenceId,
            Offset = (uint)offset,
            TotalSize = (uint)whole.Length,
            Data = whole.AsSpan(offset, length).ToArray(),
            ContentType = "image/jpeg",
        };
        var signed = MessageSigner.SignEvidenceChunk(chunk, DeviceKeys.Derive(secret ?? chain.Secret, mac).EventKey, mac);
        return new SignedEvidenceChunk { Chunk = ByteString.CopyFrom(signed.Chunk), Mac = ByteString.CopyFrom(signed.Mac) };
    }

    private async Task<EvidenceReceipt> PutAsync(SignedEvidenceChunk chunk) =>
        (await _host.Anonymous().Gateway.PutEvidenceChunkAsync(new PutEvidenceChunkRequest { Chunk = chunk })).Receipt;

    private async Task<List<EvidenceReceipt>> UploadAsync(DeviceChain chain, string id, byte[] photo, int from = 0)
    {
        var receipts = new List<EvidenceReceipt>();
        for (var offset = from; offset < photo.Length; offset += Chunk)
        {
            receipts.Add(await PutAsync(Signed(chain, id, photo, offset, Math.Min(Chunk, photo.Length - offset))));
        }

        return receipts;
    }

    private async Task<Persistence.EvidenceObject> ObjectAsync(DeviceChain chain, string id)
    {
        await using var db = _host.CreateDbContext();
        return await db.EvidenceObjects.AsNoTracking().SingleAsync(o => o.DeviceId == chain.DeviceId && o.EvidenceId == id);
    }

    [Test]
    public async Task A_photo_uploaded_in_chunks_is_reassembled_verified_against_its_signed_event_and_linked_to_the_stamping()
    {
        var (_, chain, script, grant) = await StampedAsync();
        var (id, photo) = script.Photos.First();

        var receipts = await UploadAsync(chain, id, photo);

        Assert.That(receipts.Select(r => r.ReceivedBytes), Is.EqualTo(new uint[] { 32768, 50000 }));
        Assert.That(receipts[^1].Complete, Is.True);
        Assert.That(receipts[^1].Verified, Is.True);
        var stored = await _host.Services.GetRequiredService<IEvidenceStore>().ReadAsync(chain.DeviceId, id, photo.Length, CancellationToken.None);
        Assert.That(stored, Is.EqualTo(photo));
        var evidence = await ObjectAsync(chain, id);
        Assert.That((evidence.GrantId, evidence.Complete, evidence.Verified, evidence.ContentType), Is.EqualTo((Guid.Parse(grant.GrantId), true, true, "image/jpeg")));
    }

    [Test]
    public async Task People_who_read_the_request_get_its_verified_photo_with_the_digest_of_its_bytes()
    {
        var (village, chain, script, _) = await StampedAsync();
        var (id, photo) = script.Photos.First();
        await UploadAsync(chain, id, photo);
        var requestId = (await ObjectAsync(chain, id)).RequestId!.Value.ToString("D");

        var listed = (await village.Custodian.Requests.GetRequestAsync(new GetRequestRequest { RequestId = requestId })).Request.Evidence;
        var served = (await village.Supervisor.Requests.GetEvidenceAsync(new GetEvidenceRequest { RequestId = requestId, EvidenceId = id })).Evidence;

        Assert.That(listed.Single(e => e.EvidenceId == id).Verified, Is.True);
        Assert.That(listed.Single(e => e.EvidenceId == id).Content.IsEmpty, Is.True, "the request lists photos without their bytes");
        Assert.That(served.Content.ToByteArray(), Is.EqualTo(photo));
        Assert.That(served.Sha256.ToByteArray(), Is.EqualTo(System.Security.Cryptography.SHA256.HashData(photo)));
        Assert.That(served.Kind, Is.Not.EqualTo(EvidencePhotoKind.Unspecified));
    }

    [Test]
    public async Task A_photo_that_failed_verification_or_belongs_to_no_such_request_is_not_served()
    {
        var (village, chain, script, _) = await StampedAsync();
        var (id, photo) = script.Photos.Last();
        var swapped = photo.ToArray();
        swapped[100] ^= 0xFF;
        await UploadAsync(chain, id, swapped);
        var requestId = (await ObjectAsync(chain, id)).RequestId!.Value.ToString("D");
        var reader = village.Custodian.Requests;

        var unverified = Assert.ThrowsAsync<RpcException>(async () => await reader.GetEvidenceAsync(new GetEvidenceRequest { RequestId = requestId, EvidenceId = id }));
        var unknown = Assert.ThrowsAsync<RpcException>(async () => await reader.GetEvidenceAsync(new GetEvidenceRequest { RequestId = requestId, EvidenceId = "no-such-photo" }));

        Assert.That(unverified!.StatusCode, Is.EqualTo(StatusCode.FailedPrecondition));
        Assert.That(unverified.Status.Detail, Does.StartWith("evidence_id"));
        Assert.That(unknown!.StatusCode, Is.EqualTo(StatusCode.NotFound));
        Assert.That(unknown.Status.Detail, Does.StartWith("evidence_id"));
    }

    [Test]
    public async Task An_interrupted_upload_resumes_where_the_receipt_says_and_resent_chunks_are_harmless()
    {
        var (_, chain, script, _) = await StampedAsync();
        var (id, photo) = script.Photos.Skip(1).First();

        var first = await PutAsync(Signed(chain, id, photo, 0, Chunk));
        var restartedFromZero = await PutAsync(Signed(chain, id, photo, 0, Chunk));
        var skipped = await PutAsync(Signed(chain, id, photo, 40_000, 10_000));
        var resumed = await UploadAsync(chain, id, photo, (int)restartedFromZero.ReceivedBytes);

        Assert.That(first.ReceivedBytes, Is.EqualTo(32768u));
        Assert.That(restartedFromZero.ReceivedBytes, Is.EqualTo(32768u));
        Assert.That((skipped.ReceivedBytes, skipped.Complete), Is.EqualTo((32768u, false)), "a chunk past the contiguous end is not stored");
        Assert.That((resumed[^1].Complete, resumed[^1].Verified), Is.EqualTo((true, true)));
    }

    [Test]
    public async Task A_photo_uploaded_before_its_event_is_verified_when_the_event_arrives()
    {
        var (_, chain, script, _) = await StampedAsync(pushEvents: false);
        var (id, photo) = script.Photos.First();

        var receipts = await UploadAsync(chain, id, photo);
        var before = await ObjectAsync(chain, id);
        await IngestionState.PushAsync(_host.Anonymous(), chain.Batch(chain.Records));

        Assert.That((receipts[^1].Complete, receipts[^1].Verified), Is.EqualTo((true, false)));
        Assert.That(before.EvidenceMac, Is.Null);
        Assert.That((await ObjectAsync(chain, id)).Verified, Is.True);
    }

    [Test]
    public async Task A_photo_that_does_not_match_its_evidence_mac_is_stored_unverified_and_recorded()
    {
        var (_, chain, script, _) = await StampedAsync();
        var (id, photo) = script.Photos.Last();
        var swapped = photo.ToArray();
        swapped[100] ^= 0xFF;

        var receipts = await UploadAsync(chain, id, swapped);

        Assert.That((receipts[^1].Complete, receipts[^1].Verified), Is.EqualTo((true, false)));
        Assert.That((await IngestionState.SecurityEventsAsync(_host, chain.DeviceId)).Select(s => s.Kind), Is.EqualTo(new[] { "evidence-mismatch" }));
    }

    [Test]
    public async Task UploadEvidence_streams_two_photos_and_answers_both_receipts_in_order()
    {
        var (_, chain, script, _) = await StampedAsync();
        using var call = _host.Anonymous().Gateway.UploadEvidence();
        foreach (var (id, photo) in script.Photos.Take(2))
        {
            for (var offset = 0; offset < photo.Length; offset += Chunk)
            {
                await call.RequestStream.WriteAsync(new UploadEvidenceRequest { Chunk = Signed(chain, id, photo, offset, Math.Min(Chunk, photo.Length - offset)) });
            }
        }

        await call.RequestStream.CompleteAsync();
        var response = await call;

        Assert.That(response.Receipts.Select(r => (r.EvidenceId, r.Complete, r.Verified)), Is.EqualTo(script.Photos.Keys.Take(2).Select(k => (k, true, true))));
    }

    [Test]
    public async Task A_chunk_signed_with_another_key_is_unauthenticated_and_stores_nothing()
    {
        var (_, chain, script, _) = await StampedAsync();
        var (id, photo) = script.Photos.First();

        var error = await IngestionState.FailureAsync(() => PutAsync(Signed(chain, id, photo, 0, Chunk, System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))));

        Assert.That(error.StatusCode, Is.EqualTo(StatusCode.Unauthenticated));
        Assert.That((await ObjectAsync(chain, id)).ReceivedBytes, Is.Zero);
        Assert.That((await IngestionState.SecurityEventsAsync(_host, chain.DeviceId)).Select(s => s.Kind), Is.EqualTo(new[] { "bad-evidence-chunk-mac" }));
    }

    [Test]
    public async Task An_object_larger_than_two_mebibytes_is_refused_naming_the_field()
    {
        var (_, chain, _, _) = await StampedAsync();
        var huge = new byte[(2 * 1024 * 1024) + 1];

        var error = await IngestionState.FailureAsync(() => PutAsync(Signed(chain, "e9-1", huge, 0, Chunk)));

        Assert.That(error.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(error.Status.Detail, Does.StartWith("chunk.total_size:"));
    }

    [Test]
    public async Task A_chunk_whose_total_size_contradicts_the_signed_event_is_refused()
    {
        var (_, chain, script, _) = await StampedAsync();
        var (id, photo) = script.Photos.First();

        var error = await IngestionState.FailureAsync(() => PutAsync(Signed(chain, id, [.. photo, 1, 2, 3], 0, Chunk)));

        Assert.That(error.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(error.Status.Detail, Does.StartWith("chunk.total_size:"));
    }
}
