using SealCabinet.Firmware.Core.Hardware;
using SealCabinet.Firmware.Host.Power;

namespace SealCabinet.Firmware.Host.Flash;

/// <summary>
/// The flash as a directory of plain files, written straight through with no buffering of our own, so killing the
/// process leaves exactly what a power cut leaves on the device (at worst a torn tail of the last append). Enforces a
/// capacity like the LittleFS partition. Optionally gated by a <see cref="PowerRail"/> (every call of a dead board
/// throws <see cref="PowerLostException"/>) and struck by armed torn-write power cuts; both are off by default.
/// </summary>
public sealed class DirectoryFlashStore : IFlashStore
{
    /// <summary>The longest file name accepted.</summary>
    public const int MaxNameLength = 64;

    private readonly string _directory;
    private readonly PowerRail _rail;
    private readonly Func<string, TornWritePlan?> _tornWrite;

    /// <summary>Uses (and creates) <paramref name="directory"/>.</summary>
    /// <param name="directory">The flash directory.</param>
    /// <param name="capacityBytes">Space reported and enforced for all files together (the partition).</param>
    /// <param name="rail">The boot's power, or null for a board that never loses it.</param>
    /// <param name="tornWrite">Given the file about to be written, returns (and disarms) an armed torn-write power cut for it, or null; null for none.</param>
    public DirectoryFlashStore(string directory, long capacityBytes = 256 * 1024, PowerRail? rail = null, Func<string, TornWritePlan?>? tornWrite = null)
    {
        _directory = Path.GetFullPath(directory);
        _rail = rail ?? new PowerRail();
        _tornWrite = tornWrite ?? (_ => null);
        CapacityBytes = capacityBytes;
        Directory.CreateDirectory(_directory);
    }

    /// <summary>Raised after a complete append (file name, the bytes appended).</summary>
    public event Action<string, ReadOnlyMemory<byte>>? Appended;

    /// <summary>Total space for all files.</summary>
    public long CapacityBytes { get; }

    /// <summary>
    /// Whether every write is also flushed to the disk (fsync) before it returns. Off by default: a killed process
    /// (the simulator's power cut) loses nothing the operating system was given; on only matters for a host crash.
    /// </summary>
    public bool SyncToDisk { get; init; }

    /// <inheritdoc />
    public long FreeBytes => CapacityBytes - UsedBytes();

    /// <inheritdoc />
    public string[] List()
    {
        _rail.EnsureOn();
        return Directory.EnumerateFiles(_directory).Select(Path.GetFileName).OfType<string>().ToArray();
    }

    /// <inheritdoc />
    public int GetLength(string name)
    {
        _rail.EnsureOn();
        var info = new FileInfo(PathOf(name));
        return info.Exists ? (int)info.Length : -1;
    }

    /// <inheritdoc />
    public byte[]? ReadAll(string name)
    {
        _rail.EnsureOn();
        var path = PathOf(name);
        try
        {
            return File.Exists(path) ? File.ReadAllBytes(path) : null;
        }
        catch (IOException e)
        {
            throw new FlashStoreException($"reading {name} failed: {e.Message}");
        }
    }

    /// <inheritdoc />
    public void WriteAll(string name, byte[] data, int offset, int count)
    {
        _rail.EnsureOn();
        var path = PathOf(name);
        var existing = File.Exists(path) ? new FileInfo(path).Length : 0;
        if (count - existing > FreeBytes)
        {
            throw new FlashStoreException($"no space left on flash for {name} ({count} bytes)");
        }

        Write(name, path, FileMode.Create, data, offset, count);
    }

    /// <inheritdoc />
    public void Append(string name, byte[] data, int offset, int count)
    {
        _rail.EnsureOn();
        if (count > FreeBytes)
        {
            throw new FlashStoreException($"no space left on flash to append {count} bytes to {name}");
        }

        Write(name, PathOf(name), FileMode.Append, data, offset, count);
        Appended?.Invoke(name, new ReadOnlyMemory<byte>(data, offset, count));
    }

    /// <inheritdoc />
    public void Delete(string name)
    {
        _rail.EnsureOn();
        File.Delete(PathOf(name));
    }

    private void Write(string name, string path, FileMode mode, byte[] data, int offset, int count)
    {
        var plan = _tornWrite(name);
        var keep = plan is null ? count : plan.KeepFor(count);
        try
        {
            using var stream = new FileStream(path, mode, FileAccess.Write, FileShare.ReadWrite, bufferSize: 1);
            stream.Write(data, offset, keep);
            if (SyncToDisk)
            {
                stream.Flush(flushToDisk: true);
            }
        }
        catch (IOException e)
        {
            throw new FlashStoreException($"writing {name} failed: {e.Message}");
        }

        if (plan is not null)
        {
            _rail.Cut();
            throw new PowerLostException($"power cut while writing {name}: {keep} of {count} bytes reached the flash");
        }
    }

    private long UsedBytes() => Directory.EnumerateFiles(_directory).Sum(f => new FileInfo(f).Length);

    private string PathOf(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength || name.IndexOfAny(['/', '\\']) >= 0 || name is "." or "..")
        {
            throw new FlashStoreException($"invalid flash file name '{name}'");
        }

        return Path.Combine(_directory, name);
    }
}
