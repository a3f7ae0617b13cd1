// COMPILE-ONLY STAND-IN: never deployed; the real image never references this assembly.
// Declares only the members the ESP32 board layer uses. Upstream: nanoFramework.Hardware.Esp32 1.6.37, nanoframework/nanoFramework.Hardware.Esp32 nanoFramework.Hardware.Esp32/Sleep.cs
namespace nanoFramework.Hardware.Esp32
{
    public class Sleep
    {
        private Sleep()
        {
        }

        public enum WakeupCause
        {
            Undefined = 0,
        }

        public static WakeupCause GetWakeupCause()
        {
            throw new System.NotSupportedException();
        }
    }
}
