package io.quantlens.formats.onnx;

import static io.quantlens.formats.onnx.OnnxTestModel.FLOAT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.quantlens.model.ModelFormatException;
import io.quantlens.quant.ActivationRange;
import io.quantlens.quant.ActivationScheme;
import io.quantlens.quant.FloatFormat;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The activation round trips QuantLens writes into a graph, run by ONNX Runtime, against the same
 * arithmetic computed by hand here: a MatMul with an identity weight passes its quantized input
 * straight to the output. The inputs hold exact ties (x / s = k + 0.5) and values beyond the range.
 */
class ActivationRoundTripAgainstOrtTest {
  private static final int K = 4;

  /** Two rows of four; with s = 0.25, 0.125 → 0.5 and 0.375 → 1.5 are ties; ±40 saturate. */
  private static final float[] X = {
    0.125f, 0.375f, -0.625f, 40f, //
    -40f, 1.3f, -0.2f, 7.1f
  };

  @TempDir Path dir;

  @Test
  void staticInt8SymmetricSaturatesAtMinus128AsQuantizeLinear() throws Exception {
    // absmax 31.75 → s = 31.75 / 127 = 0.25 exactly
    float[] y = run(model(21), "int8:tensor:sym:static", new ActivationRange(-31.75f, 10f));
    assertArrayEquals(staticInt(X, 0.25f, 0, -128, 127), y);
    assertEquals(0f, y[0]); // 0.5 → 0 (ties to even)
    assertEquals(0.5f, y[1]); // 1.5 → 2
    assertEquals(-0.5f, y[2]); // −2.5 → −2
    assertEquals(31.75f, y[3]);
    assertEquals(-32f, y[4]);
  }

  @Test
  void staticInt8AsymmetricUsesTheOnnxRecipe() throws Exception {
    // [−1, 62.75] → s = 63.75 / 255 = 0.25, zp = rne(1 / 0.25) = 4
    float[] y = run(model(13), "int8:tensor:asym:static", new ActivationRange(-1f, 62.75f));
    assertArrayEquals(staticInt(X, 0.25f, 4, 0, 255), y);
    assertEquals(40f, y[3]); // inside the range
    assertEquals(-1f, y[4]); // −160 + 4 saturates at code 0
  }

  @Test
  void staticInt4BothSymmetries() throws Exception {
    // sym: absmax 1.75 → s = 1.75 / 7 = 0.25, codes −8 … 7
    assertArrayEquals(
        staticInt(X, 0.25f, 0, -8, 7),
        run(model(13), "int4:tensor:sym:static", new ActivationRange(-1.75f, 1f)));
    // asym: [−0.5, 3.25] → s = 3.75 / 15 = 0.25, zp = 2
    assertArrayEquals(
        staticInt(X, 0.25f, 2, 0, 15),
        run(model(13), "int4:tensor:asym:static", new ActivationRange(-0.5f, 3.25f)));
  }

  @Test
  void dynamicInt8PerTensorIsDynamicQuantizeLinear() throws Exception {
    float[] y = run(model(13), "int8:tensor:asym:dynamic", null);
    assertArrayEquals(dynamicAsym(X, X.length, 255), y);
  }

  @Test
  void dynamicPerTokenRangesPerRow() throws Exception {
    for (int opset : new int[] {13, 18}) {
      assertArrayEquals(
          dynamicSym(X, K, 127, -128), run(model(opset), "int8:token:sym:dynamic", null));
      assertArrayEquals(dynamicAsym(X, K, 15), run(model(opset), "int4:token:asym:dynamic", null));
      assertArrayEquals(
          dynamicSym(X, X.length, 7, -8), run(model(opset), "int4:tensor:sym:dynamic", null));
    }
  }

  @Test
  void fp8StaticAndDynamic() throws Exception {
    // static: amax 44.8 → s = 0.1; dynamic per row: amax 40 and 40
    float s = 44.8f / 448f;
    assertArrayEquals(
        fp8(X, new float[] {s, s}),
        run(model(19), "fp8e4m3:tensor:static", new ActivationRange(-44.8f, 3f)));
    float rowScale = 40f / 448f;
    assertArrayEquals(
        fp8(X, new float[] {rowScale, rowScale}), run(model(19), "fp8e4m3:token:dynamic", null));
  }

  @Test
  void halfCasts() throws Exception {
    float[] y = run(model(13), "fp16", null);
    float[] bf = run(model(13), "bf16", null);
    for (int i = 0; i < X.length; i++) {
      assertEquals(FloatFormat.FP16.round(X[i]), y[i]);
      assertEquals(FloatFormat.BF16.round(X[i]), bf[i]);
    }
    assertTrue(y[5] != X[5], "1.3 is not an fp16 value");
  }

