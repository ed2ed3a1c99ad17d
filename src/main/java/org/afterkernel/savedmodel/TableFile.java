package org.afterkernel.savedmodel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.afterkernel.AkException;

/**
 * The entries of a TensorFlow table file (the LevelDB table format of {@code tensorflow/core/lib/io},
 * in which a checkpoint's {@code variables.index} is written), read in Java with every size and
 * offset checked against the file and every block's masked CRC32C verified, so that a corrupt or
 * hostile index is refused here instead of reaching TensorFlow's C++ reader, which trusts the block
 * handles it reads and aborts the process on a handle claiming exabytes ({@code std::bad_alloc}).
 *
 * <p>Layout: data blocks, a meta-index block, an index block (one entry per data block, its value
 * the block's handle) and a 48-byte footer (the meta-index and index handles as varints, padding, the
 * magic number {@code 0xdb4775248b80fb57}). A block is its entries, a restart array of 32-bit
 * offsets and their count, then a 5-byte trailer (compression type 0, masked CRC32C of the block and
 * the type byte). An entry is three varints (bytes shared with the previous key, unshared bytes,
 * value length), the unshared key bytes and the value.
 */
final class TableFile {
  private static final long MAGIC = 0xdb4775248b80fb57L;
  private static final int FOOTER = 48;
  private static final int TRAILER = 5;
  private static final int MASK_DELTA = 0xa282ead8;

  /** One key and its value. */
  record Entry(String key, byte[] value) {}

  private final String file;
  private final byte[] bytes;

  private TableFile(String file, byte[] bytes) {
    this.file = file;
    this.bytes = bytes;
  }

  /** Every entry of the data blocks, in file order; {@code file} names the bytes in errors. */
  static List<Entry> entries(String file, byte[] bytes) {
    return new TableFile(file, bytes).entries();
  }

  private List<Entry> entries() {
    if (bytes.length < FOOTER) {
      throw corrupt(bytes.length + " bytes, shorter than the 48-byte footer of a table file");
    }
    ByteBuffer footer = ByteBuffer.wrap(bytes, bytes.length - FOOTER, FOOTER).order(ByteOrder.LITTLE_ENDIAN);
    if (footer.getLong(bytes.length - 8) != MAGIC) {
      throw corrupt("no table magic number at its end (not a checkpoint index, or truncated)");
    }
    long[] metaIndex = handle(footer, "meta-index handle");
    long[] index = handle(footer, "index handle");
    block(metaIndex, "meta-index block");
    List<Entry> out = new ArrayList<>();
    for (Entry e : blockEntries(block(index, "index block"), "index block")) {
      ByteBuffer v = ByteBuffer.wrap(e.value()).order(ByteOrder.LITTLE_ENDIAN);
      long[] h = handle(v, "data block handle");
      out.addAll(blockEntries(block(h, "data block at " + h[0]), "data block at " + h[0]));
    }
    return out;
  }

  /** A block handle (offset, size), checked to lie within the file before the footer. */
  private long[] handle(ByteBuffer b, String what) {
    long offset = varint(b, what);
    long size = varint(b, what);
    long end = bytes.length - FOOTER;
    if (offset < 0 || size < 0 || offset > end || size > end - offset - TRAILER) {
      throw corrupt(what + " (offset " + offset + ", size " + size + ") lies outside the "
          + bytes.length + "-byte file");
    }
    return new long[] {offset, size};
  }

  /** The contents of the block at {@code h}, after checking its trailer. */
  private ByteBuffer block(long[] h, String what) {
    int offset = (int) h[0];
    int size = (int) h[1];
    if (bytes[offset + size] != 0) {
      throw corrupt(what + " has compression type " + (bytes[offset + size] & 0xff) + ", expected 0 (none)");
    }
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, size + 1);
    int actual = (int) crc.getValue();
    int masked = ((actual >>> 15) | (actual << 17)) + MASK_DELTA;
    int stored = ByteBuffer.wrap(bytes, offset + size + 1, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    if (stored != masked) {
      throw corrupt(what + " fails its checksum");
    }
    return ByteBuffer.wrap(bytes, offset, size).slice().order(ByteOrder.LITTLE_ENDIAN);
  }

  /** The entries of one block, keys rebuilt from their shared prefixes. */
  private List<Entry> blockEntries(ByteBuffer block, String what) {
    int size = block.limit();
    if (size < 4) {
      throw corrupt(what + " is " + size + " bytes, too short for its restart count");
    }
    long restarts = block.getInt(size - 4) & 0xffffffffL;
    if (restarts > (size - 4) / 4) {
      throw corrupt(what + " claims " + restarts + " restart points in " + size + " bytes");
    }
    int entriesEnd = (int) (size - 4 - 4 * restarts);
    List<Entry> out = new ArrayList<>();
    byte[] key = new byte[0];
    block.position(0).limit(entriesEnd);
    while (block.hasRemaining()) {
      long shared = varint(block, what);
      long unshared = varint(block, what);
      long valueLength = varint(block, what);
      if (shared > key.length || unshared > block.remaining() || valueLength > block.remaining() - unshared) {
        throw corrupt(what + " has an entry whose key or value runs past the block");
      }
      byte[] next = Arrays.copyOf(key, (int) (shared + unshared));
      block.get(next, (int) shared, (int) unshared);
      byte[] value = new byte[(int) valueLength];
      block.get(value);
      key = next;
      out.add(new Entry(new String(key, StandardCharsets.UTF_8), value));
    }
    return out;
  }

  /** A varint of at most 64 bits. */
  private long varint(ByteBuffer b, String what) {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (!b.hasRemaining()) {
        throw corrupt(what + " ends inside a number");
      }
      int x = b.get() & 0xff;
      v |= (long) (x & 0x7f) << shift;
      if (x < 0x80) {
        return v;
      }
    }
    throw corrupt(what + " holds a number longer than 64 bits");
  }

  private AkException corrupt(String why) {
    return new AkException(file + ": not a valid checkpoint index: " + why);
  }
}
