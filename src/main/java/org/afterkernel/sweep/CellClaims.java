package org.afterkernel.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.afterkernel.io.Json;

/**
 * Which process computes which cell, so that processes sharing a results folder never compute a
 * cell twice: before computing a cell a process claims it, and a cell claimed by another live
 * process is skipped. A claim is a file {@code DIR/.ak-claims/<hash of the cell id>.claim} holding
 * the holder's pid, host and start, on which the holder keeps an exclusive POSIX lock while it
 * computes. The lock, not the file, is the claim: the operating system releases it when the holder
 * dies, however it dies (kill -9, a node's crash on NFSv4 once its lease expires), so a claim is
 * never stale; a claim file whose lock nobody holds is taken over. The holder deletes a claim file
 * once the cell's line is written (and at exit, on SIGTERM or Ctrl-C); files left by a killed
 * process are deleted by the next run's {@link #removeStale()}.
 *
 * <p>Whoever takes a claim must then check that the cell is still unrecorded: a holder may have
 * finished and deleted the file between another's look at the results and its claim. A claim is
 * also checked to be the file at its path (its content is the holder's nonce) after locking, so a
 * lock on a file deleted meanwhile does not count. Claims of one process are taken one thread at
 * a time.
 */
public final class CellClaims {
  /** The claims' folder in a results folder. */
  public static final String FOLDER = ".ak-claims";

  private static final Set<Claim> HELD = new LinkedHashSet<>();
  private static boolean hookInstalled;

  private final Path dir;

  /** The claims of results folder {@code resultsDir}. */
  public CellClaims(Path resultsDir) {
    this.dir = resultsDir.toAbsolutePath().normalize().resolve(FOLDER);
  }

  /** One cell claimed by this process; closing it releases the claim and deletes its file. */
  public static final class Claim implements AutoCloseable {
    private final String cell;
    private final Path file;
    private final FileChannel channel;
    private final FileChannel check;
    private final FileLock lock;
    private boolean closed;

    private Claim(String cell, Path file, FileChannel channel, FileChannel check, FileLock lock) {
      this.cell = cell;
      this.file = file;
      this.channel = channel;
      this.check = check;
      this.lock = lock;
    }

    /** The claimed cell's id. */
    public String cell() {
      return cell;
    }

    @Override
    public void close() {
      synchronized (HELD) {
        if (closed) {
          return;
        }
        closed = true;
        HELD.remove(this);
      }
      try {
        Files.deleteIfExists(file); // while still locked: nobody takes a claim that is being removed
      } catch (IOException ignored) {
        // a leftover file without a lock is no claim
      }
      try {
        lock.release();
      } catch (IOException ignored) {
        // closing the channel releases it
      }
      closeQuietly(check);
      closeQuietly(channel);
    }
  }

  /**
   * Claims {@code cell} for this process, or returns null when another process (or another
   * claim of this one) holds it.
   */
  public Claim tryClaim(String cell, String sweepHash) {
    Path file = file(cell);
    synchronized (HELD) {
      installHook();
      for (Claim c : HELD) {
        if (c.file.equals(file)) {
          return null;
        }
      }
      for (int attempt = 0; attempt < 5; attempt++) {
        FileChannel ch = null;
        FileChannel check = null;
        boolean locked = false;
        try {
          Files.createDirectories(dir);
          ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
          FileLock lock;
          try {
            lock = ch.tryLock();
          } catch (OverlappingFileLockException inThisProcess) {
            lock = null;
          }
          if (lock == null) {
            ch.close();
            return null;
          }
          locked = true;
          String nonce = UUID.randomUUID().toString();
          byte[] info = (Json.toLine(info(cell, sweepHash, nonce)) + "\n").getBytes(StandardCharsets.UTF_8);
          ch.truncate(0);
          ch.write(ByteBuffer.wrap(info), 0);
          ch.force(false);
          // Is the file at the path the one we locked? Read it through a channel kept open with the
          // claim: closing any channel of a file releases this process's locks on it.
          check = FileChannel.open(file, StandardOpenOption.READ);
          if (!nonce.equals(read(check).path("nonce").asText(null))) {
            check.close(); // another file: the one we locked was deleted (its holder had finished)
            lock.release();
            ch.close();
            continue;
          }
          Claim claim = new Claim(cell, file, ch, check, lock);
          HELD.add(claim);
          return claim;
        } catch (NoSuchFileException raced) {
          closeQuietly(check); // the folder or the file went away meanwhile: try again
          closeQuietly(ch);
        } catch (IOException e) {
          if (locked) {
            try {
              Files.deleteIfExists(file); // ours, half-written (a full disk): no claim
            } catch (IOException ignored) {
              // a file nobody holds is no claim
            }
          }
          closeQuietly(check);
          closeQuietly(ch);
          throw new UncheckedIOException("cannot claim cell " + cell + " in " + dir + ": " + e.getMessage(), e);
        }
      }
      return null;
    }
  }

