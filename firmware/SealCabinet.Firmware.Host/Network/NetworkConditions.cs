namespace SealCabinet.Firmware.Host.Network;

/// <summary>
/// The cabinet's view of the network, switched by fault injection: the whole link (Wi-Fi) down, or only the
/// gateway (cloud) or only the MQTT broker unreachable. Changes take effect on the next call; dropping a live MQTT
/// connection is done by the channel when it sees the change.
/// </summary>
public sealed class NetworkConditions
{
    private volatile bool _linkUp = true;
    private volatile bool _cloudReachable = true;
    private volatile bool _brokerReachable = true;
    private volatile bool _holdMqttDelivery;

    /// <summary>Raised after any change.</summary>
    public event Action? Changed;

    /// <summary>Whether the Wi-Fi link is up.</summary>
    public bool LinkUp
    {
        get => _linkUp;
        set
        {
            _linkUp = value;
            Changed?.Invoke();
        }
    }

    /// <summary>Whether the gateway answers (when the link is up).</summary>
    public bool CloudReachable
    {
        get => _cloudReachable;
        set
        {
            _cloudReachable = value;
            Changed?.Invoke();
        }
    }

    /// <summary>Whether the broker answers (when the link is up).</summary>
    public bool BrokerReachable
    {
        get => _brokerReachable;
        set
        {
            _brokerReachable = value;
            Changed?.Invoke();
        }
    }

    /// <summary>
    /// Whether MQTT messages that reached the board are held back before the firmware sees them (a slow or stalled
    /// link between the radio and the firmware: delivery that arrives late). Released messages are delivered in order.
    /// </summary>
    public bool HoldMqttDelivery
    {
        get => _holdMqttDelivery;
        set
        {
            _holdMqttDelivery = value;
            Changed?.Invoke();
        }
    }

    /// <summary>Whether a gateway call can get through now.</summary>
    public bool CanReachCloud => _linkUp && _cloudReachable;

    /// <summary>Whether the broker can be reached now.</summary>
    public bool CanReachBroker => _linkUp && _brokerReachable;
}