  @Test
  void formatsTheOpsetCannotExpressAreRefusedByName() throws Exception {
    WeightPatcher patcher = WeightPatcher.open(model(13));
    String why =
        patcher.activationRefusal("mm", ActivationScheme.parse("fp8e4m3:tensor:dynamic")).get();
    assertEquals(
        "fp8e4m3 activations need ONNX opset 19 or later for their operators;"
            + " this model imports opset 13",
        why);
    ActivationQuant fp8 =
        new ActivationQuant(ActivationScheme.parse("fp8e4m3:token:dynamic"), null);
    ModelFormatException e =
        assertThrows(
            ModelFormatException.class,
            () -> patcher.patched(Map.of(), Map.of("mm", fp8), List.of()));
    assertTrue(
        e.getMessage().contains("input of layer 'mm': fp8e4m3 activations need"), e.getMessage());
    assertEquals(List.of("x"), patcher.activationValues("mm"));
  }

  @Test
  void theJavaRoundTripEqualsTheGraphsOnRandomData() throws Exception {
    java.util.Random random = new java.util.Random(5);
    float[] x = new float[X.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (random.nextGaussian() * Math.exp(random.nextGaussian()));
    }
    ActivationRange range = new ActivationRange(-1.7f, 2.9f);
    for (String text :
        List.of(
            "int8:tensor:asym:static",
            "int8:tensor:sym:static",
            "int4:tensor:asym:static",
            "int3:tensor:sym:static",
            "int8:tensor:asym:dynamic",
            "int8:tensor:sym:dynamic",
            "int8:token:asym:dynamic",
            "int4:token:sym:dynamic",
            "fp8e4m3:tensor:static",
            "fp8e4m3:token:dynamic",
            "fp16",
            "bf16")) {
      ActivationScheme scheme = ActivationScheme.parse(text);
      ActivationRange r = scheme.needsCalibration() ? range : null;
      assertArrayEquals(
          io.quantlens.quant.ActivationQuantizer.roundTrip(x, K, scheme, r),
          run(model(19), text, r, x),
          text);
    }
  }

  // ---- the arithmetic, by hand ----

  private static float[] staticInt(float[] x, float s, int zp, int qmin, int qmax) {
    float[] y = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      float q = Math.max(qmin, Math.min(qmax, (float) Math.rint(x[i] / s) + zp));
      y[i] = (q - zp) * s;
    }
    return y;
  }

  /** DynamicQuantizeLinear's parameters per run of {@code row} values. */
  private static float[] dynamicAsym(float[] x, int row, int qmax) {
    float[] y = new float[x.length];
    for (int start = 0; start < x.length; start += row) {
      float lo = 0;
      float hi = 0;
      for (int i = start; i < start + row; i++) {
        lo = Math.min(lo, x[i]);
        hi = Math.max(hi, x[i]);
      }
      float s = (hi - lo) / qmax;
      int zp = (int) Math.max(0, Math.min(qmax, Math.rint(-lo / s)));
      float[] part = staticInt(java.util.Arrays.copyOfRange(x, start, start + row), s, zp, 0, qmax);
      System.arraycopy(part, 0, y, start, row);
    }
    return y;
  }

  private static float[] dynamicSym(float[] x, int row, int qmax, int qmin) {
    float[] y = new float[x.length];
    for (int start = 0; start < x.length; start += row) {
      float amax = 0;
      for (int i = start; i < start + row; i++) {
        amax = Math.max(amax, Math.abs(x[i]));
      }
      float s = amax / qmax;
      float[] part =
          staticInt(java.util.Arrays.copyOfRange(x, start, start + row), s, 0, qmin, qmax);
      System.arraycopy(part, 0, y, start, row);
    }
    return y;
  }

  private static float[] fp8(float[] x, float[] rowScales) {
    float[] y = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      float s = rowScales[i / K];
      y[i] = FloatFormat.FP8_E4M3.round(x[i] / s) * s;
    }
    return y;
  }

  // ---- the graph ----

  private Path model(int opset) throws Exception {
    OnnxTestModel m =
        new OnnxTestModel()
            .defaultOpset(opset)
            .input("x", FLOAT, "rows", K)
            .output("y", FLOAT, "rows", K)
            .initializer(OnnxTestModel.floats("w", new long[] {K, K}, OnnxTestModel.identity(K)));
    m.node("MatMul", "mm", List.of("x", "w"), List.of("y"));
    return m.write(dir.resolve("identity-" + opset + ".onnx"));
  }

  private float[] run(Path model, String scheme, ActivationRange range) throws Exception {
    return run(model, scheme, range, X);
  }

  private float[] run(Path model, String scheme, ActivationRange range, float[] x)
      throws Exception {
    ActivationQuant quant = new ActivationQuant(ActivationScheme.parse(scheme), range);
    ByteBuffer patched =
        WeightPatcher.open(model).patched(Map.of(), Map.of("mm", quant), List.of());
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    FloatBuffer input =
        ByteBuffer.allocateDirect(x.length * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
    input.put(x).rewind();
    try (OrtSession s = env.createSession(patched, new OrtSession.SessionOptions());
        OnnxTensor xt = OnnxTensor.createTensor(env, input, new long[] {x.length / K, K});
        OrtSession.Result r = s.run(Map.of("x", xt))) {
      FloatBuffer out = ((OnnxTensor) r.get(0)).getFloatBuffer();
      float[] y = new float[out.remaining()];
      out.get(y);
      return y;
    }
  }
}
