package io.quantlens.formats.onnx;

import static io.quantlens.formats.onnx.OnnxTestModel.FLOAT;
import static io.quantlens.formats.onnx.OnnxTestModel.INT64;
import static io.quantlens.formats.onnx.OnnxTestModel.intAttribute;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Weights that reach their node through Slice and Concat, as PyTorch exports LSTMs (gates reordered
 * i, f, g, o → i, o, f, c by three Slices and a Concat, directions joined by a Concat): read by
 * QuantLens and checked value for value against the tensors ONNX Runtime computes for the node.
 */
class SliceConcatAgainstOrtTest {
  private static final int HIDDEN = 2;
  private static final int INPUT = 3;
  private static final int GATES = 4 * HIDDEN;

  @TempDir Path dir;

  @Test
  void pytorchGateReorderIsTheStoredTensorAsTheLstmReadsIt() throws Exception {
    OnnxTestModel m = lstmGraph();
    reordered(m, "w_ih", GATES, INPUT, "W", "");
    reordered(m, "w_hh", GATES, HIDDEN, "R", "");
    bias(m);
    m.node(
        "LSTM",
        "lstm",
        List.of("x", "W", "R", "B"),
        List.of("", "yh"),
        intAttribute("hidden_size", HIDDEN));
    m.output("W", FLOAT, 1, GATES, INPUT).output("R", FLOAT, 1, GATES, HIDDEN);
    m.output("B", FLOAT, 1, 2 * GATES);
    Model model = read(m, "gates.onnx");
    Map<String, float[]> ort = ort("gates.onnx", "W", "R", "B");

    assertEquals(List.of("lstm/W", "lstm/R"), names(model));
    Layer w = model.layers().get(0);
    Layer r = model.layers().get(1);
    assertArrayEquals(new long[] {GATES, INPUT}, w.weight().shape());
    assertArrayEquals(new long[] {GATES, HIDDEN}, r.weight().shape());
    assertArrayEquals(ort.get("W"), values(w.weight()));
    assertArrayEquals(ort.get("R"), values(r.weight()));
    assertArrayEquals(ort.get("B"), values(w.bias()));
    assertTrue(
        w.storage().contains("Concat on axis 0 of Slice [0:2, :], Slice [6:8, :], Slice [2:6, :]"),
        w.storage());
    assertEquals(
        GATES * INPUT + GATES * HIDDEN + 2 * GATES, model.layerParameterCount(), "counted once");
    assertTrue(model.metadata().notes().isEmpty(), model.metadata().notes().toString());
  }

  @Test
  void lstmsInBothIfBranchesShareOneLayerPerStoredTensor() throws Exception {
    OnnxTestModel m = new OnnxTestModel();
    m.input("x", FLOAT, 5, 1, INPUT).input("cond", OnnxTestModel.BOOL, new Object[0]);
    m.output("yh", FLOAT, 1, 1, HIDDEN).output("wv", FLOAT, 1, GATES, INPUT);
    m.initializer(OnnxTestModel.floats("w_ih", new long[] {GATES, INPUT}, ramp(GATES * INPUT, 1)));
    m.initializer(
        OnnxTestModel.floats("w_hh", new long[] {GATES, HIDDEN}, ramp(GATES * HIDDEN, 2)));
    m.initializer(OnnxTestModel.floats("b_ih", new long[] {GATES}, ramp(GATES, 3)));
    m.initializer(OnnxTestModel.floats("b_hh", new long[] {GATES}, ramp(GATES, 4)));
    AttributeProto[] branches = new AttributeProto[2];
    String[] names = {"then_branch", "else_branch"};
    for (int i = 0; i < 2; i++) {
      OnnxTestModel b = new OnnxTestModel();
      String p = "b" + i + "_";
      reorderedOf(b, "w_ih", INPUT, "W", p);
      reorderedOf(b, "w_hh", HIDDEN, "R", p);
      biasOf(b, p);
      b.node(
          "LSTM",
          "rnn",
          List.of("x", p + "W", p + "R", p + "B"),
          List.of("", p + "yh"),
          intAttribute("hidden_size", HIDDEN));
      b.node("Identity", "copy", List.of(p + "W"), List.of(p + "wv"));
      b.output(p + "yh", FLOAT, 1, 1, HIDDEN).output(p + "wv", FLOAT, 1, GATES, INPUT);
      branches[i] = OnnxTestModel.graphAttribute(names[i], b);
    }
    m.node("If", "if", List.of("cond"), List.of("yh", "wv"), branches);
    Model model = read(m, "if.onnx");

    assertEquals(List.of("if/then_branch/rnn/W", "if/then_branch/rnn/R"), names(model));
    Layer w = model.layers().get(0);
    assertEquals(List.of("if/then_branch/rnn/W", "if/else_branch/rnn/W"), w.users());
    for (boolean cond : new boolean[] {true, false}) {
      assertArrayEquals(ortIf("if.onnx", cond), values(w.weight()), "branch " + cond);
    }
    assertEquals(GATES * INPUT + GATES * HIDDEN + 2 * GATES, model.layerParameterCount());
    assertTrue(model.metadata().notes().isEmpty(), model.metadata().notes().toString());
  }

