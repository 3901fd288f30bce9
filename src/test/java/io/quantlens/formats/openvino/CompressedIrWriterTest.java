package io.quantlens.formats.openvino;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.formats.ModelFiles;
import io.quantlens.model.Layer;
import io.quantlens.model.ModelFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 2 × 8 weight compressed by hand with NNCF's formulas (weight_lowering.py as
 * docs/file-formats.md#writing-an-nncf-ir states them): the .bin bytes, the XML's layers and edges
 * read with the JDK's DOM parser, and the weights QuantLens reads back.
 */
class CompressedIrWriterTest {
  @TempDir Path dir;

  /** Row 0 spans [−1, 3], row 1 [−0.8, 0.7]. */
  private static final float[] W = {
    -1f, -0.5f, 0f, 0.25f, 0.5f, 0.75f, 1f, 3f, 0.1f, 0.2f, -0.3f, 0.4f, -0.8f, 0.6f, 0.7f, -0.05f
  };

  /** x [1, 8] → MatMul(x, w [2, 8], transpose_b) → y [1, 2], w an f32 Const. */
  private Path source(String weightType) throws Exception {
    var ir = new IrWriter();
    int x = ir.parameter("x", "f32", 1, 8);
    int w =
        weightType.equals("f32")
            ? ir.constant("w", "f32", new long[] {2, 8}, IrWriter.f32(W))
            : ir.convert(
                "w/to_f32",
                "f32",
                ir.constant("w", "f16", new long[] {2, 8}, IrWriter.f16(halves(W))));
    ir.result(
        "y", ir.op("fc", "MatMul", IrWriter.transposeB(true), new long[] {1, 2}, "f32", x, w));
    return ir.write(dir.resolve("src-" + weightType + ".xml"));
  }

