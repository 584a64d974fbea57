package dev.hostbridge.example.plugin;

import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.Step;
import dev.hostbridge.api.StepContext;
import dev.hostbridge.api.StepIds;
import dev.hostbridge.api.StepStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;

/**
 * Makes one thing true: a file {@code greeting.txt} in host-bridge's state directory says which
 * network the host reaches, and its subnet. It runs after the host has its address, reads its
 * one setting and Docker through the step context, records what it did, and undoes exactly that.
 */
public final class GreetingFileStep implements Step {

  public static final String ID = "example-greeting";
  /** The plugin's one setting: the greeting's first words. */
  public static final String TEXT_SETTING = "greeting.text";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "greeting.txt in the state directory names the network";
  }

  @Override
  public Set<String> dependsOn() {
    return Set.of(StepIds.HOST_ADDRESS);
  }

  @Override
  public StepStatus check(StepContext context) {
    Path file = file(context);
    if (Files.isRegularFile(file) && read(file).equals(text(context))) {
      return StepStatus.satisfied(file + " names " + context.config().network());
    }
    return StepStatus.pending("will write " + file);
  }

  @Override
  public void apply(StepContext context) {
    Path file = file(context);
    context.record("file", file.toString());
    try {
      Files.createDirectories(file.getParent());
      Path temp = Files.createTempFile(file.getParent(), ".greeting", ".tmp");
      Files.writeString(temp, text(context), StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new BridgeException("example.greeting.write", BridgeException.Kind.PLATFORM,
          "could not write " + file + ": " + e.getMessage(), "Check that the state directory is writable.", e);
    }
  }

  @Override
  public void revert(StepContext context) {
    Path file = context.recorded("file").map(Path::of).orElse(file(context));
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new BridgeException("example.greeting.remove", BridgeException.Kind.PLATFORM,
          "could not remove " + file + ": " + e.getMessage(), "Remove it by hand.", e);
    }
  }

  private static Path file(StepContext context) {
    return context.config().stateDir().resolve("greeting.txt");
  }

  /** The greeting, with the network's subnet as Docker reports it (read-only access through the context). */
  private static String text(StepContext context) {
    String subnet = context.docker().network(context.config().network())
        .flatMap(network -> network.subnet()).map(Object::toString).orElse("(no such network yet)");
    return context.setting(TEXT_SETTING).orElse("hello") + " from the host, which reaches Docker network "
        + context.config().network() + " " + subnet + "\n";
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
