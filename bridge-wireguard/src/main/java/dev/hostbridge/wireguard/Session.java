package dev.hostbridge.wireguard;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import javax.crypto.AEADBadTagException;

/**
 * One session's transport keys and counters (paper 5.4.6): messages of type 4 carry the
 * receiver's index, a 64-bit counter used as the nonce, and the packet sealed with
 * ChaCha20-Poly1305. Counters seen are kept in a sliding window, so a replayed message is dropped.
 */
final class Session {

  static final int TYPE_TRANSPORT = 4;
  static final int HEADER = 16;
  private static final byte[] NO_AD = new byte[0];

  final int localIndex;
  final int peerIndex;
  private final byte[] sendKey;
  private final byte[] receiveKey;
  private long sendCounter;
  private final ReplayWindow window = new ReplayWindow();

  Session(int localIndex, int peerIndex, byte[] sendKey, byte[] receiveKey) {
    this.localIndex = localIndex;
    this.peerIndex = peerIndex;
    this.sendKey = sendKey;
    this.receiveKey = receiveKey;
  }

  /** A transport message carrying {@code packet}, padded to a multiple of 16 bytes as the paper asks. */
  synchronized byte[] seal(byte[] packet) {
    return seal(packet, packet.length);
  }

  /** As {@link #seal(byte[])} for the first {@code length} bytes of {@code packet}. */
  synchronized byte[] seal(byte[] packet, int length) {
    byte[] out = new byte[HEADER + ((length + 15) & ~15) + Crypto.TAG];
    sealInto(packet, length, out);
    return out;
  }

  /**
   * As {@link #seal(byte[], int)}, into {@code out} from its start: the header, then the packet
   * and its zero padding encrypted, then the tag. Nothing is allocated for the packet, and
   * {@code packet} is only read. Returns the message's length.
   */
  synchronized int sealInto(byte[] packet, int length, byte[] out) {
    int padding = ((length + 15) & ~15) - length;
    ByteBuffer header = ByteBuffer.wrap(out, 0, HEADER).order(ByteOrder.LITTLE_ENDIAN);
    header.put(0, (byte) TYPE_TRANSPORT).put(1, (byte) 0).put(2, (byte) 0).put(3, (byte) 0)
        .putInt(4, peerIndex).putLong(8, sendCounter);
    int written = Crypto.sealInto(sendKey, sendCounter, packet, length, padding, out, HEADER);
    sendCounter++;
    return HEADER + written;
  }

  /** The padded packet in a transport message for this session; empty when it is not genuine or a replay. */
  synchronized Optional<byte[]> open(byte[] message, int length) {
    if (length < HEADER + Crypto.TAG) {
      return Optional.empty();
    }
    long counter = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN).getLong(8);
    if (!window.mayAccept(counter)) {
      return Optional.empty();
    }
    try {
      byte[] plain = Crypto.decrypt(receiveKey, counter, message, HEADER, length - HEADER, NO_AD);
      window.accept(counter);
      return Optional.of(plain);
    } catch (AEADBadTagException e) {
      return Optional.empty();
    }
  }
}
