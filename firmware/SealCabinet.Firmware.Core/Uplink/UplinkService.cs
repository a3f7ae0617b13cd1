using System.Collections;
using SealCabinet.Firmware.Core.Codec;
using SealCabinet.Firmware.Core.Crypto;
using SealCabinet.Firmware.Core.Evidence;
using SealCabinet.Firmware.Core.GrpcWeb;
using SealCabinet.Firmware.Core.Hardware;
using SealCabinet.Firmware.Core.Journal;
using SealCabinet.Firmware.Core.Messages;
using SealCabinet.Firmware.Core.Time;

namespace SealCabinet.Firmware.Core.Uplink
{
    /// <summary>
    /// Talks to the DeviceGateway over gRPC-Web, at most one call per tick, in this order of priority:
    /// a due FetchGrants poll, then the next batch of unacked journal events (PushEvents), then the next
    /// chunk of a stored photo (PutEvidenceChunk; only once every event is acked, so the cloud already holds
    /// the signed EVIDENCE_CAPTURED event the photo is checked against). Any failure delays the next call by
    /// exponential backoff with jitter. An ack is applied only together with a verified server time for
    /// the nonce just sent, so a stale or foreign answer can never trim the journal.
    /// </summary>
    public sealed class UplinkService
    {
        /// <summary>The gRPC service name.</summary>
        public const string ServiceName = "sealcabinet.v1.DeviceGateway";

        /// <summary>Largest encoded batch (bytes of SignedEvents).</summary>
        public const int MaxBatchBytes = 64 * 1024;

        /// <summary>Content type of evidence objects.</summary>
        public const string EvidenceContentType = "image/jpeg";

        private readonly GrpcWebClient _client;
        private readonly EventJournal _journal;
        private readonly EvidenceStore _evidence;
        private readonly TrustedClock _time;
        private readonly IUplinkHost _host;
        private readonly string _deviceId;
        private readonly DeviceKeys _keys;
        private readonly IMacProvider _mac;
        private readonly IRandomSource _random;
        private readonly Backoff _backoff;
        private readonly int _batchEvents;
        private readonly int _chunkBytes;
        private readonly long _pollConnectedMs;
        private readonly long _pollDisconnectedMs;
        private readonly ArrayList _payloads = new ArrayList();
        private long _nextAttemptAt;

        // The seq the next upload starts at when the cloud holds fewer events than it once acked (a restored
        // database): 0 uploads from the last ack as usual.
        private ulong _resendFrom;
        private long _lastPollAt = -1;
        private string _evidenceId = string.Empty;
        private uint _evidenceOffset;

        /// <summary>Creates the uplink.</summary>
        /// <param name="client">gRPC-Web client for the gateway.</param>
        /// <param name="journal">The event journal.</param>
        /// <param name="evidence">Stored photos.</param>
        /// <param name="time">Trusted clock (updated from every response).</param>
        /// <param name="host">The firmware.</param>
        /// <param name="deviceId">This device's id.</param>
        /// <param name="keys">This device's keys.</param>
        /// <param name="mac">HMAC implementation.</param>
        /// <param name="random">Nonces and jitter.</param>
        /// <param name="settings">Batch size, chunk size and poll intervals.</param>
        public UplinkService(GrpcWebClient client, EventJournal journal, EvidenceStore evidence, TrustedClock time, IUplinkHost host, string deviceId, DeviceKeys keys, IMacProvider mac, IRandomSource random, UplinkSettings settings)
        {
            _client = client;
            _journal = journal;
            _evidence = evidence;
            _time = time;
            _host = host;
            _deviceId = deviceId;
            _keys = keys;
            _mac = mac;
            _random = random;
            _backoff = new Backoff(settings.InitialBackoffMs, settings.MaxBackoffMs, random);
            _batchEvents = settings.BatchEvents;
            _chunkBytes = settings.ChunkBytes;
            _pollConnectedMs = settings.PollConnectedMs;
            _pollDisconnectedMs = settings.PollDisconnectedMs;
        }

        /// <summary>Outcome of the last call.</summary>
        public GrpcCallOutcome LastOutcome { get; private set; }

        /// <summary>What went wrong in the last failed call (empty after a success).</summary>
        public string LastError { get; private set; } = string.Empty;

        /// <summary>Rejection reason of the last ack (Unspecified when none).</summary>
        public RejectionReason LastRejection { get; private set; }

        /// <summary>
        /// True when the last gateway call got no gRPC answer: no connection, TLS failure, timeout, an HTTP error status,
        /// or a body that is not gRPC-Web. False before the first call and after any gRPC answer, an error status included
        /// (then the gateway was reached and refused). Drives the status LED's "cloud unreachable".
        /// </summary>
        public bool GatewayUnreachable { get; private set; }

        /// <summary>Consecutive failed calls.</summary>
        public int ConsecutiveFailures
        {
            get { return _backoff.Failures; }
        }

        /// <summary>Uptime before which no call is made.</summary>
        public long NextAttemptAt
        {
            get { return _nextAttemptAt; }
        }

