using System;
using System.Threading;
using SealCabinet.Firmware.Core.Hardware;

namespace SealCabinet.Firmware.Esp32.Board.Mqtt
{
    /// <summary>
    /// Keeps the MQTT session up on a background thread: after a drop (or a failed first connect) it reconnects
    /// with <see cref="ReconnectBackoff"/> and re-subscribes. M2Mqtt only raises ConnectionClosed and flips
    /// IsConnected; nothing reconnects unless something like this does. The loop also polls every
    /// <see cref="CheckIntervalMs"/> because a half-open TCP connection is only noticed when a keep-alive fails.
    /// </summary>
    public sealed class MqttReconnectLoop
    {
        /// <summary>How often the loop checks the connection when nothing signalled it.</summary>
        public const int CheckIntervalMs = 15000;

        private readonly IMqttChannel _channel;
        private readonly MqttConnectOptions _options;
        private readonly string _subscribeTopic;
        private readonly IRandomSource _random;
        private readonly ReconnectBackoff _backoff = new ReconnectBackoff(2000, 300000);
        private readonly AutoResetEvent _wake = new AutoResetEvent(true);
        private readonly byte[] _jitter = new byte[2];
        private int _connects;

        /// <summary>Creates the loop; call <see cref="Start"/> to run it.</summary>
        /// <param name="channel">The channel to keep connected.</param>
        /// <param name="options">Connect options (identity, password, last will, clean session off).</param>
        /// <param name="subscribeTopic">The grants topic to (re)subscribe after each connect.</param>
        /// <param name="random">Jitter source.</param>
        public MqttReconnectLoop(IMqttChannel channel, MqttConnectOptions options, string subscribeTopic, IRandomSource random)
        {
            _channel = channel;
            _options = options;
            _subscribeTopic = subscribeTopic;
            _random = random;
        }

        /// <summary>Successful connects since start (the first one included).</summary>
        public int Connects
        {
            get { return _connects; }
        }

        /// <summary>Starts the background thread.</summary>
        public void Start()
        {
            new Thread(Run).Start();
        }

        /// <summary>Wakes the loop at once (call it from the channel's connection-lost handler).</summary>
        public void ConnectionLost()
        {
            _wake.Set();
        }

        private void Run()
        {
            while (true)
            {
                _wake.WaitOne(CheckIntervalMs, false);
                while (!_channel.IsConnected)
                {
                    if (_channel.Connect(_options) && _channel.Subscribe(_subscribeTopic))
                    {
                        _backoff.Reset();
                        Interlocked.Increment(ref _connects);
                        break;
                    }

                    // A connect without the subscription is useless for grants: drop it and retry the whole sequence.
                    if (_channel.IsConnected)
                    {
                        _channel.Disconnect();
                    }

                    _random.NextBytes(_jitter);
                    Thread.Sleep(_backoff.NextDelayMs((_jitter[0] << 8) | _jitter[1]));
                }
            }
        }
    }
}
