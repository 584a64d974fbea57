package dev.hostbridge.cli;

import com.google.inject.AbstractModule;

/** The command line's wiring; Guice is configured strictly (explicit bindings only, no circular proxies). */
final class CliModule extends AbstractModule {

  private final CliEnvironment environment;

  CliModule(CliEnvironment environment) {
    this.environment = environment;
  }

  @Override
  protected void configure() {
    binder().requireExplicitBindings();
    binder().disableCircularProxies();
    binder().requireAtInjectOnConstructors();
    bind(CliEnvironment.class).toInstance(environment);
    bind(Renderer.class);
    bind(PlanCommand.class);
    bind(InstallCommand.class);
    bind(UninstallCommand.class);
    bind(StatusCommand.class);
    bind(DoctorCommand.class);
    bind(WatchCommand.class);
    bind(ServiceCommand.Install.class);
    bind(ServiceCommand.Uninstall.class);
    bind(ServiceCommand.Status.class);
    bind(WireGuardCommand.Up.class);
    bind(WireGuardCommand.Show.class);
  }
}
