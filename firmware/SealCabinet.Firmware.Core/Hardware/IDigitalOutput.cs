namespace SealCabinet.Firmware.Core.Hardware
{
    /// <summary>A digital output: a solenoid driver, the camera trigger, the status LED or the buzzer.</summary>
    public interface IDigitalOutput
    {
        /// <summary>Drives the output.</summary>
        /// <param name="on">True energises (solenoid pulls, LED lights, buzzer sounds).</param>
        void Write(bool on);
    }
}
