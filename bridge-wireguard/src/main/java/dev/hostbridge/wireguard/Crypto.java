package dev.hostbridge.wireguard;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.Blake2sDigest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The primitives of WireGuard's Noise_IKpsk2_25519_ChaChaPoly_BLAKE2s, as the protocol paper
 * defines them: HASH (BLAKE2s-256), MAC (keyed BLAKE2s-128), HMAC (HMAC-BLAKE2s), KDF1..3, AEAD
 * (ChaCha20-Poly1305 with a 64-bit little-endian counter in a 96-bit nonce) and DH (X25519).
 * X25519 and ChaCha20-Poly1305 come from the JDK, BLAKE2s from BouncyCastle.
 */
final class Crypto {

  static final int KEY = 32;
  static final int TAG = 16;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] BASE_POINT = new byte[KEY];

  static {
    BASE_POINT[0] = 9;
  }

  private Crypto() {}

  static byte[] hash(byte[]... parts) {
    Blake2sDigest digest = new Blake2sDigest(256);
    for (byte[] part : parts) {
      digest.update(part, 0, part.length);
    }
    byte[] out = new byte[32];
    digest.doFinal(out, 0);
    return out;
  }

  /** Keyed BLAKE2s with a 16-byte output. */
  static byte[] mac(byte[] key, byte[] data, int offset, int length) {
    Blake2sDigest digest = new Blake2sDigest(key, 16, null, null);
    digest.update(data, offset, length);
    byte[] out = new byte[16];
    digest.doFinal(out, 0);
    return out;
  }

  static byte[] hmac(byte[] key, byte[]... parts) {
    HMac hmac = new HMac(new Blake2sDigest(256));
    hmac.init(new KeyParameter(key));
    for (byte[] part : parts) {
      hmac.update(part, 0, part.length);
    }
    byte[] out = new byte[32];
    hmac.doFinal(out, 0);
    return out;
  }

  /** KDF_n(key, input): n 32-byte outputs of the HKDF-like chain the paper defines. */
  static byte[][] kdf(int n, byte[] key, byte[] input) {
    byte[] t0 = hmac(key, input);
    byte[][] out = new byte[n][];
    byte[] previous = new byte[0];
    for (int i = 0; i < n; i++) {
      previous = hmac(t0, previous, new byte[] {(byte) (i + 1)});
      out[i] = previous;
    }
    return out;
  }

  /** ChaCha20-Poly1305 with WireGuard's nonce: 32 zero bits, then the counter little-endian. */
  static byte[] encrypt(byte[] key, long counter, byte[] plain, byte[] ad) {
    return seal(key, nonce(counter), plain, ad);
  }

  /**
   * One cipher per thread and direction, initialised anew for each message: looking the algorithm
   * up for every packet cost more than the encryption of a small one.
   */
  private static final ThreadLocal<Cipher> SEALING = ThreadLocal.withInitial(Crypto::newCipher);
  private static final ThreadLocal<Cipher> OPENING = ThreadLocal.withInitial(Crypto::newCipher);

  private static Cipher newCipher() {
    try {
      return Cipher.getInstance("ChaCha20-Poly1305");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 is part of every JDK 11 and later", e);
    }
  }

  /**
   * The thread's cipher set up for {@code mode}. The JDK refuses to encrypt twice with one key and
   * nonce on the same cipher object; WireGuard never does that, but should it happen a new object
   * takes the message rather than the call failing.
   */
  private static Cipher ready(ThreadLocal<Cipher> cached, int mode, byte[] key, byte[] nonce) throws GeneralSecurityException {
    Cipher cipher = cached.get();
    try {
      cipher.init(mode, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
    } catch (java.security.InvalidKeyException | java.security.InvalidAlgorithmParameterException repeated) {
      cipher = newCipher();
      cipher.init(mode, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
      cached.set(cipher);
    }
    return cipher;
  }

  /** ChaCha20-Poly1305 (RFC 8439) with a 12-byte nonce: the ciphertext followed by the 16-byte tag. */
  static byte[] seal(byte[] key, byte[] nonce, byte[] plain, byte[] ad) {
    try {
      Cipher cipher = ready(SEALING, Cipher.ENCRYPT_MODE, key, nonce);
      cipher.updateAAD(ad);
      return cipher.doFinal(plain);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 is part of every JDK 11 and later", e);
    }
  }

  private static final byte[] ZEROS = new byte[16];

  /**
   * Seals {@code length} bytes of {@code plain} followed by {@code padding} zero bytes (at most
   * 15) with the counter's nonce and no associated data, into {@code out} at {@code offset};
   * returns how many bytes were written (ciphertext and tag).
   */
  static int sealInto(byte[] key, long counter, byte[] plain, int length, int padding, byte[] out, int offset) {
    try {
      Cipher cipher = ready(SEALING, Cipher.ENCRYPT_MODE, key, nonce(counter));
      int written = cipher.update(plain, 0, length, out, offset);
      return written + cipher.doFinal(ZEROS, 0, padding, out, offset + written);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 is part of every JDK 11 and later", e);
    }
  }

  /** Decrypts and authenticates; an AEADBadTagException when the message is not genuine. */
  static byte[] decrypt(byte[] key, long counter, byte[] sealed, int offset, int length, byte[] ad) throws AEADBadTagException {
    return open(key, nonce(counter), sealed, offset, length, ad);
  }

  /** ChaCha20-Poly1305 decryption with a 12-byte nonce; an AEADBadTagException when not genuine. */
  static byte[] open(byte[] key, byte[] nonce, byte[] sealed, int offset, int length, byte[] ad) throws AEADBadTagException {
    try {
      Cipher cipher = ready(OPENING, Cipher.DECRYPT_MODE, key, nonce);
      cipher.updateAAD(ad);
      return cipher.doFinal(sealed, offset, length);
    } catch (AEADBadTagException e) {
      throw e;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 is part of every JDK 11 and later", e);
    }
  }

  /**
   * HChaCha20 (draft-irtf-cfrg-xchacha, 2.2): the ChaCha20 block function's twenty rounds over the
   * key and a 16-byte nonce, without the final addition of the input, words 0-3 and 12-15 of the
   * result. BouncyCastle's core adds the input back, so it is taken away again here.
   */
  static byte[] hchacha20(byte[] key, byte[] nonce16) {
    if (key.length != KEY || nonce16.length != 16) {
      throw new IllegalArgumentException("HChaCha20 takes a 32-byte key and a 16-byte nonce");
    }
    int[] state = new int[16];
    state[0] = 0x61707865;
    state[1] = 0x3320646e;
    state[2] = 0x79622d32;
    state[3] = 0x6b206574;
    ByteBuffer k = ByteBuffer.wrap(key).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer n = ByteBuffer.wrap(nonce16).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 8; i++) {
      state[4 + i] = k.getInt(4 * i);
    }
    for (int i = 0; i < 4; i++) {
      state[12 + i] = n.getInt(4 * i);
    }
    int[] mixed = new int[16];
    org.bouncycastle.crypto.engines.ChaChaEngine.chachaCore(20, state, mixed);
    ByteBuffer out = ByteBuffer.allocate(KEY).order(ByteOrder.LITTLE_ENDIAN);
    for (int word : new int[] {0, 1, 2, 3, 12, 13, 14, 15}) {
      out.putInt(mixed[word] - state[word]);
    }
    return out.array();
  }

  /** XChaCha20-Poly1305 (draft-irtf-cfrg-xchacha, 2.3) with a 24-byte nonce, as the cookie reply uses it. */
  static byte[] xseal(byte[] key, byte[] nonce24, byte[] plain, byte[] ad) {
    return seal(hchacha20(key, java.util.Arrays.copyOf(nonce24, 16)), xnonce(nonce24), plain, ad);
  }

  static byte[] xopen(byte[] key, byte[] nonce24, byte[] sealed, int offset, int length, byte[] ad) throws AEADBadTagException {
    return open(hchacha20(key, java.util.Arrays.copyOf(nonce24, 16)), xnonce(nonce24), sealed, offset, length, ad);
  }

  /** The 12-byte nonce of XChaCha20's inner ChaCha20: four zero bytes and the last eight of the 24. */
  private static byte[] xnonce(byte[] nonce24) {
    if (nonce24.length != 24) {
      throw new IllegalArgumentException("XChaCha20 takes a 24-byte nonce");
    }
    byte[] inner = new byte[12];
    System.arraycopy(nonce24, 16, inner, 4, 8);
    return inner;
  }

  static byte[] nonce(long counter) {
    return ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putInt(0).putLong(counter).array();
  }

  /** X25519(privateKey, publicKey); an exception for a public key of small order (an all-zero result). */
  static byte[] dh(byte[] privateKey, byte[] publicKey) throws GeneralSecurityException {
    KeyFactory factory = KeyFactory.getInstance("X25519");
    PrivateKey priv = factory.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, privateKey.clone()));
    PublicKey pub = factory.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, u(publicKey)));
    KeyAgreement agreement = KeyAgreement.getInstance("X25519");
    agreement.init(priv);
    agreement.doPhase(pub, true);
    return agreement.generateSecret();
  }

  static byte[] publicKey(byte[] privateKey) {
    try {
      return dh(privateKey, BASE_POINT);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an X25519 private key", e);
    }
  }

  /** A new private key, clamped as RFC 7748 and wg(8) do. */
  static byte[] generatePrivate() {
    return generatePrivate(RANDOM);
  }

  /** As {@link #generatePrivate()}, from the given source of randomness. */
  static byte[] generatePrivate(java.util.Random random) {
    byte[] key = new byte[KEY];
    random.nextBytes(key);
    key[0] &= (byte) 248;
    key[31] &= 127;
    key[31] |= 64;
    return key;
  }

  static byte[] random(int length) {
    byte[] bytes = new byte[length];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  /** A little-endian u-coordinate as the JDK takes it, its top bit masked (RFC 7748, 5). */
  private static BigInteger u(byte[] littleEndian) {
    byte[] bigEndian = new byte[KEY];
    for (int i = 0; i < KEY; i++) {
      bigEndian[i] = littleEndian[KEY - 1 - i];
    }
    bigEndian[0] &= 0x7f;
    return new BigInteger(1, bigEndian);
  }
}