  @Test
  void bidirectionalDirectionsJoinedByConcatAreALayerPerStoredTensor() throws Exception {
    OnnxTestModel m = lstmGraph();
    List<String> ws = new ArrayList<>();
    List<String> rs = new ArrayList<>();
    List<String> bs = new ArrayList<>();
    for (String d : List.of("f", "b")) {
      reordered(m, "w_ih_" + d, GATES, INPUT, "W_" + d, "");
      reordered(m, "w_hh_" + d, GATES, HIDDEN, "R_" + d, "");
      biasNamed(m, d, "B_" + d);
      ws.add("W_" + d);
      rs.add("R_" + d);
      bs.add("B_" + d);
    }
    m.node("Concat", "cat_w", ws, List.of("W"), intAttribute("axis", 0));
    m.node("Concat", "cat_r", rs, List.of("R"), intAttribute("axis", 0));
    m.node("Concat", "cat_b", bs, List.of("B"), intAttribute("axis", 0));
    m.node(
        "LSTM",
        "bi",
        List.of("x", "W", "R", "B"),
        List.of("", "yh"),
        intAttribute("hidden_size", HIDDEN),
        stringAttribute("direction", "bidirectional"));
    m.output("W", FLOAT, 2, GATES, INPUT).output("R", FLOAT, 2, GATES, HIDDEN);
    m.output("B", FLOAT, 2, 2 * GATES);
    Model model = read(m, "bi.onnx");
    Map<String, float[]> ort = ort("bi.onnx", "W", "R", "B");

    assertEquals(List.of("bi/W [0:1]", "bi/W [1:2]", "bi/R [0:1]", "bi/R [1:2]"), names(model));
    float[] w = ort.get("W");
    int half = w.length / 2;
    assertArrayEquals(java.util.Arrays.copyOfRange(w, 0, half), values(layer(model, 0)));
    assertArrayEquals(java.util.Arrays.copyOfRange(w, half, w.length), values(layer(model, 1)));
    float[] r = ort.get("R");
    assertArrayEquals(
        java.util.Arrays.copyOfRange(r, r.length / 2, r.length), values(layer(model, 3)));
    assertArrayEquals(ort.get("B"), values(model.layers().get(0).bias()), "whole B on the first");
    assertArrayEquals(new long[] {GATES, INPUT}, model.layers().get(1).weight().shape());
    assertEquals(2 * (GATES * INPUT + GATES * HIDDEN + 2 * GATES), model.layerParameterCount());
    assertTrue(model.metadata().notes().isEmpty(), model.metadata().notes().toString());
  }

