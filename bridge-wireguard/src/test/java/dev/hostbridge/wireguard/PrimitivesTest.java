package dev.hostbridge.wireguard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Known-answer tests for the primitives (RFC 7693 appendix B's BLAKE2s, RFC 7748 section 5.2's
 * X25519) and the edges of the replay window and transport sessions. The whole protocol is checked
 * against wireguard-go in {@link WireGuardGoInteropTest}.
 */
class PrimitivesTest {

  private static final HexFormat HEX = HexFormat.of();

  @Test
  void blake2sOfAbcIsRfc7693sValue() {
    assertEquals("508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982",
        HEX.formatHex(Crypto.hash("abc".getBytes(StandardCharsets.US_ASCII))));
  }

  @Test
  void chacha20Poly1305MatchesRfc8439Section282() throws Exception {
    byte[] key = HEX.parseHex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
    byte[] nonce = HEX.parseHex("070000004041424344454647");
    byte[] ad = HEX.parseHex("50515253c0c1c2c3c4c5c6c7");
    byte[] plain = ("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future,"
        + " sunscreen would be it.").getBytes(StandardCharsets.US_ASCII);
    String expected = "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69da92728b"
        + "1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc3ff4def08e4b"
        + "7a9de576d26586cec64b6116" + "1ae10b594f09e26a7e902ecbd0600691";
    assertEquals(expected, HEX.formatHex(Crypto.seal(key, nonce, plain, ad)));
  }

  @Test
  void wireguardsNonceIsTheCounterLittleEndianAfterFourZeroBytes() throws Exception {
    assertEquals("000000000807060504030201", HEX.formatHex(Crypto.nonce(0x0102030405060708L)));
    byte[] key = Crypto.random(32);
    byte[] sealed = Crypto.encrypt(key, 7, new byte[] {1, 2, 3}, new byte[0]);
    assertArrayEquals(new byte[] {1, 2, 3}, Crypto.decrypt(key, 7, sealed, 0, sealed.length, new byte[0]));
    assertThrows(javax.crypto.AEADBadTagException.class, () -> Crypto.decrypt(key, 8, sealed, 0, sealed.length, new byte[0]));
  }

  @Test
  void hchacha20MatchesTheXChaChaDraftsVector() {
    // draft-irtf-cfrg-xchacha-03, 2.2.1: key 00..1f, nonce 000000090000004a0000000031415927
    byte[] key = new byte[32];
    for (int i = 0; i < 32; i++) {
      key[i] = (byte) i;
    }
    byte[] subkey = Crypto.hchacha20(key, HEX.parseHex("000000090000004a0000000031415927"));
    assertEquals("82413b4227b27bfed30e42508a877d73a0f9e4d58a74a853c12ec41326d3ecdc", HEX.formatHex(subkey));
  }

  @Test
  void xchacha20Poly1305OpensWhatItSealsAndNothingElse() throws Exception {
    byte[] key = Crypto.random(32);
    byte[] nonce = Crypto.random(24);
    byte[] sealed = Crypto.xseal(key, nonce, "cookie".getBytes(), "ad".getBytes());
    assertEquals(6 + 16, sealed.length);
    assertEquals("cookie", new String(Crypto.xopen(key, nonce, sealed, 0, sealed.length, "ad".getBytes())));
    assertThrows(javax.crypto.AEADBadTagException.class, () -> Crypto.xopen(key, nonce, sealed, 0, sealed.length, "AD".getBytes()));
    byte[] otherNonce = nonce.clone();
    otherNonce[3] ^= 1; // a byte of the part that goes into HChaCha20
    assertThrows(javax.crypto.AEADBadTagException.class, () -> Crypto.xopen(key, otherNonce, sealed, 0, sealed.length, "ad".getBytes()));
  }

  @Test
  void x25519MatchesRfc7748() throws GeneralSecurityException {
    byte[] scalar = HEX.parseHex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4");
    byte[] u = HEX.parseHex("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c");
    assertEquals("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552", HEX.formatHex(Crypto.dh(scalar, u)));
  }

  @Test
  void aPublicKeyOfSmallOrderIsRefused() {
    assertThrows(GeneralSecurityException.class, () -> Crypto.dh(Crypto.generatePrivate(), new byte[32]));
  }

  @Test
  void keysAreCheckedAndTheErrorSaysWhatAKeyLooksLike() {
    IllegalArgumentException notBase64 = assertThrows(IllegalArgumentException.class, () -> WireGuardEndpoint.decodeKey("not a key!"));
    assertTrue(notBase64.getMessage().contains("44 characters"), notBase64.getMessage());
    IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class, () -> WireGuardEndpoint.decodeKey("AAAA"));
    assertTrue(tooShort.getMessage().contains("got 3 bytes"), tooShort.getMessage());
    String key = WireGuardEndpoint.generatePrivateKey();
    assertEquals(32, WireGuardEndpoint.decodeKey(key + "\n").length);
  }

  @Test
  void replayWindowAcceptsEachCounterOnceAndForgetsTheTooOld() {
    ReplayWindow window = new ReplayWindow();
    for (long c : new long[] {0, 1, 5, 3}) {
      assertTrue(window.mayAccept(c), "first " + c);
      window.accept(c);
      assertFalse(window.mayAccept(c), "again " + c);
    }
    assertTrue(window.mayAccept(2), "a late one inside the window");
    window.accept(5000);
    assertFalse(window.mayAccept(2), "more than 2048 behind the highest");
    assertFalse(window.mayAccept(5000 - ReplayWindow.SIZE));
    assertTrue(window.mayAccept(5000 - ReplayWindow.SIZE + 1), "the oldest still inside, never seen");
    assertTrue(window.mayAccept(4999 - ReplayWindow.SIZE + 100), "bits left from before the jump were cleared");
    assertFalse(window.mayAccept(-1));
  }

  @Test
  void sessionsOpenWhatTheOtherSealsOnceAndRefuseTampering() {
    byte[] a = Crypto.random(32);
    byte[] b = Crypto.random(32);
    Session ours = new Session(1, 2, a, b);
    Session theirs = new Session(2, 1, b, a);
    byte[] packet = "seventeen bytes!!".getBytes(StandardCharsets.US_ASCII);
    byte[] sealed = ours.seal(packet);
    assertEquals(Session.HEADER + 32 + Crypto.TAG, sealed.length, "padded to a multiple of 16");
    byte[] opened = theirs.open(sealed, sealed.length).orElseThrow();
    assertArrayEquals(packet, java.util.Arrays.copyOf(opened, packet.length));
    assertTrue(theirs.open(sealed, sealed.length).isEmpty(), "a replay is dropped");

    byte[] second = ours.seal(packet);
    second[Session.HEADER + 3] ^= 1;
    assertTrue(theirs.open(second, second.length).isEmpty(), "a flipped bit fails the tag");
    assertTrue(theirs.open(second, Session.HEADER + Crypto.TAG - 1).isEmpty(), "too short");
  }
}
