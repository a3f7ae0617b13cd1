using System.Security.Cryptography;
using SealCabinet.Firmware.Core.Hardware;

namespace SealCabinet.HardwareSim.Crypto;

/// <summary>The board's hardware RNG: the platform's cryptographic generator.</summary>
public sealed class SystemRandomSource : IRandomSource
{
    /// <inheritdoc />
    public void NextBytes(byte[] buffer) => RandomNumberGenerator.Fill(buffer);
}