  @Test
  void disjointSlicesOfAFusedWeightAreALayerEach() throws Exception {
    OnnxTestModel m = new OnnxTestModel();
    m.input("x", FLOAT, 4, 4).output("y1", FLOAT, 4, 3).output("y2", FLOAT, 4, 2);
    m.initializer(OnnxTestModel.floats("fused", new long[] {4, 5}, ramp(20, 5)));
    longs(m, "s1", 0);
    longs(m, "e1", 3);
    longs(m, "s2", 3);
    longs(m, "e2", Long.MAX_VALUE);
    longs(m, "ax", -1);
    m.node("Slice", "part1", List.of("fused", "s1", "e1", "ax"), List.of("w1"));
    m.node("Slice", "part2", List.of("fused", "s2", "e2", "ax"), List.of("w2"));
    m.node("MatMul", "mm1", List.of("x", "w1"), List.of("y1"));
    m.node("MatMul", "mm2", List.of("x", "w2"), List.of("y2"));
    Model model = read(m, "fused.onnx");
    Map<String, float[]> ort = ort("fused.onnx", OnnxTestModel.identity(4), "y1", "y2");

    assertEquals(List.of("mm1", "mm2"), names(model));
    assertArrayEquals(ort.get("y1"), values(layer(model, 0)));
    assertArrayEquals(ort.get("y2"), values(layer(model, 1)));
    assertArrayEquals(new long[] {4, 2}, model.layers().get(1).weight().shape());
    assertEquals(
        "part of stored 'fused' [4, 5]; FLOAT, through Slice [:, 3:5]",
        model.layers().get(1).storage());
    assertEquals(20, model.layerParameterCount());
  }

  @Test
  void overlappingSlicesShowTheStoredTensorOnce() throws Exception {
    OnnxTestModel m = new OnnxTestModel();
    m.input("x", FLOAT, 4, 4).output("y1", FLOAT, 4, 3).output("y2", FLOAT, 4, 3);
    m.initializer(OnnxTestModel.floats("w", new long[] {4, 5}, ramp(20, 6)));
    longs(m, "s1", 0);
    longs(m, "e1", 3);
    longs(m, "s2", 2);
    longs(m, "e2", 5);
    longs(m, "ax", 1);
    m.node("Slice", "a", List.of("w", "s1", "e1", "ax"), List.of("w1"));
    m.node("Slice", "b", List.of("w", "s2", "e2", "ax"), List.of("w2"));
    m.node("MatMul", "mm1", List.of("x", "w1"), List.of("y1"));
    m.node("MatMul", "mm2", List.of("x", "w2"), List.of("y2"));
    Model model = read(m, "overlap.onnx");
    Layer only = model.layers().get(0);
    assertEquals(1, model.layers().size(), names(model).toString());
    assertArrayEquals(new long[] {4, 5}, only.weight().shape());
    assertArrayEquals(ramp(20, 6), values(only.weight()));
    assertEquals(List.of("mm1", "mm2"), only.users());
    assertTrue(only.storage().contains("overlapping parts by 2 nodes"), only.storage());
  }

  @Test
  void reversedSteppedAndClampedSlicesAsOrtReadsThem() throws Exception {
    // axis 0 from the last row backwards in steps of 2 (rows 5, 3, 1), axis 1 from a huge
    // negative start to a huge end (all columns); in front, row 0 alone (a step past the end);
    // then a Slice whose end lies beyond the 4 joined rows
    OnnxTestModel m = new OnnxTestModel();
    m.input("x", FLOAT, 4, 4).output("y", FLOAT, 4, 3);
    m.initializer(OnnxTestModel.floats("w", new long[] {6, 3}, ramp(18, 7)));
    longs(m, "starts", -1, Long.MIN_VALUE);
    longs(m, "ends", -7, Long.MAX_VALUE);
    longs(m, "axes", 0, 1);
    longs(m, "steps", -2, 1);
    longs(m, "s0", 0);
    longs(m, "e0", 5);
    longs(m, "a0", 0);
    longs(m, "big", Long.MAX_VALUE);
    m.node("Slice", "rev", List.of("w", "starts", "ends", "axes", "steps"), List.of("r"));
    m.node("Slice", "two", List.of("w", "s0", "e0", "a0", "big"), List.of("t"));
    m.node("Concat", "cat", List.of("t", "r"), List.of("c"), intAttribute("axis", 0));
    m.node("Slice", "trim", List.of("c", "s0", "e0", "a0"), List.of("wv"));
    m.node("MatMul", "mm", List.of("x", "wv"), List.of("y"));
    Model model = read(m, "steps.onnx");
    Layer layer = model.layers().get(0);
    assertArrayEquals(new long[] {4, 3}, layer.weight().shape());
    assertArrayEquals(
        ort("steps.onnx", OnnxTestModel.identity(4), "y").get("y"), values(layer.weight()));
    assertTrue(layer.storage().contains("Slice [5:-1:-2, :]"), layer.storage());
    assertTrue(layer.storage().startsWith("part of stored 'w' [6, 3]"), layer.storage());
  }

