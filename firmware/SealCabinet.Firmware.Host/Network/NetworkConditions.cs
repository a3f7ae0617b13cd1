namespace SealCabinet.Firmware.Host.Network;

/// <summary>
/// The cabinet's view of the network, switched by fault injection: the whole link (Wi-Fi) down, or only the
/// gateway (cloud) or only the MQTT broker unreachable. Changes take effect on the next call; dropping a live MQTT
/// connection is done by the channel when it sees the change. A new instance is all up: no fault.
/// </summary>
public sealed class NetworkConditions
{
    private bool _linkUp = true;
    private bool _cloudReachable = true;
    private bool _brokerReachable = true;
    private bool _holdMqttDelivery;

    /// <summary>Raised after any change.</summary>
    public event Action? Changed;

    /// <summary>Whether the Wi-Fi link is up.</summary>
    public bool LinkUp
    {
        get => Volatile.Read(ref _linkUp);
        set => Set(ref _linkUp, value);
    }

    /// <summary>Whether the gateway answers (when the link is up).</summary>
    public bool CloudReachable
    {
        get => Volatile.Read(ref _cloudReachable);
        set => Set(ref _cloudReachable, value);
    }

    /// <summary>Whether the broker answers (when the link is up).</summary>
    public bool BrokerReachable
    {
        get => Volatile.Read(ref _brokerReachable);
        set => Set(ref _brokerReachable, value);
    }

    /// <summary>
    /// Whether MQTT messages that reached the board are held back before the firmware sees them (a slow or stalled
    /// link between the radio and the firmware: delivery that arrives late). Released messages are delivered in order.
    /// </summary>
    public bool HoldMqttDelivery
    {
        get => Volatile.Read(ref _holdMqttDelivery);
        set => Set(ref _holdMqttDelivery, value);
    }

    /// <summary>Whether a gateway call can get through now.</summary>
    public bool CanReachCloud => LinkUp && CloudReachable;

    /// <summary>Whether the broker can be reached now.</summary>
    public bool CanReachBroker => LinkUp && BrokerReachable;

    private void Set(ref bool field, bool value)
    {
        Volatile.Write(ref field, value);
        Changed?.Invoke();
    }
}
