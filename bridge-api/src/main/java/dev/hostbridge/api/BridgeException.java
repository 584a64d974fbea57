package dev.hostbridge.api;

import java.util.Objects;

/**
 * The one root of every failure host-bridge reports. It carries a stable code (for scripts and
 * tests), a kind (who has to act) and a remedy a person can follow.
 */
public class BridgeException extends RuntimeException {

  /** Who has to act on a failure; the command line maps each kind to an exit code. */
  public enum Kind {
    /** Bad usage or configuration: fix the command line or the environment. */
    USER,
    /** A prerequisite is missing on the machine (a driver, an approval, a supported backend). */
    PREREQUISITE,
    /** The operating system refused or failed an operation. */
    PLATFORM,
    /** The Docker engine could not be reached or refused a request. */
    DOCKER,
    /** A defect in host-bridge itself or in a plugin. */
    INTERNAL
  }

  /** The stable, dotted identifier ({@link #code()}). */
  private final String code;
  /** Who has to act ({@link #kind()}). */
  private final Kind kind;
  /** What a person can do; empty when there is nothing to add ({@link #remedy()}). */
  private final String remedy;

  /**
   * A failure with a code of host-bridge's catalogue; its kind comes from there.
   *
   * @param code the catalogue's entry, which gives the code and the kind
   * @param message what failed, for people; not null
   * @param remedy what a person can do about it; null or empty when there is nothing to add
   */
  public BridgeException(ErrorCode code, String message, String remedy) {
    this(code, message, remedy, null);
  }

  /**
   * A failure with a code of host-bridge's catalogue, caused by another exception.
   *
   * @param code the catalogue's entry, which gives the code and the kind
   * @param message what failed, for people; not null
   * @param remedy what a person can do about it; null or empty when there is nothing to add
   * @param cause the exception that caused it; null for none
   */
  public BridgeException(ErrorCode code, String message, String remedy, Throwable cause) {
    this(code.code(), code.kind(), message, remedy, cause);
  }

  /**
   * A failure with a code of the caller's own (a plugin's, say), or one detail of a family of the catalogue.
   *
   * @param code a stable, dotted identifier, e.g. {@code myplugin.failed}; not null
   * @param kind who has to act; not null
   * @param message what failed, for people; not null
   * @param remedy what a person can do about it; null or empty when there is nothing to add
   */
  public BridgeException(String code, Kind kind, String message, String remedy) {
    this(code, kind, message, remedy, null);
  }

  /**
   * A failure with a code of the caller's own, or one detail of a family of the catalogue, caused
   * by another exception.
   *
   * @param code a stable, dotted identifier, e.g. {@code myplugin.failed}; not null
   * @param kind who has to act; not null
   * @param message what failed, for people; not null
   * @param remedy what a person can do about it; null or empty when there is nothing to add
   * @param cause the exception that caused it; null for none
   */
  public BridgeException(String code, Kind kind, String message, String remedy, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.code = Objects.requireNonNull(code, "code");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.remedy = remedy == null ? "" : remedy;
  }

  /**
   * A stable, dotted identifier such as {@code config.invalid} or {@code docker.unreachable}.
   *
   * @return the code
   */
  public String code() {
    return code;
  }

  /**
   * Who has to act on this failure; the command line maps it to an exit code.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * What a person can do about it; empty when there is nothing to add to the message.
   *
   * @return the remedy, never null
   */
  public String remedy() {
    return remedy;
  }

  /**
   * Wraps an unexpected exception so that callers see one type; a BridgeException passes as it is.
   *
   * @param code the catalogue's entry whose code the wrapper gets; its kind is INTERNAL whatever
   *     the entry's kind
   * @param cause the exception to wrap; not null
   * @return {@code cause} itself when it is a BridgeException, otherwise a new one of kind
   *     INTERNAL whose message is the cause's (or its class name when it has none)
   */
  public static BridgeException wrap(ErrorCode code, Throwable cause) {
    return wrap(code.code(), cause);
  }

  /**
   * Wraps an unexpected exception from a step or plugin so that callers see one type.
   *
   * @param code the code the wrapper gets
   * @param cause the exception to wrap; not null
   * @return {@code cause} itself when it is a BridgeException, otherwise a new one of kind
   *     INTERNAL whose message is the cause's (or its class name when it has none)
   */
  public static BridgeException wrap(String code, Throwable cause) {
    if (cause instanceof BridgeException bridge) {
      return bridge;
    }
    String detail = cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage();
    return new BridgeException(
        code, Kind.INTERNAL, detail, "This is a defect; please report it with the output of --verbose.", cause);
  }
}
