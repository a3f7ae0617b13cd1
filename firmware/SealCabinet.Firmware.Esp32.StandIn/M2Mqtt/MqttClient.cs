// COMPILE-ONLY STAND-IN: never deployed; the real image never references this assembly.
// Declares only the members the ESP32 board layer uses. Upstream: nanoFramework.M2Mqtt 5.1.215, nanoframework/nanoFramework.m2mqtt M2Mqtt/MqttClient.cs
using System.Collections;
using System.Security.Cryptography.X509Certificates;
using nanoFramework.M2Mqtt.Messages;

namespace nanoFramework.M2Mqtt
{
    public class MqttClient
    {
        public MqttClient(string brokerHostName, int brokerPort, bool secure, X509Certificate caCert, X509Certificate clientCert, MqttSslProtocols sslProtocol)
        {
            throw new System.NotSupportedException();
        }

        public event IMqttClient.MqttMsgPublishEventHandler MqttMsgPublishReceived
        {
            add { throw new System.NotSupportedException(); }
            remove { throw new System.NotSupportedException(); }
        }

        public event IMqttClient.MqttMsgSubscribedEventHandler MqttMsgSubscribed
        {
            add { throw new System.NotSupportedException(); }
            remove { throw new System.NotSupportedException(); }
        }

        public event IMqttClient.ConnectionClosedEventHandler ConnectionClosed
        {
            add { throw new System.NotSupportedException(); }
            remove { throw new System.NotSupportedException(); }
        }

        public bool IsConnected
        {
            get { throw new System.NotSupportedException(); }
        }

        public MqttReasonCode Connect(string clientId, string username, string password, bool willRetain, MqttQoSLevel willQosLevel, bool willFlag, string willTopic, string willMessage, bool cleanSession, ushort keepAlivePeriod)
        {
            throw new System.NotSupportedException();
        }

        public ushort Subscribe(string[] topics, MqttQoSLevel[] qosLevels)
        {
            throw new System.NotSupportedException();
        }

        public ushort Publish(string topic, byte[] message, string contentType, ArrayList userProperties, MqttQoSLevel qosLevel, bool retain)
        {
            throw new System.NotSupportedException();
        }

        public void Disconnect()
        {
            throw new System.NotSupportedException();
        }

        public void Close()
        {
            throw new System.NotSupportedException();
        }
    }
}
