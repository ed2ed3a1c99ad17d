package org.afterkernel.savedmodel;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32C;

/** Writes TensorFlow table files (checkpoint indexes) for tests, plainly from the format's definition. */
final class TableWriter {
  private TableWriter() {}

  /**
   * A table file written plainly from its definition: one data block holding every entry with no
   * shared key prefix and one restart point, an empty meta-index block, an index block with the
   * data block's handle, and the footer; each block with type 0 and its masked CRC32C.
   */
  static byte[] table(List<TableFile.Entry> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    for (TableFile.Entry e : entries) {
      byte[] key = e.key().getBytes(StandardCharsets.UTF_8);
      varint(data, 0);
      varint(data, key.length);
      varint(data, e.value().length);
      data.writeBytes(key);
      data.writeBytes(e.value());
    }
    long[] dataHandle = writeBlock(out, data.toByteArray(), 1);
    long[] metaHandle = writeBlock(out, new byte[0], 1);
    ByteArrayOutputStream index = new ByteArrayOutputStream();
    ByteArrayOutputStream handle = new ByteArrayOutputStream();
    varint(handle, dataHandle[0]);
    varint(handle, dataHandle[1]);
    String last = entries.get(entries.size() - 1).key() + "\u0000";
    varint(index, 0);
    varint(index, last.length());
    varint(index, handle.size());
    index.writeBytes(last.getBytes(StandardCharsets.UTF_8));
    index.writeBytes(handle.toByteArray());
    long[] indexHandle = writeBlock(out, index.toByteArray(), 1);
    ByteArrayOutputStream footer = new ByteArrayOutputStream();
    varint(footer, metaHandle[0]);
    varint(footer, metaHandle[1]);
    varint(footer, indexHandle[0]);
    varint(footer, indexHandle[1]);
    footer.writeBytes(new byte[40 - footer.size()]);
    footer.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0xdb4775248b80fb57L).array());
    out.writeBytes(footer.toByteArray());
    return out.toByteArray();
  }

  /** Writes entries + restart array (one restart at 0) + count + trailer; returns the handle. */
  private static long[] writeBlock(ByteArrayOutputStream out, byte[] entries, int restarts) {
    ByteBuffer b = ByteBuffer.allocate(entries.length + 4 * restarts + 4 + 1).order(ByteOrder.LITTLE_ENDIAN);
    b.put(entries);
    for (int i = 0; i < restarts; i++) {
      b.putInt(0);
    }
    b.putInt(restarts);
    b.put((byte) 0);
    byte[] block = b.array();
    CRC32C crc = new CRC32C();
    crc.update(block, 0, block.length);
    int c = (int) crc.getValue();
    int masked = ((c >>> 15) | (c << 17)) + 0xa282ead8;
    long offset = out.size();
    out.writeBytes(block);
    out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(masked).array());
    return new long[] {offset, block.length - 1};
  }

  private static void varint(ByteArrayOutputStream out, long v) {
    while ((v & ~0x7fL) != 0) {
      out.write((int) ((v & 0x7f) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }
}
