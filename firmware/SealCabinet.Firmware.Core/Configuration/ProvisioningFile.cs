using SealCabinet.Firmware.Core.Codec;
using SealCabinet.Firmware.Core.Crypto;
using SealCabinet.Firmware.Core.Journal;
using SealCabinet.Firmware.Core.Messages;
using SealCabinet.Firmware.Core.Storage;

namespace SealCabinet.Firmware.Core.Configuration
{
    /// <summary>
    /// The provisioning file ("provision.bin" on the device's flash), written by the technician's tool over
    /// USB. Layout (big-endian):
    /// magic "SCPF" (4 bytes), format version (u16, = 1), payload length N (u32, at most 16 KiB),
    /// payload (N bytes: protobuf wire-format fields numbered as in <see cref="DeviceConfiguration"/>),
    /// SHA-256 over everything before it (32 bytes).
    /// A file that is missing, shorter than declared, of another version, failing the digest, or with a bad
    /// or missing field is refused as a whole: the device never runs half-configured.
    /// </summary>
    public static class ProvisioningFile
    {
        /// <summary>The file name on the flash store.</summary>
        public const string FileName = "provision.bin";

        /// <summary>The format version this firmware reads and writes.</summary>
        public const int FormatVersion = 1;

        /// <summary>Largest payload.</summary>
        public const int MaxPayloadBytes = 16 * 1024;

        private const int HeaderBytes = 10;
        private const uint Magic = 0x53435046;

        /// <summary>Encodes a configuration into a provisioning file (for the technician's tool and tests).</summary>
        /// <param name="configuration">The configuration.</param>
        /// <returns>The file bytes.</returns>
        /// <exception cref="System.ArgumentException">The configuration is invalid; the message names the field.</exception>
        public static byte[] Encode(DeviceConfiguration configuration)
        {
            string problem = Validate(configuration);
            if (problem.Length > 0)
            {
                throw new System.ArgumentException(problem, "configuration");
            }

            ProtoWriter payload = new ProtoWriter(256);
            payload.WriteStringField(1, configuration.DeviceId);
            payload.WriteBytesField(2, configuration.DeviceSecret);
            payload.WriteStringField(3, configuration.GatewayUrl);
            payload.WriteStringField(4, configuration.MqttHost);
            payload.WriteUInt32Field(5, configuration.MqttPort);
            payload.WriteBoolField(6, configuration.MqttTls);
            payload.WriteInt32Field(7, (int)configuration.SleeveSealKinds[0]);
            payload.WriteInt32Field(8, (int)configuration.SleeveSealKinds[1]);
            payload.WriteInt32Field(9, (int)configuration.SleeveSealKinds[2]);
            payload.WriteStringField(10, configuration.WifiSsid);
            payload.WriteStringField(11, configuration.WifiPassword);
            payload.WriteUInt32Field(12, configuration.ChainEpoch);
            payload.WriteUInt32Field(13, configuration.UnlockWindowMs);
            payload.WriteUInt32Field(14, configuration.ReturnWindowMs);
            payload.WriteUInt32Field(15, configuration.PressDebounceMs);
            payload.WriteUInt32Field(16, configuration.MaxPressMs);
            payload.WriteUInt32Field(17, configuration.HeartbeatIntervalMs);
            payload.WriteUInt32Field(18, configuration.JournalSegmentBytes);
            payload.WriteUInt32Field(19, configuration.JournalMaxSegments);
            payload.WriteUInt32Field(20, configuration.GrantPollConnectedMs);
            payload.WriteUInt32Field(21, configuration.GrantPollDisconnectedMs);
            payload.WriteUInt32Field(22, configuration.UploadBatchEvents);
            payload.WriteBoolField(23, configuration.EvidenceCapture);
            payload.WriteUInt32Field(24, configuration.EvidenceChunkBytes);
            payload.WriteInt64Field(25, configuration.ProvisionedAtMs);
            payload.WriteUInt32Field(26, configuration.EvidenceStoreBytes);
            payload.WriteBoolField(27, configuration.ForceWipe);
            payload.WriteBoolField(28, configuration.SkipFirstBootSelfTest);
            payload.WriteBoolField(29, configuration.RunSelfTest);
            payload.WriteStringField(30, configuration.CaCertificatePem);

            int n = payload.Position;
            byte[] file = new byte[HeaderBytes + n + Sha256.HashSize];
            BigEndian.WriteUInt32(file, 0, Magic);
            BigEndian.WriteUInt16(file, 4, FormatVersion);
            BigEndian.WriteUInt32(file, 6, (uint)n);
            System.Array.Copy(payload.Buffer, 0, file, HeaderBytes, n);
            byte[] digest = Sha256.Hash(file, 0, HeaderBytes + n);
            System.Array.Copy(digest, 0, file, HeaderBytes + n, Sha256.HashSize);
            return file;
        }

