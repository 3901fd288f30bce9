package io.quantlens.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.quant.ActivationScheme;
import io.quantlens.quant.Scheme;
import io.quantlens.session.Session;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A weight-only plan on the INT8-only Edge TPU: the cost and the accuracy describe two models. */
class PrecisionMismatchTest {
  private static final Path MNIST =
      Path.of(System.getProperty("basedir", "."), "sample-models", "mnist-cnn", "mnist-cnn.onnx");

  @Test
  void aFloatInputPlanOnAnInt8OnlyDeviceGetsTheConsistentPlan() throws Exception {
    Session session = Session.open(MNIST);
    HardwareProfile tpu = HardwareProfiles.builtIn().byId("google-coral-edge-tpu").orElseThrow();
    PrecisionPlan weightOnly = PrecisionPlan.uniform(Scheme.parse("int8"));
    ModelCost cost =
        session.cost(Workload.defaults(), weightOnly, tpu, CostAssumptions.defaults()).plan();
    PrecisionMismatch mismatch = PrecisionMismatch.of(cost).orElseThrow();
    assertEquals(List.of("conv1", "conv2", "fc1", "fc2"), mismatch.layers());
    assertEquals(Precision.INT8, mismatch.used());

    PrecisionPlan consistent = mismatch.consistentPlan(session.model(), weightOnly);
    for (String layer : mismatch.layers()) {
      assertEquals(Scheme.parse("int8"), consistent.schemeFor(layer));
      assertEquals(ActivationScheme.parse("int8"), consistent.activationFor(layer));
    }
    ModelCost consistentCost =
        session.cost(Workload.defaults(), consistent, tpu, CostAssumptions.defaults()).plan();
    assertTrue(PrecisionMismatch.of(consistentCost).isEmpty());
    assertTrue(
        consistentCost.layers().stream()
            .filter(l -> !l.name().equals(CostModel.OTHER))
            .allMatch(l -> l.compute().isNative()));

    // A float plan on a device with float units is not a mismatch.
    HardwareProfile gpu =
        HardwareProfiles.builtIn().byId("nvidia-jetson-agx-orin-64gb").orElseThrow();
    assertTrue(
        PrecisionMismatch.of(
                session
                    .cost(Workload.defaults(), weightOnly, gpu, CostAssumptions.defaults())
                    .plan())
            .isEmpty());
  }
}
