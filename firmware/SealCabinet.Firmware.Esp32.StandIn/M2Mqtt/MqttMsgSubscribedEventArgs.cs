// COMPILE-ONLY STAND-IN: never deployed; the real image never references this assembly.
// Declares only the members the ESP32 board layer uses. Upstream: nanoFramework.M2Mqtt.Core 5.1.215, nanoFramework.M2Mqtt.Core/Messages/MqttMsgSubscribedEventArgs.cs (built as new MqttMsgSubscribedEventArgs(suback.MessageId, suback.GrantedQoSLevels) in M2Mqtt/MqttClient.cs)
namespace nanoFramework.M2Mqtt.Messages
{
    public class MqttMsgSubscribedEventArgs : System.EventArgs
    {
        private MqttMsgSubscribedEventArgs()
        {
        }

        public ushort MessageId
        {
            get { throw new System.NotSupportedException(); }
        }

        public MqttQoSLevel[] GrantedQoSLevels
        {
            get { throw new System.NotSupportedException(); }
        }
    }
}
