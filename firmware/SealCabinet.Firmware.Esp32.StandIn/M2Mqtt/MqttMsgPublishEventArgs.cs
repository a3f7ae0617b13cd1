// COMPILE-ONLY STAND-IN: never deployed; the real image never references this assembly.
// Declares only the members the ESP32 board layer uses. Upstream: nanoFramework.M2Mqtt.Core 5.1.215, nanoFramework.M2Mqtt.Core/Messages/MqttMsgPublishEventArgs.cs
namespace nanoFramework.M2Mqtt.Messages
{
    public class MqttMsgPublishEventArgs : System.EventArgs
    {
        private MqttMsgPublishEventArgs()
        {
        }

        public string Topic
        {
            get { throw new System.NotSupportedException(); }
        }

        public byte[] Message
        {
            get { throw new System.NotSupportedException(); }
        }
    }
}
