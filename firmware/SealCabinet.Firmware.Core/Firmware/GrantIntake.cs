using System.Collections;
using SealCabinet.Firmware.Core.Codec;
using SealCabinet.Firmware.Core.Crypto;
using SealCabinet.Firmware.Core.Events;
using SealCabinet.Firmware.Core.Grants;
using SealCabinet.Firmware.Core.Hardware;
using SealCabinet.Firmware.Core.Journal;
using SealCabinet.Firmware.Core.Messages;
using SealCabinet.Firmware.Core.Sleeves;
using SealCabinet.Firmware.Core.Storage;

namespace SealCabinet.Firmware.Core.Firmware
{
    /// <summary>
    /// Every grant the cabinet receives (MQTT, the poll, the simulator's console) goes through here: queued from any
    /// thread, verified on the firmware thread, checked against the sleeve and the journal, its counter persisted
    /// before the sleeve unlocks, and refused or accepted with an event. Remembers the MACs of the last
    /// <see cref="SeenGrantSlots"/> grants it decided on, so the poll's and QoS 1's repeated copies leave no trace.
    /// </summary>
    public sealed class GrantIntake
    {
        /// <summary>Most grants waiting for the next tick; more are dropped (the poll brings them again).</summary>
        public const int MaxQueuedGrants = 32;

        /// <summary>Largest SignedGrant accepted into the queue.</summary>
        public const int MaxGrantPayloadBytes = 4096;

        /// <summary>How many decided grants are remembered by MAC.</summary>
        public const int SeenGrantSlots = 16;

        private readonly IMonotonicClock _clock;
        private readonly SleeveController[] _sleeves;
        private readonly object _inboxLock = new object();
        private readonly ArrayList _inbox = new ArrayList();
        private readonly ArrayList _withdrawalInbox = new ArrayList();
        private readonly byte[][] _seenMacs = new byte[SeenGrantSlots][];
        private int _seenNext;
        private AntiReplayWindow _window = new AntiReplayWindow();
        private GrantVerifier? _verifier;
        private SlotFile? _windowFile;
        private EventJournal? _journal;
        private EventRecorder? _recorder;
        private IMacProvider? _mac;
        private byte[] _withdrawalKey = ProtoConstants.EmptyBytes;
        private string _deviceId = string.Empty;

        /// <summary>Creates the intake; grants queue at once but are handled only after <see cref="Open"/>.</summary>
        /// <param name="clock">Uptime for the unlock.</param>
        /// <param name="sleeves">The firmware's sleeve array (filled at boot; read, never replaced).</param>
        public GrantIntake(IMonotonicClock clock, SleeveController[] sleeves)
        {
            _clock = clock;
            _sleeves = sleeves;
        }

        /// <summary>Highest grant counter accepted (the anti-replay window's top).</summary>
        public ulong HighestCounter
        {
            get { return _window.Highest; }
        }

        /// <summary>The verdict on the last grant handled (kept across a restart in place).</summary>
        public GrantVerification? LastDecision { get; private set; }

        /// <summary>Starts handling grants for one boot.</summary>
        /// <param name="verifier">The verifier, built on <paramref name="window"/>.</param>
        /// <param name="window">The anti-replay window loaded from <paramref name="windowFile"/>.</param>
        /// <param name="windowFile">Slot file "grants", written before any sleeve unlocks.</param>
        /// <param name="journal">Checked for room before a grant is accepted.</param>
        /// <param name="recorder">Records GRANT_ACCEPTED, GRANT_REFUSED and GRANT_WITHDRAWN.</param>
        /// <param name="deviceId">This cabinet's id (a withdrawal must name it).</param>
        /// <param name="withdrawalKey">The key of withdrawal MACs.</param>
        /// <param name="mac">HMAC implementation.</param>
        public void Open(GrantVerifier verifier, AntiReplayWindow window, SlotFile windowFile, EventJournal journal, EventRecorder recorder, string deviceId, byte[] withdrawalKey, IMacProvider mac)
        {
            _deviceId = deviceId;
            _withdrawalKey = withdrawalKey;
            _mac = mac;
            _verifier = verifier;
            _window = window;
            _windowFile = windowFile;
            _journal = journal;
            _recorder = recorder;
        }

        /// <summary>Forgets the queue, the remembered MACs and the window (the firmware boots again in place).</summary>
        public void Close()
        {
            lock (_inboxLock)
            {
                _inbox.Clear();
                _withdrawalInbox.Clear();
            }

            for (int i = 0; i < _seenMacs.Length; i++)
            {
                _seenMacs[i] = null!;
            }

            _window = new AntiReplayWindow();
            _verifier = null;
            _windowFile = null;
            _journal = null;
            _recorder = null;
            _mac = null;
        }

