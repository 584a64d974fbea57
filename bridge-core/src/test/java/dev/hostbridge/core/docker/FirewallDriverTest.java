package dev.hostbridge.core.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The firewall backend as {@code GET /info} gives it: moby's API 1.50 documents
 * {@code FirewallBackend: {Driver, Info}} (Engine 28.2+); older engines have no such field.
 */
class FirewallDriverTest {

  static Optional<String> driver(String json) throws Exception {
    return DockerJavaEngine.firewallDriver(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void readsTheDriverAndNothingFromAnEngineWithoutTheField() throws Exception {
    assertEquals(Optional.of("nftables"), driver("{\"Name\":\"docker-desktop\",\"FirewallBackend\":{\"Driver\":\"nftables\"}}"));
    assertEquals(Optional.of("iptables+firewalld"),
        driver("{\"FirewallBackend\":{\"Driver\":\"iptables+firewalld\",\"Info\":[[\"ReloadedAt\",\"2025-01-01T00:00:00Z\"]]}}"));
    assertEquals(Optional.empty(), driver("{\"Name\":\"old\",\"ServerVersion\":\"20.10.24\"}"));
    assertEquals(Optional.empty(), driver("{\"FirewallBackend\":{\"Driver\":\"\"}}"));
    assertEquals(Optional.empty(), driver("{\"FirewallBackend\":null}"));
  }
}