        /// <summary>Number of journal events not yet acked.</summary>
        public ulong PendingEvents
        {
            get
            {
                ulong last = _host.LastSeq;
                ulong acked = _host.AckedSeq;
                return last > acked ? last - acked : 0;
            }
        }

        /// <summary>Makes the next tick poll for grants (and retry at once).</summary>
        public void RequestPollNow()
        {
            _lastPollAt = -1;
        }

        /// <summary>Does at most one call if one is due.</summary>
        /// <param name="now">Current uptime.</param>
        /// <param name="mqttConnected">Whether grants arrive by MQTT (slows the poll).</param>
        /// <returns>True when a call was made.</returns>
        public bool Tick(long now, bool mqttConnected)
        {
            if (now < _nextAttemptAt)
            {
                return false;
            }

            bool ok;
            long interval = mqttConnected ? _pollConnectedMs : _pollDisconnectedMs;
            if (_lastPollAt < 0 || now - _lastPollAt >= interval)
            {
                // A failed poll waits for the next interval too, so a gateway without FetchGrants never
                // starves the event upload.
                _lastPollAt = now;
                ok = PollGrants();
            }
            else if (PendingEvents > 0)
            {
                ok = PushEvents();
            }
            else
            {
                string[] pending = _evidence.PendingIds();
                if (pending.Length == 0)
                {
                    return false;
                }

                ok = PushEvidenceChunk(pending[0]);
            }

            if (ok)
            {
                _backoff.Reset();
                _nextAttemptAt = now;
                LastError = string.Empty;
            }
            else
            {
                _nextAttemptAt = now + _backoff.NextDelayMs();
            }

            return true;
        }

        private bool PushEvents()
        {
            ulong from = _resendFrom > 0 ? _resendFrom : _host.AckedSeq + 1;
            if (from < _journal.FirstSeq)
            {
                from = _journal.FirstSeq;
            }

            _payloads.Clear();
            if (_journal.Read(from, _batchEvents, MaxBatchBytes, _payloads) == 0)
            {
                return Fail(GrpcCallOutcome.Ok, "no journal records to send from seq " + from.ToString());
            }

            byte[] nonce = NewNonce();
            byte[] request = PushEventsEncoder.Encode(_deviceId, _payloads, nonce);
            _payloads.Clear();
            GrpcWebResult result = Call("PushEvents", request);
            if (!result.IsOk)
            {
                return Fail(result.Outcome, result.GrpcMessage);
            }

            PushEventsResponse response;
            try
            {
                response = PushEventsResponse.Parse(result.Message);
            }
            catch (ProtoDecodeException e)
            {
                return Fail(GrpcCallOutcome.MalformedResponse, "PushEventsResponse: " + e.Message);
            }

            PushAck? ack = response.Ack;
            if (ack == null)
            {
                return Fail(GrpcCallOutcome.MalformedResponse, "PushEventsResponse without ack");
            }

            TimeUpdateResult time = _time.Apply(ack.ServerTime, nonce);
            if (time != TimeUpdateResult.Accepted)
            {
                return Fail(GrpcCallOutcome.MalformedResponse, "ack server time refused: " + TimeResultName(time));
            }

            uint epoch = ack.ChainEpoch == 0 ? 1 : ack.ChainEpoch;
            if (epoch != _host.ChainEpoch)
            {
                return Fail(GrpcCallOutcome.Ok, "ack for chain epoch " + epoch.ToString() + ", device is on " + _host.ChainEpoch.ToString());
            }

            LastRejection = ack.Rejection;
            ulong acked = ack.AckedSeq;
            if (acked > _host.LastSeq)
            {
                acked = _host.LastSeq;
            }

            if (acked > _host.AckedSeq)
            {
                _host.OnAcked(acked);
            }

            LastOutcome = GrpcCallOutcome.Ok;
            if (ack.Rejection == RejectionReason.SequenceGap)
            {
                return SequenceGap(ack.AckedSeq);
            }

            // Still behind what this cabinet once had acked: go on from what the cloud holds.
            _resendFrom = ack.Rejection == RejectionReason.Unspecified && ack.AckedSeq < _host.AckedSeq ? ack.AckedSeq + 1 : 0;
            if (ack.Rejection != RejectionReason.Unspecified)
            {
                // The cloud refuses an event it will never take as is: keep it and retry slowly.
                return Fail(GrpcCallOutcome.Ok, "event " + ack.RejectedSeq.ToString() + " rejected, reason " + ((int)ack.Rejection).ToString());
            }

            return true;
        }

        /// <summary>
        /// The cloud holds the chain only up to <paramref name="cloudHas"/>, below what was sent: the upload starts again
        /// there when the journal still holds those events (at once: this is progress); otherwise they are lost to the
        /// cloud, and instead of resending every tick the uplink backs off and says what a technician must do.
        /// </summary>
        private bool SequenceGap(ulong cloudHas)
        {
            if (_journal.FirstSeq > 0 && cloudHas + 1 >= _journal.FirstSeq)
            {
                _resendFrom = cloudHas + 1;
                return true;
            }

            _resendFrom = 0;
            return Fail(
                GrpcCallOutcome.Ok,
                "the cloud holds events up to seq " + cloudHas.ToString() + " only and the journal starts at seq " + _journal.FirstSeq.ToString()
                + ": the events between are gone from both; a technician authorises a chain restart (docs/firmware.md)");
        }

