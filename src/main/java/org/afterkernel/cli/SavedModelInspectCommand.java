package org.afterkernel.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.afterkernel.savedmodel.Inspection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ak savedmodel inspect DIR}. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Show a SavedModel: its signatures with shapes, the Keras layers with their configs (from"
          + " keras_metadata.pb, or from saved_model.pb for Keras before 2.5), the trainable"
          + " variables with shapes, the parameter count, and whether it imports (as which network)."
    })
public final class SavedModelInspectCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "The SavedModel directory.")
  Path dir;

  @Override
  public Integer call() {
    Inspection.print(dir, spec.commandLine().getOut());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
