// COMPILE-ONLY STAND-IN: never deployed; the real image never references this assembly.
// Declares only the members the ESP32 board layer uses. Upstream: nanoFramework.System.Net 1.11.52 (assembly System.Net), System.Security.Cryptography.X509Certificates.X509Certificate; the byte[] constructor is the one M2Mqtt/MqttClient.cs calls
namespace System.Security.Cryptography.X509Certificates
{
    public class X509Certificate
    {
        public X509Certificate(byte[] certificate)
        {
            throw new NotSupportedException();
        }
    }
}