        /// <summary>Reads and validates a provisioning file.</summary>
        /// <param name="file">The file bytes, or null when there is no file.</param>
        /// <returns>The configuration, or the fault.</returns>
        public static ProvisioningResult Decode(byte[]? file)
        {
            if (file == null)
            {
                return Fail(ConfigurationFault.Missing, "no provisioning file");
            }

            if (file.Length < 4)
            {
                return Fail(ConfigurationFault.Truncated, "provisioning file has " + file.Length.ToString() + " bytes, shorter than its header");
            }

            if (BigEndian.ReadUInt32(file, 0) != Magic)
            {
                return Fail(ConfigurationFault.BadMagic, "provisioning file does not start with SCPF");
            }

            if (file.Length < HeaderBytes)
            {
                return Fail(ConfigurationFault.Truncated, "provisioning file has " + file.Length.ToString() + " bytes, shorter than its header");
            }

            int version = BigEndian.ReadUInt16(file, 4);
            if (version != FormatVersion)
            {
                return Fail(ConfigurationFault.UnsupportedVersion, "provisioning file format version " + version.ToString() + " is not supported (expected " + FormatVersion.ToString() + ")");
            }

            uint declared = BigEndian.ReadUInt32(file, 6);
            if (declared > MaxPayloadBytes)
            {
                return Fail(ConfigurationFault.Malformed, "provisioning payload length " + declared.ToString() + " exceeds " + MaxPayloadBytes.ToString());
            }

            int n = (int)declared;
            if (file.Length < HeaderBytes + n + Sha256.HashSize)
            {
                return Fail(ConfigurationFault.Truncated, "provisioning file has " + file.Length.ToString() + " bytes, " + (HeaderBytes + n + Sha256.HashSize).ToString() + " declared");
            }

            if (file.Length > HeaderBytes + n + Sha256.HashSize)
            {
                return Fail(ConfigurationFault.Malformed, "provisioning file has bytes after its digest");
            }

            byte[] digest = Sha256.Hash(file, 0, HeaderBytes + n);
            byte[] stored = new byte[Sha256.HashSize];
            System.Array.Copy(file, HeaderBytes + n, stored, 0, Sha256.HashSize);
            if (!ConstantTime.AreEqual(digest, stored))
            {
                return Fail(ConfigurationFault.IntegrityCheckFailed, "provisioning file digest does not match its content");
            }

            DeviceConfiguration configuration = new DeviceConfiguration();
            try
            {
                ReadPayload(new ProtoReader(file, HeaderBytes, n, MaxPayloadBytes, 1), configuration);
            }
            catch (ProtoDecodeException e)
            {
                return Fail(ConfigurationFault.Malformed, "provisioning payload: " + e.Message);
            }

            if (configuration.MqttPort == 0)
            {
                configuration.MqttPort = configuration.MqttTls ? 8883U : 1883U;
            }

            string problem = Validate(configuration);
            if (problem.Length > 0)
            {
                return Fail(ConfigurationFault.InvalidField, problem);
            }

            return new ProvisioningResult(ConfigurationFault.None, string.Empty, configuration);
        }

