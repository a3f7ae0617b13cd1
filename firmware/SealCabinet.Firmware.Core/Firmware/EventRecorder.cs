using SealCabinet.Firmware.Core.Codec;
using SealCabinet.Firmware.Core.Crypto;
using SealCabinet.Firmware.Core.Events;
using SealCabinet.Firmware.Core.Hardware;
using SealCabinet.Firmware.Core.Journal;
using SealCabinet.Firmware.Core.Messages;
using SealCabinet.Firmware.Core.Time;

namespace SealCabinet.Firmware.Core.Firmware
{
    /// <summary>
    /// The event chain of one boot: stamps, signs and journals every event, continues the chain the journal holds
    /// (or starts a new epoch when it cannot), and owns the acked seq, whose persisted form is
    /// <see cref="DeviceState.AckedSeq"/>. The uplink reads it from here; nobody else keeps a copy.
    /// </summary>
    public sealed class EventRecorder
    {
        /// <summary>Most UTF-8 bytes DeviceEvent.detail may carry.</summary>
        public const int MaxDetailBytes = 200;

        private readonly string _deviceId;
        private readonly byte[] _eventKey;
        private readonly IMacProvider _mac;
        private readonly IMonotonicClock _clock;
        private readonly TrustedClock _time;
        private readonly EventJournal _journal;
        private readonly DeviceState _state;
        private readonly IEventRecorderHost _host;
        private EventSigner? _signer;
        private bool _journalFullNoticed;

        /// <summary>Creates the recorder; <see cref="RecoverChainHead"/> must run before the first event.</summary>
        /// <param name="deviceId">The provisioned device id.</param>
        /// <param name="eventKey">The event MAC key.</param>
        /// <param name="mac">HMAC implementation.</param>
        /// <param name="clock">Uptime for DeviceEvent.uptime_ms.</param>
        /// <param name="time">Trusted time for DeviceEvent.device_time_ms.</param>
        /// <param name="journal">The recovered journal.</param>
        /// <param name="state">The device's persistent counters; the recorder changes AckedSeq and ChainEpoch only.</param>
        /// <param name="host">Persistence, buzzer and counters.</param>
        public EventRecorder(string deviceId, byte[] eventKey, IMacProvider mac, IMonotonicClock clock, TrustedClock time, EventJournal journal, DeviceState state, IEventRecorderHost host)
        {
            _deviceId = deviceId;
            _eventKey = eventKey;
            _mac = mac;
            _clock = clock;
            _time = time;
            _journal = journal;
            _state = state;
            _host = host;
        }

        /// <summary>The current chain epoch (0 before <see cref="RecoverChainHead"/>).</summary>
        public uint ChainEpoch
        {
            get { return _signer == null ? 0 : _signer.ChainEpoch; }
        }

        /// <summary>Seq of the newest journaled event.</summary>
        public ulong LastSeq
        {
            get { return _signer == null ? 0 : _signer.LastSeq; }
        }

        /// <summary>Highest seq the cloud acknowledged in the current chain.</summary>
        public ulong AckedSeq
        {
            get { return _state.AckedSeq; }
        }

        /// <summary>
        /// Continues the chain whose head the journal holds. An empty journal with nothing acked starts the
        /// device state's epoch at seq 1; a head that does not decode, or a journal emptied after acks, cannot be
        /// continued, so the journal is wiped and the next epoch starts (the returned note says so for BOOT).
        /// </summary>
        /// <returns>"" or the note to append to the BOOT detail.</returns>
        public string RecoverChainHead()
        {
            byte[]? last = _journal.LastPayload;
            if (last != null)
            {
                try
                {
                    SignedEvent signed = SignedEvent.Parse(last);
                    DeviceEvent head = DeviceEvent.Parse(signed.Event);
                    _signer = new EventSigner(_deviceId, _eventKey, _mac, head.ChainEpoch, head.Seq, Sha256.Hash(signed.Event));
                    if (head.ChainEpoch != _state.ChainEpoch)
                    {
                        _state.ChainEpoch = head.ChainEpoch;
                        _host.SaveDeviceState();
                    }

                    return string.Empty;
                }
                catch (ProtoDecodeException)
                {
                    // A record with a valid CRC that does not decode cannot be continued: start a new chain below.
                }
            }

            if (last == null && _state.AckedSeq == 0)
            {
                _signer = new EventSigner(_deviceId, _eventKey, _mac, _state.ChainEpoch, 0, new byte[Sha256.HashSize]);
                return string.Empty;
            }

            // Events were acked in this chain but the journal no longer holds its head: the chain cannot be
            // continued, so a new epoch starts (the cloud accepts it only after an audited authorisation).
            _journal.Wipe();
            StartNewChain(_state.ChainEpoch + 1);
            return "; journal lost, chain restarted at epoch " + _state.ChainEpoch.ToString();
        }

