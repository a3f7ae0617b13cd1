using SealCabinet.Firmware.Core.Codec;
using SealCabinet.Firmware.Core.Crypto;
using SealCabinet.Firmware.Core.Hardware;
using SealCabinet.Firmware.Core.Messages;
using SealCabinet.Firmware.Core.Storage;

namespace SealCabinet.Firmware.Core.Authentication
{
    /// <summary>
    /// The custodian roster the cabinet holds: the newest <see cref="SignedRoster"/> whose MAC verified under the roster
    /// key, kept on flash exactly as received and verified again at every boot. Without one, nobody can authenticate and
    /// no stamp button opens anything.
    /// </summary>
    public sealed class CustodianRosterStore
    {
        /// <summary>Slot file name on the flash.</summary>
        public const string SlotName = "roster";

        private readonly string _deviceId;
        private readonly byte[] _rosterKey;
        private readonly IMacProvider _mac;
        private readonly SlotFile _file;
        private CustodianRoster? _roster;

        /// <summary>Creates the store and loads the saved roster (a saved roster that no longer verifies is ignored).</summary>
        /// <param name="flash">The flash.</param>
        /// <param name="deviceId">This cabinet's id.</param>
        /// <param name="rosterKey">The roster key.</param>
        /// <param name="mac">HMAC implementation.</param>
        public CustodianRosterStore(IFlashStore flash, string deviceId, byte[] rosterKey, IMacProvider mac)
        {
            _deviceId = deviceId;
            _rosterKey = rosterKey;
            _mac = mac;
            _file = new SlotFile(flash, SlotName);
            byte[]? saved = _file.Load();
            if (saved != null)
            {
                string refusal;
                _roster = Verify(saved, out refusal);
            }
        }

        /// <summary>The roster in force, or null when the cabinet has none.</summary>
        public CustodianRoster? Roster
        {
            get { return _roster; }
        }

        /// <summary>Version of the roster in force (0: none).</summary>
        public ulong Version
        {
            get { return _roster == null ? 0 : _roster.Version; }
        }

        /// <summary>The village's policy (PIN when there is no roster or it says nothing).</summary>
        public CabinetAuthPolicy Policy
        {
            get { return _roster == null || _roster.Policy == CabinetAuthPolicy.Unspecified ? CabinetAuthPolicy.Pin : _roster.Policy; }
        }

        /// <summary>Takes a roster from the cloud when it verifies and is newer than the one in force.</summary>
        /// <param name="signedRoster">The encoded SignedRoster.</param>
        /// <param name="result">What happened, for the ROSTER_UPDATED event ("" when the roster is the one in force already).</param>
        /// <returns>True when it replaced the roster in force.</returns>
        public bool Offer(byte[] signedRoster, out string result)
        {
            CustodianRoster? roster = Verify(signedRoster, out result);
            if (roster == null)
            {
                return false;
            }

            if (roster.Version <= Version)
            {
                // The same roster again (QoS 1, every poll) leaves no trace; an older one is refused and recorded.
                result = roster.Version == Version ? string.Empty : "refused: version " + roster.Version.ToString() + " is older than " + Version.ToString();
                return false;
            }

            try
            {
                _file.Save(signedRoster);
            }
            catch (FlashStoreException)
            {
                result = "refused: could not save it (flash error); the cabinet keeps version " + Version.ToString();
                return false;
            }

            _roster = roster;
            result = "version " + roster.Version.ToString() + ", policy " + PolicyName(Policy) + ", " + roster.Entries.Length.ToString() + " custodians";
            return true;
        }

        /// <summary>The entry of person <paramref name="personId"/>, or null.</summary>
        /// <param name="personId">The person id.</param>
        /// <returns>The entry.</returns>
        public RosterEntry? Find(string personId)
        {
            if (_roster == null || personId.Length == 0)
            {
                return null;
            }

            for (int i = 0; i < _roster.Entries.Length; i++)
            {
                if (_roster.Entries[i].PersonId == personId)
                {
                    return _roster.Entries[i];
                }
            }

            return null;
        }

        /// <summary>The entry whose card digest matches <paramref name="uid"/> (constant-time comparison), or null.</summary>
        /// <param name="uid">The card UID.</param>
        /// <returns>The entry.</returns>
        public RosterEntry? FindCard(byte[] uid)
        {
            if (_roster == null)
            {
                return null;
            }

            byte[] digest = _mac.ComputeHmacSha256(_rosterKey, uid, 0, uid.Length);
            RosterEntry? found = null;
            for (int i = 0; i < _roster.Entries.Length; i++)
            {
                // Every entry is compared, so the time taken does not tell which one matched.
                if (_roster.Entries[i].CardDigest.Length > 0 && ConstantTime.AreEqual(_roster.Entries[i].CardDigest, digest) && found == null)
                {
                    found = _roster.Entries[i];
                }
            }

            return found;
        }

        /// <summary>The policy's name as the events and docs spell it.</summary>
        /// <param name="policy">The policy.</param>
        /// <returns>"pin", "card", "pin-or-card" or "pin-and-card".</returns>
        public static string PolicyName(CabinetAuthPolicy policy)
        {
            switch (policy)
            {
                case CabinetAuthPolicy.Card:
                    return "card";
                case CabinetAuthPolicy.PinOrCard:
                    return "pin-or-card";
                case CabinetAuthPolicy.PinAndCard:
                    return "pin-and-card";
                default:
                    return "pin";
            }
        }

        private CustodianRoster? Verify(byte[] bytes, out string refusal)
        {
            try
            {
                SignedRoster signed = SignedRoster.Parse(bytes);
                if (!signed.HasValidMac(_rosterKey, _mac))
                {
                    refusal = "refused: bad MAC";
                    return null;
                }

                CustodianRoster roster = CustodianRoster.Parse(signed.Roster);
                if (roster.DeviceId != _deviceId)
                {
                    refusal = "refused: the roster is for " + roster.DeviceId;
                    return null;
                }

                refusal = string.Empty;
                return roster;
            }
            catch (ProtoDecodeException e)
            {
                refusal = "refused: malformed (" + e.Message + ")";
                return null;
            }
        }
    }
}
