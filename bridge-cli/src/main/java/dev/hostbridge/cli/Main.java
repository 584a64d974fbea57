package dev.hostbridge.cli;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import com.google.inject.util.Modules;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Map;
import picocli.CommandLine;

/** The {@code host-bridge} command. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    boolean verbose = Arrays.asList(args).contains("--verbose");
    if (verbose) {
      // host-bridge's own debug log; the libraries' warnings and errors (simplelogger.properties keeps them off).
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
      System.setProperty("org.slf4j.simpleLogger.log.dev.hostbridge", "debug");
      args = Arrays.stream(args).filter(a -> !a.equals("--verbose")).toArray(String[]::new);
    }
    Charset charset = Charset.defaultCharset();
    CliEnvironment environment = new CliEnvironment(System.getenv(),
        new PrintWriter(System.out, true, charset), new PrintWriter(System.err, true, charset),
        new BufferedReader(new InputStreamReader(System.in, charset)), System.console() != null, verbose);
    System.exit(run(args, environment, new DefaultBridgeFactoryModule()));
  }

  /** Runs one command line; {@code bridgeModule} binds the {@link BridgeFactory} (tests bind a fake). */
  public static int run(String[] args, CliEnvironment environment, Module bridgeModule) {
    // No interceptors are used, so Guice needs no generated classes; without them it also stays off
    // sun.misc.Unsafe, which JDK 24 and later warn about on every run.
    if (System.getProperty("guice_bytecode_gen_option") == null) {
      System.setProperty("guice_bytecode_gen_option", "DISABLED");
    }
    Injector injector = Guice.createInjector(Stage.PRODUCTION, Modules.combine(new CliModule(environment), bridgeModule));
    CommandLine commandLine = new CommandLine(HostBridgeCommand.class, new GuiceFactory(injector));
    commandLine.setOut(environment.out());
    commandLine.setErr(environment.err());
    commandLine.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE);
    commandLine.getCommandSpec().exitCodeOnExecutionException(ExitCodes.FAILED);
    return commandLine.execute(args);
  }

  /** The production binding of {@link BridgeFactory}. */
  public static final class DefaultBridgeFactoryModule extends AbstractModule {
    @Override
    protected void configure() {
      bind(BridgeFactory.class).to(DefaultBridgeFactory.class);
      bind(DefaultBridgeFactory.class);
    }
  }

  /** Binds a given factory, for tests and embedders that wrap the command line. */
  public static Module bridgeFactory(BridgeFactory factory) {
    return new AbstractModule() {
      @Override
      protected void configure() {
        bind(BridgeFactory.class).toInstance(factory);
      }
    };
  }

  /** For tests: an environment with these variables and no terminal. */
  public static CliEnvironment environment(Map<String, String> variables, PrintWriter out, PrintWriter err) {
    return new CliEnvironment(variables, out, err, new BufferedReader(new java.io.StringReader("")), false);
  }
}
