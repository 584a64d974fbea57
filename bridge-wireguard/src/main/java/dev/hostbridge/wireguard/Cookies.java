package dev.hostbridge.wireguard;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import javax.crypto.AEADBadTagException;

/**
 * WireGuard's cookies (paper 5.4.7), the defence of a responder under load. Such a responder
 * answers a handshake message whose second MAC is not valid with a cookie reply instead of doing
 * the work: a cookie (a MAC of the sender's address under a secret renewed every two minutes),
 * encrypted with XChaCha20-Poly1305 under a key derived from the responder's public key, with the
 * message's first MAC as associated data. The sender keeps the cookie for two minutes and puts a
 * second MAC made with it on its next handshake messages, which proves it owns its address.
 */
final class Cookies {

  static final int TYPE_COOKIE_REPLY = 3;
  static final int REPLY_SIZE = 64;
  /** How long a secret, and a cookie made from it, is good for: REKEY_AFTER_TIME. */
  static final long COOKIE_LIFETIME = 120_000;
  private static final byte[] LABEL_COOKIE = "cookie--".getBytes(StandardCharsets.US_ASCII);

  private final byte[] encryptionKey;
  private final Random random;
  private byte[] secret;
  private long secretMade = Long.MIN_VALUE;

  /** For the side whose public key is {@code ourPublic}: it makes and checks cookies for its senders. */
  Cookies(byte[] ourPublic, Random random) {
    this.encryptionKey = Crypto.hash(LABEL_COOKIE, ourPublic);
    this.random = random;
  }

  /** Where the two MACs lie in a handshake message of this length (initiation 148, response 92). */
  static int mac1Offset(int length) {
    return length - 32;
  }

  static int mac2Offset(int length) {
    return length - 16;
  }

  /** The cookie for a sender at {@code from}: MAC(secret, address bytes, port), under a secret at most two minutes old. */
  synchronized byte[] cookieFor(InetSocketAddress from, long now) {
    if (secret == null || now - secretMade >= COOKIE_LIFETIME) {
      secret = new byte[Crypto.KEY];
      random.nextBytes(secret);
      secretMade = now;
    }
    byte[] address = from.getAddress().getAddress();
    byte[] source = Arrays.copyOf(address, address.length + 2);
    source[address.length] = (byte) (from.getPort() >>> 8);
    source[address.length + 1] = (byte) from.getPort();
    return Crypto.mac(secret, source, 0, source.length);
  }

  /** Whether the message's second MAC is the one the cookie for {@code from} makes. */
  boolean mac2Valid(byte[] message, int length, InetSocketAddress from, long now) {
    int at = mac2Offset(length);
    byte[] expected = Crypto.mac(cookieFor(from, now), message, 0, at);
    return MessageDigest.isEqual(expected, Arrays.copyOfRange(message, at, length));
  }

  /** The cookie reply to the handshake message {@code message} from {@code from}. */
  byte[] reply(byte[] message, int length, InetSocketAddress from, long now) {
    int senderIndex = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN).getInt(4);
    byte[] mac1 = Arrays.copyOfRange(message, mac1Offset(length), mac2Offset(length));
    byte[] nonce = new byte[24];
    random.nextBytes(nonce);
    byte[] sealed = Crypto.xseal(encryptionKey, nonce, cookieFor(from, now), mac1);
    return ByteBuffer.allocate(REPLY_SIZE).order(ByteOrder.LITTLE_ENDIAN)
        .put(0, (byte) TYPE_COOKIE_REPLY).putInt(4, senderIndex).put(8, nonce).put(32, sealed).array();
  }

  /**
   * The cookie in a reply from the peer whose public key is {@code peerPublic}, to the message whose
   * first MAC was {@code mac1}; empty when the reply is not genuine.
   */
  static Optional<byte[]> open(byte[] reply, int length, byte[] peerPublic, byte[] mac1) {
    if (length != REPLY_SIZE || mac1 == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Crypto.xopen(Crypto.hash(LABEL_COOKIE, peerPublic), Arrays.copyOfRange(reply, 8, 32), reply, 32, 32, mac1));
    } catch (AEADBadTagException e) {
      return Optional.empty();
    }
  }

  /** Puts the second MAC on an outgoing handshake message: made with {@code cookie}, or zeros when there is none. */
  static void putMac2(byte[] message, byte[] cookie) {
    int at = mac2Offset(message.length);
    byte[] mac2 = cookie == null ? new byte[16] : Crypto.mac(cookie, message, 0, at);
    System.arraycopy(mac2, 0, message, at, 16);
  }
}