  @Test
  void slicesTheDefinitionRejectsAreNotFollowed() throws Exception {
    long[][][] hostile = {
      {{0}, {2}, {0}, {0}}, // step 0
      {{0, 0}, {2, 2}, {0, 0}, {1, 1}}, // axis twice
      {{0}, {2}, {5}, {1}}, // axis out of range
      {{3}, {1}, {0}, {1}}, // empty
      {{0}, {2, 3}, {0}, {1}}, // starts and ends of different lengths
    };
    for (int i = 0; i < hostile.length; i++) {
      OnnxTestModel m = new OnnxTestModel();
      m.input("x", FLOAT, 4, 4).output("y", FLOAT, 4, 3);
      m.initializer(OnnxTestModel.floats("w", new long[] {64, 64}, new float[64 * 64]));
      longs(m, "s", hostile[i][0]);
      longs(m, "e", hostile[i][1]);
      longs(m, "a", hostile[i][2]);
      longs(m, "st", hostile[i][3]);
      m.node("Slice", "sl", List.of("w", "s", "e", "a", "st"), List.of("wv"));
      m.node("MatMul", "mm", List.of("x", "wv"), List.of("y"));
      Model model = new OnnxModelReader().read(m.write(dir.resolve("hostile" + i + ".onnx")));
      assertTrue(model.layers().isEmpty(), "case " + i + ": " + names(model));
    }
  }

  // ---- graphs

  private static OnnxTestModel lstmGraph() {
    OnnxTestModel m = new OnnxTestModel();
    m.input("x", FLOAT, 5, 1, INPUT).output("yh", FLOAT, new Object[] {null, 1, HIDDEN});
    return m;
  }

  /** {@code stored} [rows, cols] with PyTorch's i, f, g, o rows made i, o, f, c and unsqueezed. */
  private void reordered(OnnxTestModel m, String stored, int rows, int cols, String out, String p) {
    m.initializer(
        OnnxTestModel.floats(stored, new long[] {rows, cols}, ramp(rows * cols, stored.length())));
    reorderedOf(m, stored, cols, out, p);
  }

  private static void reorderedOf(OnnxTestModel m, String stored, int cols, String out, String p) {
    String q = p + out;
    constant(m, q + "_axes", 0);
    int[][] ranges = {{0, HIDDEN}, {3 * HIDDEN, 4 * HIDDEN}, {HIDDEN, 3 * HIDDEN}};
    List<String> pieces = new ArrayList<>();
    for (int k = 0; k < ranges.length; k++) {
      constant(m, q + "_s" + k, ranges[k][0]);
      constant(m, q + "_e" + k, ranges[k][1]);
      m.node(
          "Slice",
          q + "_slice" + k,
          List.of(stored, q + "_s" + k, q + "_e" + k, q + "_axes"),
          List.of(q + "_p" + k));
      pieces.add(q + "_p" + k);
    }
    m.node("Concat", q + "_cat", pieces, List.of(q + "_c"), intAttribute("axis", 0));
    m.node("Unsqueeze", q + "_unsq", List.of(q + "_c", q + "_axes"), List.of(q));
  }

  private void bias(OnnxTestModel m) {
    biasNamed(m, "", "B");
  }

  private void biasNamed(OnnxTestModel m, String d, String out) {
    m.initializer(OnnxTestModel.floats("b_ih" + d, new long[] {GATES}, ramp(GATES, 3)));
    m.initializer(OnnxTestModel.floats("b_hh" + d, new long[] {GATES}, ramp(GATES, 4)));
    biasOfNamed(m, d, "", out);
  }

  private static void biasOf(OnnxTestModel m, String p) {
    biasOfNamed(m, "", p, p + "B");
  }