        /// <summary>Queues an encoded SignedGrant for the next tick; safe from any thread. Oversized ones and a full queue drop it.</summary>
        /// <param name="payload">The encoded SignedGrant.</param>
        public void Enqueue(byte[]? payload)
        {
            if (payload == null || payload.Length > MaxGrantPayloadBytes)
            {
                return;
            }

            lock (_inboxLock)
            {
                if (_inbox.Count < MaxQueuedGrants)
                {
                    _inbox.Add(payload);
                }
            }
        }

        /// <summary>Queues an encoded SignedWithdrawal for the next tick; safe from any thread.</summary>
        /// <param name="payload">The encoded SignedWithdrawal.</param>
        public void EnqueueWithdrawal(byte[]? payload)
        {
            if (payload == null || payload.Length > MaxGrantPayloadBytes)
            {
                return;
            }

            lock (_inboxLock)
            {
                if (_withdrawalInbox.Count < MaxQueuedGrants)
                {
                    _withdrawalInbox.Add(payload);
                }
            }
        }

        /// <summary>Handles the queued withdrawals, then the queued grants, in order (on the firmware thread).</summary>
        public void HandleQueued()
        {
            object?[] payloads;
            object?[] withdrawals;
            lock (_inboxLock)
            {
                payloads = _inbox.ToArray();
                _inbox.Clear();
                withdrawals = _withdrawalInbox.ToArray();
                _withdrawalInbox.Clear();
            }

            for (int i = 0; i < withdrawals.Length; i++)
            {
                try
                {
                    HandleWithdrawal(SignedWithdrawal.Parse((byte[])withdrawals[i]!));
                }
                catch (ProtoDecodeException)
                {
                    // Not even a wrapper: nobody could have MAC'd it, so it leaves no trace (like a corrupt MQTT frame).
                }
            }

            for (int i = 0; i < payloads.Length; i++)
            {
                GrantVerification verdict = _verifier!.Verify((byte[])payloads[i]!);

                // QoS 1 may deliver a grant twice while it is in use: that copy is ignored. A grant that comes
                // back after its use is a replay; the verifier refuses it and the refusal is recorded.
                if (verdict.Mac.Length > 0 && IsSeen(verdict.Mac) && IsInUse(verdict.Grant))
                {
                    continue;
                }

                Handle(verdict);
            }
        }

        /// <summary>Handles the grants a poll returned; those already decided on are skipped without a trace.</summary>
        /// <param name="grants">The signed grants, in counter order.</param>
        public void HandleFetched(SignedGrant[] grants)
        {
            for (int i = 0; i < grants.Length; i++)
            {
                if (!IsSeen(grants[i].Mac))
                {
                    Handle(_verifier!.Verify(grants[i]));
                }
            }
        }

        /// <summary>
        /// Handles the withdrawals a poll returned (before its grants, so a grant withdrawn meanwhile is not armed).
        /// </summary>
        /// <param name="withdrawals">The signed withdrawals.</param>
        public void HandleFetchedWithdrawals(SignedWithdrawal[] withdrawals)
        {
            for (int i = 0; i < withdrawals.Length; i++)
            {
                HandleWithdrawal(withdrawals[i]);
            }
        }

        /// <summary>
        /// A verified withdrawal takes a READY sleeve's grant back (the sleeve relocks without moving), or uses up the
        /// counter of a grant that has not arrived yet so it can never be armed. A grant already unlocked is past
        /// withdrawing: the stamping runs on and the cloud records that the revoked grant was used. Repeats leave no trace.
        /// </summary>
        private void HandleWithdrawal(SignedWithdrawal signed)
        {
            if (IsSeen(signed.Mac) || !signed.HasValidMac(_withdrawalKey, _mac!))
            {
                return;
            }

            GrantWithdrawal withdrawal;
            try
            {
                withdrawal = GrantWithdrawal.Parse(signed.Withdrawal);
            }
            catch (ProtoDecodeException)
            {
                return;
            }

            if (withdrawal.DeviceId != _deviceId || withdrawal.Counter == 0)
            {
                return;
            }

            string reason = withdrawal.Reason.Length > 0 ? withdrawal.Reason : "withdrawn by the cloud";
            for (int i = 0; i < _sleeves.Length; i++)
            {
                if (_sleeves[i].GrantId == withdrawal.GrantId && _sleeves[i].State.GrantCounter == withdrawal.Counter)
                {
                    Remember(signed.Mac);
                    _sleeves[i].Withdraw(reason);
                    return;
                }
            }

            if (_window.Check(withdrawal.Counter) != GrantRefusalReason.Unspecified)
            {
                // Used, replayed or too old: nothing here can arm it any more.
                Remember(signed.Mac);
                return;
            }

            byte[] before = _window.Serialize();
            _window.Mark(withdrawal.Counter);
            try
            {
                _windowFile!.Save(_window.Serialize());
            }
            catch (FlashStoreException)
            {
                // Not remembered: the next copy (QoS 1, the poll) tries again.
                _window.Restore(before);
                return;
            }

            Remember(signed.Mac);

            DeviceEvent e = new DeviceEvent();
            e.Type = EventType.GrantWithdrawn;
            e.GrantId = withdrawal.GrantId;
            e.GrantCounter = withdrawal.Counter;
            e.Detail = reason + " (before it reached the cabinet)";
            _recorder!.Raise(e);
        }

