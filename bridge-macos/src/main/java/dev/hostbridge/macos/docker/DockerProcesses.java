package dev.hostbridge.macos.docker;

import java.nio.file.Path;

/** Whether any process of a Docker Desktop installation still runs (the app, its backend, hyperkit). */
@FunctionalInterface
public interface DockerProcesses {

  boolean running(Path dockerApp);

  /** Looks at the executables of this user's processes: anything started from inside the bundle counts. */
  static DockerProcesses fromProcessTable() {
    return dockerApp -> {
      String inside = dockerApp.toAbsolutePath().normalize() + "/Contents/";
      return ProcessHandle.allProcesses()
          .map(process -> process.info().command().orElse(""))
          .anyMatch(command -> command.startsWith(inside));
    };
  }
}
