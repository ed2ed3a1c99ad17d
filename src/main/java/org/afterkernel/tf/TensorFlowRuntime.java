package org.afterkernel.tf;

import static org.tensorflow.internal.c_api.global.tensorflow.TFE_ContextListDevices;
import static org.tensorflow.internal.c_api.global.tensorflow.TFE_DeleteContext;
import static org.tensorflow.internal.c_api.global.tensorflow.TFE_DeleteContextOptions;
import static org.tensorflow.internal.c_api.global.tensorflow.TFE_NewContext;
import static org.tensorflow.internal.c_api.global.tensorflow.TFE_NewContextOptions;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteDeviceList;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteStatus;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListCount;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListMemoryBytes;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListName;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListType;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_GetCode;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_Message;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewStatus;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_OK;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.TensorFlow;
import org.tensorflow.internal.c_api.TFE_Context;
import org.tensorflow.internal.c_api.TFE_ContextOptions;
import org.tensorflow.internal.c_api.TF_DeviceList;
import org.tensorflow.internal.c_api.TF_Status;
import org.tensorflow.proto.ConfigProto;

/**
 * Process-wide TensorFlow settings. The native library is loaded once per JVM (by the first use of
 * any TensorFlow class); sessions are created here so that every one of them uses the configured
 * thread counts. Thread counts of 0 mean TensorFlow's default (one thread per core). TensorFlow
 * sizes the intra-op pool from the first session of the process: later changes do not apply.
 */
public final class TensorFlowRuntime {
  private static volatile int intraOpThreads;
  private static volatile int interOpThreads;
  /** The intra-op threads of the process's pool, fixed by its first session; 0 before. */
  private static volatile int poolThreads;

  private TensorFlowRuntime() {}

  /** A device TensorFlow can run on. */
  public record Device(String name, String type, long memoryBytes) {}

  /** Sets the thread counts used by sessions created from now on (0 = TensorFlow's default). */
  public static void setThreads(int intraOp, int interOp) {
    if (intraOp < 0 || interOp < 0) {
      throw new IllegalArgumentException("thread counts must be >= 0, got " + intraOp + ", " + interOp);
    }
    intraOpThreads = intraOp;
    interOpThreads = interOp;
  }

  /** Intra-op thread count (0 = TensorFlow's default). */
  public static int intraOpThreads() {
    return intraOpThreads;
  }

  /**
   * The intra-op thread count sessions run with: the configured count, or for 0 TensorFlow's
   * default, one per processor available to this process (its CPU affinity: a Slurm task's CPUs).
   * Results depend on it in their last digits, so every result records it.
   */
  public static int effectiveIntraOpThreads() {
    int pool = poolThreads;
    if (pool > 0) {
      return pool;
    }
    int n = intraOpThreads;
    return n > 0 ? n : Runtime.getRuntime().availableProcessors();
  }

  /**
   * The intra-op thread count asked for ({@link #setThreads}, 0 resolved to the processors
   * available), whether or not this process's pool already has another.
   */
  public static int requestedIntraOpThreads() {
    int n = intraOpThreads;
    return n > 0 ? n : Runtime.getRuntime().availableProcessors();
  }

  /** Inter-op thread count (0 = TensorFlow's default). */
  public static int interOpThreads() {
    return interOpThreads;
  }

  /** The session configuration carrying the thread settings. */
  public static ConfigProto config() {
    return ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(intraOpThreads)
        .setInterOpParallelismThreads(interOpThreads)
        .setAllowSoftPlacement(true)
        .build();
  }

  /**
   * A new session on {@code graph} with the configured thread settings. TensorFlow sizes its
   * intra-op thread pool once per process, from the first session's settings (measured: a session
   * asking for 2 threads after one of 1 computes bit for bit as with 1), so the first session
   * fixes {@link #effectiveIntraOpThreads()} for the rest of the process.
   */
  public static Session session(Graph graph) {
    synchronized (TensorFlowRuntime.class) {
      if (poolThreads == 0) {
        poolThreads = intraOpThreads > 0 ? intraOpThreads : Runtime.getRuntime().availableProcessors();
      }
    }
    return new Session(graph, config());
  }

  /** The version of the native TensorFlow library (e.g. 2.18.0). */
  public static String nativeVersion() {
    return TensorFlow.version();
  }

  /** True when the loaded natives were built with CUDA (a GPU device is registered). */
  public static boolean hasGpuDevice() {
    return devices().stream().anyMatch(d -> d.type().equalsIgnoreCase("GPU"));
  }

  /** The devices TensorFlow sees in this process. */
  public static List<Device> devices() {
    TensorFlow.version(); // loads the natives
    List<Device> out = new ArrayList<>();
    TF_Status status = TF_NewStatus();
    TFE_ContextOptions opts = TFE_NewContextOptions();
    try {
      TFE_Context ctx = TFE_NewContext(opts, status);
      check(status);
      try {
        TF_DeviceList list = TFE_ContextListDevices(ctx, status);
        check(status);
        try {
          for (int i = 0; i < TF_DeviceListCount(list); i++) {
            out.add(
                new Device(
                    TF_DeviceListName(list, i, status).getString(),
                    TF_DeviceListType(list, i, status).getString(),
                    TF_DeviceListMemoryBytes(list, i, status)));
          }
        } finally {
          TF_DeleteDeviceList(list);
        }
      } finally {
        TFE_DeleteContext(ctx);
      }
    } finally {
      TFE_DeleteContextOptions(opts);
      TF_DeleteStatus(status);
    }
    return out;
  }

  private static void check(TF_Status status) {
    if (TF_GetCode(status) != TF_OK) {
      throw new IllegalStateException("TensorFlow: " + TF_Message(status).getString());
    }
  }
}
