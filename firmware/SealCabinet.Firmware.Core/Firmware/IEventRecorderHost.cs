namespace SealCabinet.Firmware.Core.Firmware
{
    /// <summary>What the <see cref="EventRecorder"/> reports back to the firmware around it.</summary>
    public interface IEventRecorderHost
    {
        /// <summary>The recorder changed the acked seq or the chain epoch of the shared <see cref="DeviceState"/>: persist it.</summary>
        void SaveDeviceState();

        /// <summary>An alarm was journaled: sound the buzzer.</summary>
        void OnAlarmRecorded();

        /// <summary>An ordinary event was dropped because the journal reached its reserve.</summary>
        void OnOrdinaryEventDropped();

        /// <summary>A stamping event or an alarm could not be journaled at all: count it and sound the buzzer.</summary>
        void OnEventLost();
    }
}