  /**
   * Who holds {@code cell}'s claim ("pid 123 on host h since T"), or null when no live process
   * does.
   */
  public String holder(String cell) {
    Path file = file(cell);
    synchronized (HELD) {
      for (Claim c : HELD) {
        if (c.file.equals(file)) {
          return "this process";
        }
      }
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        FileLock probe = ch.tryLock();
        if (probe != null) {
          probe.release();
          return null; // nobody holds it: a leftover of a killed process
        }
        JsonNode n = read(ch);
        return "pid " + n.path("pid").asText("?") + " on " + n.path("host").asText("?") + " since "
            + n.path("since").asText("?");
      } catch (IOException | OverlappingFileLockException e) {
        return null; // no such file, or gone meanwhile
      }
    }
  }

  /**
   * Deletes the claim files that no live process holds (left by processes killed with SIGKILL);
   * returns how many.
   */
  public int removeStale() {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    int removed = 0;
    synchronized (HELD) {
      List<Path> files;
      try (Stream<Path> s = Files.list(dir)) {
        files = s.filter(f -> f.getFileName().toString().endsWith(".claim")).toList();
      } catch (IOException e) {
        return 0;
      }
      for (Path f : files) {
        if (HELD.stream().anyMatch(c -> c.file.equals(f))) {
          continue;
        }
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
          FileLock lock = ch.tryLock();
          if (lock != null) {
            Files.deleteIfExists(f); // under its lock: whoever locks the old file next sees it gone
            lock.release();
            removed++;
          }
        } catch (IOException | OverlappingFileLockException e) {
          // gone meanwhile, or held: not stale
        }
      }
    }
    return removed;
  }

  private Path file(String cell) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(cell.getBytes(StandardCharsets.UTF_8));
      return dir.resolve(HexFormat.of().formatHex(d, 0, 16) + ".claim");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode info(String cell, String sweepHash, String nonce) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("cell", cell);
    n.put("sweepHash", sweepHash);
    n.put("pid", ProcessHandle.current().pid());
    n.put("host", host());
    n.put("since", Instant.now().toString());
    n.put("nonce", nonce);
    return n;
  }

  private static JsonNode read(FileChannel ch) {
    try {
      ByteBuffer b = ByteBuffer.allocate((int) Math.min(ch.size(), 1 << 16));
      while (b.hasRemaining() && ch.read(b, b.position()) >= 0) {
        // read it all
      }
      String text = new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).trim();
      return text.isEmpty() ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(text);
    } catch (IOException | RuntimeException e) {
      return Json.MAPPER.createObjectNode();
    }
  }

  private static String host() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static void closeQuietly(FileChannel ch) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException ignored) {
        // already failing
      }
    }
  }

  /** Deletes this process's claim files at exit (the locks go with the process anyway). */
  private static void installHook() {
    if (!hookInstalled) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        Set<Claim> held;
        synchronized (HELD) {
          held = new LinkedHashSet<>(HELD);
        }
        held.forEach(Claim::close);
      }, "ak-cell-claims"));
      hookInstalled = true;
    }
  }
}
