using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SealCabinet.Cloud.Service.Access;
using SealCabinet.Cloud.Service.Persistence;

namespace SealCabinet.Cloud.Service.Sessions;

/// <summary>
/// Console sessions in PostgreSQL, so every replica honours them. The cookie holds a random 256-bit secret;
/// only its SHA-256 is stored, so a copy of the database signs nobody in.
/// </summary>
internal sealed class BrowserSessionStore(CloudDbContext db, TimeProvider clock, IOptions<SignInOptions> options)
{
    /// <summary>Adds a session for <paramref name="personId"/> to the unit of work; the caller saves it.</summary>
    public (string Secret, BrowserSession Session) Start(string personId)
    {
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        var session = new BrowserSession
        {
            Id = Guid.NewGuid(),
            SecretHash = Hash(secret),
            PersonId = personId,
            CreatedAt = now,
            ExpiresAt = now + options.Value.Lifetime,
        };
        db.BrowserSessions.Add(session);
        return (secret, session);
    }

    /// <summary>The live session the cookie secret names, or null when it is unknown, ended or expired.</summary>
    public async Task<BrowserSession?> FindAsync(string secret, CancellationToken ct)
    {
        var hash = Hash(secret);
        var now = clock.GetUtcNow();
        return await db.BrowserSessions.AsNoTracking()
            .SingleOrDefaultAsync(s => s.SecretHash == hash && s.EndedAt == null && s.ExpiresAt > now, ct);
    }

    /// <summary>The roles the session's person holds now, or null when the session is no longer live.</summary>
    public async Task<IReadOnlyList<RoleClaim>?> CurrentRolesAsync(Guid sessionId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var personId = await db.BrowserSessions.AsNoTracking()
            .Where(s => s.Id == sessionId && s.EndedAt == null && s.ExpiresAt > now)
            .Select(s => s.PersonId)
            .SingleOrDefaultAsync(ct);
        return personId is null ? null : await RolesOfAsync(personId, ct);
    }

    /// <summary>The roles the person holds now, as the directory has them.</summary>
    public async Task<IReadOnlyList<RoleClaim>> RolesOfAsync(string personId, CancellationToken ct)
    {
        var assignments = await db.RoleAssignments.AsNoTracking().Where(r => r.PersonId == personId).ToListAsync(ct);
        return [.. assignments.Select(RoleClaim.Of)];
    }

    public async Task EndAsync(Guid sessionId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await db.BrowserSessions.Where(s => s.Id == sessionId && s.EndedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now), ct);
    }

    private static byte[] Hash(string secret) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret));
}
