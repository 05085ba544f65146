using CometGuard.Probe.Cli;

// Ctrl+C cancels the run through System.CommandLine's process-termination handling.
return await CliApp.RunAsync(args).ConfigureAwait(false);
