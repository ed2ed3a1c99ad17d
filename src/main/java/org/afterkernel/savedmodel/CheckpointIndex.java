package org.afterkernel.savedmodel;

import static org.tensorflow.internal.c_api.global.tensorflow.TF_CheckpointReaderGetVariable;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_CheckpointReaderSize;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteCheckpointReader;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteStatus;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_GetCode;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_Message;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewCheckpointReader;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewStatus;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_OK;

import java.util.ArrayList;
import java.util.List;
import org.afterkernel.AkException;
import org.tensorflow.TensorFlow;
import org.tensorflow.internal.c_api.TF_CheckpointReader;
import org.tensorflow.internal.c_api.TF_Status;

/**
 * The keys of a checkpoint, read from its index by TensorFlow's C checkpoint reader once {@link
 * BundleIndex} has checked the index in Java.
 */
final class CheckpointIndex {
  private CheckpointIndex() {}

  /**
   * All keys of the checkpoint at {@code prefix}.
   *
   * @throws AkException when the index cannot be read (missing, truncated, not a checkpoint)
   */
  static List<String> keys(String prefix) {
    BundleIndex.check(prefix); // in Java first: TensorFlow's reader aborts the process on some corrupt indexes
    TensorFlow.version(); // loads the natives
    TF_Status status = TF_NewStatus();
    try {
      TF_CheckpointReader reader = TF_NewCheckpointReader(prefix, status);
      if (TF_GetCode(status) != TF_OK) {
        throw new AkException(prefix + ".index: cannot read the checkpoint index (truncated or not a"
            + " checkpoint: " + TfMessages.firstLine(TF_Message(status).getString()) + ")");
      }
      try {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < TF_CheckpointReaderSize(reader); i++) {
          keys.add(TF_CheckpointReaderGetVariable(reader, i).getString());
        }
        return keys;
      } finally {
        TF_DeleteCheckpointReader(reader);
      }
    } finally {
      TF_DeleteStatus(status);
    }
  }
}