        /// <summary>Checks every field; returns the first problem naming the field, or an empty string.</summary>
        /// <param name="c">The configuration.</param>
        /// <returns>The problem, or empty when valid.</returns>
        public static string Validate(DeviceConfiguration c)
        {
            if (c.DeviceId == null || c.DeviceId.Length == 0 || c.DeviceId.Length > 64 || !IsIdentifier(c.DeviceId))
            {
                return "device_id must be 1..64 characters of A-Z a-z 0-9 . _ -";
            }

            if (c.DeviceSecret == null || c.DeviceSecret.Length != DeviceKeys.SecretSize)
            {
                return "device_secret must be exactly 32 bytes";
            }

            if (c.GatewayUrl == null || !(c.GatewayUrl.StartsWith("http://") || c.GatewayUrl.StartsWith("https://")) || c.GatewayUrl.Length < 10)
            {
                return "gateway_url must be an http:// or https:// URL";
            }

            if (c.MqttHost == null || c.MqttHost.Length == 0)
            {
                return "mqtt_host is required";
            }

            if (c.MqttPort > 65535)
            {
                return "mqtt_port must be 1..65535";
            }

            if (c.SleeveSealKinds == null || c.SleeveSealKinds.Length != 3)
            {
                return "sleeve seal kinds must name three sleeves";
            }

            for (int i = 0; i < 3; i++)
            {
                SealKind kind = c.SleeveSealKinds[i];
                if (kind != SealKind.Party && kind != SealKind.Committee && kind != SealKind.Cooperative)
                {
                    return "sleeve" + (i + 1).ToString() + "_seal_kind must be PARTY, COMMITTEE or COOPERATIVE";
                }

                for (int j = 0; j < i; j++)
                {
                    if (c.SleeveSealKinds[j] == kind)
                    {
                        return "sleeve" + (i + 1).ToString() + "_seal_kind repeats the seal kind of sleeve " + (j + 1).ToString();
                    }
                }
            }

            if (c.CaCertificatePem == null)
            {
                return "ca_certificate_pem must not be null";
            }

            if (c.CaCertificatePem.Length > DeviceConfiguration.MaxCaCertificateChars)
            {
                return "ca_certificate_pem is longer than " + DeviceConfiguration.MaxCaCertificateChars.ToString() + " characters";
            }

            if (c.CaCertificatePem.Length > 0 && c.CaCertificatePem.IndexOf("-----BEGIN CERTIFICATE-----") < 0)
            {
                return "ca_certificate_pem must be a PEM certificate (-----BEGIN CERTIFICATE-----)";
            }

            if (c.ChainEpoch == 0)
            {
                return "chain_epoch must be at least 1";
            }

            string range = Range("unlock_window_ms", c.UnlockWindowMs, 1000, 120000)
                + Range("return_window_ms", c.ReturnWindowMs, 10000, 3600000)
                + Range("press_debounce_ms", c.PressDebounceMs, 5, 500)
                + Range("max_press_ms", c.MaxPressMs, 1000, 120000)
                + Range("heartbeat_interval_ms", c.HeartbeatIntervalMs, 60000, 86400000)
                + Range("journal_segment_bytes", c.JournalSegmentBytes, 2048, 1048576)
                + Range("journal_max_segments", c.JournalMaxSegments, 3, 100000)
                + Range("grant_poll_connected_ms", c.GrantPollConnectedMs, 10000, 86400000)
                + Range("grant_poll_disconnected_ms", c.GrantPollDisconnectedMs, 5000, 3600000)
                + Range("upload_batch_events", c.UploadBatchEvents, 1, 256)
                + Range("evidence_chunk_bytes", c.EvidenceChunkBytes, 1024, 32768)
                // Not 0: a zero field is left out of the file and reads back as the default.
                + Range("evidence_store_bytes", c.EvidenceStoreBytes, 4096, 16777216);
            if (range.Length > 0)
            {
                return range;
            }

            string journal = JournalOptionsFor(c).Validate();
            return journal.Length == 0 ? string.Empty : "journal_segment_bytes / journal_max_segments: " + journal;
        }

        /// <summary>The journal sizing a configuration asks for (default reserves).</summary>
        /// <param name="c">The configuration.</param>
        /// <returns>The journal options.</returns>
        public static JournalOptions JournalOptionsFor(DeviceConfiguration c)
        {
            JournalOptions options = new JournalOptions();
            options.SegmentBytes = (int)c.JournalSegmentBytes;
            options.MaxSegments = (int)c.JournalMaxSegments;
            return options;
        }

        private static string Range(string name, uint value, uint min, uint max)
        {
            if (value < min || value > max)
            {
                return name + " must be " + min.ToString() + ".." + max.ToString() + " (is " + value.ToString() + ")";
            }

            return string.Empty;
        }

