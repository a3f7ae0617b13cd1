namespace SealCabinet.Firmware.Core.Evidence
{
    /// <summary>
    /// A structural check of a camera frame without decoding it (nanoFramework has no imaging library): the JPEG
    /// start-of-image marker, the markers up to the first frame header (SOFn) with their lengths inside the data, a
    /// frame header with 8- or 12-bit samples, 1 to 4 components and dimensions a camera module produces, and the
    /// end-of-image marker at the end (trailing zero bytes, which some serial camera modules pad with, are allowed).
    /// </summary>
    public static class JpegFrame
    {
        /// <summary>Smallest width and height accepted.</summary>
        public const int MinDimension = 8;

        /// <summary>Largest width and height accepted.</summary>
        public const int MaxDimension = 4096;

        /// <summary>Checks <paramref name="data"/> and reads its dimensions from the frame header.</summary>
        /// <param name="data">The frame read back from the camera.</param>
        /// <param name="width">The width in pixels (0 when not a JPEG).</param>
        /// <param name="height">The height in pixels (0 when not a JPEG).</param>
        /// <returns>True when the data is a JPEG with a plausible frame header.</returns>
        public static bool TryReadSize(byte[]? data, out int width, out int height)
        {
            width = 0;
            height = 0;
            if (data == null || data.Length < 4 || data[0] != 0xFF || data[1] != 0xD8 || !EndsWithEndOfImage(data))
            {
                return false;
            }

            int at = 2;
            while (at + 4 <= data.Length)
            {
                if (data[at] != 0xFF)
                {
                    return false;
                }

                byte marker = data[at + 1];
                if (marker == 0xFF)
                {
                    // A fill byte before the marker.
                    at++;
                    continue;
                }

                if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7))
                {
                    // Markers without a length (TEM, RSTn).
                    at += 2;
                    continue;
                }

                if (marker == 0xD8 || marker == 0xD9 || marker == 0xDA)
                {
                    // Another start, the end or the scan before any frame header: no frame to show.
                    return false;
                }

                int length = (data[at + 2] << 8) | data[at + 3];
                if (length < 2 || at + 2 + length > data.Length)
                {
                    return false;
                }

                if (IsStartOfFrame(marker))
                {
                    return ReadFrameHeader(data, at + 4, length - 2, out width, out height);
                }

                at += 2 + length;
            }

            return false;
        }

        private static bool IsStartOfFrame(byte marker)
        {
            // SOF0-SOF15 except DHT (C4), JPG (C8) and DAC (CC).
            return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        }

        private static bool ReadFrameHeader(byte[] data, int at, int length, out int width, out int height)
        {
            width = 0;
            height = 0;
            if (length < 6)
            {
                return false;
            }

            int precision = data[at];
            int rows = (data[at + 1] << 8) | data[at + 2];
            int columns = (data[at + 3] << 8) | data[at + 4];
            int components = data[at + 5];
            if ((precision != 8 && precision != 12) || components < 1 || components > 4 || length != 6 + (3 * components))
            {
                return false;
            }

            if (rows < MinDimension || rows > MaxDimension || columns < MinDimension || columns > MaxDimension)
            {
                return false;
            }

            width = columns;
            height = rows;
            return true;
        }

        private static bool EndsWithEndOfImage(byte[] data)
        {
            int end = data.Length;
            while (end > 2 && data[end - 1] == 0x00)
            {
                end--;
            }

            return end >= 4 && data[end - 2] == 0xFF && data[end - 1] == 0xD9;
        }
    }
}
