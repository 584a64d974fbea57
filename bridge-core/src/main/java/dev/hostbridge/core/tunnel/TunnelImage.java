package dev.hostbridge.core.tunnel;

import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.ErrorCode;
import dev.hostbridge.api.Step;
import dev.hostbridge.api.StepContext;
import dev.hostbridge.api.StepStatus;
import dev.hostbridge.core.docker.DockerEngine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * The VM side's image is in the engine: the one {@code --tunnel-image} names (BLOCKED when it is
 * missing: host-bridge never pulls an image of another project's for this), or host-bridge's own,
 * built through the Docker API from the Dockerfile beside this class and tagged by its hash, so a
 * new Dockerfile makes a new image. Uninstall removes an image that host-bridge built.
 */
public final class TunnelImage implements Step {

  public static final String ID = "tunnel-image";
  static final String DOCKERFILE = "Dockerfile";
  /** An image reference, as {@code --tunnel-image} takes one. */
  private static final java.util.regex.Pattern RECORDED_IMAGE = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/:@+-]{0,254}");

  private final Supplier<DockerEngine> docker;
  private final String id;
  private final String description;

  public TunnelImage(Supplier<DockerEngine> docker) {
    this(docker, ID, "the image of the tunnel's VM-side helper is in the engine");
  }

  private TunnelImage(Supplier<DockerEngine> docker, String id, String description) {
    this.docker = docker;
    this.id = id;
    this.description = description;
  }

  /** The same image for the tap's {@code --route-all}, whose VM side needs ip and iptables too; its own step id. */
  public static TunnelImage forRouteAll(Supplier<DockerEngine> docker) {
    return new TunnelImage(docker, dev.hostbridge.api.StepIds.ROUTE_IMAGE,
        "the image of the VM-side helper that sets up forwarding is in the engine (--route-all)");
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public boolean isVolatile() {
    return true; // the watcher builds it again when a reset of Docker took it away
  }

  /** host-bridge's own image: {@code host-bridge-tunnel:<first 12 hex digits of the Dockerfile's SHA-256>}. */
  public static String defaultReference() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(dockerfile());
      return "host-bridge-tunnel:" + HexFormat.of().formatHex(digest).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is in every JDK", e);
    }
  }

  /**
   * For a revert: the image the step's apply recorded ({@code image}), when it is an image
   * reference; otherwise the one configured now.
   */
  public static String recordedOrConfigured(StepContext context) {
    return context.recorded("image").filter(image -> RECORDED_IMAGE.matcher(image).matches())
        .orElse(reference(context.config()));
  }

  /** The image the VM side runs in, as configured. */
  public static String reference(dev.hostbridge.api.BridgeConfig config) {
    return config.tunnelImage().orElseGet(TunnelImage::defaultReference);
  }

  @Override
  public StepStatus check(StepContext context) {
    String image = reference(context.config());
    if (docker.get().hasImage(image)) {
      return StepStatus.satisfied(image + " is in the engine");
    }
    if (context.config().tunnelImage().isPresent()) {
      return StepStatus.blocked("the image " + image + " (--tunnel-image) is not in the engine",
          "Load or build it (docker pull " + image + "), or leave --tunnel-image unset to use host-bridge's own image.");
    }
    return StepStatus.pending(image + " will be built from host-bridge's Dockerfile (debian:bookworm-slim with iproute2, "
        + "wireguard-tools, wireguard-go and iptables)");
  }

  @Override
  public void apply(StepContext context) {
    String image = reference(context.config());
    if (context.config().tunnelImage().isPresent()) {
      throw new BridgeException(ErrorCode.TUNNEL_IMAGE_MISSING, "the image " + image + " is not in the engine",
          "Load or build it, or leave --tunnel-image unset.");
    }
    context.progress("building " + image + " (once; it takes a minute)");
    docker.get().buildImage(new ByteArrayInputStream(tar(DOCKERFILE, dockerfile())), image);
    context.record("built", image);
  }

  @Override
  public void revert(StepContext context) {
    context.recorded("built").filter(image -> image.matches("host-bridge-tunnel:[0-9a-f]{12}"))
        .ifPresent(image -> docker.get().removeImage(image));
  }

  static byte[] dockerfile() {
    try (InputStream in = TunnelImage.class.getResourceAsStream(DOCKERFILE)) {
      if (in == null) {
        throw new IllegalStateException(DOCKERFILE + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A tar archive (POSIX ustar) of one regular file: the build context Docker takes. */
  static byte[] tar(String name, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] header = new byte[512];
    put(header, 0, name);
    put(header, 100, "0000644");
    put(header, 108, "0000000");
    put(header, 116, "0000000");
    put(header, 124, String.format("%011o", content.length));
    put(header, 136, String.format("%011o", 0));
    java.util.Arrays.fill(header, 148, 156, (byte) ' ');
    header[156] = '0';
    put(header, 257, "ustar");
    put(header, 263, "00");
    int sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    put(header, 148, String.format("%06o", sum));
    header[154] = 0;
    header[155] = ' ';
    out.writeBytes(header);
    out.writeBytes(content);
    out.writeBytes(new byte[(512 - content.length % 512) % 512]);
    out.writeBytes(new byte[1024]);
    return out.toByteArray();
  }

  private static void put(byte[] header, int offset, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, header, offset, bytes.length);
  }
}
