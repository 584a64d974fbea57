package dev.hostbridge.macos.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Records each argv and answers with a scripted result (exit 0, no output, unless told). */
public final class FakeRunner implements CommandRunner {

  public final List<List<String>> commands = new ArrayList<>();
  public Function<List<String>, Result> behaviour = argv -> new Result(argv, 0, "");

  @Override
  public Result run(List<String> argv, Duration timeout) {
    commands.add(List.copyOf(argv));
    return behaviour.apply(argv);
  }

  /** A result for {@code argv} with this exit code and output. */
  public static Result result(List<String> argv, int exitCode, String output) {
    return new Result(argv, exitCode, output);
  }
}
