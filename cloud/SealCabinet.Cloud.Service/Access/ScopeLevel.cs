namespace SealCabinet.Cloud.Service.Access;

/// <summary>How far a role reaches: the whole deployment, one town (and its villages) or one village.</summary>
internal enum ScopeLevel
{
    Global,
    Town,
    Village,
}
