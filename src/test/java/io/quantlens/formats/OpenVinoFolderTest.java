package io.quantlens.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantlens.formats.openvino.IrWriter;
import io.quantlens.model.Model;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder holding an OpenVINO IR opens it: optimum-intel's openvino_model.xml first. */
class OpenVinoFolderTest {
  @TempDir Path dir;

  @Test
  void theOnlyIrWithItsBinIsTheModel() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("one"));
    ir(folder.resolve("net.xml"));
    Files.writeString(folder.resolve("notes.xml"), "<notes/>"); // no .bin beside it: not a model
    Model m = ModelFiles.open(folder);
    assertEquals(folder.resolve("net.xml"), m.source());
    assertEquals(1, m.layers().size());
  }

  @Test
  void openvinoModelXmlWinsOverTheTokenizerIrs() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("optimum"));
    ir(folder.resolve("openvino_model.xml"));
    ir(folder.resolve("openvino_tokenizer.xml"));
    ir(folder.resolve("openvino_detokenizer.xml"));
    assertEquals(folder.resolve("openvino_model.xml"), ModelFiles.open(folder).source());
  }

  /** A one-MatMul FP32 IR. */
  private static void ir(Path xml) throws Exception {
    var w = new IrWriter();
    int x = w.parameter("x", "f32", 1, 2);
    int weight = w.constant("fc.weight", "f32", new long[] {2, 2}, IrWriter.f32(1, 2, 3, 4));
    w.result(
        "out",
        w.op("fc", "MatMul", IrWriter.transposeB(true), new long[] {1, 2}, "f32", x, weight));
    w.write(xml);
  }
}
