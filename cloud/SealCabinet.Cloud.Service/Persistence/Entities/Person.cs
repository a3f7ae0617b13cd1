namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>A person who uses the system; <see cref="Id"/> is the <c>sub</c> of their tokens.</summary>
internal sealed class Person
{
    public required string Id { get; set; }

    public required string Name { get; set; }

    public string? Phone { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<RoleAssignment> Roles { get; } = [];
}
