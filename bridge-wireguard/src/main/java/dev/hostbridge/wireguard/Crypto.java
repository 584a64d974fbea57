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

  /** ChaCha20-Poly1305 (RFC 8439) with a 12-byte nonce: the ciphertext followed by the 16-byte tag. */
  static byte[] seal(byte[] key, byte[] nonce, byte[] plain, byte[] ad) {
    try {
      Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
      cipher.updateAAD(ad);
      return cipher.doFinal(plain);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 is part of every JDK 11 and later", e);
    }
  }

  /** Decrypts and authenticates; an AEADBadTagException when the message is not genuine. */
  static byte[] decrypt(byte[] key, long counter, byte[] sealed, int offset, int length, byte[] ad) throws AEADBadTagException {
    try {
      Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
      cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce(counter)));
      cipher.updateAAD(ad);
      return cipher.doFinal(sealed, offset, length);
    } catch (AEADBadTagException e) {
      throw e;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 is part of every JDK 11 and later", e);
    }
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
