namespace SealCabinet.Firmware.Core.Codec
{
    /// <summary>
    /// UTF-8 conversion written out by hand: nanoFramework's mscorlib has no System.Text.Encoding.
    /// Encoding replaces a lone surrogate with U+FFFD exactly as .NET's Encoding.UTF8 does, so encoded
    /// strings match Google.Protobuf byte for byte. Decoding is strict: malformed UTF-8 is refused.
    /// </summary>
    public static class Utf8
    {
        /// <summary>Number of bytes <paramref name="value"/> takes in UTF-8.</summary>
        /// <param name="value">The string; null counts as empty.</param>
        /// <returns>The UTF-8 byte count.</returns>
        public static int GetByteCount(string? value)
        {
            if (value == null)
            {
                return 0;
            }

            int count = 0;
            int length = value.Length;
            for (int i = 0; i < length; i++)
            {
                char c = value[i];
                if (c < 0x80)
                {
                    count += 1;
                }
                else if (c < 0x800)
                {
                    count += 2;
                }
                else if (IsHighSurrogate(c) && i + 1 < length && IsLowSurrogate(value[i + 1]))
                {
                    count += 4;
                    i++;
                }
                else
                {
                    // Ordinary BMP character, or a lone surrogate replaced by U+FFFD (also 3 bytes).
                    count += 3;
                }
            }

            return count;
        }

        /// <summary>Encodes <paramref name="value"/> into <paramref name="buffer"/> at <paramref name="offset"/>.</summary>
        /// <param name="value">The string; null writes nothing.</param>
        /// <param name="buffer">Destination, with room for <see cref="GetByteCount"/> bytes.</param>
        /// <param name="offset">Where to start writing.</param>
        /// <returns>The number of bytes written.</returns>
        public static int Encode(string? value, byte[] buffer, int offset)
        {
            if (value == null)
            {
                return 0;
            }

            int p = offset;
            int length = value.Length;
            for (int i = 0; i < length; i++)
            {
                int c = value[i];
                if (c < 0x80)
                {
                    buffer[p++] = (byte)c;
                }
                else if (c < 0x800)
                {
                    buffer[p++] = (byte)(0xC0 | (c >> 6));
                    buffer[p++] = (byte)(0x80 | (c & 0x3F));
                }
                else if (IsHighSurrogate((char)c) && i + 1 < length && IsLowSurrogate(value[i + 1]))
                {
                    int cp = 0x10000 + ((c - 0xD800) << 10) + (value[i + 1] - 0xDC00);
                    i++;
                    buffer[p++] = (byte)(0xF0 | (cp >> 18));
                    buffer[p++] = (byte)(0x80 | ((cp >> 12) & 0x3F));
                    buffer[p++] = (byte)(0x80 | ((cp >> 6) & 0x3F));
                    buffer[p++] = (byte)(0x80 | (cp & 0x3F));
                }
                else
                {
                    if (IsHighSurrogate((char)c) || IsLowSurrogate((char)c))
                    {
                        c = 0xFFFD;
                    }

                    buffer[p++] = (byte)(0xE0 | (c >> 12));
                    buffer[p++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                    buffer[p++] = (byte)(0x80 | (c & 0x3F));
                }
            }

            return p - offset;
        }

        /// <summary>Encodes a string into a new array.</summary>
        /// <param name="value">The string; null gives an empty array.</param>
        /// <returns>The UTF-8 bytes.</returns>
        public static byte[] GetBytes(string? value)
        {
            byte[] bytes = new byte[GetByteCount(value)];
            Encode(value, bytes, 0);
            return bytes;
        }

        /// <summary>Decodes strict UTF-8.</summary>
        /// <param name="buffer">Source bytes.</param>
        /// <param name="offset">First byte.</param>
        /// <param name="count">Number of bytes.</param>
        /// <returns>The decoded string.</returns>
        /// <exception cref="ProtoDecodeException">The bytes are not well-formed UTF-8.</exception>
        public static string Decode(byte[] buffer, int offset, int count)
        {
            if (count == 0)
            {
                return string.Empty;
            }

            // At most one char per byte: a 4-byte sequence gives two chars.
            char[] chars = new char[count];
            int n = 0;
            int p = offset;
            int end = offset + count;
            while (p < end)
            {
                int b0 = buffer[p];
                if (b0 < 0x80)
                {
                    chars[n++] = (char)b0;
                    p++;
                    continue;
                }

                int needed;
                int cp;
                int min;
                if ((b0 & 0xE0) == 0xC0)
                {
                    needed = 1;
                    cp = b0 & 0x1F;
                    min = 0x80;
                }
                else if ((b0 & 0xF0) == 0xE0)
                {
                    needed = 2;
                    cp = b0 & 0x0F;
                    min = 0x800;
                }
                else if ((b0 & 0xF8) == 0xF0)
                {
                    needed = 3;
                    cp = b0 & 0x07;
                    min = 0x10000;
                }
                else
                {
                    throw Malformed(p - offset);
                }

                if (end - p <= needed)
                {
                    throw Malformed(p - offset);
                }

                for (int k = 1; k <= needed; k++)
                {
                    int b = buffer[p + k];
                    if ((b & 0xC0) != 0x80)
                    {
                        throw Malformed(p - offset);
                    }

                    cp = (cp << 6) | (b & 0x3F);
                }

                if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
                {
                    throw Malformed(p - offset);
                }

                if (cp >= 0x10000)
                {
                    cp -= 0x10000;
                    chars[n++] = (char)(0xD800 + (cp >> 10));
                    chars[n++] = (char)(0xDC00 + (cp & 0x3FF));
                }
                else
                {
                    chars[n++] = (char)cp;
                }

                p += needed + 1;
            }

            return new string(chars, 0, n);
        }

        private static bool IsHighSurrogate(char c)
        {
            return c >= 0xD800 && c <= 0xDBFF;
        }

        private static bool IsLowSurrogate(char c)
        {
            return c >= 0xDC00 && c <= 0xDFFF;
        }

        private static ProtoDecodeException Malformed(int index)
        {
            return new ProtoDecodeException("malformed UTF-8 at byte " + index.ToString() + " of a string");
        }
    }
}
