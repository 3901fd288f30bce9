package io.quantlens.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.analysis.AnalysisCache;
import io.quantlens.analysis.AnalysisProgress;
import io.quantlens.analysis.FakeQuantizer;
import io.quantlens.analysis.PlanPreset;
import io.quantlens.analysis.PlanPresets;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.analysis.compare.ArtifactComparison;
import io.quantlens.analysis.compare.Comparer;
import io.quantlens.analysis.compare.LayerComparison;
import io.quantlens.analysis.compare.LayerMatcher;
import io.quantlens.formats.ModelFiles;
import io.quantlens.formats.openvino.IrWriter;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.model.ModelFormatException;
import io.quantlens.quant.Scheme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plan exported as an NNCF-compressed IR, opened again: every layer's weights are what NNCF's
 * formulas give, evaluated here (weight_lowering.py's rules, docs/file-formats.md#writing-an-nncf-
 * ir), through the f16 decompression subgraph; the codes are the analysis kernel's; compare's
 * per-layer SQNR is that of those values.
 */
public class OpenVinoExportTest {
  @TempDir Path dir;

  /** Two 256-wide MatMuls (B transposed, then not) and a 64-row head, Gaussian weights. */
  public static Path threeMatMuls(Path xml) throws Exception {
    Random r = new Random(5);
    var ir = new IrWriter();
    int x = ir.parameter("x", "f32", 1, 256);
    int a = ir.constant("q.weight", "f32", new long[] {256, 256}, IrWriter.f32(gaussian(r, 65536)));
    int q = ir.op("q", "MatMul", IrWriter.transposeB(true), new long[] {1, 256}, "f32", x, a);
    int b =
        ir.constant("up.weight", "f32", new long[] {256, 256}, IrWriter.f32(gaussian(r, 65536)));
    int up = ir.op("up", "MatMul", IrWriter.transposeB(false), new long[] {1, 256}, "f32", q, b);
    int c =
        ir.constant("head.weight", "f32", new long[] {64, 256}, IrWriter.f32(gaussian(r, 16384)));
    ir.result(
        "y", ir.op("head", "MatMul", IrWriter.transposeB(true), new long[] {1, 64}, "f32", up, c));
    return ir.write(xml);
  }

  private static float[] gaussian(Random r, int n) {
    float[] w = new float[n];
    for (int i = 0; i < n; i++) {
      w[i] = (float) (r.nextGaussian() * 0.05);
    }
    return w;
  }

  private static float[] values(Layer l) {
    float[] out = new float[(int) l.weight().elementCount()];
    l.weight().reader().read(0, out, 0, out.length);
    return out;
  }