        /// <summary>
        /// Technician-authorised wipe: deletes the journal, starts the next epoch at seq 1 and records
        /// CHAIN_RESTART with <paramref name="reason"/> and the number of unacked events dropped.
        /// </summary>
        /// <param name="reason">Why, recorded in the event detail.</param>
        public void RestartChain(string reason)
        {
            uint dropped = (uint)(LastSeq - AckedSeq);
            _journal.Wipe();
            StartNewChain(ChainEpoch + 1);
            DeviceEvent restart = new DeviceEvent();
            restart.Type = EventType.ChainRestart;
            restart.Detail = reason + "; " + dropped.ToString() + " unacked events dropped";
            Raise(restart);
        }

        /// <summary>The cloud durably stored every event up to <paramref name="ackedSeq"/>: persist it, then trim the journal.</summary>
        /// <param name="ackedSeq">The new acked seq (the uplink passes only increases).</param>
        public void Acknowledge(ulong ackedSeq)
        {
            _state.AckedSeq = ackedSeq;
            _host.SaveDeviceState();
            _journal.Trim(ackedSeq);
            if (_journal.Fits(EventPriority.Ordinary, JournalRecord.MaxPayloadBytes))
            {
                _journalFullNoticed = false;
            }
        }

        /// <summary>Records an event at the priority its type has (<see cref="EventPriority.Of"/>).</summary>
        /// <param name="deviceEvent">The event; seq, times, boot count and identity are filled in here.</param>
        public void Raise(DeviceEvent deviceEvent)
        {
            Record(deviceEvent, EventPriority.Of(deviceEvent.Type));
        }

        /// <summary>
        /// Stamps, signs and journals an event. When the journal is at its reserve an ordinary event is dropped
        /// (the first drop records JOURNAL_FULL); a stamping event or an alarm that cannot be journaled is reported
        /// lost so the buzzer makes the loss noticed.
        /// </summary>
        /// <param name="deviceEvent">The event.</param>
        /// <param name="priority">An <see cref="EventPriority"/> class.</param>
        public void Record(DeviceEvent deviceEvent, int priority)
        {
            if (_signer == null)
            {
                return;
            }

            deviceEvent.UptimeMs = (ulong)_clock.UptimeMs;
            deviceEvent.DeviceTimeMs = _time.NowMs;
            deviceEvent.BootCount = _state.BootCount;
            deviceEvent.Detail = Truncate(deviceEvent.Detail);
            SignedEventRecord record = _signer.Sign(deviceEvent);
            JournalAppendResult result = _journal.Append(record.Seq, record.SignedEventBytes, priority);
            if (result == JournalAppendResult.WriteFailed)
            {
                // The failed segment is sealed; one retry goes to a fresh segment.
                result = _journal.Append(record.Seq, record.SignedEventBytes, priority);
            }

            if (result == JournalAppendResult.Appended)
            {
                _signer.Accept(record);
                if (priority == EventPriority.Alarm)
                {
                    _host.OnAlarmRecorded();
                }

                return;
            }

            if (result == JournalAppendResult.Full && priority == EventPriority.Ordinary)
            {
                _host.OnOrdinaryEventDropped();
                if (!_journalFullNoticed)
                {
                    _journalFullNoticed = true;
                    DeviceEvent full = new DeviceEvent();
                    full.Type = EventType.JournalFull;
                    full.Detail = "journal at its reserve: ordinary events are dropped, grants refused until the cloud acks";
                    Record(full, EventPriority.Alarm);
                }

                return;
            }

            _host.OnEventLost();
        }

        /// <summary>Cuts <paramref name="detail"/> to <see cref="MaxDetailBytes"/> UTF-8 bytes (whole characters).</summary>
        /// <param name="detail">The text.</param>
        /// <returns>The text, shortened if needed.</returns>
        public static string Truncate(string detail)
        {
            while (Utf8.GetByteCount(detail) > MaxDetailBytes)
            {
                detail = detail.Substring(0, detail.Length - 1);
            }

            return detail;
        }

        private void StartNewChain(uint epoch)
        {
            _state.ChainEpoch = epoch;
            _state.AckedSeq = 0;
            _host.SaveDeviceState();
            _signer = new EventSigner(_deviceId, _eventKey, _mac, epoch, 0, new byte[Sha256.HashSize]);
        }
    }
}
