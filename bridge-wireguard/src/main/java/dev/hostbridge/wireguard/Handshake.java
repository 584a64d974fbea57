package dev.hostbridge.wireguard;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.AEADBadTagException;

/**
 * WireGuard's handshake (Noise IKpsk2), both roles. The responder checks an initiation message,
 * learns from it which peer sent it, and answers with a response message and the keys of a new
 * session; the initiator makes an initiation for a peer and completes it with the peer's response.
 * Message layouts and the chain of hashes and keys follow the protocol paper, section 5.4.
 */
final class Handshake {

  static final byte[] CONSTRUCTION = "Noise_IKpsk2_25519_ChaChaPoly_BLAKE2s".getBytes(StandardCharsets.US_ASCII);
  static final byte[] IDENTIFIER = "WireGuard v1 zx2c4 Jason@zx2c4.com".getBytes(StandardCharsets.US_ASCII);
  static final byte[] LABEL_MAC1 = "mac1----".getBytes(StandardCharsets.US_ASCII);

  static final int TYPE_INITIATION = 1;
  static final int TYPE_RESPONSE = 2;
  static final int INITIATION_SIZE = 148;
  static final int RESPONSE_SIZE = 92;

  /** What a valid initiation yields: the peer, its index, its timestamp, the response to send, the session keys. */
  record Accepted(byte[] peerPublic, int peerIndex, byte[] timestamp, byte[] response, Session session) {}

  private final byte[] staticPrivate;
  private final byte[] staticPublic;
  private final byte[] mac1Key;
  private final byte[] initialChain;
  private final byte[] initialHash;

  private final java.util.Random random;

  /** With our static private key and the randomness the ephemeral keys are drawn from. */
  Handshake(byte[] staticPrivate, java.util.Random random) {
    this.random = random;
    this.staticPrivate = staticPrivate.clone();
    this.staticPublic = Crypto.publicKey(staticPrivate);
    this.mac1Key = Crypto.hash(LABEL_MAC1, staticPublic);
    this.initialChain = Crypto.hash(CONSTRUCTION);
    this.initialHash = Crypto.hash(Crypto.hash(initialChain, IDENTIFIER), staticPublic);
  }

  /** An initiation sent and waiting for its response: what the initiator must remember. */
  record Pending(int localIndex, byte[] peerPublic, byte[] presharedKey, byte[] ephemeralPrivate, byte[] chain, byte[] hash) {}

  /** An initiation message and the state its response completes. */
  record Initiation(byte[] message, Pending pending) {}