  /**
   * NNCF's codes for {@code w} [rows, cols] with channels on {@code axis}, groups of {@code g}
   * along the other axis, written from weight_lowering.py's rules; {@code out[0]} gets (q − zp)·s
   * in float32, {@code out[1]} the IR's f16 evaluation f16(f16(q − zp) · f16(s)).
   */
  private static void nncf(
      float[] w, int rows, int cols, int axis, int g, boolean asym, float[][] out) {
    int channels = axis == 0 ? rows : cols;
    int k = axis == 0 ? cols : rows;
    for (int c = 0; c < channels; c++) {
      for (int start = 0; start < k; start += g) {
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (int j = start; j < start + g; j++) {
          float v = w[axis == 0 ? c * cols + j : j * cols + c];
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
        float s;
        float zp = 0;
        int lo;
        int hi;
        if (asym) {
          s = (max - min) / 255f;
          zp = Math.max(0, Math.min(255, -(float) Math.rint(min / s)));
          lo = 0;
          hi = 255;
        } else {
          s = (Math.abs(min) >= max ? Math.abs(min) : -max) / 8f;
          lo = -8;
          hi = 7;
        }
        double s16 = IrWriter.Halves.round(s);
        for (int j = start; j < start + g; j++) {
          int i = axis == 0 ? c * cols + j : j * cols + c;
          float code = Math.max(lo, Math.min(hi, (float) Math.rint(w[i] / s + zp)));
          out[0][i] = (code - zp) * s;
          // the stored code is an integer: a −0 of rne(x / s) is 0 there
          out[1][i] = (float) IrWriter.Halves.round(((int) code - zp) * s16);
        }
      }
    }
  }

  private static double sqnr(float[] x, float[] y) {
    double signal = 0;
    double noise = 0;
    for (int i = 0; i < x.length; i++) {
      signal += (double) x[i] * x[i];
      noise += ((double) x[i] - y[i]) * ((double) x[i] - y[i]);
    }
    return 10 * Math.log10(signal / noise);
  }

  @Test
  void theNncfInt4PresetReadsBackAsNncfsFormulasGiveAndCompareAgrees() throws Exception {
    Session source = Session.open(threeMatMuls(dir.resolve("model.xml")));
    PlanPreset preset = PlanPresets.byId("nncf-int4-sym").orElseThrow();
    PrecisionPlan plan = preset.planFor(source.model());
    Path out = dir.resolve("model-nncf.xml");
    var written = source.exports().openvino(plan, out);
    Map<String, String> forms = new LinkedHashMap<>();
    written.layers().forEach((k, v) -> forms.put(k, v.text()));
    assertEquals(
        Map.of(
            "q",
            "NNCF int4_sym g128",
            "up",
            "NNCF int4_sym g128",
            "head",
            "NNCF int8_asym per-channel"),
        forms);
    assertEquals(dir.resolve("model-nncf.bin").toAbsolutePath(), written.bin());
    // codes: 2 · 65536 / 2 + 16384; scales: 2 · 512 · 2 + 64 · 2; zero points 64; reshape shapes 2
    // · 16
    assertEquals(65536 + 16384 + 2048 + 128 + 64 + 32, Files.size(written.bin()));

    Model exported = ModelFiles.open(out);
    Map<String, Double> expectedSqnr = new LinkedHashMap<>();
    for (Layer original : source.model().layers()) {
      Layer l =
          exported.layers().stream()
              .filter(e -> e.name().equals(original.name()))
              .findFirst()
              .orElseThrow();
      float[] w = values(original);
      int rows = (int) original.weight().dim(0);
      int cols = (int) original.weight().dim(1);
      boolean head = original.name().equals("head");
      float[][] expected = {new float[w.length], new float[w.length]};
      nncf(w, rows, cols, original.channelAxis(), head ? cols : 128, head, expected);
      Scheme scheme = plan.schemeFor(original.name());
      // the analysis' fake-quant is what the IR gives through NNCF's f16 subgraph, f16((q − zp) ·
      // f16(s)), not the float32 (q − zp)·s of the same codes and scales
      assertArrayEquals(
          expected[1],
          FakeQuantizer.roundTrip(original.weight(), original.channelAxis(), scheme),
          original.name());
      assertFalse(java.util.Arrays.equals(expected[0], expected[1]), original.name());
      // read back, the IR gives them through NNCF's f16 subgraph
      assertArrayEquals(expected[1], values(l), original.name());
      assertEquals(original.channelAxis(), l.channelAxis());
      assertTrue(l.storage().startsWith(forms.get(original.name()) + ", "), l.storage());
      expectedSqnr.put(original.name(), sqnr(w, expected[1]));
    }

    ArtifactComparison c =
        new Comparer(source.model(), new AnalysisCache(), 1)
            .compare(
                exported,
                LayerMatcher.match(source.model(), exported),
                Optional.of(preset),
                AnalysisProgress.NONE,
                () -> false);
    assertEquals(3, c.layers().size());
    for (LayerComparison l : c.layers()) {
      String name = l.pairing().artifact().name();
      assertEquals(expectedSqnr.get(name), l.stats().sqnrDb(), 1e-9, name);
      var prediction = l.prediction().orElseThrow();
      assertEquals(Optional.of(true), prediction.agrees(), name);
      // the analysis predicts the artifact's values exactly
      assertEquals(prediction.sqnrDb(), l.stats().sqnrDb(), 1e-9, name);
    }
  }

  @Test
  void aSchemeWithoutAnNncfFormAndTheSourceAsTargetAreRefused() throws Exception {
    Path xml = threeMatMuls(dir.resolve("model.xml"));
    Session source = Session.open(xml);
    PrecisionPlan onnx =
        new PrecisionPlan(PrecisionPlan.FP32, Map.of("up", Scheme.parse("int8:channel:sym")));
    Path out = dir.resolve("x.xml");
    var e =
        assertThrows(IllegalArgumentException.class, () -> source.exports().openvino(onnx, out));
    assertEquals(
        "up: int8:channel:sym has no NNCF form; an OpenVINO IR takes int8:channel:sym|asym:nncf"
            + " and int4:channel|gN:sym|asym:nncf",
        e.getMessage());
    PrecisionPlan grouped8 =
        new PrecisionPlan(PrecisionPlan.FP32, Map.of("q", Scheme.parse("int8:g64:asym:nncf")));
    assertThrows(IllegalArgumentException.class, () -> source.exports().openvino(grouped8, out));
    assertFalse(Files.exists(out));

    byte[] before = Files.readAllBytes(dir.resolve("model.bin"));
    PrecisionPlan int8 =
        new PrecisionPlan(PrecisionPlan.FP32, Map.of("q", Scheme.parse("int8:channel:asym:nncf")));
    var self = assertThrows(ModelFormatException.class, () -> source.exports().openvino(int8, xml));
    assertTrue(
        self.getMessage().endsWith("the export would replace its own source"), self.getMessage());
    assertArrayEquals(before, Files.readAllBytes(dir.resolve("model.bin")));

    Path gguf = dir.resolve("m.xml.gguf");
    assertTrue(!Files.exists(gguf));
  }

  @Test
  void aCheckpointBecomesAnIrOfItsWeightLayersEachReadingBackAsNncfsFormulasGive()
      throws Exception {
    Path safetensors =
        io.quantlens.samples.synthetic.SyntheticModels.writeSafetensors(
            io.quantlens.samples.synthetic.LlmShape.TINY,
            io.quantlens.samples.synthetic.SyntheticModels.SafetensorsType.F16,
            1,
            1,
            dir.resolve("tiny.safetensors"),
            n -> {});
    Session source = Session.open(safetensors);
    PrecisionPlan plan = PlanPresets.byId("nncf-int4-sym").orElseThrow().planFor(source.model());
    Path out = dir.resolve("tiny-nncf.xml");
    var written = source.exports().openvino(plan, out);
    assertEquals(source.model().layers().size(), written.layers().size());

    Model ir = ModelFiles.open(out);
    assertEquals(source.model().layers().size(), ir.layers().size());
    // one Parameter and one Result per layer
    assertEquals(ir.layers().size(), ir.inputs().size());
    assertEquals(ir.layers().size(), ir.outputs().size());
    for (Layer original : source.model().layers()) {
      Layer l =
          ir.layers().stream()
              .filter(e -> e.name().equals(original.name()))
              .findFirst()
              .orElseThrow();
      assertEquals(original.opType(), l.opType(), original.name());
      assertEquals(0, l.channelAxis());
      float[] w = values(original);
      int rows = (int) original.weight().dim(0);
      int cols = (int) original.weight().dim(1);
      boolean int4 = plan.schemeFor(original.name()).format().bits() == 4;
      float[][] expected = {new float[w.length], new float[w.length]};
      nncf(w, rows, cols, 0, int4 ? 128 : cols, !int4, expected);
      assertArrayEquals(expected[1], values(l), original.name());
      assertTrue(
          l.storage().startsWith(int4 ? "NNCF int4_sym g128" : "NNCF int8_asym per-channel"),
          l.storage());
    }
    // the f16 checkpoint's MatMuls take f16 inputs, so no Convert follows the Multiply
    assertEquals("FP16", ir.inputs().get(0).elementType());
    // lm_head (int8_asym) comes first, but most weights are int4_sym g128: the preset compare
    // guesses is the one that wrote the file
    assertTrue(
        ir.layers().get(0).storage().startsWith("NNCF int8_asym"), ir.layers().get(0).name());
    assertEquals(
        "nncf-int4-sym", io.quantlens.analysis.compare.MatchingPreset.of(ir).orElseThrow().id());
  }
}
