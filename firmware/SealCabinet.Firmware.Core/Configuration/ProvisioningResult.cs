namespace SealCabinet.Firmware.Core.Configuration
{
    /// <summary>The result of reading a provisioning file: a complete configuration, or a fault and why.</summary>
    public sealed class ProvisioningResult
    {
        /// <summary>Creates the result.</summary>
        /// <param name="fault">The fault, None when valid.</param>
        /// <param name="message">What is wrong, naming the field; empty when valid.</param>
        /// <param name="configuration">The configuration when valid.</param>
        public ProvisioningResult(ConfigurationFault fault, string message, DeviceConfiguration? configuration)
        {
            Fault = fault;
            Message = message;
            Configuration = configuration;
        }

        /// <summary>The fault (None when valid).</summary>
        public ConfigurationFault Fault { get; }

        /// <summary>What is wrong.</summary>
        public string Message { get; }

        /// <summary>The configuration, only when <see cref="Fault"/> is None.</summary>
        public DeviceConfiguration? Configuration { get; }

        /// <summary>True when the file is valid.</summary>
        public bool IsValid
        {
            get { return Fault == ConfigurationFault.None; }
        }
    }
}
