using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using SealCabinet.Cloud.Service.Persistence;
using SealCabinet.Cloud.Service.Recording;

namespace SealCabinet.Cloud.Service.Notifications;

/// <summary>
/// Posts queued notifications (<c>webhook_deliveries</c>) to <see cref="WebhookOptions.Url"/>, at least once:
/// rows are claimed with FOR UPDATE SKIP LOCKED (any replica), a 2xx answer marks a row delivered, anything
/// else retries it with exponential back-off. Each POST carries <c>Idempotency-Key: sealcabinet-notification-{id}</c>
/// so the receiver can drop repeats, and a JSON body a DingTalk group robot accepts (msgtype markdown) plus the
/// notification's fields under <c>sealcabinet</c>.
/// </summary>
internal sealed class WebhookDispatcher(
    PostgresConnections database, WebhookSignal signal, IOptions<WebhookOptions> options, TimeProvider clock, ILogger<WebhookDispatcher> logger)
    : BackgroundService
{
    /// <summary>Rows claimed per round (the LIMIT of the claim query).</summary>
    private const int BatchSize = 20;

    private const string ClaimSql = """
        SELECT w.id, w.attempts, n.id, n.kind, n.village_id, n.town_id, n.request_id, n.device_id, n.audience, n.title, n.body, n.payload::text, n.created_at
        FROM webhook_deliveries w JOIN notifications n ON n.id = w.notification_id
        WHERE w.delivered_at IS NULL AND w.next_attempt_at <= $1
        ORDER BY w.id
        LIMIT 20
        FOR UPDATE OF w SKIP LOCKED
        """;

    private const string DeliveredSql = "UPDATE webhook_deliveries SET delivered_at = $2, attempts = attempts + 1, last_error = NULL WHERE id = $1";

    private const string FailedSql = "UPDATE webhook_deliveries SET attempts = attempts + 1, next_attempt_at = $2, last_error = $3 WHERE id = $1";

    private readonly WebhookOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrWhiteSpace(_options.Url))
        {
            return;
        }

        using var http = new HttpClient { Timeout = _options.RequestTimeout };
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await DispatchBatchAsync(http, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (NpgsqlException e)
            {
                logger.LogWarning(e, "Webhook dispatch could not reach the database");
            }

            if (claimed < BatchSize)
            {
                try
                {
                    await signal.WaitAsync(_options.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    private async Task<int> DispatchBatchAsync(HttpClient http, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var claimed = new List<(long Id, int Attempts, NotificationRow Row)>();
        await using (var claim = new NpgsqlCommand(ClaimSql, connection, transaction))
        {
            claim.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow().UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            await using var reader = await claim.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                claimed.Add((reader.GetInt64(0), reader.GetInt32(1), ReadRow(reader)));
            }
        }

        foreach (var (id, attempts, row) in claimed)
        {
            var error = await PostAsync(http, row, ct);
            await using var update = new NpgsqlCommand(error is null ? DeliveredSql : FailedSql, connection, transaction);
            update.Parameters.Add(new NpgsqlParameter { Value = id });
            if (error is null)
            {
                update.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow().UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            }
            else
            {
                var delay = RetryDelay(attempts + 1);
                logger.LogWarning("Webhook delivery of notification {NotificationId} failed (attempt {Attempt}): {Error}; retry in {Delay}", row.Id, attempts + 1, error, delay);
                update.Parameters.Add(new NpgsqlParameter { Value = (clock.GetUtcNow() + delay).UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
                update.Parameters.Add(new NpgsqlParameter { Value = error.Length > 500 ? error[..500] : error });
            }

            await update.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return claimed.Count;
    }

    /// <summary>The delay after the n-th failed attempt: initial × 2^(n−1), capped.</summary>
    public TimeSpan RetryDelay(int failedAttempts)
    {
        var ticks = _options.InitialRetryDelay.Ticks * Math.Pow(2, Math.Min(failedAttempts - 1, 30));
        return TimeSpan.FromTicks((long)Math.Min(ticks, _options.MaxRetryDelay.Ticks));
    }

    private async Task<string?> PostAsync(HttpClient http, NotificationRow row, CancellationToken ct)
    {
        var body = Body(row);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, _options.DingTalkSigning ? DingTalkUrl(_options.Url, _options.Secret, now) : _options.Url)
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add("Idempotency-Key", $"sealcabinet-notification-{row.Id}");
        if (_options.Secret.Length > 0)
        {
            request.Headers.Add(SignatureHeader, Signature(_options.Secret, now, body));
        }
        try
        {
            using var response = await http.SendAsync(request, ct);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (HttpRequestException e)
        {
            return e.Message;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return "timeout";
        }
    }

    /// <summary>The header of <see cref="Signature"/>.</summary>
    public const string SignatureHeader = "X-SealCabinet-Signature";

    /// <summary><c>t=&lt;unix ms&gt;,v1=&lt;hex HMAC-SHA256(secret, "&lt;t&gt;." + body)&gt;</c>, as <see cref="WebhookOptions.Secret"/> describes.</summary>
    public static string Signature(string secret, long unixMs, string body)
    {
        var t = unixMs.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(t + "." + body));
        return $"t={t},v1={Convert.ToHexStringLower(mac)}";
    }

    /// <summary>The robot URL with DingTalk's 加签 parameters: <c>timestamp</c> and <c>sign</c> (base64 HMAC-SHA256 of "timestamp\nsecret", URL-encoded).</summary>
    public static string DingTalkUrl(string url, string secret, long unixMs)
    {
        var t = unixMs.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var sign = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(t + "\n" + secret)));
        return $"{url}{(url.Contains('?', StringComparison.Ordinal) ? '&' : '?')}timestamp={t}&sign={Uri.EscapeDataString(sign)}";
    }

    /// <summary>
    /// Text for the robot's markdown with every markdown character escaped: titles and bodies carry what people typed
    /// (applicant names, matters, reasons), which must show as typed and never become links, images or headings.
    /// </summary>
    public static string MarkdownText(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '\\' or '`' or '*' or '_' or '{' or '}' or '[' or ']' or '(' or ')' or '#' or '+' or '-' or '.' or '!' or '|' or '<' or '>' or '~')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }

    /// <summary>A DingTalk group robot message (markdown) with the notification itself under "sealcabinet".</summary>
    public static string Body(NotificationRow row)
    {
        var payload = NotificationMapping.Payload(row);
        var kind = ((NotificationKind)row.Kind).ToString();
        return JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["msgtype"] = "markdown",
            ["markdown"] = new Dictionary<string, string> { ["title"] = row.Title, ["text"] = $"### {MarkdownText(row.Title)}\n\n{MarkdownText(row.Body)}" },
            ["sealcabinet"] = new Dictionary<string, object?>
            {
                ["notification_id"] = row.Id,
                ["kind"] = kind,
                ["village_id"] = row.VillageId,
                ["request_id"] = row.RequestId,
                ["device_id"] = row.DeviceId,
                ["press_count"] = payload.PressCount,
                ["evidence_ids"] = payload.EvidenceIds,
                ["reason"] = payload.Reason,
                ["time"] = row.CreatedAt.UtcDateTime.ToString("O"),
            },
        });
    }

    private static NotificationRow ReadRow(NpgsqlDataReader reader) => new(
        reader.GetInt64(2),
        reader.GetInt32(3),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetGuid(6),
        reader.IsDBNull(7) ? null : reader.GetString(7),
        reader.GetFieldValue<string[]>(8),
        reader.GetString(9),
        reader.GetString(10),
        reader.GetString(11),
        reader.GetFieldValue<DateTimeOffset>(12));
}
