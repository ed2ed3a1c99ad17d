package org.afterkernel.kernel;

import static org.afterkernel.kernel.FeatureAgreement.assertBatchedMatchesReference;

import org.afterkernel.data.ClassPair;
import org.afterkernel.data.Dataset;
import org.afterkernel.data.Datasets;
import org.afterkernel.data.LabeledImages;
import org.afterkernel.data.Split;
import org.afterkernel.data.TestData;
import org.afterkernel.nn.Model;
import org.afterkernel.nn.NetworkSpec;
import org.afterkernel.train.EpochListener;
import org.afterkernel.train.TrainConfig;
import org.afterkernel.train.Trainer;
import org.junit.jupiter.api.Test;

/** Batched vs reference on real MNIST images, at initialisation and after some training. */
class RealDataFeaturesTest {
  @Test
  void trainedNetworksOnRealImages() {
    LabeledImages train = Datasets.load(TestData.sharedDataDir(), Dataset.MNIST, Split.TRAIN, ClassPair.DEFAULT, 2000);
    LabeledImages test = Datasets.load(TestData.sharedDataDir(), Dataset.MNIST, Split.TEST, ClassPair.DEFAULT, 40);
    for (String preset : new String[] {"vgg", "mlp", "sum"}) {
      try (Model m = Model.create(NetworkSpec.preset(preset, 28, 28, 1), 2)) {
        assertBatchedMatchesReference(m, test.images(), 1e-5);
        new Trainer(m, train, TrainConfig.defaults(1, 2)).fit(EpochListener.NONE, false);
        assertBatchedMatchesReference(m, test.images(), 1e-5);
      }
    }
    try (Model m = Model.create(NetworkSpec.preset("mega-vgg", 28, 28, 1), 3)) {
      assertBatchedMatchesReference(m, test.images().slice(0, 3), 1e-5);
    }
  }
}
