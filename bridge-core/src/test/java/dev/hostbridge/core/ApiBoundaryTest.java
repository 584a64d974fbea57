package dev.hostbridge.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The embedder's package, {@code dev.hostbridge.core}, is the boundary: no public or protected
 * member of its public types takes, returns or throws a type of host-bridge's internal packages
 * (engine, steps, Docker access, tunnel, platform, seams) or of docker-java. Jib's rule.
 */
class ApiBoundaryTest {

  static final List<String> INTERNAL = List.of("dev.hostbridge.core.docker.", "dev.hostbridge.core.engine.",
      "dev.hostbridge.core.steps.", "dev.hostbridge.core.tunnel.", "dev.hostbridge.core.platform.", "dev.hostbridge.core.internal.",
      "com.github.dockerjava.");

  static List<Class<?>> publicTypes() throws Exception {
    Path classes = Path.of(HostBridge.class.getProtectionDomain().getCodeSource().getLocation().toURI()).resolve("dev/hostbridge/core");
    List<Class<?>> types = new ArrayList<>();
    try (Stream<Path> files = Files.list(classes)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = file.getFileName().toString();
        Class<?> type = Class.forName("dev.hostbridge.core." + name.substring(0, name.length() - ".class".length()), false,
            HostBridge.class.getClassLoader());
        if (exported(type)) {
          types.add(type);
        }
      }
    }
    return types;
  }

  /** Public, and every type it is nested in is public too. */
  static boolean exported(Class<?> type) {
    for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
      if (!Modifier.isPublic(t.getModifiers()) || t.isAnonymousClass() || t.isSynthetic()) {
        return false;
      }
    }
    return true;
  }

  static boolean visible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  @Test
  void noMemberOfTheEmbeddersPackageShowsAnInternalType() throws Exception {
    List<Class<?>> types = publicTypes();
    assertTrue(types.stream().anyMatch(t -> t == HostBridge.Builder.class), types.toString());
    List<String> leaks = new ArrayList<>();
    for (Class<?> type : types) {
      for (Method method : type.getDeclaredMethods()) {
        if (visible(method.getModifiers()) && !method.isSynthetic()) {
          check(leaks, type.getName() + "." + method.getName(), method.toGenericString());
        }
      }
      for (Constructor<?> constructor : type.getDeclaredConstructors()) {
        if (visible(constructor.getModifiers())) {
          check(leaks, type.getName() + ".<init>", constructor.toGenericString());
        }
      }
      for (Field field : type.getDeclaredFields()) {
        if (visible(field.getModifiers())) {
          check(leaks, type.getName() + "." + field.getName(), field.toGenericString());
        }
      }
      if (type.getGenericSuperclass() != null) {
        check(leaks, type.getName() + " extends", type.getGenericSuperclass().getTypeName());
      }
      for (java.lang.reflect.Type implemented : type.getGenericInterfaces()) {
        check(leaks, type.getName() + " implements", implemented.getTypeName());
      }
    }
    assertEquals(List.of(), leaks);
  }

  /** The rule can fail: an internal type in a signature is seen. */
  @Test
  void theRuleSeesAnInternalTypeInASignature() {
    List<String> leaks = new ArrayList<>();
    check(leaks, "example", "public java.util.function.Supplier<dev.hostbridge.core.docker.DockerEngine> example()");
    assertEquals(1, leaks.size());
  }

  private static void check(List<String> leaks, String where, String signature) {
    for (String internal : INTERNAL) {
      if (signature.contains(internal)) {
        leaks.add(where + ": " + signature);
        return;
      }
    }
  }
}
