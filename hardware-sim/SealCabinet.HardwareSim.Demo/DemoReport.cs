namespace SealCabinet.HardwareSim.Demo;

/// <summary>What a demo run showed and measured.</summary>
public sealed class DemoReport
{
    /// <summary>The steps, in order (the run stops at the first failure).</summary>
    public List<DemoStepResult> Steps { get; } = [];

    /// <summary>The cloud's data directory (kept for inspection).</summary>
    public string DataDirectory { get; set; } = string.Empty;

    /// <summary>The simulated cabinet's flash directory.</summary>
    public string CabinetFlash { get; set; } = string.Empty;

    /// <summary>The registered device id.</summary>
    public string DeviceId { get; set; } = string.Empty;

    /// <summary>From the approver's ApproveRequest call to the committee sleeve being READY (its light on), ms.</summary>
    public long? ApprovalToReadyMs { get; set; }

    /// <summary>From the request's submission to its approval, ms.</summary>
    public long? SubmitToApprovalMs { get; set; }

    /// <summary>Stampings per seal kind as the summary reported them.</summary>
    public Dictionary<string, long> StampingsPerSeal { get; } = [];

    /// <summary>Alarms journaled by the cabinet.</summary>
    public int Alarms { get; set; }

    /// <summary>What the ledger verification found.</summary>
    public string? LedgerVerification { get; set; }

    /// <summary>Which credential signed the story's approval, and what its offline verification found.</summary>
    public string? ApprovalVerification { get; set; }

    /// <summary>Whether every step succeeded.</summary>
    public bool Succeeded => Steps.Count > 0 && Steps.All(s => s.Succeeded) && Steps[^1].Number == 9;
}
