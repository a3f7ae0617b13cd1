using SealCabinet.Firmware.Core.Codec;
using SealCabinet.Firmware.Core.Crypto;
using SealCabinet.Firmware.Core.Hardware;
using SealCabinet.Firmware.Core.Messages;
using SealCabinet.Firmware.Core.Storage;

namespace SealCabinet.Firmware.Core.Authentication
{
    /// <summary>
    /// Who stands at the cabinet: PIN pad keys and NFC cards in, at most one authenticated person out, for
    /// <see cref="SessionMs"/> or until their first stamp button. A PIN is checked only against the custodians the grants
    /// of READY sleeves name (so a PIN typed while nothing is READY reveals nothing), against the roster's salted
    /// PBKDF2 verifiers. Each wrong PIN or unknown card is counted on flash before it is checked, so cutting the power
    /// cannot undo it; <see cref="MaxFailures"/> in a row lock the pad and the reader for a backoff that doubles with each
    /// lockout (<see cref="FirstLockoutMs"/> up to <see cref="MaxLockoutMs"/>) and raise AUTHENTICATION_LOCKOUT.
    /// </summary>
    public sealed class AuthenticationDesk
    {
        /// <summary>Wrong attempts in a row that lock the desk.</summary>
        public const int MaxFailures = 5;

        /// <summary>Length of the first lockout.</summary>
        public const long FirstLockoutMs = 60000;

        /// <summary>Longest lockout.</summary>
        public const long MaxLockoutMs = 3600000;

        /// <summary>How long an authentication waits for its stamp button.</summary>
        public const long SessionMs = 60000;

        /// <summary>With policy PIN_AND_CARD: how long the card waits for its PIN.</summary>
        public const long CardWaitsForPinMs = 30000;

        /// <summary>A partly typed PIN left alone this long is forgotten.</summary>
        public const long TypingTimeoutMs = 30000;

        /// <summary>Longest PIN.</summary>
        public const int MaxPinDigits = 8;

        /// <summary>Slot file name of the persisted attempt count.</summary>
        public const string SlotName = "auth";

        private readonly CustodianRosterStore _roster;
        private readonly IMacProvider _mac;
        private readonly SlotFile _stateFile;
        private readonly IAuthenticationHost _host;
        private readonly AuthenticationState _state;
        private readonly char[] _typed = new char[MaxPinDigits];
        private int _typedCount;
        private long _lastKeyAt;
        private string _cardHolder = string.Empty;
        private long _cardAt;
        private string _person = string.Empty;
        private long _personUntil;
        private long _lockedUntil = -1;
        private bool _lockoutAttemptRecorded;

        /// <summary>Creates the desk; a lockout that was running when the power went starts again in full.</summary>
        /// <param name="roster">The roster in force.</param>
        /// <param name="mac">HMAC implementation (PBKDF2).</param>
        /// <param name="flash">The flash, for the attempt count.</param>
        /// <param name="host">The firmware.</param>
        /// <param name="now">Current uptime.</param>
        public AuthenticationDesk(CustodianRosterStore roster, IMacProvider mac, IFlashStore flash, IAuthenticationHost host, long now)
        {
            _roster = roster;
            _mac = mac;
            _host = host;
            _stateFile = new SlotFile(flash, SlotName);
            _state = AuthenticationState.Deserialize(_stateFile.Load()) ?? new AuthenticationState();
            if (_state.Failures >= MaxFailures)
            {
                _lockedUntil = now + LockoutMs(_state.Lockouts);
            }
        }

        /// <summary>The person authenticated now ("" when nobody).</summary>
        /// <param name="now">Current uptime.</param>
        /// <returns>The person id.</returns>
        public string AuthenticatedPerson(long now)
        {
            return _person.Length > 0 && now < _personUntil ? _person : string.Empty;
        }

        /// <summary>Wrong attempts in a row.</summary>
        public uint Failures
        {
            get { return _state.Failures; }
        }

        /// <summary>Whether the pad and the reader refuse everyone now.</summary>
        /// <param name="now">Current uptime.</param>
        /// <returns>True during a lockout.</returns>
        public bool IsLockedOut(long now)
        {
            return _lockedUntil >= 0 && now < _lockedUntil;
        }

