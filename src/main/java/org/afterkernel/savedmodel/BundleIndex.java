package org.afterkernel.savedmodel;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.afterkernel.AkException;
import org.tensorflow.proto.BundleEntryProto;
import org.tensorflow.proto.BundleHeaderProto;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Checks a checkpoint (TensorFlow's tensor bundle: {@code PREFIX.index} and {@code
 * PREFIX.data-NNNNN-of-MMMMM}) in Java before TensorFlow's C++ reader opens it: the index's table
 * structure and checksums ({@link TableFile}), its header, and for every tensor a valid type and
 * shape (no negative dimension, at most 254 of them) whose bytes fit the size it claims and lie
 * within its data file. TensorFlow allocates a tensor by its recorded shape before it reads (and
 * checks) the bytes, and aborts the process on an impossible shape; here such an index is an
 * {@link AkException} naming the tensor.
 */
final class BundleIndex {
  private static final int MAX_RANK = 254;

  private BundleIndex() {}

  /** The tensor keys of the checkpoint at {@code prefix}, after checking it. */
  static List<String> check(String prefix) {
    Path index = Path.of(prefix + ".index");
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(index);
    } catch (NoSuchFileException e) {
      throw new AkException(index + ": no such file (the checkpoint index)");
    } catch (IOException e) {
      throw new AkException(index + ": cannot read: " + e.getMessage(), e);
    }
    List<TableFile.Entry> entries = TableFile.entries(index.toString(), bytes);
    if (entries.isEmpty() || !entries.get(0).key().isEmpty()) {
      throw new AkException(index + ": not a valid checkpoint index: no bundle header (the empty key first)");
    }
    BundleHeaderProto header;
    try {
      header = BundleHeaderProto.parseFrom(entries.get(0).value());
    } catch (InvalidProtocolBufferException e) {
      throw new AkException(index + ": not a valid checkpoint index: corrupt bundle header", e);
    }
    if (header.getNumShards() < 1 || header.getEndianness() != BundleHeaderProto.Endianness.LITTLE) {
      throw new AkException(index + ": unsupported bundle header (" + header.getNumShards() + " shards, "
          + header.getEndianness() + "), expected little-endian shards");
    }
    long[] shardSizes = new long[header.getNumShards()];
    List<String> keys = new ArrayList<>();
    for (TableFile.Entry e : entries.subList(1, entries.size())) {
      String what = index + ": checkpoint tensor '" + AkException.quote(e.key(), 120) + "'";
      BundleEntryProto entry;
      try {
        entry = BundleEntryProto.parseFrom(e.value());
      } catch (InvalidProtocolBufferException x) {
        throw new AkException(what + ": corrupt entry", x);
      }
      checkEntry(prefix, what, entry, shardSizes);
      keys.add(e.key());
    }
    return keys;
  }

  private static void checkEntry(String prefix, String what, BundleEntryProto e, long[] shardSizes) {
    if (e.getSlicesCount() > 0) {
      return; // a partitioned variable: its slices are entries of their own
    }
    int width = bytesPerElement(e.getDtype());
    if (width == 0) {
      throw new AkException(what + ": type " + e.getDtypeValue() + " is not a tensor type TensorFlow stores");
    }
    long elements = elements(what, e.getShape());
    if (e.getOffset() < 0 || e.getSize() < 0) {
      throw new AkException(what + ": negative offset or size");
    }
    if (width > 0 ? elements > e.getSize() / width || elements * width != e.getSize() : elements > e.getSize()) {
      throw new AkException(what + ": its shape needs " + (width > 0 ? "exactly " + width + " x " : "at least ")
          + elements + " bytes, the entry records " + e.getSize());
    }
    if (e.getShardId() < 0 || e.getShardId() >= shardSizes.length) {
      throw new AkException(what + ": shard " + e.getShardId() + " of " + shardSizes.length);
    }
    long shard = shardSize(prefix, e.getShardId(), shardSizes);
    if (e.getOffset() > shard || e.getSize() > shard - e.getOffset()) {
      throw new AkException(what + ": bytes " + e.getOffset() + ".." + (e.getOffset() + e.getSize())
          + " lie outside its " + shard + "-byte data file (a truncated checkpoint, or another one's index)");
    }
  }

  private static long elements(String what, TensorShapeProto shape) {
    if (shape.getUnknownRank() || shape.getDimCount() > MAX_RANK) {
      throw new AkException(what + ": shape of unknown or more than " + MAX_RANK + " dimensions");
    }
    long n = 1;
    for (TensorShapeProto.Dim d : shape.getDimList()) {
      if (d.getSize() < 0) {
        throw new AkException(what + ": dimension " + d.getSize() + " in its shape");
      }
      if (d.getSize() != 0 && n > Long.MAX_VALUE / d.getSize()) {
        throw new AkException(what + ": its shape has more elements than a long can count");
      }
      n *= d.getSize();
    }
    return n;
  }

  private static long shardSize(String prefix, int shard, long[] sizes) {
    if (sizes[shard] == 0) {
      Path data = Path.of(String.format("%s.data-%05d-of-%05d", prefix, shard, sizes.length));
      try {
        sizes[shard] = Files.size(data) + 1; // + 1: 0 means not looked up yet
      } catch (IOException x) {
        throw new AkException(data + ": missing or unreadable (a data file of the checkpoint)");
      }
    }
    return sizes[shard] - 1;
  }

  /** Bytes per element of a fixed-width type; -1 for strings and variants; 0 for types never stored. */
  private static int bytesPerElement(DataType t) {
    return switch (t) {
      case DT_BOOL, DT_INT8, DT_UINT8, DT_QINT8, DT_QUINT8 -> 1;
      case DT_INT16, DT_UINT16, DT_QINT16, DT_QUINT16, DT_HALF, DT_BFLOAT16 -> 2;
      case DT_FLOAT, DT_INT32, DT_UINT32, DT_QINT32 -> 4;
      case DT_DOUBLE, DT_INT64, DT_UINT64, DT_COMPLEX64 -> 8;
      case DT_COMPLEX128 -> 16;
      case DT_STRING, DT_VARIANT -> -1;
      default -> 0;
    };
  }
}
