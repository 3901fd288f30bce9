package io.quantlens.ui.app;

import static io.quantlens.ui.app.WorkbenchFixture.fx;
import static io.quantlens.ui.app.WorkbenchFixture.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.charts.ChartStyle;
import io.quantlens.eval.EvalResult;
import io.quantlens.model.Model;
import io.quantlens.quant.Scheme;
import io.quantlens.report.ModelIdentity;
import io.quantlens.report.PlanJson;
import io.quantlens.ui.export.ChartPane;
import java.awt.image.BufferedImage;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15, item 9: report folders a paper can take as they are. */
class PaperExportsTest extends WorkbenchTest {
  private static final Scheme INT8 = Scheme.parse("int8:channel:sym");

  @TempDir Path temp;

  @Test
  void aReportWrittenInTheDarkThemeIsLightNamedByLayerAndSaysWhatItIsOf() throws Exception {
    fixture.open(WorkbenchFixture.MNIST);
    Workbench app = fixture.app;
    fx(() -> app.appearance().dark().set(true));
    fx(() -> app.plans().setScheme(List.of("conv2", "fc1"), INT8));
    fx(() -> app.workspace().select("conv2"));
    fixture.waitForIdle();
    Path folder = temp.resolve("report");
    onFx(() -> app.exports().writeReportFolder(folder));
    fixture.waitForIdle();

    ChartPane weights = onFx(() -> app.detailView().weightsChart());
    assertEquals(
        ChartStyle.DARK.background(),
        onFx(() -> weights.chart().get().chart().getBackgroundPaint()),
        "the window keeps its dark chart");
    BufferedImage png =
        ImageIO.read(folder.resolve("mnist-cnn-conv2-weight-histogram.png").toFile());
    assertEquals(ChartStyle.LIGHT.background().getRGB(), png.getRGB(1, 1), "top-left pixel");
    assertEquals(
        ChartStyle.LIGHT.background().getRGB(),
        png.getRGB(png.getWidth() - 2, png.getHeight() - 2),
        "bottom-right pixel");
    assertNotEquals(ChartStyle.DARK.background().getRGB(), png.getRGB(1, 1));
    String svg = Files.readString(folder.resolve("mnist-cnn-conv2-weight-histogram.svg"));
    assertTrue(svg.contains("mnist-cnn.onnx \u00b7 conv2"), "the caption names model and layer");
    assertTrue(
        Files.readString(folder.resolve("mnist-cnn-sqnr-per-layer.svg"))
            .contains("mnist-cnn.onnx"));
    fixture.screenshot("15-09-dark-window-of-the-light-export");
    Files.createDirectories(WorkbenchFixture.SCREENSHOTS);
    for (String chart : List.of("conv2-weight-histogram", "conv2-group-strip", "sqnr-per-layer")) {
      Files.copy(
          folder.resolve("mnist-cnn-" + chart + ".png"),
          WorkbenchFixture.SCREENSHOTS.resolve("15-09-exported-" + chart + ".png"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    Model model = onFx(() -> app.workspace().opened().get().session().model());
    PrecisionPlan plan = onFx(() -> app.plans().plan().get());
    String sha256 =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(WorkbenchFixture.MNIST)));
    JsonNode summary = new ObjectMapper().readTree(folder.resolve("summary.json").toFile());
    assertEquals("mnist-cnn.onnx", summary.at("/model/name").asText());
    assertEquals(sha256, summary.at("/model/sha256").asText());
    assertEquals(WorkbenchFixture.MNIST.toString(), summary.at("/model/source").asText());
    assertEquals(4, summary.at("/model/layers").asInt());
    assertEquals(model.layerParameterCount(), summary.at("/model/parameters").asLong());
    assertEquals("mixed: 2 fp32, 2 int8:channel:sym", summary.at("/plan_text").asText());
    assertEquals("fp32", summary.at("/plan/default").asText());
    assertEquals("int8:channel:sym", summary.at("/plan/layers/conv2").asText());
    assertEquals("int8:channel:sym", summary.at("/plan/layers/fc1").asText());
    assertEquals(
        onFx(() -> app.costs().hardware().get().id()), summary.at("/hardware/id").asText());
    assertEquals(0.6, summary.at("/assumptions/compute_efficiency").asDouble());
    assertEquals(pomVersion(), summary.at("/quantlens_version").asText());
    assertTrue(summary.at("/created").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"));

    assertEquals(
        new ModelIdentity("mnist-cnn.onnx", sha256),
        PlanJson.model(folder.resolve("plan.json")).orElseThrow());
    assertEquals(plan, PlanJson.read(folder.resolve("plan.json"), model));

    EvalResult measured = onFx(() -> app.accuracy().result().get());
    assertEquals(plan, measured.plan());
    Map<String, CSVRecord> rows = new HashMap<>();
    csv(folder.resolve("accuracy.csv")).forEach(r -> rows.put(r.get("metric"), r));
    assertEquals(measured.referenceAccuracy(), value(rows, "reference_accuracy"));
    assertEquals(measured.quantizedAccuracy(), value(rows, "plan_accuracy"));
    assertEquals(measured.accuracyDropPoints(), value(rows, "accuracy_drop"));
    assertEquals(measured.top1Agreement(), value(rows, "top1_agreement"));
    assertEquals(measured.meanKlDivergence(), value(rows, "mean_kl"));
    assertEquals(measured.outputSqnrDb(), value(rows, "output_sqnr"));
    assertEquals(measured.meanCosine(), value(rows, "mean_cosine"));
    assertEquals(measured.flipped().size(), value(rows, "flipped_samples"));
    assertEquals("mixed: 2 fp32, 2 int8:channel:sym", rows.get("mean_cosine").get("plan"));
    assertEquals(Integer.toString(measured.samples()), rows.get("mean_cosine").get("samples"));
    assertEquals(measured.samples(), csv(folder.resolve("accuracy-samples.csv")).size());
    assertEquals(
        measured.outputSqnrDb(), summary.at("/accuracy/output_sqnr").asDouble(), "the JSON too");

    String readme = Files.readString(folder.resolve("README.txt"));
    assertTrue(readme.contains("SHA-256      " + sha256), readme);
    assertTrue(readme.contains("mnist-cnn-conv2-weight-histogram.png"), readme);

    fx(() -> app.workspace().select("fc1"));
    fixture.waitForIdle();
    onFx(() -> app.exports().writeReportFolder(folder));
    fixture.waitForIdle();
    assertTrue(Files.exists(folder.resolve("mnist-cnn-fc1-weight-histogram.png")));
    assertTrue(
        Files.exists(folder.resolve("mnist-cnn-conv2-weight-histogram.png")),
        "another layer's figure is not overwritten");
    assertEquals("mnist-cnn-fc1-weight-histogram.png", onFx(() -> weights.fileName("png")));
  }

  private static double value(Map<String, CSVRecord> rows, String metric) {
    assertTrue(rows.containsKey(metric), metric + " in " + rows.keySet());
    return Double.parseDouble(rows.get(metric).get("value"));
  }

  /** The version the pom gives this build, read from the pom itself. */
  static String pomVersion() throws Exception {
    String pom = Files.readString(Path.of(System.getProperty("basedir", "."), "pom.xml"));
    Matcher m =
        Pattern.compile("<artifactId>quantlens</artifactId>\\s*<version>([^<]+)</version>")
            .matcher(pom);
    assertTrue(m.find(), "the pom's version");
    return m.group(1);
  }

  private static List<CSVRecord> csv(Path file) throws Exception {
    try (Reader reader = Files.newBufferedReader(file)) {
      return CSVFormat.DEFAULT
          .builder()
          .setHeader()
          .setSkipHeaderRecord(true)
          .get()
          .parse(reader)
          .getRecords();
    }
  }
}
