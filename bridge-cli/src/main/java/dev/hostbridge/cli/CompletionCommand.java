package dev.hostbridge.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Prints a shell completion script for every command and option. */
@Command(name = "completion", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Print a completion script for bash or zsh; changes nothing.",
    footer = {"", "Examples:",
        "  source <(host-bridge completion bash)",
        "  host-bridge completion bash > /etc/bash_completion.d/host-bridge",
        "  source <(host-bridge completion zsh)      # in ~/.zshrc, after compinit",
        "", "Exit codes: 0 printed; 2 an unknown shell."})
final class CompletionCommand implements Callable<Integer> {

  enum Shell { bash, zsh }

  @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh.")
  Shell shell;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    // The script picocli writes serves both shells: under zsh it loads bashcompinit itself.
    String script = AutoComplete.bash("host-bridge", spec.root().commandLine());
    spec.commandLine().getOut().print(script);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
