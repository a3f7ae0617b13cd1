namespace SealCabinet.Cloud.Service.Tests.Architecture;

/// <summary>One type of folder <paramref name="From"/> using one type of folder <paramref name="To"/>.</summary>
internal sealed record FolderReference(string From, string To, Type User, Type Used)
{
    public override string ToString() => $"{From} -> {To}: {User.FullName} uses {Used.FullName}";
}
