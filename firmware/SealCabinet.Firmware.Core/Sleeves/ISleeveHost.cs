using SealCabinet.Firmware.Core.Messages;

namespace SealCabinet.Firmware.Core.Sleeves
{
    /// <summary>What a sleeve controller needs from the firmware around it.</summary>
    public interface ISleeveHost
    {
        /// <summary>Records an event (the host fills seq, times and identity, signs and journals it).</summary>
        /// <param name="deviceEvent">The event.</param>
        void Raise(DeviceEvent deviceEvent);

        /// <summary>Persists the state of all sleeves (called before any actuator moves).</summary>
        /// <returns>False when the flash refused the write: the caller must not move the solenoid.</returns>
        bool SaveSleeves();

        /// <summary>The trusted time (Unix ms), or -1 while the cabinet has none (after a boot, before a server answer).</summary>
        /// <returns>Milliseconds since the Unix epoch, or -1.</returns>
        long TrustedTimeMs();

        /// <summary>
        /// Whether the journal still holds its whole stamping reserve: a stamping starts only when every event it will
        /// record has room (several READY sleeves share the one reserve).
        /// </summary>
        /// <returns>True when a stamping may start.</returns>
        bool CanRecordStamping();

        /// <summary>
        /// Whether the person standing at the cabinet may use a READY grant for <paramref name="custodianId"/>: they must
        /// have authenticated as that person; the authentication is used up when the answer is yes.
        /// </summary>
        /// <param name="custodianId">The custodian the grant names.</param>
        /// <returns>"" when the sleeve may unlock, else why not.</returns>
        string AuthorizeStamp(string custodianId);

        /// <summary>Shows that sleeve <paramref name="sleeve"/> is READY (its light, and a short tone when it becomes so), or no longer.</summary>
        /// <param name="sleeve">Sleeve number 1..3.</param>
        /// <param name="ready">True when it became or is READY.</param>
        /// <param name="tone">Sound the short tone.</param>
        void ShowReady(uint sleeve, bool ready, bool tone);

        /// <summary>Asks for a photo of kind <paramref name="kind"/> for the grant in use on <paramref name="sleeve"/>.</summary>
        /// <param name="sleeve">Sleeve number 1..3.</param>
        /// <param name="kind">Photo kind.</param>
        /// <param name="grantId">The grant.</param>
        void RequestEvidence(uint sleeve, EvidenceKind kind, string grantId);
    }
}
