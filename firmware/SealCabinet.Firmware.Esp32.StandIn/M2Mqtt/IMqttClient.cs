// COMPILE-ONLY STAND-IN: never deployed; the real image never references this assembly.
// Declares only the members the ESP32 board layer uses. Upstream: nanoFramework.M2Mqtt.Core 5.1.215 (shipped in the nanoFramework.M2Mqtt package), nanoframework/nanoFramework.m2mqtt nanoFramework.M2Mqtt.Core/IMqttClient.cs; only the nested event delegates are used (the board subscribes to MqttClient's events, typed IMqttClient.*EventHandler in M2Mqtt/MqttClient.cs)
using nanoFramework.M2Mqtt.Messages;

namespace nanoFramework.M2Mqtt
{
    public interface IMqttClient
    {
        public delegate void MqttMsgPublishEventHandler(object sender, MqttMsgPublishEventArgs e);

        public delegate void MqttMsgSubscribedEventHandler(object sender, MqttMsgSubscribedEventArgs e);

        public delegate void ConnectionClosedEventHandler(object sender, System.EventArgs e);
    }
}
