using System.Security.Cryptography;

namespace SealCabinet.Ledger.Verification;

/// <summary>
/// Verifies RFC 9162 inclusion proofs (§2.1.3.2) and consistency proofs (§2.1.4.2).
/// Deliberately small and dependent only on the base library so it can be read and audited on its own.
/// </summary>
public static class MerkleProofVerifier
{
    /// <summary>
    /// True when <paramref name="inclusionPath"/> proves that the leaf with hash <paramref name="leafHash"/>
    /// sits at <paramref name="leafIndex"/> in the tree of <paramref name="treeSize"/> leaves whose root is
    /// <paramref name="rootHash"/>.
    /// </summary>
    public static bool VerifyInclusion(
        ulong leafIndex, ulong treeSize, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> inclusionPath, ReadOnlySpan<byte> rootHash)
    {
        ArgumentNullException.ThrowIfNull(inclusionPath);
        if (leafIndex >= treeSize || leafHash.Length != Rfc6962Hash.Size || rootHash.Length != Rfc6962Hash.Size || !AllHashes(inclusionPath))
        {
            return false;
        }

        var fn = leafIndex;
        var sn = treeSize - 1;
        var r = leafHash.ToArray();
        foreach (var p in inclusionPath)
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = Rfc6962Hash.Node(p, r);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                r = Rfc6962Hash.Node(r, p);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && CryptographicOperations.FixedTimeEquals(r, rootHash);
    }

    /// <summary>
    /// True when <paramref name="consistencyPath"/> proves that the tree of <paramref name="firstSize"/> leaves
    /// with root <paramref name="firstRoot"/> is a prefix of the tree of <paramref name="secondSize"/> leaves
    /// with root <paramref name="secondRoot"/>.
    /// </summary>
    public static bool VerifyConsistency(
        ulong firstSize, ulong secondSize, ReadOnlySpan<byte> firstRoot, ReadOnlySpan<byte> secondRoot, IReadOnlyList<byte[]> consistencyPath)
    {
        ArgumentNullException.ThrowIfNull(consistencyPath);
        if (firstSize > secondSize || firstRoot.Length != Rfc6962Hash.Size || secondRoot.Length != Rfc6962Hash.Size || !AllHashes(consistencyPath))
        {
            return false;
        }

        if (firstSize == secondSize)
        {
            return consistencyPath.Count == 0 && CryptographicOperations.FixedTimeEquals(firstRoot, secondRoot);
        }

        if (firstSize == 0)
        {
            // The empty tree is a prefix of every tree; RFC 9162 defines no proof for it.
            return consistencyPath.Count == 0 && CryptographicOperations.FixedTimeEquals(firstRoot, Rfc6962Hash.EmptyRoot());
        }

        if (consistencyPath.Count == 0)
        {
            return false;
        }

        var path = new List<byte[]>(consistencyPath.Count + 1);
        if ((firstSize & (firstSize - 1)) == 0)
        {
            path.Add(firstRoot.ToArray());
        }

        path.AddRange(consistencyPath);

        var fn = firstSize - 1;
        var sn = secondSize - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        var fr = path[0];
        var sr = path[0];
        for (var i = 1; i < path.Count; i++)
        {
            var c = path[i];
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                fr = Rfc6962Hash.Node(c, fr);
                sr = Rfc6962Hash.Node(c, sr);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                sr = Rfc6962Hash.Node(sr, c);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0
            && CryptographicOperations.FixedTimeEquals(fr, firstRoot)
            && CryptographicOperations.FixedTimeEquals(sr, secondRoot);
    }

    private static bool AllHashes(IReadOnlyList<byte[]> nodes)
    {
        foreach (var node in nodes)
        {
            if (node is null || node.Length != Rfc6962Hash.Size)
            {
                return false;
            }
        }

        return true;
    }
}
