using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/SecureBase.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
