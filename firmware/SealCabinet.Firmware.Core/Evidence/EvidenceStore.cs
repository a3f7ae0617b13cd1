using System.Collections;
using SealCabinet.Firmware.Core.Codec;
using SealCabinet.Firmware.Core.Hardware;
using SealCabinet.Firmware.Core.Messages;
using SealCabinet.Firmware.Core.Storage;

namespace SealCabinet.Firmware.Core.Evidence
{
    /// <summary>
    /// Photos waiting for upload, one file each ("ev_{id}") within a flash budget. Layout: magic "SCEV" (4),
    /// kind (1), id length (1), id (ASCII), data length (u32 BE), data, CRC-32 (u32 BE) of everything before.
    /// A file torn by a power cut fails its CRC and is discarded (the signed EVIDENCE_CAPTURED event still
    /// carries the photo's evidence MAC, so the cloud knows a photo is missing).
    /// </summary>
    public sealed class EvidenceStore
    {
        private const string Prefix = "ev_";
        private const uint Magic = 0x53434556;
        private readonly IFlashStore _flash;
        private readonly int _budgetBytes;

        /// <summary>Creates the store.</summary>
        /// <param name="flash">The flash store.</param>
        /// <param name="budgetBytes">Most bytes of photos kept at once.</param>
        public EvidenceStore(IFlashStore flash, int budgetBytes)
        {
            _flash = flash;
            _budgetBytes = budgetBytes;
        }

        /// <summary>Bytes of photo files on flash.</summary>
        public int UsedBytes
        {
            get
            {
                int used = 0;
                string[] names = _flash.List();
                for (int i = 0; i < names.Length; i++)
                {
                    if (names[i].StartsWith(Prefix))
                    {
                        int length = _flash.GetLength(names[i]);
                        used += length < 0 ? 0 : length;
                    }
                }

                return used;
            }
        }

        /// <summary>Stores a photo if it fits the budget.</summary>
        /// <param name="id">Evidence id (ASCII, at most 64 characters).</param>
        /// <param name="kind">Photo kind.</param>
        /// <param name="data">The JPEG.</param>
        /// <returns>True when stored.</returns>
        public bool Save(string id, EvidenceKind kind, byte[] data)
        {
            byte[] idBytes = Utf8.GetBytes(id);
            int size = 4 + 1 + 1 + idBytes.Length + 4 + data.Length + 4;
            if (idBytes.Length > 64 || UsedBytes + size > _budgetBytes)
            {
                return false;
            }

            byte[] file = new byte[size];
            BigEndian.WriteUInt32(file, 0, Magic);
            file[4] = (byte)kind;
            file[5] = (byte)idBytes.Length;
            System.Array.Copy(idBytes, 0, file, 6, idBytes.Length);
            int p = 6 + idBytes.Length;
            BigEndian.WriteUInt32(file, p, (uint)data.Length);
            System.Array.Copy(data, 0, file, p + 4, data.Length);
            BigEndian.WriteUInt32(file, size - 4, Crc32.Compute(file, 0, size - 4));
            try
            {
                _flash.WriteAll(Prefix + id, file, 0, size);
            }
            catch (FlashStoreException)
            {
                _flash.Delete(Prefix + id);
                return false;
            }

            return true;
        }

        /// <summary>Ids of the stored photos, oldest file name first.</summary>
        /// <returns>The ids.</returns>
        public string[] PendingIds()
        {
            string[] names = _flash.List();
            ArrayList ids = new ArrayList();
            for (int i = 0; i < names.Length; i++)
            {
                if (names[i].StartsWith(Prefix))
                {
                    ids.Add(names[i].Substring(Prefix.Length));
                }
            }

            string[] result = new string[ids.Count];
            for (int i = 0; i < result.Length; i++)
            {
                result[i] = (string)ids[i]!;
            }

            return result;
        }

        /// <summary>Loads a photo; a damaged file is deleted and null returned.</summary>
        /// <param name="id">Evidence id.</param>
        /// <returns>The photo or null.</returns>
        public EvidenceItem? Load(string id)
        {
            byte[]? file = _flash.ReadAll(Prefix + id);
            if (file == null)
            {
                return null;
            }

            if (file.Length < 14 || BigEndian.ReadUInt32(file, 0) != Magic || BigEndian.ReadUInt32(file, file.Length - 4) != Crc32.Compute(file, 0, file.Length - 4))
            {
                _flash.Delete(Prefix + id);
                return null;
            }

            int idLength = file[5];
            int p = 6 + idLength;
            if (p + 8 > file.Length || BigEndian.ReadUInt32(file, p) != (uint)(file.Length - p - 8))
            {
                _flash.Delete(Prefix + id);
                return null;
            }

            byte[] data = new byte[file.Length - p - 8];
            System.Array.Copy(file, p + 4, data, 0, data.Length);
            return new EvidenceItem(id, (EvidenceKind)file[4], data);
        }

        /// <summary>Deletes a photo (after the cloud stored all of it).</summary>
        /// <param name="id">Evidence id.</param>
        public void Delete(string id)
        {
            _flash.Delete(Prefix + id);
        }
    }
}
