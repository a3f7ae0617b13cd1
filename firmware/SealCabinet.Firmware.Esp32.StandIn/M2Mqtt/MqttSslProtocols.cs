// COMPILE-ONLY STAND-IN: never deployed; the real image never references this assembly.
// Declares only the members the ESP32 board layer uses. Upstream: nanoFramework.M2Mqtt.Core 5.1.215, nanoFramework.M2Mqtt.Core/MqttSslProtocols.cs (None, SSLv3, TLSv1_0, TLSv1_1, TLSv1_2, TLSv1_3)
namespace nanoFramework.M2Mqtt
{
    public enum MqttSslProtocols
    {
        TLSv1_2 = 4,
    }
}