        private bool PollGrants()
        {
            GrantQuery query = new GrantQuery();
            query.DeviceId = _deviceId;
            query.AfterCounter = _host.HighestGrantCounter;
            query.Nonce = NewNonce();
            query.RosterVersion = _host.RosterVersion;
            FetchGrantsRequest request = MessageSigner.SignGrantQuery(query, _keys.EventKey, _mac);
            GrpcWebResult result = Call("FetchGrants", request.ToByteArray());
            if (!result.IsOk)
            {
                return Fail(result.Outcome, result.GrpcMessage);
            }

            FetchGrantsResponse response;
            try
            {
                response = FetchGrantsResponse.Parse(result.Message);
            }
            catch (ProtoDecodeException e)
            {
                return Fail(GrpcCallOutcome.MalformedResponse, "FetchGrantsResponse: " + e.Message);
            }

            TimeUpdateResult time = _time.Apply(response.ServerTime, query.Nonce);
            if (time != TimeUpdateResult.Accepted)
            {
                return Fail(GrpcCallOutcome.MalformedResponse, "poll server time refused: " + TimeResultName(time));
            }

            LastOutcome = GrpcCallOutcome.Ok;
            _host.OnFetched(response);

            return true;
        }

        private bool PushEvidenceChunk(string id)
        {
            EvidenceItem? item = _evidence.Load(id);
            if (item == null)
            {
                _evidenceId = string.Empty;
                return true;
            }

            if (_evidenceId != id)
            {
                _evidenceId = id;
                _evidenceOffset = 0;
            }

            int length = item.Data.Length - (int)_evidenceOffset;
            if (length > _chunkBytes)
            {
                length = _chunkBytes;
            }

            if (length < 0)
            {
                length = 0;
            }

            EvidenceChunk chunk = new EvidenceChunk();
            chunk.DeviceId = _deviceId;
            chunk.EvidenceId = id;
            chunk.Offset = _evidenceOffset;
            chunk.TotalSize = (uint)item.Data.Length;
            chunk.ContentType = EvidenceContentType;
            byte[] data = new byte[length];
            System.Array.Copy(item.Data, (int)_evidenceOffset, data, 0, length);
            chunk.Data = data;
            PutEvidenceChunkRequest request = new PutEvidenceChunkRequest();
            request.Chunk = MessageSigner.SignEvidenceChunk(chunk, _keys.EventKey, _mac);
            GrpcWebResult result = Call("PutEvidenceChunk", request.ToByteArray());
            if (!result.IsOk)
            {
                return Fail(result.Outcome, result.GrpcMessage);
            }

            EvidenceReceipt? receipt;
            try
            {
                receipt = PutEvidenceChunkResponse.Parse(result.Message).Receipt;
            }
            catch (ProtoDecodeException e)
            {
                return Fail(GrpcCallOutcome.MalformedResponse, "PutEvidenceChunkResponse: " + e.Message);
            }

            if (receipt == null || receipt.EvidenceId != id)
            {
                return Fail(GrpcCallOutcome.MalformedResponse, "evidence receipt missing or for another object");
            }

            LastOutcome = GrpcCallOutcome.Ok;
            if (receipt.Complete)
            {
                _evidence.Delete(id);
                _evidenceId = string.Empty;
                _evidenceOffset = 0;
                return true;
            }

            if (receipt.ReceivedBytes > (uint)item.Data.Length)
            {
                return Fail(GrpcCallOutcome.MalformedResponse, "evidence receipt claims more bytes than the object has");
            }

            _evidenceOffset = receipt.ReceivedBytes;
            return true;
        }

        private GrpcWebResult Call(string method, byte[] request)
        {
            GrpcWebResult result = _client.Call(ServiceName, method, request);
            GatewayUnreachable = !result.IsOk && result.Outcome != GrpcCallOutcome.GrpcError;
            return result;
        }

        private byte[] NewNonce()
        {
            byte[] nonce = new byte[16];
            _random.NextBytes(nonce);
            return nonce;
        }

        private bool Fail(GrpcCallOutcome outcome, string error)
        {
            LastOutcome = outcome;
            LastError = error;
            return false;
        }

        private static string TimeResultName(TimeUpdateResult result)
        {
            switch (result)
            {
                case TimeUpdateResult.Missing:
                    return "missing";
                case TimeUpdateResult.BadMac:
                    return "bad MAC";
                case TimeUpdateResult.Malformed:
                    return "malformed";
                case TimeUpdateResult.WrongDevice:
                    return "other device";
                case TimeUpdateResult.WrongNonce:
                    return "wrong nonce";
                default:
                    return "accepted";
            }
        }
    }
}
