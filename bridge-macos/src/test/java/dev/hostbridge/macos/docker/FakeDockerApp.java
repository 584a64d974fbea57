package dev.hostbridge.macos.docker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a Docker.app bundle and a home directory the way Docker Desktop lays them out. */
final class FakeDockerApp {

  static final String DOCTYPE =
      "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n";

  private FakeDockerApp() {}

  static String infoPlist(String version) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + DOCTYPE
        + "<plist version=\"1.0\">\n<dict>\n"
        + "  <key>CFBundleIdentifier</key>\n  <string>com.docker.docker</string>\n"
        + "  <key>LSMinimumSystemVersion</key>\n  <string>10.15.0</string>\n"
        + "  <key>LSUIElement</key>\n  <true/>\n"
        + "  <key>CFBundleShortVersionString</key>\n  <string>" + version + "</string>\n"
        + "  <key>CFBundleVersion</key>\n  <string>123456</string>\n"
        + "</dict>\n</plist>\n";
  }

  /** A bundle at {@code app} of this version, with or without hyperkit at its 18.03-4.x place. */
  static Path app(Path app, String version, boolean withHyperkit) throws IOException {
    Files.createDirectories(app.resolve("Contents/MacOS"));
    Files.writeString(app.resolve("Contents/Info.plist"), infoPlist(version), StandardCharsets.UTF_8);
    if (withHyperkit) {
      Path bin = Files.createDirectories(app.resolve("Contents/Resources/bin"));
      Files.writeString(bin.resolve("com.docker.hyperkit"), "binary");
    }
    return app;
  }

  /** Writes a settings file ({@code settings-store.json} or {@code settings.json}) under {@code home}. */
  static Path settings(Path home, String fileName, String json) throws IOException {
    Path dir = Files.createDirectories(home.resolve("Library/Group Containers/group.com.docker"));
    return Files.writeString(dir.resolve(fileName), json, StandardCharsets.UTF_8);
  }
}
