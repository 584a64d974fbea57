package dev.hostbridge.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "host-bridge",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Make Docker containers reachable by IP address from the machine that runs Docker inside a VM.",
    subcommands = {PlanCommand.class, InstallCommand.class, UninstallCommand.class, StatusCommand.class, DoctorCommand.class,
        WatchCommand.class, ServiceCommand.class, WireGuardCommand.class,
        CompletionCommand.class, CommandLine.HelpCommand.class},
    footer = {"", "Run 'host-bridge help COMMAND' or 'host-bridge COMMAND --help' for a command's options.",
        "--verbose anywhere on the line shows host-bridge's debug log.",
        "", ExitCodes.FOOTER_1, ExitCodes.FOOTER_2, ExitCodes.FOOTER_3})
final class HostBridgeCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing command: choose one of plan, install, uninstall, status, doctor, watch, service, completion, help.");
  }
}
