// COMPILE-ONLY STAND-IN: never deployed; the real image never references this assembly.
// Declares only the members the ESP32 board layer uses. Upstream: nanoFramework.Hardware.Esp32 1.6.37, nanoframework/nanoFramework.Hardware.Esp32 nanoFramework.Hardware.Esp32/Configuration.cs
namespace nanoFramework.Hardware.Esp32
{
    public class Configuration
    {
        private Configuration()
        {
        }

        public static void SetPinFunction(int pin, DeviceFunction value)
        {
            throw new System.NotSupportedException();
        }
    }
}
