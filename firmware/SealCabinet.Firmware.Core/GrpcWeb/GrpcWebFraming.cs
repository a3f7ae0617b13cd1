using SealCabinet.Firmware.Core.Codec;

namespace SealCabinet.Firmware.Core.GrpcWeb
{
    /// <summary>
    /// gRPC-Web body framing (grpc/grpc doc/PROTOCOL-WEB.md): each frame is a flag byte, a 4-byte big-endian
    /// length and the payload; flag 0x00 is a message, flag 0x80 the trailer block of HTTP/1-style header lines.
    /// </summary>
    public static class GrpcWebFraming
    {
        /// <summary>Flag of a data frame.</summary>
        public const byte DataFlag = 0x00;

        /// <summary>Flag of the trailer frame.</summary>
        public const byte TrailerFlag = 0x80;

        /// <summary>Bytes before the payload of a frame.</summary>
        public const int HeaderBytes = 5;

        /// <summary>Frames one request message.</summary>
        /// <param name="message">The encoded request message.</param>
        /// <returns>The request body.</returns>
        public static byte[] EncodeRequest(byte[] message)
        {
            byte[] body = new byte[HeaderBytes + message.Length];
            body[0] = DataFlag;
            body[1] = (byte)(message.Length >> 24);
            body[2] = (byte)(message.Length >> 16);
            body[3] = (byte)(message.Length >> 8);
            body[4] = (byte)message.Length;
            System.Array.Copy(message, 0, body, HeaderBytes, message.Length);
            return body;
        }

        /// <summary>
        /// Reads a unary response body: at most one data frame, then exactly one trailer frame, then nothing.
        /// </summary>
        /// <param name="body">The HTTP response body.</param>
        /// <param name="headerGrpcStatus">grpc-status from the HTTP headers (trailers-only response), or null.</param>
        /// <param name="headerGrpcMessage">grpc-message from the HTTP headers, or null.</param>
        /// <returns>The call result (HTTP status 200 assumed).</returns>
        public static GrpcWebResult ParseUnaryResponse(byte[] body, string? headerGrpcStatus, string? headerGrpcMessage)
        {
            byte[]? message = null;
            int offset = 0;
            while (offset < body.Length)
            {
                if (body.Length - offset < HeaderBytes)
                {
                    return Malformed("truncated frame header at byte " + offset.ToString());
                }

                byte flag = body[offset];
                uint length = ((uint)body[offset + 1] << 24) | ((uint)body[offset + 2] << 16) | ((uint)body[offset + 3] << 8) | body[offset + 4];
                int start = offset + HeaderBytes;
                if (length > (uint)(body.Length - start))
                {
                    return Malformed("frame at byte " + offset.ToString() + " declares " + length.ToString() + " bytes, only " + (body.Length - start).ToString() + " present");
                }

                if (flag == DataFlag)
                {
                    if (message != null)
                    {
                        return Malformed("more than one message in a unary response");
                    }

                    message = new byte[length];
                    System.Array.Copy(body, start, message, 0, (int)length);
                }
                else if (flag == TrailerFlag)
                {
                    if (start + (int)length != body.Length)
                    {
                        return Malformed("data after the trailer frame");
                    }

                    return FromTrailer(body, start, (int)length, message);
                }
                else
                {
                    return Malformed("unsupported frame flag 0x" + flag.ToString("X2") + " (compressed frames are not accepted)");
                }

                offset = start + (int)length;
            }

            if (message == null && headerGrpcStatus != null)
            {
                // Trailers-only response: the server had no message and put the status in the HTTP headers.
                int status = ParseStatus(headerGrpcStatus);
                if (status > 0)
                {
                    return new GrpcWebResult(GrpcCallOutcome.GrpcError, 200, status, PercentDecode(headerGrpcMessage ?? string.Empty), null);
                }
            }

            return new GrpcWebResult(GrpcCallOutcome.MissingTrailer, 200, -1, "response has no trailer frame", null);
        }

        /// <summary>Decodes a percent-encoded grpc-message value (invalid escapes are kept as they are).</summary>
        /// <param name="value">The encoded value.</param>
        /// <returns>The text.</returns>
        public static string PercentDecode(string value)
        {
            if (value.IndexOf('%') < 0)
            {
                return value;
            }

            byte[] raw = Utf8.GetBytes(value);
            byte[] decoded = new byte[raw.Length];
            int n = 0;
            for (int i = 0; i < raw.Length; i++)
            {
                int hi;
                int lo;
                if (raw[i] == '%' && i + 2 < raw.Length && (hi = HexValue(raw[i + 1])) >= 0 && (lo = HexValue(raw[i + 2])) >= 0)
                {
                    decoded[n++] = (byte)((hi << 4) | lo);
                    i += 2;
                }
                else
                {
                    decoded[n++] = raw[i];
                }
            }

            try
            {
                return Utf8.Decode(decoded, 0, n);
            }
            catch (ProtoDecodeException)
            {
                return value;
            }
        }

        private static GrpcWebResult FromTrailer(byte[] body, int start, int length, byte[]? message)
        {
            string text;
            try
            {
                text = Utf8.Decode(body, start, length);
            }
            catch (ProtoDecodeException)
            {
                return Malformed("trailer frame is not text");
            }

            string? statusText = null;
            string grpcMessage = string.Empty;
            string[] lines = text.Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i].Trim();
                int colon = line.IndexOf(':');
                if (colon <= 0)
                {
                    continue;
                }

                string name = line.Substring(0, colon).Trim().ToLower();
                string value = line.Substring(colon + 1).Trim();
                if (name == "grpc-status")
                {
                    statusText = value;
                }
                else if (name == "grpc-message")
                {
                    grpcMessage = PercentDecode(value);
                }
            }

            if (statusText == null)
            {
                return Malformed("trailer frame has no grpc-status");
            }

            int status = ParseStatus(statusText);
            if (status < 0)
            {
                return Malformed("grpc-status '" + statusText + "' is not a status code");
            }

            if (status != GrpcStatusCode.Ok)
            {
                return new GrpcWebResult(GrpcCallOutcome.GrpcError, 200, status, grpcMessage, null);
            }

            if (message == null)
            {
                return new GrpcWebResult(GrpcCallOutcome.MalformedResponse, 200, status, "status OK without a response message", null);
            }

            return new GrpcWebResult(GrpcCallOutcome.Ok, 200, status, grpcMessage, message);
        }

        private static int ParseStatus(string text)
        {
            if (text.Length == 0 || text.Length > 2)
            {
                return -1;
            }

            int value = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9')
                {
                    return -1;
                }

                value = (value * 10) + (c - '0');
            }

            return value;
        }

        private static int HexValue(byte c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }

            if (c >= 'A' && c <= 'F')
            {
                return c - 'A' + 10;
            }

            return -1;
        }

        private static GrpcWebResult Malformed(string why)
        {
            return new GrpcWebResult(GrpcCallOutcome.MalformedResponse, 200, -1, why, null);
        }
    }
}
