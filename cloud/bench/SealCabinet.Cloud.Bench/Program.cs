return await SealCabinet.Cloud.Bench.BenchRunner.RunAsync(args);
