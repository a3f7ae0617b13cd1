using SealCabinet.Cloud.Tool;

return await SealctlApp.RunAsync(args);
