using SealCabinet.Cloud.Tool.Infrastructure;

namespace SealCabinet.Cloud.Tool.Provisioning;

/// <summary>
/// Wi-Fi network and password for the cabinet. Never taken from the command line (shell history, process list):
/// read from a file ("ssid=…" and "password=…" lines) or asked on the terminal with the password not echoed.
/// </summary>
internal sealed record WifiCredentials(string Ssid, string Password)
{
    public static WifiCredentials FromFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"--wifi-file: '{path}' does not exist");
        }

        string? ssid = null;
        string? password = null;
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var eq = line.IndexOf('=');
            var key = eq < 0 ? line : line[..eq].Trim();
            var value = eq < 0 ? "" : line[(eq + 1)..];
            switch (key)
            {
                case "ssid": ssid = value; break;
                case "password": password = value; break;
                default: throw new UsageException($"--wifi-file: unknown line '{key}' (expected ssid=… and password=…)");
            }
        }

        return Checked(ssid, password, "--wifi-file");
    }

    public static WifiCredentials Ask(TextReader input, TextWriter prompt, Func<string> readSecret)
    {
        prompt.Write("Wi-Fi network (SSID): ");
        var ssid = input.ReadLine();
        prompt.Write("Wi-Fi password (not shown): ");
        var password = readSecret();
        prompt.WriteLine();
        return Checked(ssid, password, "Wi-Fi prompt");
    }

    /// <summary>Reads a line from the console without echoing it.</summary>
    public static string ReadHidden()
    {
        var chars = new List<char>();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                return new string([.. chars]);
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (chars.Count > 0)
                {
                    chars.RemoveAt(chars.Count - 1);
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                chars.Add(key.KeyChar);
            }
        }
    }

    private static WifiCredentials Checked(string? ssid, string? password, string source)
    {
        if (string.IsNullOrEmpty(ssid) || System.Text.Encoding.UTF8.GetByteCount(ssid) > 32)
        {
            throw new UsageException($"{source}: ssid must be 1..32 bytes");
        }

        // WPA2-PSK: 8..63 characters; an empty password means an open network.
        if (password is null || (password.Length != 0 && (password.Length < 8 || password.Length > 63)))
        {
            throw new UsageException($"{source}: password must be empty (open network) or 8..63 characters");
        }

        return new WifiCredentials(ssid, password);
    }
}