        private static bool IsPermanent(GrantRefusalReason reason)
        {
            return reason == GrantRefusalReason.BadMac || reason == GrantRefusalReason.Malformed || reason == GrantRefusalReason.WrongDevice
                || reason == GrantRefusalReason.WrongSleeve || reason == GrantRefusalReason.Expired || reason == GrantRefusalReason.Replayed
                || reason == GrantRefusalReason.OutsideWindow;
        }

        private void Handle(GrantVerification verdict)
        {
            UnlockGrant? grant = verdict.Grant;
            if (!verdict.Accepted)
            {
                Refuse(verdict, verdict.Reason, EventPriority.Ordinary);
                return;
            }

            SleeveController sleeve = _sleeves[grant!.Sleeve - 1];
            if (!sleeve.IsIdle)
            {
                Refuse(verdict, GrantRefusalReason.SleeveBusy, EventPriority.Ordinary);
                return;
            }

            if (!_journal!.Fits(EventPriority.Ordinary, JournalRecord.MaxPayloadBytes))
            {
                Refuse(verdict, GrantRefusalReason.JournalFull, EventPriority.Stamping);
                return;
            }

            // The counter is persisted before the solenoid can move: a replay after a power cut is refused.
            byte[] before = _window.Serialize();
            _window.Mark(grant.Counter);
            try
            {
                _windowFile!.Save(_window.Serialize());
            }
            catch (FlashStoreException)
            {
                _window.Restore(before);
                Refuse(verdict, GrantRefusalReason.StorageFault, EventPriority.Stamping);
                return;
            }

            // The counter stays used: the grant cannot be replayed here even if the flash recovers. The sleeve is
            // READY, still locked, before GRANT_ACCEPTED is recorded.
            if (!sleeve.TryArm(grant, _clock.UptimeMs))
            {
                Remember(verdict.Mac);
                Refuse(verdict, GrantRefusalReason.StorageFault, EventPriority.Stamping);
                return;
            }

            Remember(verdict.Mac);
            LastDecision = verdict;
            DeviceEvent accepted = GrantEvent(EventType.GrantAccepted, grant);
            accepted.Detail = grant.MatterCode;
            accepted.ApprovalDigest = grant.ApprovalDigest;
            _recorder!.Raise(accepted);
        }

        private void Refuse(GrantVerification verdict, GrantRefusalReason reason, int priority)
        {
            LastDecision = new GrantVerification(reason, verdict.Grant, verdict.Mac);
            if (IsPermanent(reason) && verdict.Mac.Length > 0)
            {
                Remember(verdict.Mac);
            }

            DeviceEvent e = GrantEvent(EventType.GrantRefused, verdict.Grant);
            e.RefusalReason = reason;
            _recorder!.Record(e, priority);
        }

        private DeviceEvent GrantEvent(EventType type, UnlockGrant? grant)
        {
            DeviceEvent e = new DeviceEvent();
            e.Type = type;
            if (grant != null)
            {
                e.GrantId = grant.GrantId;
                e.GrantCounter = grant.Counter;
                if (grant.Sleeve >= 1 && grant.Sleeve <= _sleeves.Length)
                {
                    e.Sleeve = grant.Sleeve;
                    e.SealKind = _sleeves[grant.Sleeve - 1].SealKind;
                }
            }

            return e;
        }

        private bool IsInUse(UnlockGrant? grant)
        {
            if (grant == null)
            {
                return false;
            }

            for (int i = 0; i < _sleeves.Length; i++)
            {
                if (!_sleeves[i].IsIdle && _sleeves[i].GrantId == grant.GrantId)
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsSeen(byte[] mac)
        {
            for (int i = 0; i < _seenMacs.Length; i++)
            {
                if (_seenMacs[i] != null && ConstantTime.AreEqual(_seenMacs[i], mac))
                {
                    return true;
                }
            }

            return false;
        }

        private void Remember(byte[] mac)
        {
            _seenMacs[_seenNext] = mac;
            _seenNext = (_seenNext + 1) % _seenMacs.Length;
        }
    }
}