        private static bool IsIdentifier(string value)
        {
            for (int i = 0; i < value.Length; i++)
            {
                char ch = value[i];
                bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' || ch == '-';
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }

        private static void ReadPayload(ProtoReader reader, DeviceConfiguration c)
        {
            int field;
            int wireType;
            while (reader.TryReadTag(out field, out wireType))
            {
                switch (field)
                {
                    case 1:
                        reader.ExpectWireType(wireType, WireType.LengthDelimited, "device_id");
                        c.DeviceId = reader.ReadString();
                        break;
                    case 2:
                        reader.ExpectWireType(wireType, WireType.LengthDelimited, "device_secret");
                        c.DeviceSecret = reader.ReadBytes();
                        break;
                    case 3:
                        reader.ExpectWireType(wireType, WireType.LengthDelimited, "gateway_url");
                        c.GatewayUrl = reader.ReadString();
                        break;
                    case 4:
                        reader.ExpectWireType(wireType, WireType.LengthDelimited, "mqtt_host");
                        c.MqttHost = reader.ReadString();
                        break;
                    case 6:
                        reader.ExpectWireType(wireType, WireType.Varint, "mqtt_tls");
                        c.MqttTls = reader.ReadBool();
                        break;
                    case 7:
                    case 8:
                    case 9:
                        reader.ExpectWireType(wireType, WireType.Varint, "sleeve_seal_kind");
                        c.SleeveSealKinds[field - 7] = (SealKind)reader.ReadInt32();
                        break;
                    case 10:
                        reader.ExpectWireType(wireType, WireType.LengthDelimited, "wifi_ssid");
                        c.WifiSsid = reader.ReadString();
                        break;
                    case 11:
                        reader.ExpectWireType(wireType, WireType.LengthDelimited, "wifi_password");
                        c.WifiPassword = reader.ReadString();
                        break;
                    case 23:
                        reader.ExpectWireType(wireType, WireType.Varint, "evidence_capture");
                        c.EvidenceCapture = reader.ReadBool();
                        break;
                    case 27:
                        reader.ExpectWireType(wireType, WireType.Varint, "force_wipe");
                        c.ForceWipe = reader.ReadBool();
                        break;
                    case 28:
                        reader.ExpectWireType(wireType, WireType.Varint, "skip_first_boot_self_test");
                        c.SkipFirstBootSelfTest = reader.ReadBool();
                        break;
                    case 29:
                        reader.ExpectWireType(wireType, WireType.Varint, "run_self_test");
                        c.RunSelfTest = reader.ReadBool();
                        break;
                    case 30:
                        reader.ExpectWireType(wireType, WireType.LengthDelimited, "ca_certificate_pem");
                        c.CaCertificatePem = reader.ReadString();
                        break;
                    case 25:
                        reader.ExpectWireType(wireType, WireType.Varint, "provisioned_at_ms");
                        c.ProvisionedAtMs = reader.ReadInt64();
                        break;
                    default:
                        if (field == 5 || (field >= 12 && field <= 26))
                        {
                            reader.ExpectWireType(wireType, WireType.Varint, "field " + field.ToString());
                            SetNumber(c, field, reader.ReadVarint());
                        }
                        else
                        {
                            reader.SkipField(wireType);
                        }

                        break;
                }
            }
        }

        private static void SetNumber(DeviceConfiguration c, int field, ulong raw)
        {
            // Out-of-range values saturate so that validation reports them instead of wrapping into range.
            uint value = raw > 0xFFFFFFFFUL ? 0xFFFFFFFFU : (uint)raw;
            switch (field)
            {
                case 5: c.MqttPort = value; break;
                case 12: c.ChainEpoch = value; break;
                case 13: c.UnlockWindowMs = value; break;
                case 14: c.ReturnWindowMs = value; break;
                case 15: c.PressDebounceMs = value; break;
                case 16: c.MaxPressMs = value; break;
                case 17: c.HeartbeatIntervalMs = value; break;
                case 18: c.JournalSegmentBytes = value; break;
                case 19: c.JournalMaxSegments = value; break;
                case 20: c.GrantPollConnectedMs = value; break;
                case 21: c.GrantPollDisconnectedMs = value; break;
                case 22: c.UploadBatchEvents = value; break;
                case 24: c.EvidenceChunkBytes = value; break;
                case 26: c.EvidenceStoreBytes = value; break;
                default: break;
            }
        }

        private static ProvisioningResult Fail(ConfigurationFault fault, string message)
        {
            return new ProvisioningResult(fault, message, null);
        }
    }
}
