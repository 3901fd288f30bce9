package io.quantlens.formats.openvino;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.formats.ModelFiles;
import io.quantlens.model.DType;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.model.Tensor;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IRs written by {@link IrWriter}, read back with golden values derived by hand from the element
 * types' layouts and the decompression subgraph's arithmetic (docs/file-formats.md#openvino-ir).
 */
class OpenVinoReaderTest {
  @TempDir Path dir;

  static float[] values(Tensor t) {
    float[] out = new float[(int) t.elementCount()];
    t.reader().read(0, out, 0, out.length);
    return out;
  }

  private static Layer only(Model m) {
    assertEquals(1, m.layers().size(), m.layers().toString());
    return m.layers().get(0);
  }

  private static Map<String, String> transposeB(boolean b) {
    return IrWriter.transposeB(b);
  }

  @Test
  void fp32MatMulIsReadAsStored() throws Exception {
    var w = new IrWriter();
    int x = w.parameter("x", "f32", 1, 3);
    int c =
        w.constant(
            "fc.weight", "f32", new long[] {2, 3}, IrWriter.f32(1, -2, 3.5f, 0.25f, -0.5f, 6));
    int mm = w.op("fc", "MatMul", transposeB(true), new long[] {1, 2}, "f32", x, c);
    w.result("out", mm);
    Model m = ModelFiles.open(w.write(dir.resolve("model.xml")));
    assertEquals("OpenVINO IR", m.metadata().format());
    assertEquals(11, m.metadata().formatVersion());
    Layer l = only(m);
    assertEquals("fc", l.name());
    assertEquals("MatMul", l.opType());
    assertEquals(DType.FLOAT32, l.weight().dtype());
    assertArrayEquals(new long[] {2, 3}, l.weight().shape());
    assertEquals(0, l.channelAxis(), "transpose_b: B is [N, K]");
    assertEquals("", l.storage());
    assertArrayEquals(new float[] {1, -2, 3.5f, 0.25f, -0.5f, 6}, values(l.weight()));
    assertEquals("x", m.inputs().get(0).name());
    assertEquals("[1, 3]", m.inputs().get(0).shapeText());
    assertEquals("out", m.outputs().get(0).name());
    assertEquals(24L, m.bytesByDType().get(DType.FLOAT32));
  }

  @Test
  void untransposedMatMulHasItsChannelsLast() throws Exception {
    var w = new IrWriter();
    int x = w.parameter("x", "f32", 1, 2);
    int c = w.constant("w", "f32", new long[] {2, 3}, IrWriter.f32(1, 2, 3, 4, 5, 6));
    w.result("out", w.op("fc", "MatMul", transposeB(false), new long[] {1, 3}, "f32", x, c));
    assertEquals(1, only(ModelFiles.open(w.write(dir.resolve("m.xml")))).channelAxis());
  }

  @Test
  void fp16ConvolutionThroughConvert() throws Exception {
    var w = new IrWriter();
    int x = w.parameter("x", "f32", 1, 1, 3, 3);
    // f16 bit patterns written by hand: 0.5 = 0x3800, -1.25 = 0xBD00, 3 = 0x4200, and
    // 0x2E66 = (1 + 614/1024) · 2^-4 = 0.0999755859375, the f16 nearest 0.1.
    byte[] bits = IrWriter.bytes(0x00, 0x38, 0x00, 0xBD, 0x00, 0x42, 0x66, 0x2E);
    int c = w.constant("conv.weight", "f16", new long[] {1, 1, 2, 2}, bits);
    int f = w.convert("conv.weight/convert", "f32", c);
    int conv =
        w.op(
            "conv",
            "Convolution",
            Map.of("strides", "1,1", "pads_begin", "0,0", "pads_end", "0,0", "dilations", "1,1"),
            new long[] {1, 1, 2, 2},
            "f32",
            x,
            f);
    w.result("out", conv);
    Layer l = only(ModelFiles.open(w.write(dir.resolve("conv.xml"))));
    assertEquals("Conv", l.opType());
    assertEquals(DType.FLOAT16, l.weight().dtype());
    assertEquals(0, l.channelAxis());
    assertEquals("f16 Const, then Convert to f32", l.storage());
    assertArrayEquals(new float[] {0.5f, -1.25f, 3f, 0.0999755859375f}, values(l.weight()));
    assertEquals(8, l.weight().storedBytes());
  }

  /**
   * NNCF int8_asym per channel: u8 codes [2, 4], u8 zero points [2, 1], f16 scales [2, 1], Subtract
   * and Multiply in f16. Row 0 has zero point 128 and scale f16(0.1) = 0.0999755859375: code 131 →
   * 3 · 0.0999755859375 = 0.2999267578125 = 1228.5 · 2^-12, a tie that f16 rounds to even, 1228 ·
   * 2^-12 = 0.2998046875; code 255 → 127 · 0.0999755859375 = 12.6968994140625 = 1625.203125 · 2^-7
   * → 1625 · 2^-7 = 12.6953125. Row 1 (zero point 10, scale 0.5) is exact.
   */
  @Test
  void int8AsymmetricPerChannelComputesInF16() throws Exception {
    Path xml = int8Asym(dir.resolve("int8.xml"));
    Layer l = only(ModelFiles.open(xml));
    assertEquals(DType.UINT8, l.weight().dtype());
    assertArrayEquals(new long[] {2, 4}, l.weight().shape());
    assertArrayEquals(
        new float[] {0.2998046875f, 0f, -0.2998046875f, 12.6953125f, -5f, 0f, 5f, 122.5f},
        values(l.weight()));
    // 8 codes of 8 bits, 2 f16 scales, 2 u8 zero points: (64 + 32 + 16) / 8 = 14 bits a weight.
    assertTrue(
        l.storage().startsWith("NNCF int8_asym per-channel, 14 bits per weight (u8 codes"),
        l.storage());
    assertTrue(l.storage().contains("Subtract in f16, Multiply in f16"), l.storage());
    assertTrue(l.storedQuantized());
  }

  static Path int8Asym(Path xml) throws Exception {
    return IrWriter.int8AsymPerChannel(xml, "fc.weight", "fc");
  }

  /**
   * NNCF int4_sym with groups of 4: i4 codes [2, 2, 4] (two's complement nibbles, element 2k in the
   * low nibble of byte k), f16 scales [2, 2, 1], Multiply in f16, Reshape to [2, 8]. The first two
   * bytes are written by hand: codes −8 (1000b) and −1 (1111b) → 0xF8, codes 0 and 7 → 0x70.
   */
  @Test
  void int4SymmetricGroupedWithReshape() throws Exception {
    var w = new IrWriter();
    int x = w.parameter("x", "f32", 1, 8);
    byte[] codes = new byte[8];
    codes[0] = (byte) 0xF8;
    codes[1] = (byte) 0x70;
    System.arraycopy(IrWriter.nibbles(1, 2, 3, 4, -2, -3, 5, 6, 7, 7, -8, -8), 0, codes, 2, 6);
    int q = w.constant("proj.weight", "i4", new long[] {2, 2, 4}, codes);
    int qf = w.convert("proj.weight/convert", "f16", q);
    int s =
        w.constant(
            "proj.weight/scale",
            "f16",
            new long[] {2, 2, 1},
            IrWriter.f16(0.25, 0.125, 1.5, 0.0999755859375));
    int mul =
        w.op("proj.weight/fq_weights_1", "Multiply", Map.of(), new long[] {2, 2, 4}, "f16", qf, s);
    int shape =
        w.constant(
            "proj.weight/shape",
            "i64",
            new long[] {2},
            IrWriter.bytes(2, 0, 0, 0, 0, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0));
    int rs =
        w.op(
            "proj.weight/reshape",
            "Reshape",
            Map.of("special_zero", "false"),
            new long[] {2, 8},
            "f16",
            mul,
            shape);
    int f32 = w.convert("proj.weight/reshape/convert", "f32", rs);
    w.result("out", w.op("proj", "MatMul", transposeB(true), new long[] {1, 2}, "f32", x, f32));
    Layer l = only(ModelFiles.open(w.write(dir.resolve("int4.xml"))));
    assertEquals(DType.INT4, l.weight().dtype());
    assertArrayEquals(new long[] {2, 8}, l.weight().shape());
    // group (0,0) × 0.25, (0,1) × 0.125, (1,0) × 1.5, (1,1) × 0.0999755859375:
    // 7 · 0.0999755859375 = 0.6998291015625 = 1433.25 · 2^-11 → 1433 · 2^-11 = 0.69970703125;
    // −8 · 0.0999755859375 = −0.7998046875 exactly (a power of two times an f16).
    assertArrayEquals(
        new float[] {
          -2f, -0.25f, 0f, 1.75f, 0.125f, 0.25f, 0.375f, 0.5f,
          -3f, -4.5f, 7.5f, 9f, 0.69970703125f, 0.69970703125f, -0.7998046875f, -0.7998046875f
        },
        values(l.weight()));
    // 16 codes of 4 bits and 4 f16 scales: (64 + 64) / 16 = 8 bits a weight.
    assertTrue(
        l.storage().startsWith("NNCF int4_sym g4, 8 bits per weight (i4 codes"), l.storage());
    assertTrue(l.storage().contains("Reshape to [2, 8], Convert to f32"), l.storage());
  }

  /**
   * NNCF int4_asym: u4 codes [1, 2, 4] with u4 zero points [1, 2, 1] (8 and 3, packed 0x38) and f16
   * scales 0.5 and 2: (q − zp) · s.
   */
  @Test
  void u4AsymmetricWithZeroPoints() throws Exception {
    var w = new IrWriter();
    int x = w.parameter("x", "f32", 1, 8);
    // codes 0, 15, 8, 9 | 3, 0, 4, 10  →  bytes 0xF0, 0x98, 0x03, 0xA4
    int q = w.constant("w", "u4", new long[] {1, 2, 4}, IrWriter.bytes(0xF0, 0x98, 0x03, 0xA4));
    int qf = w.convert("w/convert", "f16", q);
    int zp = w.constant("w/zero_point", "u4", new long[] {1, 2, 1}, IrWriter.bytes(0x38));
    int zpf = w.convert("w/zero_point/convert", "f16", zp);
    int sub = w.op("w/sub", "Subtract", Map.of(), new long[] {1, 2, 4}, "f16", qf, zpf);
    int s = w.constant("w/scale", "f16", new long[] {1, 2, 1}, IrWriter.f16(0.5, 2));
    int mul = w.op("w/mul", "Multiply", Map.of(), new long[] {1, 2, 4}, "f16", sub, s);
    int shape =
        w.constant(
            "w/shape",
            "i64",
            new long[] {2},
            IrWriter.bytes(1, 0, 0, 0, 0, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0));
    int rs =
        w.op(
            "w/reshape",
            "Reshape",
            Map.of("special_zero", "false"),
            new long[] {1, 8},
            "f16",
            mul,
            shape);
    int f32 = w.convert("w/reshape/convert", "f32", rs);
    w.result("out", w.op("mm", "MatMul", transposeB(true), new long[] {1, 1}, "f32", x, f32));
    Layer l = only(ModelFiles.open(w.write(dir.resolve("u4.xml"))));
    assertEquals(DType.UINT4, l.weight().dtype());
    assertArrayEquals(new float[] {-4f, 3.5f, 0f, 0.5f, 0f, -6f, 2f, 14f}, values(l.weight()));
    // 8 codes and 2 zero points of 4 bits, 2 f16 scales: (32 + 8 + 32) / 8 = 9.
    assertTrue(l.storage().startsWith("NNCF int4_asym g4, 9 bits per weight"), l.storage());
  }

  /**
   * NF4 through Convert to f16: the table value is rounded to f16 first, then times the f16 scale
   * in f16. Code 1 (−0.6961928009986877) becomes −1426 · 2^-11 = −0.6962890625, times 0.5 =
   * −0.34814453125; code 13 (0.5626170039176941) becomes 1152 · 2^-11 = 0.5625, times 3 = 1.6875;
   * codes 0 and 15 (−1 and 1) are exact.
   */
  @Test
  void nf4RoundsItsTableToF16() throws Exception {
    var w = new IrWriter();
    int x = w.parameter("x", "f32", 1, 8);
    int q =
        w.constant("w", "nf4", new long[] {1, 2, 4}, IrWriter.nibbles(1, 15, 0, 7, 13, 0, 15, 8));
    int qf = w.convert("w/convert", "f16", q);
    int s = w.constant("w/scale", "f16", new long[] {1, 2, 1}, IrWriter.f16(0.5, 3));
    int mul = w.op("w/mul", "Multiply", Map.of(), new long[] {1, 2, 4}, "f16", qf, s);
    int shape =
        w.constant(
            "w/shape",
            "i64",
            new long[] {2},
            IrWriter.bytes(1, 0, 0, 0, 0, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0));
    int rs = w.op("w/reshape", "Reshape", Map.of(), new long[] {1, 8}, "f16", mul, shape);
    int f32 = w.convert("w/reshape/convert", "f32", rs);
    w.result("out", w.op("mm", "MatMul", transposeB(true), new long[] {1, 1}, "f32", x, f32));
    Layer l = only(ModelFiles.open(w.write(dir.resolve("nf4.xml"))));
    assertEquals(DType.NF4, l.weight().dtype());
    // code 8 is 0.07958029955625534 → f16 1304 · 2^-14 = 0.07958984375, times 3 = 0.23876953125
    // = 1956 · 2^-13, exact in f16.
    assertArrayEquals(
        new float[] {-0.34814453125f, 0.5f, -0.5f, 0f, 1.6875f, -3f, 3f, 0.23876953125f},
        values(l.weight()));
    assertTrue(l.storage().startsWith("NNCF nf4 g4, 8 bits per weight (nf4 codes"), l.storage());
    assertTrue(l.storedQuantized());
  }

  @Test
  void embeddingGatherAndActivationMatMuls() throws Exception {
    var w = new IrWriter();
    int ids = w.parameter("input_ids", "i64", 1, 2);
    int table =
        w.constant("embed.weight", "f16", new long[] {3, 2}, IrWriter.f16(1, 2, 3, 4, 5, 6));
    int tf = w.convert("embed.weight/convert", "f32", table);
    int axis = w.constant("axis", "i64", new long[0], IrWriter.bytes(0, 0, 0, 0, 0, 0, 0, 0));
    int g =
        w.op(
            "embed",
            "Gather",
            Map.of("batch_dims", "0"),
            new long[] {1, 2, 2},
            "f32",
            tf,
            ids,
            axis);
    int scores = w.op("attn", "MatMul", transposeB(true), new long[] {1, 2, 2}, "f32", g, g);
    w.result("out", scores);
    Model m = ModelFiles.open(w.write(dir.resolve("emb.xml")));
    Layer l = only(m);
    assertEquals("Gather", l.opType());
    assertEquals("embed", l.name());
    assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, values(l.weight()));
    assertEquals(2, m.initializers().size(), "the table and the axis");
  }

  @Test
  void runtimeInfoBecomesProperties() throws Exception {
    var w = new IrWriter();
    int x = w.parameter("x", "f32", 1, 3);
    int c = w.constant("w", "f32", new long[] {2, 3}, IrWriter.f32(1, 2, 3, 4, 5, 6));
    w.result("out", w.op("fc", "MatMul", transposeB(true), new long[] {1, 2}, "f32", x, c));
    w.extra(
        "<rt_info><Runtime_version value=\"2025.1.0\"/><nncf><weight_compression>"
            + "<mode value=\"int4_sym\"/><group_size value=\"128\"/></weight_compression></nncf>"
            + "</rt_info>\n");
    Model m = ModelFiles.open(w.write(dir.resolve("rt.xml")));
    assertEquals("2025.1.0", m.metadata().producer());
    assertEquals("int4_sym", m.metadata().properties().get("nncf.weight_compression.mode"));
    assertEquals("128", m.metadata().properties().get("nncf.weight_compression.group_size"));
  }

  @Test
  void version10MetaDataNamesTheModelOptimizer() throws Exception {
    var w = new IrWriter();
    int x = w.parameter("x", "f32", 1, 3);
    int c = w.constant("w", "f32", new long[] {2, 3}, IrWriter.f32(1, 2, 3, 4, 5, 6));
    w.result("out", w.op("fc", "MatMul", transposeB(true), new long[] {1, 2}, "f32", x, c));
    w.extra(
        "<meta_data><MO_version value=\"2021.4.2\"/><cli_parameters><data_type value=\"FP16\"/>"
            + "</cli_parameters></meta_data>\n");
    Model m = ModelFiles.open(w.write(dir.resolve("v10.xml")));
    assertEquals("2021.4.2", m.metadata().producer());
    assertEquals("FP16", m.metadata().properties().get("meta_data.cli_parameters.data_type"));
  }

  /**
   * A symmetric mode stored as unsigned codes with one i8 zero point 8, as NNCF's
   * is_symmetric_represented_by_unsigned path writes it: u4 codes 0, 8, 15, 3 with scale 0.5 are (q
   * − 8) · 0.5 = −4, 0, 3.5, −2.5; 16 bits of scale and 8 of zero point over 4 weights.
   */
  @Test
  void unsignedCodesWithOneOffsetAreSymmetric() throws Exception {
    var w = new IrWriter();
    int x = w.parameter("x", "f32", 1, 4);
    int q =
        w.convert(
            "w/c", "f16", w.constant("w", "u4", new long[] {1, 4}, IrWriter.nibbles(0, 8, 15, 3)));
    int zp =
        w.convert("w/zc", "f16", w.constant("w/zero_point", "i8", new long[0], IrWriter.bytes(8)));
    int sub = w.op("w/sub", "Subtract", Map.of(), new long[] {1, 4}, "f16", q, zp);
    int s = w.constant("w/scale", "f16", new long[] {1, 1}, IrWriter.f16(0.5));
    int mul = w.op("w/mul", "Multiply", Map.of(), new long[] {1, 4}, "f16", sub, s);
    w.result(
        "out",
        w.op(
            "mm",
            "MatMul",
            transposeB(true),
            new long[] {1, 1},
            "f32",
            x,
            w.convert("w/f32", "f32", mul)));
    Layer l = only(ModelFiles.open(w.write(dir.resolve("offset.xml"))));
    assertArrayEquals(new float[] {-4f, 0f, 3.5f, -2.5f}, values(l.weight()));
    // (4·4 + 16 + 8) / 4 = 10
    assertTrue(l.storage().startsWith("NNCF int4_sym per-tensor, 10 bits per weight"), l.storage());
  }

  /**
   * A depthwise GroupConvolution, weight [G=2, 1, 1, 2, 2] of i8 codes with one f16 scale per group
   * ([2, 1, 1, 1, 1]) and no zero point: NNCF int8_sym per channel, output channels on axis 0.
   */
  @Test
  void groupConvolutionInt8Symmetric() throws Exception {
    var w = new IrWriter();
    int x = w.parameter("x", "f32", 1, 2, 3, 3);
    long[] shape = {2, 1, 1, 2, 2};
    int q =
        w.convert(
            "dw/c",
            "f16",
            w.constant("dw", "i8", shape, IrWriter.bytes(1, -1, 127, -128, 2, 4, -6, 8)));
    int s = w.constant("dw/scale", "f16", new long[] {2, 1, 1, 1, 1}, IrWriter.f16(0.125, 0.25));
    int mul = w.op("dw/mul", "Multiply", Map.of(), shape, "f16", q, s);
    int conv =
        w.op(
            "dwconv",
            "GroupConvolution",
            Map.of("strides", "1,1"),
            new long[] {1, 2, 2, 2},
            "f32",
            x,
            w.convert("dw/f32", "f32", mul));
    w.result("out", conv);
    Layer l = only(ModelFiles.open(w.write(dir.resolve("gconv.xml"))));
    assertEquals("Conv", l.opType());
    assertEquals(0, l.channelAxis());
    assertEquals(DType.INT8, l.weight().dtype());
    // 127 · 0.125 = 15.875 and −128 · 0.125 = −16 are exact in f16
    assertArrayEquals(
        new float[] {0.125f, -0.125f, 15.875f, -16f, 0.5f, 1f, -1.5f, 2f}, values(l.weight()));
    assertTrue(
        l.storage().startsWith("NNCF int8_sym per-channel, 12 bits per weight"), l.storage());
    assertTrue(l.storage().endsWith("; GroupConvolution weight"), l.storage());
  }

  /**
   * NNCF mxfp4: f4e2m1 codes (sign, two exponent bits of bias 1, one mantissa bit; element 2k in
   * the low nibble) times f8e8m0 scales 2^(e − 127), both converted to f16. Codes 1, 7, 9, 15 are
   * 0.5, 6, −0.5, −6 and scale code 126 is 0.5; codes 2, 3, 13, 8 are 1, 1.5, −3, −0 and scale code
   * 130 is 8.
   */
  @Test
  void mxfp4WithPowerOfTwoScales() throws Exception {
    var w = new IrWriter();
    int x = w.parameter("x", "f32", 1, 8);
    int q =
        w.convert(
            "w/c",
            "f16",
            w.constant(
                "w", "f4e2m1", new long[] {1, 2, 4}, IrWriter.nibbles(1, 7, 9, 15, 2, 3, 13, 8)));
    int s =
        w.convert(
            "w/sc",
            "f16",
            w.constant("w/scale", "f8e8m0", new long[] {1, 2, 1}, IrWriter.bytes(126, 130)));
    int mul = w.op("w/mul", "Multiply", Map.of(), new long[] {1, 2, 4}, "f16", q, s);
    int shape =
        w.constant(
            "w/shape",
            "i64",
            new long[] {2},
            IrWriter.bytes(1, 0, 0, 0, 0, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0));
    int rs = w.op("w/reshape", "Reshape", Map.of(), new long[] {1, 8}, "f16", mul, shape);
    w.result(
        "out",
        w.op(
            "mm",
            "MatMul",
            transposeB(true),
            new long[] {1, 1},
            "f32",
            x,
            w.convert("w/f32", "f32", rs)));
    // not used by any layer: f8e8m0 codes 0, 255 and 127 are 2^-127, NaN and 1
    w.constant("special", "f8e8m0", new long[] {3}, IrWriter.bytes(0, 255, 127));
    Model m = ModelFiles.open(w.write(dir.resolve("mxfp4.xml")));
    Layer l = only(m);
    assertEquals(DType.FLOAT4_E2M1, l.weight().dtype());
    assertArrayEquals(new float[] {0.25f, 3f, -0.25f, -3f, 8f, 12f, -24f, -0f}, values(l.weight()));
    // (8 · 4 + 2 · 8) / 8 = 6
    assertTrue(
        l.storage().startsWith("NNCF mxfp4 g4, 6 bits per weight (f4e2m1 codes, f8e8m0 scales"),
        l.storage());
    Tensor special =
        m.initializers().stream().filter(t -> t.name().equals("special")).findFirst().orElseThrow();
    assertArrayEquals(new float[] {0x1p-127f, Float.NaN, 1f}, values(special));
  }
}
