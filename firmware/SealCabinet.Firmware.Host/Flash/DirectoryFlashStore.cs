using System;
using System.IO;
using System.Linq;
using SealCabinet.Firmware.Core.Hardware;

namespace SealCabinet.Firmware.Host.Flash
{
    /// <summary>Host-only flash store backed by a directory (the simulator's persistent flash).</summary>
    public sealed class DirectoryFlashStore : IFlashStore
    {
        private readonly string _directory;

        /// <summary>Uses (and creates) <paramref name="directory"/>.</summary>
        /// <param name="directory">The directory holding the files.</param>
        /// <param name="capacityBytes">Space reported and enforced for all files together.</param>
        public DirectoryFlashStore(string directory, long capacityBytes = 256 * 1024)
        {
            _directory = directory;
            CapacityBytes = capacityBytes;
            Directory.CreateDirectory(directory);
        }

        /// <summary>Total space for all files.</summary>
        public long CapacityBytes { get; }

        /// <inheritdoc />
        public long FreeBytes => CapacityBytes - Directory.EnumerateFiles(_directory).Sum(f => new FileInfo(f).Length);

        /// <inheritdoc />
        public string[] List() => Directory.EnumerateFiles(_directory).Select(Path.GetFileName).OfType<string>().ToArray();

        /// <inheritdoc />
        public int GetLength(string name)
        {
            FileInfo info = new(PathOf(name));
            return info.Exists ? (int)info.Length : -1;
        }

        /// <inheritdoc />
        public byte[]? ReadAll(string name)
        {
            try
            {
                return File.Exists(PathOf(name)) ? File.ReadAllBytes(PathOf(name)) : null;
            }
            catch (IOException e)
            {
                throw new FlashStoreException("read of " + name + " failed: " + e.Message);
            }
        }

        /// <inheritdoc />
        public void WriteAll(string name, byte[] data, int offset, int count)
        {
            int existing = Math.Max(0, GetLength(name));
            Write(name, count - existing, () =>
            {
                using FileStream stream = new(PathOf(name), FileMode.Create, FileAccess.Write);
                stream.Write(data, offset, count);
                stream.Flush(true);
            });
        }

        /// <inheritdoc />
        public void Append(string name, byte[] data, int offset, int count)
        {
            Write(name, count, () =>
            {
                using FileStream stream = new(PathOf(name), FileMode.Append, FileAccess.Write);
                stream.Write(data, offset, count);
                stream.Flush(true);
            });
        }

        /// <inheritdoc />
        public void Delete(string name) => File.Delete(PathOf(name));

        private void Write(string name, long growth, Action write)
        {
            if (growth > FreeBytes)
            {
                throw new FlashStoreException("no space left for " + name);
            }

            try
            {
                write();
            }
            catch (IOException e)
            {
                throw new FlashStoreException("write of " + name + " failed: " + e.Message);
            }
        }

        private string PathOf(string name)
        {
            if (name.Length == 0 || name.IndexOfAny(['/', '\\']) >= 0 || name is "." or "..")
            {
                throw new FlashStoreException("invalid file name '" + name + "'");
            }

            return Path.Combine(_directory, name);
        }
    }
}
