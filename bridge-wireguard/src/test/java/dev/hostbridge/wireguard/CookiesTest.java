package dev.hostbridge.wireguard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Cookies (paper 5.4.7): bound to the sender's address, to the message answered, and to two minutes. */
class CookiesTest {

  final byte[] responderPublic = Crypto.publicKey(Crypto.generatePrivate());
  final Cookies cookies = new Cookies(responderPublic, new SecureRandom());
  final InetSocketAddress sender = new InetSocketAddress("192.0.2.7", 51820);

  /** A handshake message of initiation size with a first MAC of its own. */
  static byte[] message() {
    byte[] message = Crypto.random(Handshake.INITIATION_SIZE);
    message[0] = 1;
    return message;
  }

  @Test
  void theReplyCarriesTheCookieForTheSenderToWhoeverSentThatMessage() {
    byte[] message = message();
    byte[] reply = cookies.reply(message, message.length, sender, 0);
    assertEquals(Cookies.REPLY_SIZE, reply.length);
    assertEquals(3, reply[0]);
    assertArrayEquals(Arrays.copyOfRange(message, 4, 8), Arrays.copyOfRange(reply, 4, 8), "addressed to the sender's index");
    byte[] mac1 = Arrays.copyOfRange(message, 116, 132);
    byte[] cookie = Cookies.open(reply, reply.length, responderPublic, mac1).orElseThrow();
    assertArrayEquals(cookies.cookieFor(sender, 0), cookie);

    byte[] otherMac1 = mac1.clone();
    otherMac1[0] ^= 1;
    assertEquals(Optional.empty(), Cookies.open(reply, reply.length, responderPublic, otherMac1), "not for another message");
    assertEquals(Optional.empty(), Cookies.open(reply, reply.length, Crypto.publicKey(Crypto.generatePrivate()), mac1),
        "not from another responder");
  }

  @Test
  void aSecondMacMadeWithTheCookieIsValidFromThatAddressOnly() {
    byte[] message = message();
    Cookies.putMac2(message, cookies.cookieFor(sender, 0));
    assertTrue(cookies.mac2Valid(message, message.length, sender, 1000));
    assertFalse(cookies.mac2Valid(message, message.length, new InetSocketAddress("192.0.2.7", 51821), 1000), "another port");
    assertFalse(cookies.mac2Valid(message, message.length, new InetSocketAddress("192.0.2.8", 51820), 1000), "another address");
    assertFalse(cookies.mac2Valid(message, message.length, sender, Cookies.COOKIE_LIFETIME), "the secret is new after two minutes");
    Cookies.putMac2(message, null);
    assertArrayEquals(new byte[16], Arrays.copyOfRange(message, 132, 148), "without a cookie the second MAC is zeros");
  }

  @Test
  void theSecretIsRenewedEveryTwoMinutes() {
    byte[] first = cookies.cookieFor(sender, 0);
    assertArrayEquals(first, cookies.cookieFor(sender, Cookies.COOKIE_LIFETIME - 1));
    assertNotEquals(Arrays.toString(first), Arrays.toString(cookies.cookieFor(sender, Cookies.COOKIE_LIFETIME)));
  }
}
