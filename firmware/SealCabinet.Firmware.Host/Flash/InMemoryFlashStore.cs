using System;
using System.Collections.Generic;
using System.Linq;
using SealCabinet.Firmware.Core.Hardware;
using SealCabinet.Firmware.Host.Power;

namespace SealCabinet.Firmware.Host.Flash
{
    /// <summary>
    /// Host-only flash store in memory, for tests and the simulator. It can model the two hazards the core
    /// must survive: running out of space (<see cref="CapacityBytes"/>) and a power cut in the middle of a
    /// write (<see cref="CutPowerAfterBytes"/>: the write stores only a prefix and <see cref="PowerLostException"/>
    /// unwinds the firmware, as if the CPU had stopped). Thread-safe.
    /// </summary>
    public sealed class InMemoryFlashStore : IFlashStore
    {
        private readonly Dictionary<string, Growable> _files = new(StringComparer.Ordinal);
        private readonly object _gate = new();
        private long _bytesUntilCut = -1;

        /// <summary>Creates a store of <paramref name="capacityBytes"/> bytes.</summary>
        /// <param name="capacityBytes">Total space for all files.</param>
        public InMemoryFlashStore(long capacityBytes = 256 * 1024)
        {
            CapacityBytes = capacityBytes;
        }

        /// <summary>Total space for all files.</summary>
        public long CapacityBytes { get; set; }

        /// <summary>Bytes written through <see cref="WriteAll"/> and <see cref="Append"/> since creation.</summary>
        public long BytesWritten { get; private set; }

        /// <summary>When true every write throws <see cref="FlashStoreException"/> without changing anything.</summary>
        public bool FailWrites { get; set; }

        /// <inheritdoc />
        public long FreeBytes
        {
            get
            {
                lock (_gate)
                {
                    return CapacityBytes - _files.Values.Sum(f => (long)f.Length);
                }
            }
        }

        /// <summary>
        /// Arms a power cut: after <paramref name="bytes"/> more bytes have been written, the write in progress
        /// keeps only the bytes up to that point and throws <see cref="PowerLostException"/>; later writes are
        /// refused the same way until <see cref="RestorePower"/>.
        /// </summary>
        /// <param name="bytes">Bytes that still reach flash.</param>
        public void CutPowerAfterBytes(long bytes)
        {
            lock (_gate)
            {
                _bytesUntilCut = bytes;
            }
        }

        /// <summary>Disarms the power cut (the board is powered again).</summary>
        public void RestorePower()
        {
            lock (_gate)
            {
                _bytesUntilCut = -1;
            }
        }

        /// <inheritdoc />
        public string[] List()
        {
            lock (_gate)
            {
                return _files.Keys.ToArray();
            }
        }

        /// <inheritdoc />
        public int GetLength(string name)
        {
            lock (_gate)
            {
                return _files.TryGetValue(name, out Growable? data) ? data.Length : -1;
            }
        }

        /// <inheritdoc />
        public byte[]? ReadAll(string name)
        {
            lock (_gate)
            {
                return _files.TryGetValue(name, out Growable? data) ? data.ToArray() : null;
            }
        }

        /// <inheritdoc />
        public void WriteAll(string name, byte[] data, int offset, int count)
        {
            lock (_gate)
            {
                int existing = _files.TryGetValue(name, out Growable? old) ? old.Length : 0;
                CheckSpace(name, count - existing);
                int allowed = AllowedBytes(count);
                Growable file = new();
                file.Append(data, offset, allowed);
                _files[name] = file;
                Written(allowed, count);
            }
        }

        /// <inheritdoc />
        public void Append(string name, byte[] data, int offset, int count)
        {
            lock (_gate)
            {
                CheckSpace(name, count);
                int allowed = AllowedBytes(count);
                if (!_files.TryGetValue(name, out Growable? file))
                {
                    file = new Growable();
                    _files[name] = file;
                }

                file.Append(data, offset, allowed);
                Written(allowed, count);
            }
        }

        /// <inheritdoc />
        public void Delete(string name)
        {
            lock (_gate)
            {
                ThrowIfPowerCut();
                _files.Remove(name);
            }
        }

        /// <summary>Replaces a file's content directly (test set-up; no power-cut or space checks).</summary>
        /// <param name="name">File name.</param>
        /// <param name="data">New content.</param>
        public void SetFile(string name, byte[] data)
        {
            lock (_gate)
            {
                Growable file = new();
                file.Append(data, 0, data.Length);
                _files[name] = file;
            }
        }

        /// <summary>Cuts a file to its first <paramref name="length"/> bytes (a torn write).</summary>
        /// <param name="name">File name.</param>
        /// <param name="length">Bytes kept.</param>
        public void Truncate(string name, int length)
        {
            lock (_gate)
            {
                _files[name].Length = length;
            }
        }

        /// <summary>A deep copy of every file (to restart from the same flash image many times).</summary>
        /// <returns>The copy.</returns>
        public InMemoryFlashStore Clone()
        {
            lock (_gate)
            {
                InMemoryFlashStore copy = new(CapacityBytes);
                foreach (KeyValuePair<string, Growable> file in _files)
                {
                    Growable clone = new();
                    clone.Append(file.Value.ToArray(), 0, file.Value.Length);
                    copy._files[file.Key] = clone;
                }

                return copy;
            }
        }

        private void CheckSpace(string name, long growth)
        {
            ThrowIfPowerCut();
            if (FailWrites)
            {
                throw new FlashStoreException("write to " + name + " failed (simulated fault)");
            }

            if (growth > FreeBytesUnlocked())
            {
                throw new FlashStoreException("no space left for " + name);
            }
        }

        private long FreeBytesUnlocked()
        {
            return CapacityBytes - _files.Values.Sum(f => (long)f.Length);
        }

        private int AllowedBytes(int count)
        {
            return _bytesUntilCut < 0 ? count : (int)Math.Min(count, _bytesUntilCut);
        }

        private void Written(int allowed, int count)
        {
            BytesWritten += allowed;
            if (_bytesUntilCut >= 0)
            {
                _bytesUntilCut -= allowed;
                if (allowed < count)
                {
                    _bytesUntilCut = 0;
                    throw new PowerLostException("power cut");
                }
            }
        }

        /// <summary>A file's bytes with spare capacity, so appends cost only the bytes appended.</summary>
        private sealed class Growable
        {
            private byte[] _buffer = new byte[256];

            public int Length { get; set; }

            public void Append(byte[] data, int offset, int count)
            {
                if (Length + count > _buffer.Length)
                {
                    Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + count));
                }

                Array.Copy(data, offset, _buffer, Length, count);
                Length += count;
            }

            public byte[] ToArray() => _buffer.AsSpan(0, Length).ToArray();
        }

        private void ThrowIfPowerCut()
        {
            if (_bytesUntilCut == 0)
            {
                throw new PowerLostException("power cut");
            }
        }
    }
}
