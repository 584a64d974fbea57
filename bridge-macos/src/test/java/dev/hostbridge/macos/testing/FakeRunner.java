package dev.hostbridge.macos.testing;

import dev.hostbridge.core.platform.CommandRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Records each argv and answers with a scripted result (exit 0, no output, unless told); runs nothing. */
public final class FakeRunner extends CommandRunner {

  public final List<List<String>> commands = new ArrayList<>();
  public Function<List<String>, Result> behaviour = argv -> new Result(0, "");

  public FakeRunner() {
    super(Duration.ZERO);
  }

  @Override
  public Result run(List<String> argv, Duration timeout) {
    commands.add(List.copyOf(argv));
    return behaviour.apply(argv);
  }

  /** A result with this exit code and output. */
  public static Result result(int exitCode, String output) {
    return new Result(exitCode, output);
  }
}
