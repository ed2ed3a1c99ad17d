package org.afterkernel.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.afterkernel.savedmodel.Inspection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ak savedmodel inspect DIR}. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Show a Keras model (a SavedModel directory, a .keras file or an .h5 file): the format found, its"
          + " signatures with shapes (SavedModels), the Keras layers with their configs (from"
          + " keras_metadata.pb, saved_model.pb for Keras before 2.5, config.json or model_config), the"
          + " weights with shapes, the parameter count, and whether it imports (as which network)."
    })
public final class SavedModelInspectCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "The model: a SavedModel directory, a .keras file or an .h5 file.")
  Path dir;

  @Mixin ArchitectureOption architecture;

  @Override
  public Integer call() {
    Inspection.print(dir, architecture.architecture(), spec.commandLine().getOut());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