  private static double[] halves(float[] w) {
    double[] out = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      out[i] = IrWriter.Halves.round(w[i]);
    }
    return out;
  }

  private static byte[] concat(byte[]... parts) {
    int n = Arrays.stream(parts).mapToInt(p -> p.length).sum();
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  @Test
  void int8AsymmetricPerChannelBytesAndGraph() throws Exception {
    Path out = dir.resolve("int8.xml");
    var written =
        CompressedIrWriter.write(
            source("f32"), Map.of("fc", new NncfForm(NncfForm.Mode.INT8_ASYM, 0)), out);
    assertEquals(dir.resolve("int8.bin").toAbsolutePath(), written.bin());
    // Row 0: s = (3 − (−1)) / 255 = 0.015686275 (float32), zp = −rne(−1 / s) = rne(63.75) = 64,
    // q = rne(x / s + 64): −1 → 0.25 → 0, −0.5 → 32.125 → 32, 0 → 64, 0.25 → 79.94 → 80,
    // 0.5 → 95.875 → 96, 0.75 → 111.81 → 112, 1 → 127.75 → 128, 3 → 255.25 → 255 (clipped).
    // Row 1: s = 1.5 / 255 = 0.005882353, zp = rne(0.8 / s) = 136; 0.1 → 17 + 136 = 153,
    // 0.2 → 170, −0.3 → 85, 0.4 → 204, −0.8 → 0, 0.6 → 238, 0.7 → 255, −0.05 → 127.5 → 128 (even).
    byte[] codes =
        IrWriter.bytes(0, 32, 64, 80, 96, 112, 128, 255, 153, 170, 85, 204, 0, 238, 255, 128);
    byte[] zeroPoints = IrWriter.bytes(64, 136);
    // f16 scales: 0.015686275 = 2^−6 · (1 + 4/1024) → 0x2404; 0.005882353 = 2^−8 · (1 + 518/1024)
    // → 0x1E06 (exponent fields 9 and 7)
    byte[] scales = IrWriter.bytes(0x04, 0x24, 0x06, 0x1E);
    assertArrayEquals(
        concat(codes, zeroPoints, scales), Files.readAllBytes(dir.resolve("int8.bin")));

    IrDocument doc = new IrDocument(out);
    assertEquals(
        Map.of("element_type", "u8", "shape", "2, 8", "offset", "0", "size", "16"),
        doc.layer("w").data());
    assertEquals(List.of("0 U8 [2, 8]"), doc.layer("w").outputs());
    assertEquals(
        Map.of("element_type", "u8", "shape", "2, 1", "offset", "16", "size", "2"),
        doc.layer("w/zero_point").data());
    assertEquals(
        Map.of("element_type", "f16", "shape", "2, 1", "offset", "18", "size", "4"),
        doc.layer("w/scale").data());
    assertEquals("Convert", doc.layer("w/convert").type());
    assertEquals(Map.of("destination_type", "f16"), doc.layer("w/convert").data());
    assertEquals("Subtract", doc.layer("w/zero_point/subtract").type());
    assertEquals(
        List.of("0 FP16 [2, 8]", "1 FP16 [2, 1]"), doc.layer("w/zero_point/subtract").inputs());
    assertEquals("Multiply", doc.layer("w/fq_weights_1").type());
    assertEquals(List.of("2 FP16 [2, 8]"), doc.layer("w/fq_weights_1").outputs());
    assertEquals(Map.of("destination_type", "f32"), doc.layer("w/fq_weights_1/convert").data());
    assertTrue(
        doc.edges.containsAll(
            List.of(
                "w:0->w/convert:0",
                "w/zero_point:0->w/zero_point/convert:0",
                "w/convert:1->w/zero_point/subtract:0",
                "w/zero_point/convert:1->w/zero_point/subtract:1",
                "w/zero_point/subtract:2->w/fq_weights_1:0",
                "w/scale:0->w/fq_weights_1:1",
                "w/fq_weights_1:2->w/fq_weights_1/convert:0",
                "w/fq_weights_1/convert:1->fc:1",
                "x:0->fc:0",
                "fc:2->y:0")),
        doc.edges::toString);
    assertEquals(10, doc.edges.size(), doc.edges::toString);

    Layer l = ModelFiles.open(out).layers().get(0);
    // 16 codes of 8 bits, 2 zero points of 8 and 2 f16 scales: (128 + 16 + 32) / 16
    assertTrue(
        l.storage().startsWith("NNCF int8_asym per-channel, 11 bits per weight"), l.storage());
    // (q − zp) · f16(s), rounded to f16 after each step as the reader documents
    double s0 = 0x1.010p-6;
    double s1 = 0x1.818p-8;
    float[] expected = new float[16];
    for (int i = 0; i < 16; i++) {
      int q = codes[i] & 0xFF;
      expected[i] = (float) IrWriter.Halves.round((q - (i < 8 ? 64 : 136)) * (i < 8 ? s0 : s1));
    }
    assertArrayEquals(expected, OpenVinoReaderTest.values(l.weight()));
  }

  @Test
  void int4SymmetricGroupsOfFourBytesAndGraph() throws Exception {
    Path out = dir.resolve("int4.xml");
    CompressedIrWriter.write(
        source("f16"), Map.of("fc", new NncfForm(NncfForm.Mode.INT4_SYM, 4)), out);
    // s = (|min| ≥ max ? |min| : −max) / 8, q = clip(rne(x / s), −8, 7), per group of 4:
    // [−1, −0.5, 0, 0.25]: s = 0.125, q = −8, −4, 0, 2
    // [0.5, 0.75, 1, 3]: s = −0.375, q = −1 (−1.33), −2, −3 (−2.67), −8
    // [0.1, 0.2, −0.3, 0.4] (f16 0.0999755859375 …): s = −0.05, q = −2, −4, 6, −8
    // [−0.8, 0.6, 0.7, −0.05]: s = 0.1, q = −8, 6, 7, 0 (−0.5 → −0)
    // as i4 nibbles, element 2k low: (−8, −4) → 0xC8, (0, 2) → 0x20, (−1, −2) → 0xEF,
    // (−3, −8) → 0x8D, (−2, −4) → 0xCE, (6, −8) → 0x86, (−8, 6) → 0x68, (7, 0) → 0x07
    byte[] codes = IrWriter.bytes(0xC8, 0x20, 0xEF, 0x8D, 0xCE, 0x86, 0x68, 0x07);
    // f16: 0.125 = 0x3000, −0.375 = 0xB600, −0.05 → 0xAA66, 0.1 → 0x2E66
    byte[] scales = IrWriter.bytes(0x00, 0x30, 0x00, 0xB6, 0x66, 0xAA, 0x66, 0x2E);
    byte[] shape = IrWriter.bytes(2, 0, 0, 0, 0, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0);
    assertArrayEquals(concat(codes, scales, shape), Files.readAllBytes(dir.resolve("int4.bin")));

    IrDocument doc = new IrDocument(out);
    assertEquals(
        Map.of("element_type", "i4", "shape", "2, 2, 4", "offset", "0", "size", "8"),
        doc.layer("w").data());
    assertEquals(
        Map.of("element_type", "f16", "shape", "2, 2, 1", "offset", "8", "size", "8"),
        doc.layer("w/scale").data());
    assertEquals(
        Map.of("element_type", "i64", "shape", "2", "offset", "16", "size", "16"),
        doc.layer("w/fq_weights_1/reshape/shape").data());
    assertEquals("Reshape", doc.layer("w/fq_weights_1/reshape").type());
    assertEquals(Map.of("special_zero", "false"), doc.layer("w/fq_weights_1/reshape").data());
    assertEquals(List.of("2 FP16 [2, 8]"), doc.layer("w/fq_weights_1/reshape").outputs());
    assertFalse(doc.byName.containsKey("w/zero_point"));
    // the source's Convert(f32) stays and now reads the f16 result; no second Convert is added
    assertFalse(doc.byName.containsKey("w/fq_weights_1/convert"));
    assertTrue(
        doc.edges.containsAll(
            List.of(
                "w:0->w/convert:0",
                "w/convert:1->w/fq_weights_1:0",
                "w/scale:0->w/fq_weights_1:1",
                "w/fq_weights_1:2->w/fq_weights_1/reshape:0",
                "w/fq_weights_1/reshape/shape:0->w/fq_weights_1/reshape:1",
                "w/fq_weights_1/reshape:2->w/to_f32:0",
                "w/to_f32:1->fc:1")),
        doc.edges::toString);

    Layer l = ModelFiles.open(out).layers().get(0);
    // 16 codes of 4 bits and 4 f16 scales: (64 + 64) / 16
    assertTrue(l.storage().startsWith("NNCF int4_sym g4, 8 bits per weight"), l.storage());
    int[] q = {-8, -4, 0, 2, -1, -2, -3, -8, -2, -4, 6, -8, -8, 6, 7, 0};
    double[] s = {0.125, -0.375, IrWriter.Halves.round(-0.05), IrWriter.Halves.round(0.1)};
    float[] expected = new float[16];
    for (int i = 0; i < 16; i++) {
      expected[i] = (float) IrWriter.Halves.round(q[i] * s[i / 4]);
    }
    assertArrayEquals(expected, OpenVinoReaderTest.values(l.weight()));
  }

  @Test
  void whatCannotBeCompressedIsRefusedNamingTheLayer() throws Exception {
    Path src = source("f32");
    Path out = dir.resolve("x.xml");
    var odd =
        assertThrows(
            ModelFormatException.class,
            () ->
                CompressedIrWriter.write(
                    src, Map.of("fc", new NncfForm(NncfForm.Mode.INT4_SYM, 3)), out));
    assertTrue(
        odd.getMessage()
            .endsWith(
                "layer 'fc': NNCF int4_sym g3: its reduction axis of 8 weights does not divide"
                    + " into groups of 3"),
        odd.getMessage());
    var missing =
        assertThrows(
            ModelFormatException.class,
            () ->
                CompressedIrWriter.write(
                    src, Map.of("nope", new NncfForm(NncfForm.Mode.INT8_SYM, 0)), out));
    assertTrue(missing.getMessage().endsWith("layer 'nope': the model has no such layer"));
    var self =
        assertThrows(
            ModelFormatException.class,
            () ->
                CompressedIrWriter.write(
                    src, Map.of("fc", new NncfForm(NncfForm.Mode.INT8_SYM, 0)), src));
    assertTrue(self.getMessage().endsWith("the export would replace its own source"));
    assertFalse(Files.exists(out));
    assertArrayEquals(IrWriter.f32(W), Files.readAllBytes(dir.resolve("src-f32.bin")));
  }

  @Test
  void otherConstantsAreCopiedBackToBackAndABodyConstantSharesTheBytesItSharedBefore()
      throws Exception {
    var ir = new IrWriter();
    int x = ir.parameter("x", "f32", 1, 8);
    int w = ir.constant("w", "f32", new long[] {2, 8}, IrWriter.f32(W));
    int fc = ir.op("fc", "MatMul", IrWriter.transposeB(true), new long[] {1, 2}, "f32", x, w);
    int bias = ir.constant("bias", "f32", new long[] {1, 2}, IrWriter.f32(0.5f, -2f));
    int add = ir.op("add", "Add", Map.of(), new long[] {1, 2}, "f32", fc, bias);
    ir.result("y", ir.op("tail", "Relu", Map.of(), new long[] {1, 2}, "f32", add));
    // a subgraph body whose Const reads the bias's bytes (64 … 72 of the source .bin)
    String body =
        "<body><layers><layer id=\"0\" name=\"inner\" type=\"Const\" version=\"opset1\">"
            + "<data element_type=\"f32\" shape=\"2\" offset=\"64\" size=\"8\"/><output><port"
            + " id=\"0\" precision=\"FP32\"><dim>2</dim></port></output></layer></layers>"
            + "<edges/></body>";
    Path src = ir.write(dir.resolve("body.xml"));
    Files.writeString(
        src,
        Files.readString(src)
            .replace(
                "type=\"Relu\" version=\"opset1\">", "type=\"Relu\" version=\"opset1\">" + body));
    Path out = dir.resolve("body-int8.xml");
    CompressedIrWriter.write(src, Map.of("fc", new NncfForm(NncfForm.Mode.INT8_SYM, 0)), out);

    byte[] written = Files.readAllBytes(dir.resolve("body-int8.bin"));
    // i8 codes 16 bytes at 0, f16 scales 4 at 16, the bias copied to 20, nothing after it
    assertEquals(28, written.length);
    assertArrayEquals(IrWriter.f32(0.5f, -2f), Arrays.copyOfRange(written, 20, 28));
    IrDocument doc = new IrDocument(out);
    assertEquals(
        Map.of("element_type", "f32", "shape", "1,2", "offset", "20", "size", "8"),
        doc.layer("bias").data());
    assertEquals("i8", doc.layer("w").data().get("element_type"));
    assertFalse(doc.byName.containsKey("w/zero_point"));
    String text = Files.readString(out);
    assertTrue(
        text.contains("<data element_type=\"f32\" shape=\"2\" offset=\"20\" size=\"8\">"), text);
    // row 0: s = (|−1| ≥ 3 ? 1 : −3) / 128 = −0.0234375, q = rne(x / s): −1 → 42.67 → 43, …
    var model = ModelFiles.open(out);
    assertEquals(1, model.layers().size());
    assertTrue(model.layers().get(0).storage().startsWith("NNCF int8_sym per-channel"));
    assertEquals(43, written[0]);
    assertEquals(-128, written[7]);
  }

  @Test
  void aSharedOrAlreadyCompressedWeightIsRefused() throws Exception {
    var ir = new IrWriter();
    int x = ir.parameter("x", "f32", 1, 8);
    int w = ir.constant("tied", "f32", new long[] {2, 8}, IrWriter.f32(W));
    int a = ir.op("a", "MatMul", IrWriter.transposeB(true), new long[] {1, 2}, "f32", x, w);
    int b = ir.op("b", "MatMul", IrWriter.transposeB(true), new long[] {1, 2}, "f32", x, w);
    ir.result("ya", a);
    ir.result("yb", b);
    Path tied = ir.write(dir.resolve("tied.xml"));
    var shared =
        assertThrows(
            ModelFormatException.class,
            () ->
                CompressedIrWriter.write(
                    tied,
                    Map.of("a", new NncfForm(NncfForm.Mode.INT8_ASYM, 0)),
                    dir.resolve("o.xml")));
    assertTrue(
        shared
            .getMessage()
            .endsWith(
                "layer 'a': its weight Const 'tied' (Const, id 1) is also read by other"
                    + " operations; a shared weight is not compressed"),
        shared.getMessage());

    Path nncf = IrWriter.int8AsymPerChannel(dir.resolve("nncf.xml"), "w", "fc");
    var twice =
        assertThrows(
            ModelFormatException.class,
            () ->
                CompressedIrWriter.write(
                    nncf,
                    Map.of("fc", new NncfForm(NncfForm.Mode.INT4_SYM, 0)),
                    dir.resolve("o.xml")));
    assertTrue(
        twice
            .getMessage()
            .contains(
                "layer 'fc': only an f32, f16 or bf16 Const read directly or through one Convert"
                    + " can be compressed; its weight is NNCF int8_asym per-channel"),
        twice.getMessage());
    assertFalse(Files.exists(dir.resolve("o.xml")));
    assertFalse(Files.exists(dir.resolve("o.bin")));
  }
}
