using System;
using System.IO;
using SealCabinet.Firmware.Core.Hardware;

namespace SealCabinet.Firmware.Esp32.Board.Storage
{
    /// <summary>
    /// <see cref="IFlashStore"/> on the ESP32's internal LittleFS drive I: (the 256 KB "config" partition it shares
    /// with nanoFramework's own <c>con_*</c> files, which are hidden from <see cref="List"/>). LittleFS is
    /// copy-on-write and power-loss safe per operation, but File.Move throws when the destination exists, so a
    /// whole-file replace is: write <c>name.tmp</c> and flush, delete <c>name</c>, move the temporary file into
    /// place. <see cref="RecoverInterruptedReplaces"/> finishes or undoes a replace cut short by a power loss and
    /// must run at boot before anything reads the store.
    /// </summary>
    public sealed class LittleFsFlashStore : IFlashStore
    {
        /// <summary>Suffix of the temporary file of an interrupted replace.</summary>
        public const string TempSuffix = ".tmp";

        // LittleFS on the ESP32 allocates whole 4 KB blocks, so every file costs at least one.
        private const int BlockBytes = 4096;
        private const string SystemFilePrefix = "con_";

        private readonly string _root;
        private readonly object _sync = new object();

        /// <summary>Creates the store.</summary>
        /// <param name="root">Drive root, <c>I:\</c> on the ESP32.</param>
        public LittleFsFlashStore(string root)
        {
            _root = root;
        }

        /// <summary>
        /// Completes or rolls back replaces interrupted by a power loss: a temporary file whose target is gone was
        /// fully written before the target was deleted, so it is moved into place; a temporary file next to its
        /// target belongs to a replace that never reached the delete, so the target is still the valid version.
        /// </summary>
        /// <returns>How many interrupted replaces were found.</returns>
        public int RecoverInterruptedReplaces()
        {
            lock (_sync)
            {
                int found = 0;
                string[] paths = Directory.GetFiles(_root);
                for (int i = 0; i < paths.Length; i++)
                {
                    string name = NameOf(paths[i]);
                    if (!name.EndsWith(TempSuffix))
                    {
                        continue;
                    }

                    found++;
                    string target = PathOf(name.Substring(0, name.Length - TempSuffix.Length));
                    if (File.Exists(target))
                    {
                        File.Delete(paths[i]);
                    }
                    else
                    {
                        File.Move(paths[i], target);
                    }
                }

                return found;
            }
        }

        /// <inheritdoc />
        public string[] List()
        {
            lock (_sync)
            {
                string[] paths = Directory.GetFiles(_root);
                int count = 0;
                string[] names = new string[paths.Length];
                for (int i = 0; i < paths.Length; i++)
                {
                    string name = NameOf(paths[i]);
                    if (!name.StartsWith(SystemFilePrefix) && !name.EndsWith(TempSuffix))
                    {
                        names[count++] = name;
                    }
                }

                string[] result = new string[count];
                Array.Copy(names, result, count);
                return result;
            }
        }

        /// <inheritdoc />
        public int GetLength(string name)
        {
            lock (_sync)
            {
                string path = PathOf(name);
                return File.Exists(path) ? (int)new FileInfo(path).Length : -1;
            }
        }

        /// <inheritdoc />
        public byte[]? ReadAll(string name)
        {
            lock (_sync)
            {
                string path = PathOf(name);
                if (!File.Exists(path))
                {
                    return null;
                }

                try
                {
                    return File.ReadAllBytes(path);
                }
                catch (Exception ex)
                {
                    throw new FlashStoreException("reading " + name + " failed: " + ex.Message);
                }
            }
        }

        /// <inheritdoc />
        public void WriteAll(string name, byte[] data, int offset, int count)
        {
            lock (_sync)
            {
                string path = PathOf(name);
                string temp = path + TempSuffix;
                try
                {
                    WriteFile(temp, FileMode.Create, data, offset, count);
                    if (File.Exists(path))
                    {
                        File.Delete(path);
                    }

                    File.Move(temp, path);
                }
                catch (Exception ex)
                {
                    throw new FlashStoreException("writing " + name + " failed: " + ex.Message);
                }
            }
        }

        /// <inheritdoc />
        public void Append(string name, byte[] data, int offset, int count)
        {
            lock (_sync)
            {
                try
                {
                    WriteFile(PathOf(name), FileMode.Append, data, offset, count);
                }
                catch (Exception ex)
                {
                    throw new FlashStoreException("appending to " + name + " failed: " + ex.Message);
                }
            }
        }

        /// <inheritdoc />
        public void Delete(string name)
        {
            lock (_sync)
            {
                string path = PathOf(name);
                if (File.Exists(path))
                {
                    File.Delete(path);
                }
            }
        }

        /// <inheritdoc />
        public long FreeBytes
        {
            get
            {
                // nanoFramework's DriveInfo reports the drive size but no free space: estimate it from the files,
                // rounding each up to whole LittleFS blocks (metadata blocks make the true figure a little lower).
                lock (_sync)
                {
                    long used = 0;
                    string[] paths = Directory.GetFiles(_root);
                    for (int i = 0; i < paths.Length; i++)
                    {
                        long length = new FileInfo(paths[i]).Length;
                        used += (length + BlockBytes - 1) / BlockBytes * BlockBytes + BlockBytes;
                    }

                    long free = new DriveInfo(_root).TotalSize - used;
                    return free < 0 ? 0 : free;
                }
            }
        }

        private static void WriteFile(string path, FileMode mode, byte[] data, int offset, int count)
        {
            FileStream stream = new FileStream(path, mode);
            try
            {
                stream.Write(data, offset, count);
                stream.Flush();
            }
            finally
            {
                stream.Dispose();
            }
        }

        private string PathOf(string name)
        {
            return _root + name;
        }

        private static string NameOf(string path)
        {
            int slash = path.LastIndexOf('\\');
            return slash < 0 ? path : path.Substring(slash + 1);
        }
    }
}
