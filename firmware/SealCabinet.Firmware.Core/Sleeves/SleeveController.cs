using SealCabinet.Firmware.Core.Hardware;
using SealCabinet.Firmware.Core.Messages;

namespace SealCabinet.Firmware.Core.Sleeves
{
    /// <summary>
    /// The state machine of one sleeve: locked → grant accepted: READY, still locked, until the grant expires →
    /// stamp button pressed → solenoid energised (at most the unlock window) → seal lifted (solenoid released) →
    /// presses counted → seal returned and seated → relocked. A READY grant that expires unused gives the sleeve back
    /// (READY_EXPIRED); if nobody lifts the seal after the button the sleeve relocks (UNLOCK_WINDOW_EXPIRED); presses
    /// beyond the grant raise OVERUSE_ALARM; a seal out past the return window raises SEAL_NOT_RETURNED_ALARM; a press or an unseated
    /// seal while locked raises FORCED_OPEN_ALARM; a press held too long raises SENSOR_FAULT.
    /// Inputs arrive already debounced. Every transition raises an event; the state is saved before the
    /// solenoid is energised and after every change, so a power cut at any step is recovered by <see cref="Restore"/>.
    /// </summary>
    public sealed class SleeveController
    {
        // Someone pressing a READY sleeve's button again and again is recorded once per interval, not once per press:
        // ordinary events must not eat the journal's room.
        private const long RefusalRecordIntervalMs = 5000;

        private readonly uint _sleeve;
        private readonly SealKind _sealKind;
        private readonly IDigitalOutput _solenoid;
        private readonly SleeveTimings _timings;
        private readonly ISleeveHost _host;
        private readonly SleeveState _state = new SleeveState();
        private long _phaseStartedAt;
        private long _pressDownSince = -1;
        private bool _sensorFaultRaised;
        private long _lastRefusalAt = -RefusalRecordIntervalMs;

        /// <summary>Creates the controller of sleeve <paramref name="sleeve"/>.</summary>
        /// <param name="sleeve">Sleeve number 1..3.</param>
        /// <param name="sealKind">The seal kind it holds.</param>
        /// <param name="solenoid">Its solenoid driver.</param>
        /// <param name="timings">The windows.</param>
        /// <param name="host">The firmware.</param>
        public SleeveController(uint sleeve, SealKind sealKind, IDigitalOutput solenoid, SleeveTimings timings, ISleeveHost host)
        {
            _sleeve = sleeve;
            _sealKind = sealKind;
            _solenoid = solenoid;
            _timings = timings;
            _host = host;
        }

        /// <summary>Sleeve number 1..3.</summary>
        public uint Sleeve
        {
            get { return _sleeve; }
        }

        /// <summary>The seal kind it holds.</summary>
        public SealKind SealKind
        {
            get { return _sealKind; }
        }

        /// <summary>The current phase.</summary>
        public SleevePhase Phase
        {
            get { return _state.Phase; }
        }

        /// <summary>Presses counted for the current grant.</summary>
        public uint PressCount
        {
            get { return _state.PressCount; }
        }

        /// <summary>The grant in use (empty when none).</summary>
        public string GrantId
        {
            get { return _state.GrantId; }
        }

        /// <summary>True when a new grant can be taken (locked, seal seated).</summary>
        public bool IsIdle
        {
            get { return _state.Phase == SleevePhase.Locked; }
        }

        /// <summary>The persisted state (for saving).</summary>
        public SleeveState State
        {
            get { return _state; }
        }

        /// <summary>
        /// Resumes after a boot from the saved state and the current sensor levels. The solenoid is off
        /// after a power cut; an interrupted cycle is completed from what the sensors show now.
        /// </summary>
        /// <param name="saved">The saved state, or null when none.</param>
        /// <param name="seated">Seal seated now.</param>
        /// <param name="pressed">Press sensor closed now.</param>
        /// <param name="now">Current uptime.</param>
        public void Restore(SleeveState? saved, bool seated, bool pressed, long now)
        {
            _solenoid.Write(false);
            if (saved != null)
            {
                _state.Phase = saved.Phase;
                _state.GrantId = saved.GrantId;
                _state.GrantCounter = saved.GrantCounter;
                _state.PressesAllowed = saved.PressesAllowed;
                _state.PressCount = saved.PressCount;
                _state.ReturnAlarmRaised = saved.ReturnAlarmRaised;
                _state.ExpiresAtMs = saved.ExpiresAtMs;
                _state.CustodianId = saved.CustodianId;
            }

            _phaseStartedAt = now;
            _pressDownSince = pressed ? now : -1;
            SleevePhase phase = _state.Phase;
            if (phase == SleevePhase.Unlocking)
            {
                if (seated)
                {
                    Raise(EventType.SleeveRelocked, "power lost before the seal was lifted");
                    Relock();
                }
                else
                {
                    _state.Phase = SleevePhase.Lifted;
                    _host.SaveSleeves();
                    Raise(EventType.SealLifted, "seal lifted while power was off");
                }
            }
            else if (phase == SleevePhase.Lifted)
            {
                if (seated)
                {
                    Raise(EventType.SealReturned, "seal returned while power was off");
                    Raise(EventType.SleeveRelocked, string.Empty);
                    Relock();
                }
            }
            else if (phase == SleevePhase.ForcedOpen)
            {
                if (seated)
                {
                    Raise(EventType.SealReturned, "seal returned while power was off");
                    Relock();
                }
            }
            else if (phase == SleevePhase.Ready && seated)
            {
                // Still locked and still waiting for its button; the expiry is checked once trusted time is back.
                _host.ShowReady(_sleeve, true, false);
            }
            else if (!seated)
            {
                _state.Phase = SleevePhase.ForcedOpen;
                _host.SaveSleeves();
                Raise(EventType.ForcedOpenAlarm, "seal out of a locked sleeve at boot");
            }
        }

