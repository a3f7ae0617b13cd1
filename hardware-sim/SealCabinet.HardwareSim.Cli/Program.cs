using SealCabinet.HardwareSim.Cli.Commands;

return await CliApp.Build().Parse(args).InvokeAsync();
