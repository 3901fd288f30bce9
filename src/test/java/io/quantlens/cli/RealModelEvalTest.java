package io.quantlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * `eval` on real models from registry packages whose weights are not plain initializers: the PP-OCR
 * direction classifier keeps them in Constant nodes, Silero VAD's LSTM reads them through Slice →
 * Concat inside an If.
 */
class RealModelEvalTest {
  private static final Path MODELS = Path.of("src/test/resources/real-models");

  @Test
  void theOcrClassifierRunsWithDefaultsAtTheImageSideForUnnamedAxes() throws Exception {
    Cli.Result r = Cli.run("eval", MODELS.resolve("ch_ppocr_mobile_v2.0_cls_infer.onnx"));
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().contains("Inputs     x [64, 3, 224, 224]"), r.out());
    assertTrue(r.out().contains("for all 54 layers"), r.out());
    double sqnr = sqnr(r.out());
    assertTrue(sqnr > 20 && sqnr < 80, r.out());
    Cli.Result fp16 =
        Cli.run("eval", MODELS.resolve("ch_ppocr_mobile_v2.0_cls_infer.onnx"), "--scheme", "fp16");
    assertTrue(sqnr(fp16.out()) > sqnr + 10, fp16.out());
  }

  @Test
  void sileroRunsWithItsLstmChangedThroughSliceAndConcat() throws Exception {
    Path silero = MODELS.resolve("silero_vad_16k_op15.onnx");
    Cli.Result r = Cli.run("eval", silero, "--batch", "1", "--dim", "sequence=512");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().contains("for all 8 layers"), r.out());
    double int8 = sqnr(r.out());
    Cli.Result int4 =
        Cli.run("eval", silero, "--batch", "1", "--dim", "sequence=512", "--scheme", "int4");
    assertTrue(int8 > sqnr(int4.out()) + 6, r.out() + int4.out());
  }

  @Test
  void sileroCostSaysWhichSizeToSetWhenTheDefaultIsTooShort() throws Exception {
    Path silero = MODELS.resolve("silero_vad_16k_op15.onnx");
    Cli.Result r = Cli.run("cost", silero);
    assertEquals(3, r.exitCode(), r.toString());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(
        r.err().strip().endsWith("try other sizes with --dim NAME=VALUE for batch, sequence"),
        r.err());
    assertEquals(0, Cli.run("cost", silero, "--dim", "sequence=512").exitCode());
  }

  private static double sqnr(String out) {
    Matcher m = Pattern.compile("output SQNR\\s+(-?[0-9.]+) dB").matcher(out);
    assertTrue(m.find(), out);
    return Double.parseDouble(m.group(1));
  }
}
