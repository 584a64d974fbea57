package dev.hostbridge.macos.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hostbridge.api.Ipv4Cidr;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** getifaddrs entries as macOS lays out their sockaddrs, decoded byte by byte. */
class IfaddrsEntryTest {

  static final byte[] NONE = new byte[0];

  @Test
  void theLinkEntryOfATapGivesItsIndexAndMac() {
    // sockaddr_dl: len 20, AF_LINK, index 11, IFT_ETHER, nlen 4, alen 6, slen 0, "tap1", MAC, padding.
    IfaddrsEntry link = new IfaddrsEntry("tap1", 0x8842,
        Bytes.hex("14 12 0b00 06 04 06 00 74617031 02a1b2c3d4e5 0000"), NONE);
    assertEquals(DarwinNet.AF_LINK, link.family());
    assertEquals(Optional.of(11), link.linkIndex());
    assertEquals(Optional.of("02:a1:b2:c3:d4:e5"), link.mac());
    assertEquals(Optional.empty(), link.ipv4());
  }

  @Test
  void aLinkWithoutAMacHasNone() {
    // lo0: IFT_LOOP (0x18), alen 0.
    IfaddrsEntry loopback = new IfaddrsEntry("lo0", 0x8049, Bytes.hex("14 12 0100 18 03 00 00 6c6f30" + Bytes.zeros(9)), NONE);
    assertEquals(Optional.of(1), loopback.linkIndex());
    assertEquals(Optional.empty(), loopback.mac());
  }

  @Test
  void aMacThatOverrunsTheSockaddrIsMalformed() {
    IfaddrsEntry broken = new IfaddrsEntry("tap1", 0, Bytes.hex("0e 12 0b00 06 04 06 00 74617031 02a1"), NONE);
    assertThrows(IllegalArgumentException.class, broken::mac);
  }

  @Test
  void anInetEntryWithXnusEightByteMask() {
    // ia_sockmask: sin_len 8, family not set, then the mask in sin_addr.
    IfaddrsEntry inet = new IfaddrsEntry("tap1", 0x8843, SockaddrIn.encode(Ipv4Cidr.parseAddress("10.0.75.1")),
        Bytes.hex("08 00 0000 ffffff00"));
    assertEquals(DarwinNet.AF_INET, inet.family());
    assertEquals(Optional.of(Ipv4Cidr.parse("10.0.75.1/24")), inet.ipv4());
    assertEquals(Optional.empty(), inet.linkIndex());
  }

  @Test
  void aSlash24MaskAsXnuTrimsIt() {
    // in_socktrim: length 7 (len, family, port, three mask bytes), family AF_INET.
    IfaddrsEntry inet = new IfaddrsEntry("tap1", 0, SockaddrIn.encode(Ipv4Cidr.parseAddress("10.0.75.1")),
        Bytes.hex("07 02 0000 ffffff"));
    assertEquals(Optional.of(Ipv4Cidr.parse("10.0.75.1/24")), inet.ipv4());
  }

  @Test
  void aZeroLengthMaskIsSlash0() {
    IfaddrsEntry inet = new IfaddrsEntry("en0", 0, SockaddrIn.encode(Ipv4Cidr.parseAddress("10.0.0.1")), Bytes.hex("00 00"));
    assertEquals(Optional.of(Ipv4Cidr.parse("10.0.0.1/0")), inet.ipv4());
  }

  @Test
  void aTrimmedMaskCountsItsMissingBytesAsZero() {
    IfaddrsEntry inet = new IfaddrsEntry("en0", 0, SockaddrIn.encode(Ipv4Cidr.parseAddress("192.168.1.20")),
        Bytes.hex("06 02 0000 ffff"));
    assertEquals(Optional.of(Ipv4Cidr.parse("192.168.1.20/16")), inet.ipv4());
  }

  @Test
  void anInetEntryWithoutAMaskIsAHost() {
    IfaddrsEntry inet = new IfaddrsEntry("utun3", 0, SockaddrIn.encode(Ipv4Cidr.parseAddress("10.33.0.1")), NONE);
    assertEquals(Optional.of(Ipv4Cidr.parse("10.33.0.1/32")), inet.ipv4());
  }

  @Test
  void otherFamiliesAndMissingAddressesGiveNothing() {
    // AF_INET6 (30): a sockaddr_in6 of 28 bytes.
    IfaddrsEntry inet6 = new IfaddrsEntry("en0", 0, Bytes.hex("1c 1e" + Bytes.zeros(26)), NONE);
    assertEquals(Optional.empty(), inet6.ipv4());
    assertEquals(Optional.empty(), inet6.linkIndex());
    IfaddrsEntry none = new IfaddrsEntry("gif0", 0, NONE, NONE);
    assertEquals(DarwinNet.AF_UNSPEC, none.family());
    assertEquals(Optional.empty(), none.ipv4());
  }

  @Test
  void aSockaddrShorterThanItsAddressIsNoAddress() {
    IfaddrsEntry truncated = new IfaddrsEntry("en0", 0, Bytes.hex("06 02 0000 0a00"), NONE);
    assertEquals(Optional.empty(), truncated.ipv4());
  }
}
