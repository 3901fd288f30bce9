package io.quantlens.formats.openvino;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.formats.ModelFiles;
import io.quantlens.model.ModelFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed and hostile IRs: each is refused with one line that names the file and the problem. */
class OpenVinoBadFilesTest {
  @TempDir Path dir;

  private ModelFormatException refused(Path xml, String expected) {
    var e = assertThrows(ModelFormatException.class, () -> ModelFiles.open(xml));
    assertTrue(e.getMessage().startsWith(xml.toString() + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    return e;
  }

  /** x → MatMul(x, weight) where the weight Const has the given data attributes. */
  private Path withConstant(String name, Map<String, String> data, long[] dims, byte[] bin)
      throws Exception {
    var w = new IrWriter();
    int x = w.parameter("x", "f32", 1, 2);
    int c = w.rawConstant("w", data, dims);
    w.result("out", w.op("fc", "MatMul", Map.of(), new long[] {1, 2}, "f32", x, c));
    Path xml = w.write(dir.resolve(name));
    Files.write(OpenVinoReader.weightsFile(xml), bin);
    return xml;
  }

  private static Map<String, String> data(String type, String shape, long offset, long size) {
    return Map.of(
        "element_type",
        type,
        "shape",
        shape,
        "offset",
        Long.toString(offset),
        "size",
        Long.toString(size));
  }

  @Test
  void malformedXml() throws Exception {
    Path xml =
        Files.writeString(
            dir.resolve("bad.xml"), "<net version=\"11\"><layers><layer id=\"0\"></net>");
    refused(xml, "is not well-formed XML (line 1");
  }

  @Test
  void textThatIsNotUtf8() throws Exception {
    Path xml =
        Files.write(
            dir.resolve("latin.xml"),
            "<net name=\"caf\u00e9\"><layers/></net>"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    refused(xml, "is not valid UTF-8 text");
    Path bom =
        Files.write(
            dir.resolve("bom.xml"),
            ("\uFEFF<net version=\"10\"><layers/><edges/></net>")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(10, ModelFiles.open(bom).metadata().formatVersion());
  }

  @Test
  void otherXmlIsNoIr() throws Exception {
    Path xml = Files.writeString(dir.resolve("pom.xml"), "<?xml version=\"1.0\"?><project/>");
    refused(xml, "is not an OpenVINO IR: its root element is <project>, not <net>");
  }

  @Test
  void doctypeAndEntitiesAreRefused() throws Exception {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "do not read");
    Path xxe =
        Files.writeString(
            dir.resolve("xxe.xml"),
            "<?xml version=\"1.0\"?><!DOCTYPE net [<!ENTITY s SYSTEM \""
                + secret.toUri()
                + "\">]><net name=\"&s;\" version=\"11\"><layers/><edges/></net>");
    var e = refused(xxe, "declares a DOCTYPE");
    assertFalse(e.getMessage().contains("do not read"));
    Path laughs =
        Files.writeString(
            dir.resolve("laughs.xml"),
            "<?xml version=\"1.0\"?><!DOCTYPE net [<!ENTITY a \"aaaaaaaaaa\">"
                + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
                + "<net name=\"&c;\"><layers/><edges/></net>");
    refused(laughs, "declares a DOCTYPE");
  }

  @Test
  void missingBin() throws Exception {
    var w = new IrWriter();
    int x = w.parameter("x", "f32", 1, 2);
    int c = w.constant("w", "f32", new long[] {2, 2}, IrWriter.f32(1, 2, 3, 4));
    w.result("out", w.op("fc", "MatMul", Map.of(), new long[] {1, 2}, "f32", x, c));
    Path xml = w.write(dir.resolve("model.xml"));
    Files.delete(dir.resolve("model.bin"));
    refused(xml, "has no weights file model.bin beside it");
  }

  @Test
  void constantPastTheEndOfTheBin() throws Exception {
    refused(
        withConstant("past.xml", data("f32", "2,2", 8, 16), new long[] {2, 2}, new byte[16]),
        "past the end of past.bin (16 bytes)");
  }

  @Test
  void sizeThatDoesNotMatchTheShape() throws Exception {
    refused(
        withConstant("size.xml", data("f32", "2,2", 0, 12), new long[] {2, 2}, new byte[16]),
        "has size 12 bytes, but shape [2, 2] of f32 needs 16");
    refused(withConstant("nib.xml", data("u4", "3", 0, 1), new long[] {3}, new byte[2]), "needs 2");
  }

  @Test
  void absurdShapes() throws Exception {
    refused(
        withConstant(
            "huge.xml",
            data("f32", "9223372036854775807,2", 0, 16),
            new long[] {2, 2},
            new byte[16]),
        "overflows 64 bits");
    refused(
        withConstant("neg.xml", data("f32", "2,-2", 0, 16), new long[] {2, 2}, new byte[16]),
        "expected non-negative whole numbers");
    refused(
        withConstant("off.xml", data("f32", "2,2", -1, 16), new long[] {2, 2}, new byte[16]),
        "offset '-1'");
  }

  @Test
  void unknownAndUnreadElementTypes() throws Exception {
    refused(
        withConstant("q9.xml", data("q9", "2,2", 0, 16), new long[] {2, 2}, new byte[16]),
        "Const layer 'w' (Const, id 1) has unknown element_type 'q9'");
    refused(
        withConstant("u3.xml", data("u3", "2,2", 0, 2), new long[] {2, 2}, new byte[2]),
        "layer 'fc' (MatMul, id 2): its weight Const 'w' (Const, id 1) has element type u3, which QuantLens does not read (unsupported element type");
  }

  @Test
  void cyclesInTheDecompressionWalk() throws Exception {
    var w = new IrWriter();
    int x = w.parameter("x", "f32", 1, 2);
    // Convert 1 reads Convert 2, which reads Convert 1: the writer takes ids in order, so the
    // second input is named before it exists.
    int a = w.op("a", "Convert", Map.of("destination_type", "f32"), new long[] {2, 2}, "f32", 2);
    w.op("b", "Convert", Map.of("destination_type", "f32"), new long[] {2, 2}, "f32", a);
    w.result("out", w.op("fc", "MatMul", Map.of(), new long[] {1, 2}, "f32", x, a));
    refused(w.write(dir.resolve("cycle.xml")), "the graph has a cycle through layer");
  }

  @Test
  void danglingEdgesAndUnfedInputs() throws Exception {
    String layers =
        "<layers><layer id=\"0\" name=\"x\" type=\"Parameter\"><output><port id=\"0\"/></output></layer>"
            + "<layer id=\"1\" name=\"fc\" type=\"MatMul\"><input><port id=\"0\"/><port id=\"1\"/></input>"
            + "<output><port id=\"2\"/></output></layer></layers>";
    Path dangling =
        Files.writeString(
            dir.resolve("dangling.xml"),
            "<net version=\"11\">"
                + layers
                + "<edges><edge from-layer=\"7\" from-port=\"0\" to-layer=\"1\" to-port=\"1\"/></edges></net>");
    refused(dangling, "dangling edge 7:0 → 1:1: there is no layer with id 7");
    Path badPort =
        Files.writeString(
            dir.resolve("port.xml"),
            "<net version=\"11\">"
                + layers
                + "<edges><edge from-layer=\"0\" from-port=\"0\" to-layer=\"1\" to-port=\"5\"/></edges></net>");
    refused(badPort, "has no input port 5");
    Path unfed =
        Files.writeString(
            dir.resolve("unfed.xml"),
            "<net version=\"11\">"
                + layers
                + "<edges><edge from-layer=\"0\" from-port=\"0\" to-layer=\"1\" to-port=\"0\"/></edges></net>");
    refused(unfed, "input port 1 of layer 'fc' (MatMul, id 1) has no edge feeding it");
  }

  @Test
  void scaleThatDoesNotBroadcast() throws Exception {
    var w = new IrWriter();
    int x = w.parameter("x", "f32", 1, 4);
    int q = w.constant("w", "i8", new long[] {2, 4}, new byte[8]);
    int qf = w.convert("w/convert", "f16", q);
    int s = w.constant("w/scale", "f16", new long[] {3, 1}, IrWriter.f16(1, 2, 3));
    int mul = w.op("w/mul", "Multiply", Map.of(), new long[] {2, 4}, "f16", qf, s);
    w.result("out", w.op("fc", "MatMul", Map.of(), new long[] {1, 2}, "f32", x, mul));
    refused(
        w.write(dir.resolve("bcast.xml")),
        "of shape [3, 1] does not broadcast to the weight's [2, 4]");
  }

  @Test
  void arithmeticOnMixedTypes() throws Exception {
    var w = new IrWriter();
    int x = w.parameter("x", "f32", 1, 4);
    int q = w.constant("w", "i8", new long[] {2, 4}, new byte[8]);
    int qf = w.convert("w/convert", "f16", q);
    int s = w.constant("w/scale", "f32", new long[] {2, 1}, IrWriter.f32(1, 2));
    int mul = w.op("w/mul", "Multiply", Map.of(), new long[] {2, 4}, "f16", qf, s);
    w.result("out", w.op("fc", "MatMul", Map.of(), new long[] {1, 2}, "f32", x, mul));
    refused(w.write(dir.resolve("mixed.xml")), "combines f16 with f32");
  }

  @Test
  void reshapeThatLosesElements() throws Exception {
    var w = new IrWriter();
    int x = w.parameter("x", "f32", 1, 4);
    int q = w.constant("w", "i8", new long[] {2, 4}, new byte[8]);
    int qf = w.convert("w/convert", "f16", q);
    int s = w.constant("w/scale", "f16", new long[] {2, 1}, IrWriter.f16(1, 2));
    int mul = w.op("w/mul", "Multiply", Map.of(), new long[] {2, 4}, "f16", qf, s);
    int shape = w.constant("w/shape", "i64", new long[] {1}, new byte[8]);
    int rs = w.op("w/reshape", "Reshape", Map.of(), new long[] {3, 3}, "f16", mul, shape);
    w.result("out", w.op("fc", "MatMul", Map.of(), new long[] {1, 2}, "f32", x, rs));
    refused(w.write(dir.resolve("reshape.xml")), "reshapes 8 elements to [3, 3]");
  }

  @Test
  void unreadArrangementsAreNotedNotGuessed() throws Exception {
    var w = new IrWriter();
    int x = w.parameter("x", "f32", 1, 4);
    int q = w.constant("w", "i8", new long[] {2, 4}, new byte[8]);
    int qf = w.convert("w/convert", "f16", q);
    int s = w.constant("w/scale", "f16", new long[] {2, 1}, IrWriter.f16(1, 2));
    int mul = w.op("w/mul", "Multiply", Map.of(), new long[] {2, 4}, "f16", qf, s);
    int zp = w.constant("w/zp", "f16", new long[] {2, 1}, IrWriter.f16(1, 2));
    int sub = w.op("w/sub", "Subtract", Map.of(), new long[] {2, 4}, "f16", mul, zp);
    w.result("out", w.op("fc", "MatMul", Map.of(), new long[] {1, 2}, "f32", x, sub));
    var m = ModelFiles.open(w.write(dir.resolve("order.xml")));
    assertEquals(0, m.layers().size());
    assertEquals(
        "layer 'fc' (MatMul, id 7) is not read as a weight layer: its weight is computed by"
            + " Const(i8) → Convert → Multiply → Subtract, an arrangement QuantLens does not read",
        m.metadata().notes().get(0));
  }

  @Test
  void aZeroPointThatIsAnActivationIsNotedNotRefused() throws Exception {
    var w = new IrWriter();
    int x = w.parameter("x", "f32", 1, 4);
    int y = w.parameter("y", "f16", 2, 4);
    int q = w.constant("w", "u8", new long[] {2, 4}, new byte[8]);
    int qf = w.convert("w/convert", "f16", q);
    int sub = w.op("w/sub", "Subtract", Map.of(), new long[] {2, 4}, "f16", qf, y);
    w.result("out", w.op("fc", "MatMul", Map.of(), new long[] {1, 2}, "f32", x, sub));
    var m = ModelFiles.open(w.write(dir.resolve("act.xml")));
    assertEquals(0, m.layers().size());
    assertEquals(
        "layer 'fc' (MatMul, id 5) is not read as a weight layer: its weight has a zero point that"
            + " is no constant",
        m.metadata().notes().get(0));
  }

  @Test
  void aVeryLongChainIsNotFollowed() throws Exception {
    var w = new IrWriter();
    int x = w.parameter("x", "f32", 1, 2);
    int at = w.constant("w", "f32", new long[] {2, 2}, IrWriter.f32(1, 2, 3, 4));
    for (int i = 0; i < 65; i++) {
      at = w.convert("c" + i, "f32", at);
    }
    w.result("out", w.op("fc", "MatMul", Map.of(), new long[] {1, 2}, "f32", x, at));
    var m = ModelFiles.open(w.write(dir.resolve("long.xml")));
    assertEquals(0, m.layers().size());
    assertTrue(
        m.metadata().notes().get(0).contains("more than 64 Convert, Subtract"),
        m.metadata().notes().toString());
  }

  @Test
  void deeplyNestedXmlDoesNotOverflowTheStack() throws Exception {
    String open = "<a>".repeat(200_000);
    String close = "</a>".repeat(200_000);
    Path xml =
        Files.writeString(
            dir.resolve("deep.xml"),
            "<net version=\"11\"><layers/>" + open + close + "<edges/></net>");
    assertEquals(0, ModelFiles.open(xml).layers().size());
  }
}
