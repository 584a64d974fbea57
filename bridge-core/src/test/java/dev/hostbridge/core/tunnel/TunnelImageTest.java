package dev.hostbridge.core.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** host-bridge's own VM-side image: named by its Dockerfile, sent to Docker as a tar that tar reads. */
class TunnelImageTest {

  @TempDir Path dir;

  @Test
  void theDefaultImageIsNamedByTheHashOfItsDockerfile() {
    String reference = TunnelImage.defaultReference();
    assertTrue(reference.matches("host-bridge-tunnel:[0-9a-f]{12}"), reference);
    assertEquals(reference, TunnelImage.defaultReference(), "the same file, the same name");
    String dockerfile = new String(TunnelImage.dockerfile(), StandardCharsets.UTF_8);
    assertTrue(dockerfile.contains("FROM debian:bookworm-slim"), dockerfile);
    for (String pkg : List.of("iproute2", "wireguard-tools", "wireguard-go", "iptables")) {
      assertTrue(dockerfile.contains(pkg), pkg);
    }
  }

  @Test
  void theBuildContextIsATarThatTheSystemsTarReads() throws Exception {
    byte[] content = "FROM scratch\n".repeat(100).getBytes(StandardCharsets.US_ASCII);
    Path archive = dir.resolve("context.tar");
    Files.write(archive, TunnelImage.tar("Dockerfile", content));
    Process list = new ProcessBuilder("tar", "-tvf", archive.toString()).redirectErrorStream(true).start();
    String listing = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, list.waitFor(), listing);
    assertTrue(listing.contains(" " + content.length + " ") && listing.strip().endsWith("Dockerfile"), listing);
    Path out = Files.createDirectory(dir.resolve("out"));
    assertEquals(0, new ProcessBuilder("tar", "-xf", archive.toString(), "-C", out.toString()).start().waitFor());
    assertTrue(java.util.Arrays.equals(content, Files.readAllBytes(out.resolve("Dockerfile"))));
    assertEquals(0, Files.size(archive) % 512, "whole blocks");
  }
}
