package io.quantlens.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.model.ModelFormatException;
import io.quantlens.quant.ActivationScheme;
import io.quantlens.quant.Scheme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plan files of version 2 carry activation schemes; version 1 files still read. */
class PlanJsonActivationsTest {
  @TempDir Path dir;

  @Test
  void activationsRoundTrip() throws Exception {
    PrecisionPlan plan =
        new PrecisionPlan(
            Scheme.parse("int8"),
            Map.of("fc2", Scheme.parse("int4:g32:sym")),
            ActivationScheme.parse("int8:entropy"),
            Map.of("fc2", ActivationScheme.parse("fp32")));
    Path file = dir.resolve("plan.json");
    PlanJson.write(plan, file);
    String text = Files.readString(file);
    assertTrue(text.contains("\"version\" : 2"), text);
    assertTrue(text.contains("\"default\" : \"int8:tensor:asym:static:entropy\""), text);
    PrecisionPlan back = PlanJson.read(file);
    assertEquals(plan, back);
    assertEquals(ActivationScheme.NONE, back.activationFor("fc2"));
    assertEquals(ActivationScheme.parse("int8:entropy"), back.activationFor("fc1"));
  }

  @Test
  void biasCorrectionRoundTripsAsAListOfLayers() throws Exception {
    PrecisionPlan plan =
        PrecisionPlan.uniform(Scheme.parse("int4"))
            .withBiasCorrection("fc2", true)
            .withBiasCorrection("conv1", true);
    Path file = dir.resolve("bias.json");
    PlanJson.write(plan, file);
    String text = Files.readString(file);
    assertTrue(text.contains("\"biasCorrection\" : [ \"conv1\", \"fc2\" ]"), text);
    assertEquals(plan, PlanJson.read(file));
    assertEquals(java.util.Set.of("conv1", "fc2"), PlanJson.read(file).biasCorrected());
    assertProblem("{\"biasCorrection\":\"all\"}", "'biasCorrection' is a list of layer names");
  }

  @Test
  void smoothQuantRoundTripsWithItsAlpha() throws Exception {
    PrecisionPlan plan =
        PrecisionPlan.uniform(Scheme.parse("int8"))
            .withActivations(ActivationScheme.parse("int8"))
            .withSmoothQuant(0.75);
    Path file = dir.resolve("smooth.json");
    PlanJson.write(plan, file);
    String text = Files.readString(file);
    assertTrue(text.contains("\"smoothQuant\" : {\n    \"alpha\" : 0.75\n  }"), text);
    PrecisionPlan back = PlanJson.read(file);
    assertEquals(plan, back);
    assertEquals(0.75, back.smoothQuantAlpha());
    assertEquals(
        "int8:channel:sym, activations int8:tensor:asym:static, SmoothQuant α 0.75",
        back.describe());
    assertFalse(PlanJson.read(dir.resolve("smooth.json")).withSmoothQuant(Double.NaN).smoothes());
    assertProblem(
        "{\"smoothQuant\":0.5}",
        "'smoothQuant' is an object with one number, alpha: {\"alpha\":0.5}");
    assertProblem(
        "{\"smoothQuant\":{\"alpha\":2}}", "'smoothQuant.alpha' is between 0 and 1, not 2");
  }

  @Test
  void aWeightOnlyPlanWritesNoActivationsAndVersionOneStillReads() throws Exception {
    Path file = dir.resolve("old.json");
    Files.writeString(file, "{\"version\":1,\"default\":\"int8\",\"layers\":{\"fc2\":\"fp32\"}}");
    PrecisionPlan old = PlanJson.read(file);
    assertFalse(old.quantizesActivations());
    assertEquals(ActivationScheme.NONE, old.activationFor("fc1"));
    Path again = dir.resolve("again.json");
    PlanJson.write(old, again);
    assertFalse(Files.readString(again).contains("activations"));
  }

  @Test
  void badActivationsNameTheProblem() throws Exception {
    assertProblem(
        "{\"activations\":{\"default\":\"int8:token:static\"}}",
        "activations default: bad scheme 'int8:token:static': per-token ranges are found at each"
            + " run; write token:dynamic");
    assertProblem(
        "{\"activations\":{\"defualt\":\"int8\"}}",
        "unknown key 'activations.defualt' (it has default and layers)");
    assertProblem(
        "{\"activations\":{\"layers\":{\"fc1\":8}}}",
        "activation of layer 'fc1': an activation scheme is a string such as"
            + " \"int8:tensor:asym:static\"");
    assertProblem(
        "{\"activations\":\"int8\"}", "'activations' is an object with a default and layers");
  }

  @Test
  void describeNamesTheActivations() {
    PrecisionPlan plan =
        PrecisionPlan.uniform(Scheme.parse("int8"))
            .withActivations(ActivationScheme.parse("int8:dynamic"));
    assertEquals("int8:channel:sym, activations int8:tensor:asym:dynamic", plan.describe());
  }

  private void assertProblem(String json, String problem) throws Exception {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, json);
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> PlanJson.read(file));
    assertTrue(e.getMessage().endsWith(problem), e.getMessage());
  }
}