        /// <summary>
        /// Takes an accepted grant whose counter is already persisted: the sleeve becomes READY, still locked. The new
        /// state is saved first and the sleeve stays idle when that fails, so a power cut can never leave a grant in
        /// use that the cabinet does not remember.
        /// </summary>
        /// <param name="grant">The grant.</param>
        /// <param name="now">Current uptime.</param>
        /// <returns>False (the sleeve stays locked and idle) when the state could not be saved.</returns>
        public bool TryArm(UnlockGrant grant, long now)
        {
            _state.Phase = SleevePhase.Ready;
            _state.GrantId = grant.GrantId;
            _state.GrantCounter = grant.Counter;
            _state.PressesAllowed = grant.PressesAllowed;
            _state.PressCount = 0;
            _state.ReturnAlarmRaised = false;
            _state.ExpiresAtMs = grant.ExpiresAtMs;
            _state.CustodianId = grant.CustodianId;
            _phaseStartedAt = now;
            if (!_host.SaveSleeves())
            {
                _state.Reset();
                return false;
            }

            _host.ShowReady(_sleeve, true, true);
            return true;
        }

        /// <summary>The person the READY grant is for ("" when the sleeve is not READY).</summary>
        public string ReadyCustodian
        {
            get { return _state.Phase == SleevePhase.Ready ? _state.CustodianId : string.Empty; }
        }

        /// <summary>
        /// Handles a debounced change of the sleeve's stamp button. Only a press on a READY sleeve whose grant is still
        /// valid by trusted time, with the journal's stamping reserve intact, by the person the grant names who has just
        /// authenticated at the cabinet, unlocks it; a refused press on a READY sleeve is recorded (STAMP_BUTTON_REFUSED)
        /// and moves nothing, and anywhere else the button does nothing at all.
        /// </summary>
        /// <param name="pressed">New level.</param>
        /// <param name="at">When it happened.</param>
        public void OnStampButton(bool pressed, long at)
        {
            if (!pressed || _state.Phase != SleevePhase.Ready)
            {
                return;
            }

            long trusted = _host.TrustedTimeMs();
            if (trusted < 0)
            {
                // After a reboot the grant's expiry cannot be checked until the cloud answers once.
                RefuseButton("no trusted time yet: the cabinet waits for the cloud's answer", string.Empty, at);
                return;
            }

            if (trusted >= _state.ExpiresAtMs)
            {
                ExpireReady();
                return;
            }

            if (!_host.CanRecordStamping())
            {
                // The journal is down to its reserve (offline too long, or another stamping uses it): nothing moves
                // until acks free space, so no stamping ever runs unrecorded.
                RefuseButton("journal down to its stamping reserve: waiting for the cloud's acks", string.Empty, at);
                return;
            }

            // Last, because a yes uses the authentication up.
            string refusal = _host.AuthorizeStamp(_state.CustodianId);
            if (refusal.Length > 0)
            {
                RefuseButton(refusal, _state.CustodianId, at);
                return;
            }

            _state.Phase = SleevePhase.Unlocking;
            if (!_host.SaveSleeves())
            {
                _state.Phase = SleevePhase.Ready;
                return;
            }

            _phaseStartedAt = at;
            _host.ShowReady(_sleeve, false, false);
            _solenoid.Write(true);
            Raise(EventType.SleeveUnlocked, string.Empty);
            _host.RequestEvidence(_sleeve, EvidenceKind.DocumentBefore, _state.GrantId);
        }

        /// <summary>The cloud withdrew the grant: a READY sleeve gives it up without moving (GRANT_WITHDRAWN); in any other phase nothing changes.</summary>
        /// <param name="reason">Why, from the withdrawal.</param>
        /// <returns>True when the sleeve was READY with it.</returns>
        public bool Withdraw(string reason)
        {
            if (_state.Phase != SleevePhase.Ready)
            {
                return false;
            }

            _host.ShowReady(_sleeve, false, false);
            Raise(EventType.GrantWithdrawn, reason);
            Relock();
            return true;
        }

