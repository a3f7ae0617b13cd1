namespace SealCabinet.HardwareSim.Cli.Fleet;

/// <summary>One cabinet identity of a fleet (device id and secret as registered in the cloud).</summary>
internal sealed record FleetDevice(string DeviceId, byte[] Secret)
{
    /// <summary>Reads "device_id,secret_hex" lines ('#' comments allowed).</summary>
    public static IReadOnlyList<FleetDevice> Read(string path)
    {
        var devices = new List<FleetDevice>();
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split(',', StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0)
            {
                throw new FormatException($"{path}:{number}: expected device_id,secret_hex");
            }

            byte[] secret;
            try
            {
                secret = Convert.FromHexString(parts[1]);
            }
            catch (FormatException)
            {
                throw new FormatException($"{path}:{number}: secret is not hex");
            }

            devices.Add(secret.Length == 32 ? new FleetDevice(parts[0], secret) : throw new FormatException($"{path}:{number}: secret must be 32 bytes (64 hex digits)"));
        }

        return devices;
    }

    /// <summary>Writes the devices as "device_id,secret_hex" lines.</summary>
    public static void Write(string path, IEnumerable<FleetDevice> devices) =>
        File.WriteAllLines(path, ["# device_id,secret_hex: register these cabinets in the cloud", .. devices.Select(d => $"{d.DeviceId},{Convert.ToHexStringLower(d.Secret)}")]);
}