        /// <summary>Handles a key of the PIN pad: digits are typed, '*' clears, '#' submits, letters are ignored.</summary>
        /// <param name="key">The key.</param>
        /// <param name="readyCustodians">The custodian named by each READY sleeve's grant ("" for a sleeve that is not READY).</param>
        /// <param name="now">Current uptime.</param>
        public void OnKey(char key, string[] readyCustodians, long now)
        {
            if (_typedCount > 0 && now - _lastKeyAt >= TypingTimeoutMs)
            {
                _typedCount = 0;
            }

            _lastKeyAt = now;
            if (key >= '0' && key <= '9')
            {
                if (_typedCount < MaxPinDigits)
                {
                    _typed[_typedCount++] = key;
                }
            }
            else if (key == '*')
            {
                _typedCount = 0;
            }
            else if (key == '#')
            {
                string pin = new string(_typed, 0, _typedCount);
                _typedCount = 0;
                SubmitPin(pin, readyCustodians, now);
            }
        }

        /// <summary>Handles a card held to the reader.</summary>
        /// <param name="uid">Its UID.</param>
        /// <param name="readyCustodians">The custodian named by each READY sleeve's grant ("" for a sleeve that is not READY).</param>
        /// <param name="now">Current uptime.</param>
        public void OnCard(byte[] uid, string[] readyCustodians, long now)
        {
            if (RefuseWhileLockedOut(now))
            {
                return;
            }

            CabinetAuthPolicy policy = _roster.Policy;
            if (policy == CabinetAuthPolicy.Pin)
            {
                Fail("card presented, but this village's cabinets take a PIN", string.Empty);
                return;
            }

            if (!CountAttempt())
            {
                return;
            }

            RosterEntry? entry = _roster.FindCard(uid);
            if (entry == null)
            {
                FailCounted("unknown card", string.Empty, now);
                return;
            }

            // A known card is no wrong attempt; but only a whole authentication clears the count, or a stolen card
            // presented again before each PIN would reset it.
            _state.Failures--;
            Save();
            if (!Contains(readyCustodians, entry.PersonId))
            {
                Fail("no READY grant for this person", entry.PersonId);
                return;
            }

            if (policy == CabinetAuthPolicy.PinAndCard)
            {
                _cardHolder = entry.PersonId;
                _cardAt = now;
                return;
            }

            ClearFailures();
            Succeed(entry.PersonId, "card", now);
        }

        /// <summary>
        /// The stamp button of a READY sleeve whose grant names <paramref name="custodianId"/> was pressed: allowed only for
        /// the person authenticated now, whose authentication it uses up.
        /// </summary>
        /// <param name="custodianId">The custodian the grant names.</param>
        /// <param name="now">Current uptime.</param>
        /// <returns>"" when the sleeve may unlock, else why not (for STAMP_BUTTON_REFUSED).</returns>
        public string AuthorizeStamp(string custodianId, long now)
        {
            string person = AuthenticatedPerson(now);
            if (person.Length == 0)
            {
                return "nobody authenticated at the cabinet";
            }

            if (custodianId != person)
            {
                return "the grant is for another person";
            }

            _person = string.Empty;
            return string.Empty;
        }

        private static bool Contains(string[] ids, string id)
        {
            for (int i = 0; i < ids.Length; i++)
            {
                if (ids[i] == id)
                {
                    return true;
                }
            }

            return false;
        }

        private static long LockoutMs(uint lockouts)
        {
            long ms = FirstLockoutMs;
            for (uint i = 1; i < lockouts && ms < MaxLockoutMs; i++)
            {
                ms *= 2;
            }

            return ms < MaxLockoutMs ? ms : MaxLockoutMs;
        }