  /** PyTorch's bias: both vectors reordered, joined, unsqueezed. */
  private static void biasOfNamed(OnnxTestModel m, String d, String p, String out) {
    List<String> halves = new ArrayList<>();
    for (String v : List.of("b_ih" + d, "b_hh" + d)) {
      String q = p + v;
      int[][] ranges = {{0, HIDDEN}, {3 * HIDDEN, 4 * HIDDEN}, {HIDDEN, 3 * HIDDEN}};
      List<String> pieces = new ArrayList<>();
      constant(m, q + "_axes", 0);
      for (int k = 0; k < ranges.length; k++) {
        constant(m, q + "_s" + k, ranges[k][0]);
        constant(m, q + "_e" + k, ranges[k][1]);
        m.node(
            "Slice",
            q + "_slice" + k,
            List.of(v, q + "_s" + k, q + "_e" + k, q + "_axes"),
            List.of(q + "_p" + k));
        pieces.add(q + "_p" + k);
      }
      m.node("Concat", q + "_cat", pieces, List.of(q + "_c"), intAttribute("axis", 0));
      halves.add(q + "_c");
    }
    m.node("Concat", p + out + "_cat", halves, List.of(p + out + "_c"), intAttribute("axis", 0));
    m.node(
        "Unsqueeze",
        p + out + "_unsq",
        List.of(p + out + "_c", p + "b_ih" + d + "_axes"),
        List.of(out));
  }

  /** A one-element INT64 Constant node, as PyTorch writes Slice bounds. */
  private static void constant(OnnxTestModel m, String name, long value) {
    TensorProto t = OnnxTestModel.tensor("", INT64, new long[] {1}).addInt64Data(value).build();
    m.node(
        "Constant",
        name + "_node",
        List.of(),
        List.of(name),
        AttributeProto.newBuilder()
            .setName("value")
            .setType(AttributeProto.AttributeType.TENSOR)
            .setT(t)
            .build());
  }

  private static void longs(OnnxTestModel m, String name, long... values) {
    TensorProto.Builder t = OnnxTestModel.tensor(name, INT64, new long[] {values.length});
    for (long v : values) {
      t.addInt64Data(v);
    }
    m.initializer(t.build());
  }

  private static AttributeProto stringAttribute(String name, String value) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeProto.AttributeType.STRING)
        .setS(com.google.protobuf.ByteString.copyFromUtf8(value))
        .build();
  }

  // ---- reading and running

  private Model read(OnnxTestModel m, String file) throws Exception {
    return new OnnxModelReader().read(m.write(dir.resolve(file)));
  }

  /** The named outputs for an LSTM input of ramp values. */
  private Map<String, float[]> ort(String file, String... outputs) throws Exception {
    return ort(file, ramp(5 * INPUT, 9), new long[] {5, 1, INPUT}, Map.of(), outputs);
  }

  private Map<String, float[]> ort(String file, float[] x, String... outputs) throws Exception {
    int n = (int) Math.round(Math.sqrt(x.length));
    return ort(file, x, new long[] {n, n}, Map.of(), outputs);
  }

  private float[] ortIf(String file, boolean cond) throws Exception {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OnnxTensor c = OnnxTensor.createTensor(env, cond)) {
      return ort(file, ramp(5 * INPUT, 9), new long[] {5, 1, INPUT}, Map.of("cond", c), "wv")
          .get("wv");
    }
  }

  private Map<String, float[]> ort(
      String file, float[] x, long[] xShape, Map<String, OnnxTensor> more, String... outputs)
      throws Exception {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession s =
            env.createSession(dir.resolve(file).toString(), new OrtSession.SessionOptions());
        OnnxTensor xt = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), xShape)) {
      Map<String, OnnxTensor> inputs = new HashMap<>(more);
      inputs.put("x", xt);
      try (OrtSession.Result r = s.run(inputs)) {
        Map<String, float[]> values = new HashMap<>();
        for (String name : outputs) {
          FloatBuffer out = ((OnnxTensor) r.get(name).orElseThrow()).getFloatBuffer();
          float[] v = new float[out.remaining()];
          out.get(v);
          values.put(name, v);
        }
        return values;
      }
    }
  }

  private static List<String> names(Model model) {
    return model.layers().stream().map(Layer::name).toList();
  }

  private static io.quantlens.model.Tensor layer(Model model, int i) {
    return model.layers().get(i).weight();
  }

  private static float[] values(io.quantlens.model.Tensor t) {
    float[] v = new float[(int) t.elementCount()];
    t.reader().read(0, v, 0, v.length);
    return v;
  }

  private static float[] ramp(int n, int seed) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = ((i * 7 + seed * 13) % 23 - 11) * 0.0625f;
    }
    return v;
  }
}