        /// <summary>Handles a debounced change of the seal-seated sensor.</summary>
        /// <param name="seated">New level.</param>
        /// <param name="at">When it happened.</param>
        public void OnSeatChanged(bool seated, long at)
        {
            SleevePhase phase = _state.Phase;
            if (!seated)
            {
                if (phase == SleevePhase.Unlocking)
                {
                    Lift(at, string.Empty);
                }
                else if (phase == SleevePhase.Locked || phase == SleevePhase.Ready)
                {
                    // A READY sleeve is still locked: the seal leaving it is a forced opening, and the grant is given up.
                    if (phase == SleevePhase.Ready)
                    {
                        _host.ShowReady(_sleeve, false, false);
                    }

                    _state.Phase = SleevePhase.ForcedOpen;
                    _host.SaveSleeves();
                    Raise(EventType.ForcedOpenAlarm, "seal left a locked sleeve");
                }

                return;
            }

            if (phase == SleevePhase.Lifted)
            {
                Raise(EventType.SealReturned, string.Empty);
                string grantId = _state.GrantId;
                Raise(EventType.SleeveRelocked, string.Empty);
                Relock();
                _host.RequestEvidence(_sleeve, EvidenceKind.DocumentAfter, grantId);
            }
            else if (phase == SleevePhase.ForcedOpen)
            {
                Raise(EventType.SealReturned, "seal put back after a forced opening");
                Relock();
            }
        }

        /// <summary>Handles a debounced change of the press sensor.</summary>
        /// <param name="pressed">New level.</param>
        /// <param name="at">When it happened.</param>
        public void OnPressChanged(bool pressed, long at)
        {
            if (!pressed)
            {
                _pressDownSince = -1;
                _sensorFaultRaised = false;
                return;
            }

            _pressDownSince = at;
            SleevePhase phase = _state.Phase;
            if (phase == SleevePhase.Unlocking)
            {
                // Pressed before the seat sensor saw the lift: the seal is evidently out.
                Lift(at, "press seen before the seal left its seat");
                phase = _state.Phase;
            }

            if (phase == SleevePhase.Lifted)
            {
                _state.PressCount++;
                _host.SaveSleeves();
                Raise(EventType.Press, string.Empty);
                if (_state.PressCount > _state.PressesAllowed)
                {
                    Raise(EventType.OveruseAlarm, "press " + _state.PressCount.ToString() + " of " + _state.PressesAllowed.ToString() + " allowed");
                }
            }
            else
            {
                Raise(EventType.ForcedOpenAlarm, "press while the sleeve was locked");
            }
        }

        /// <summary>Runs the timers (unlock window, return window, stuck press).</summary>
        /// <param name="now">Current uptime.</param>
        public void Tick(long now)
        {
            SleevePhase phase = _state.Phase;
            if (phase == SleevePhase.Ready)
            {
                long trusted = _host.TrustedTimeMs();
                if (trusted >= 0 && trusted >= _state.ExpiresAtMs)
                {
                    ExpireReady();
                }
            }
            else if (phase == SleevePhase.Unlocking && now - _phaseStartedAt >= _timings.UnlockWindowMs)
            {
                _solenoid.Write(false);
                Raise(EventType.UnlockWindowExpired, string.Empty);
                Relock();
            }
            else if (phase == SleevePhase.Lifted && !_state.ReturnAlarmRaised && now - _phaseStartedAt >= _timings.ReturnWindowMs)
            {
                _state.ReturnAlarmRaised = true;
                _host.SaveSleeves();
                Raise(EventType.SealNotReturnedAlarm, string.Empty);
            }

            if (_pressDownSince >= 0 && !_sensorFaultRaised && now - _pressDownSince >= _timings.MaxPressMs)
            {
                _sensorFaultRaised = true;
                Raise(EventType.SensorFault, "press sensor closed for longer than a press can last");
            }
        }

        private void Lift(long at, string detail)
        {
            _solenoid.Write(false);
            _state.Phase = SleevePhase.Lifted;
            _phaseStartedAt = at;
            _host.SaveSleeves();
            Raise(EventType.SealLifted, detail);
        }

        private void RefuseButton(string reason, string personId, long at)
        {
            if (at - _lastRefusalAt < RefusalRecordIntervalMs)
            {
                return;
            }

            _lastRefusalAt = at;
            DeviceEvent e = new DeviceEvent();
            e.Type = EventType.StampButtonRefused;
            e.Sleeve = _sleeve;
            e.SealKind = _sealKind;
            e.GrantId = _state.GrantId;
            e.GrantCounter = _state.GrantCounter;
            e.PersonId = personId;
            e.Detail = reason;
            _host.Raise(e);
        }

        private void ExpireReady()
        {
            _host.ShowReady(_sleeve, false, false);
            Raise(EventType.ReadyExpired, string.Empty);
            Relock();
        }

        private void Relock()
        {
            _solenoid.Write(false);
            _state.Reset();
            _host.SaveSleeves();
        }

        private void Raise(EventType type, string detail)
        {
            DeviceEvent e = new DeviceEvent();
            e.Type = type;
            e.Sleeve = _sleeve;
            e.SealKind = _sealKind;
            e.GrantId = _state.GrantId;
            e.GrantCounter = _state.GrantCounter;
            e.PressCount = _state.PressCount;
            e.Detail = detail;
            _host.Raise(e);
        }
    }
}
