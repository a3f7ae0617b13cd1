using SealCabinet.Firmware.Core.Messages;

namespace SealCabinet.Firmware.Core.Events
{
    /// <summary>
    /// How much of the journal an event may use: ordinary events stop at the reserve, stamping events may
    /// use the stamping reserve, alarms may use everything. See docs/firmware.md, "When the journal is full".
    /// </summary>
    public static class EventPriority
    {
        /// <summary>Boot, heartbeat, refusals, self-test: dropped (and counted) once the journal reaches its reserve.</summary>
        public const int Ordinary = 0;

        /// <summary>Events of a stamping in progress: may use the stamping reserve.</summary>
        public const int Stamping = 1;

        /// <summary>Alarms and the journal-full notice: may use the whole journal.</summary>
        public const int Alarm = 2;

        /// <summary>The priority class of an event type.</summary>
        /// <param name="type">The type.</param>
        /// <returns><see cref="Ordinary"/>, <see cref="Stamping"/> or <see cref="Alarm"/>.</returns>
        public static int Of(EventType type)
        {
            switch (type)
            {
                case EventType.GrantAccepted:
                case EventType.SleeveUnlocked:
                case EventType.SealLifted:
                case EventType.Press:
                case EventType.SealReturned:
                case EventType.SleeveRelocked:
                case EventType.UnlockWindowExpired:
                case EventType.EvidenceCaptured:
                case EventType.CustodianAuthenticated:
                case EventType.GrantWithdrawn:
                    return Stamping;
                case EventType.OveruseAlarm:
                case EventType.SealNotReturnedAlarm:
                case EventType.ForcedOpenAlarm:
                case EventType.TamperAlarm:
                case EventType.SensorFault:
                case EventType.WrongSealReturned:
                case EventType.JournalFull:
                case EventType.ConfigFault:
                case EventType.AuthenticationLockout:
                    return Alarm;
                default:
                    return Ordinary;
            }
        }
    }
}