  /**
   * The initiation (paper 5.4.2) for the peer {@code peerPublic}, from our index {@code localIndex},
   * stamped with {@code timestamp} (TAI64N, 12 bytes; the responder refuses one not newer than the
   * last it saw from us).
   */
  Initiation initiate(byte[] peerPublic, byte[] presharedKey, int localIndex, byte[] timestamp) throws GeneralSecurityException {
    byte[] ephemeralPrivate = Crypto.generatePrivate(random);
    byte[] ephemeralPublic = Crypto.publicKey(ephemeralPrivate);
    byte[] chain = Crypto.hash(CONSTRUCTION);
    byte[] hash = Crypto.hash(Crypto.hash(chain, IDENTIFIER), peerPublic);
    ByteBuffer out = ByteBuffer.allocate(INITIATION_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    out.put(0, (byte) TYPE_INITIATION).putInt(4, localIndex).put(8, ephemeralPublic);
    chain = Crypto.kdf(1, chain, ephemeralPublic)[0];
    hash = Crypto.hash(hash, ephemeralPublic);
    byte[][] ck = Crypto.kdf(2, chain, Crypto.dh(ephemeralPrivate, peerPublic));
    chain = ck[0];
    byte[] sealedStatic = Crypto.encrypt(ck[1], 0, staticPublic, hash);
    out.put(40, sealedStatic);
    hash = Crypto.hash(hash, sealedStatic);
    ck = Crypto.kdf(2, chain, Crypto.dh(staticPrivate, peerPublic));
    chain = ck[0];
    byte[] sealedTimestamp = Crypto.encrypt(ck[1], 0, timestamp, hash);
    out.put(88, sealedTimestamp);
    hash = Crypto.hash(hash, sealedTimestamp);
    byte[] message = out.array();
    System.arraycopy(Crypto.mac(Crypto.hash(LABEL_MAC1, peerPublic), message, 0, 116), 0, message, 116, 16);
    return new Initiation(message, new Pending(localIndex, peerPublic.clone(), presharedKey.clone(), ephemeralPrivate, chain, hash));
  }

  /**
   * Completes {@code pending} with the peer's response (paper 5.4.3): the new session, or empty when
   * the message is not a genuine response to it.
   */
  Optional<Session> complete(Pending pending, byte[] message, int length) {
    if (length != RESPONSE_SIZE || message[0] != TYPE_RESPONSE || message[1] != 0 || message[2] != 0 || message[3] != 0) {
      return Optional.empty();
    }
    ByteBuffer in = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
    if (in.getInt(8) != pending.localIndex()) {
      return Optional.empty();
    }
    if (!java.security.MessageDigest.isEqual(Crypto.mac(mac1Key, message, 0, 60), Arrays.copyOfRange(message, 60, 76))) {
      return Optional.empty();
    }
    int peerIndex = in.getInt(4);
    byte[] ephemeral = Arrays.copyOfRange(message, 12, 44);
    try {
      byte[] chain = Crypto.kdf(1, pending.chain(), ephemeral)[0];
      byte[] hash = Crypto.hash(pending.hash(), ephemeral);
      chain = Crypto.kdf(1, chain, Crypto.dh(pending.ephemeralPrivate(), ephemeral))[0];
      chain = Crypto.kdf(1, chain, Crypto.dh(staticPrivate, ephemeral))[0];
      byte[][] ctk = Crypto.kdf(3, chain, pending.presharedKey());
      chain = ctk[0];
      hash = Crypto.hash(hash, ctk[1]);
      Crypto.decrypt(ctk[2], 0, message, 44, 16, hash);
      byte[][] keys = Crypto.kdf(2, chain, new byte[0]);
      return Optional.of(new Session(pending.localIndex(), peerIndex, keys[0], keys[1]));
    } catch (GeneralSecurityException e) {
      return Optional.empty(); // not the response to this initiation, or tampered with
    }
  }

  byte[] publicKey() {
    return staticPublic.clone();
  }

  /** Whether a handshake message (initiation or response) carries the first MAC made for us: the cheap check before any work. */
  boolean mac1Valid(byte[] message, int length) {
    if (length != INITIATION_SIZE && length != RESPONSE_SIZE) {
      return false;
    }
    int at = Cookies.mac1Offset(length);
    return java.security.MessageDigest.isEqual(Crypto.mac(mac1Key, message, 0, at), Arrays.copyOfRange(message, at, at + 16));
  }

  /**
   * Checks an initiation and answers it. {@code presharedKey} gives the preshared key of a known
   * peer (32 zero bytes when it has none), empty for a peer that is not configured: such an
   * initiation is ignored, as is one whose MAC1 or AEAD does not check out.
   */
  Optional<Accepted> respond(byte[] message, int length, int localIndex, Function<byte[], Optional<byte[]>> presharedKey) {
    if (length != INITIATION_SIZE || message[0] != TYPE_INITIATION || message[1] != 0 || message[2] != 0 || message[3] != 0) {
      return Optional.empty();
    }
    byte[] mac1 = Crypto.mac(mac1Key, message, 0, 116);
    if (!java.security.MessageDigest.isEqual(mac1, Arrays.copyOfRange(message, 116, 132))) {
      return Optional.empty();
    }
    ByteBuffer in = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
    int peerIndex = in.getInt(4);
    byte[] ephemeral = Arrays.copyOfRange(message, 8, 40);
    try {
      byte[] chain = Crypto.kdf(1, initialChain, ephemeral)[0];
      byte[] hash = Crypto.hash(initialHash, ephemeral);
      byte[][] ck = Crypto.kdf(2, chain, Crypto.dh(staticPrivate, ephemeral));
      chain = ck[0];
      byte[] peerPublic = Crypto.decrypt(ck[1], 0, message, 40, 48, hash);
      hash = Crypto.hash(hash, Arrays.copyOfRange(message, 40, 88));
      Optional<byte[]> psk = presharedKey.apply(peerPublic);
      if (psk.isEmpty()) {
        return Optional.empty();
      }
      ck = Crypto.kdf(2, chain, Crypto.dh(staticPrivate, peerPublic));
      chain = ck[0];
      byte[] timestamp = Crypto.decrypt(ck[1], 0, message, 88, 28, hash);
      hash = Crypto.hash(hash, Arrays.copyOfRange(message, 88, 116));

      // The response (paper 5.4.3).
      byte[] ephemeralPrivate = Crypto.generatePrivate(random);
      byte[] ephemeralPublic = Crypto.publicKey(ephemeralPrivate);
      ByteBuffer out = ByteBuffer.allocate(RESPONSE_SIZE).order(ByteOrder.LITTLE_ENDIAN);
      out.put(0, (byte) TYPE_RESPONSE).putInt(4, localIndex).putInt(8, peerIndex).put(12, ephemeralPublic);
      chain = Crypto.kdf(1, chain, ephemeralPublic)[0];
      hash = Crypto.hash(hash, ephemeralPublic);
      chain = Crypto.kdf(1, chain, Crypto.dh(ephemeralPrivate, ephemeral))[0];
      chain = Crypto.kdf(1, chain, Crypto.dh(ephemeralPrivate, peerPublic))[0];
      byte[][] ctk = Crypto.kdf(3, chain, psk.get());
      chain = ctk[0];
      hash = Crypto.hash(hash, ctk[1]);
      byte[] empty = Crypto.encrypt(ctk[2], 0, new byte[0], hash);
      out.put(44, empty);
      byte[] response = out.array();
      byte[] responseMac1 = Crypto.mac(Crypto.hash(LABEL_MAC1, peerPublic), response, 0, 60);
      System.arraycopy(responseMac1, 0, response, 60, 16);
      // mac2 is left zero: the endpoint adds it when the peer has given it a cookie.
      byte[][] keys = Crypto.kdf(2, chain, new byte[0]);
      Session session = new Session(localIndex, peerIndex, keys[1], keys[0]);
      return Optional.of(new Accepted(peerPublic, peerIndex, timestamp, response, session));
    } catch (AEADBadTagException e) {
      return Optional.empty(); // not for us, or tampered with
    } catch (GeneralSecurityException e) {
      return Optional.empty(); // an ephemeral key of small order
    }
  }
}
