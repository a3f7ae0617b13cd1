using SealCabinet.Firmware.Core.Messages;

namespace SealCabinet.Firmware.Core.Authentication
{
    /// <summary>What the authentication desk needs from the firmware around it.</summary>
    public interface IAuthenticationHost
    {
        /// <summary>Records an event (the host fills seq, times and identity, signs and journals it).</summary>
        /// <param name="deviceEvent">The event.</param>
        void Raise(DeviceEvent deviceEvent);

        /// <summary>
        /// A person authenticated: the host records CUSTODIAN_AUTHENTICATED for their READY grant, takes the person photo
        /// and sounds the tone.
        /// </summary>
        /// <param name="personId">The person.</param>
        /// <param name="method">"pin", "card" or "card+pin".</param>
        void OnAuthenticated(string personId, string method);
    }
}