        private void SubmitPin(string pin, string[] readyCustodians, long now)
        {
            if (RefuseWhileLockedOut(now))
            {
                return;
            }

            CabinetAuthPolicy policy = _roster.Policy;
            if (policy == CabinetAuthPolicy.Card)
            {
                Fail("PIN typed, but this village's cabinets take a card", string.Empty);
                return;
            }

            string[] candidates;
            if (policy == CabinetAuthPolicy.PinAndCard)
            {
                if (_cardHolder.Length == 0 || now - _cardAt >= CardWaitsForPinMs)
                {
                    _cardHolder = string.Empty;
                    Fail("PIN typed without a card first", string.Empty);
                    return;
                }

                candidates = new string[] { _cardHolder };
            }
            else
            {
                candidates = Distinct(readyCustodians);
            }

            if (candidates.Length == 0)
            {
                Fail("PIN typed while no sleeve is READY", string.Empty);
                return;
            }

            // Counted before the check: a power cut while the verifier is computed still leaves the attempt counted.
            if (!CountAttempt())
            {
                return;
            }

            byte[] password = Utf8.GetBytes(pin);
            for (int i = 0; i < candidates.Length; i++)
            {
                RosterEntry? entry = _roster.Find(candidates[i]);
                if (entry != null && entry.PinVerifier.Length == Pbkdf2.OutputSize && entry.PinIterations > 0
                    && ConstantTime.AreEqual(Pbkdf2.DeriveBlock(password, entry.PinSalt, entry.PinIterations, _mac), entry.PinVerifier))
                {
                    _cardHolder = string.Empty;
                    ClearFailures();
                    Succeed(candidates[i], policy == CabinetAuthPolicy.PinAndCard ? "card+pin" : "pin", now);
                    return;
                }
            }

            FailCounted("wrong PIN", candidates.Length == 1 ? candidates[0] : string.Empty, now);
        }

        private string[] Distinct(string[] ids)
        {
            string[] found = new string[ids.Length];
            int count = 0;
            for (int i = 0; i < ids.Length; i++)
            {
                bool seen = false;
                for (int j = 0; j < count; j++)
                {
                    seen = seen || found[j] == ids[i];
                }

                if (ids[i].Length > 0 && !seen)
                {
                    found[count++] = ids[i];
                }
            }

            string[] result = new string[count];
            System.Array.Copy(found, result, count);
            return result;
        }

        private bool RefuseWhileLockedOut(long now)
        {
            if (_lockedUntil < 0)
            {
                return false;
            }

            if (now >= _lockedUntil)
            {
                // The lockout is over: five more attempts, and the next lockout lasts twice as long.
                _lockedUntil = -1;
                _lockoutAttemptRecorded = false;
                _state.Failures = 0;
                Save();
                return false;
            }

            if (!_lockoutAttemptRecorded)
            {
                // One record per lockout: someone hammering the pad must not fill the journal.
                _lockoutAttemptRecorded = true;
                Fail("locked out for " + ((_lockedUntil - now + 999) / 1000).ToString() + " s more: attempts are refused unchecked", string.Empty);
            }

            return true;
        }

        private bool CountAttempt()
        {
            _state.Failures++;
            if (Save())
            {
                return true;
            }

            // An attempt that cannot be counted is not checked: otherwise a failing flash would allow endless guesses.
            _state.Failures--;
            Fail("attempt not checked: the attempt count could not be saved (flash error)", string.Empty);
            return false;
        }

        private void ClearFailures()
        {
            if (_state.Failures == 0 && _state.Lockouts == 0)
            {
                return;
            }

            _state.Failures = 0;
            _state.Lockouts = 0;
            Save();
        }

        private void FailCounted(string reason, string personId, long now)
        {
            Fail(reason + ", attempt " + _state.Failures.ToString() + " of " + MaxFailures.ToString(), personId);
            if (_state.Failures < MaxFailures)
            {
                return;
            }

            _state.Lockouts++;
            Save();
            long ms = LockoutMs(_state.Lockouts);
            _lockedUntil = now + ms;
            _lockoutAttemptRecorded = false;
            _person = string.Empty;
            _cardHolder = string.Empty;
            DeviceEvent e = new DeviceEvent();
            e.Type = EventType.AuthenticationLockout;
            e.PersonId = personId;
            e.Detail = MaxFailures.ToString() + " wrong attempts in a row: PIN pad and card reader refuse everyone for " + (ms / 1000).ToString()
                + " s (lockout " + _state.Lockouts.ToString() + ")";
            _host.Raise(e);
        }

        private void Fail(string reason, string personId)
        {
            DeviceEvent e = new DeviceEvent();
            e.Type = EventType.AuthenticationFailed;
            e.PersonId = personId;
            e.Detail = reason;
            _host.Raise(e);
        }

        private void Succeed(string personId, string method, long now)
        {
            _person = personId;
            _personUntil = now + SessionMs;
            _host.OnAuthenticated(personId, method);
        }

        private bool Save()
        {
            try
            {
                _stateFile.Save(_state.Serialize());
                return true;
            }
            catch (FlashStoreException)
            {
                return false;
            }
        }
    }
}
