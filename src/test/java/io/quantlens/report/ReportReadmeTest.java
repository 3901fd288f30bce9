package io.quantlens.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.cost.CostAssumptions;
import io.quantlens.cost.Workload;
import io.quantlens.text.Language;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** README.txt reads in the language the report was written in, numbers included. */
class ReportReadmeTest {
  private static final ReportSummary SUMMARY =
      new ReportSummary(
          "1.0",
          Instant.parse("2026-12-04T04:00:00Z"),
          new ModelIdentity("m.onnx", "ab12"),
          "/models/m.onnx",
          "ONNX (IR version 8)",
          4,
          1_234_567,
          PrecisionPlan.fp32(),
          "fp32",
          "cpu",
          "A CPU",
          Workload.defaults(),
          CostAssumptions.defaults(),
          null,
          List.of(new ReportSummary.ReportFile("plan.json", "the plan")));

  @Test
  void englishLinesUpItsLabelsAndGroupsThousandsWithCommas() {
    List<String> lines =
        ReportReadme.text(SUMMARY, "fp32", Language.ENGLISH.messages()).lines().toList();
    assertEquals("QuantLens report", lines.get(0));
    assertEquals("================", lines.get(1));
    assertEquals("Written      2026-12-04T04:00:00Z by QuantLens 1.0", lines.get(3));
    assertEquals("SHA-256      ab12", lines.get(5));
    assertEquals("Layers       4 holding 1,234,567 parameters", lines.get(7));
    assertEquals("Plan         fp32; plan.json lists every layer's scheme", lines.get(8));
    assertEquals("Accuracy     not measured", lines.get(12));
    assertEquals("Files", lines.get(14));
    assertEquals("-----", lines.get(15));
  }

  @Test
  void vietnameseWritesVietnameseLabelsAndDotsBetweenThousands() {
    String text = ReportReadme.text(SUMMARY, "fp32", Language.VIETNAMESE.messages());
    List<String> lines = text.lines().toList();
    assertEquals("Báo cáo QuantLens", lines.get(0));
    assertEquals("=================", lines.get(1));
    assertEquals("Số lớp       4 lớp, tổng cộng 1.234.567 tham số", lines.get(7));
    assertEquals("Kế hoạch     fp32; plan.json ghi sơ đồ của từng lớp", lines.get(8));
    assertTrue(text.contains(" PUE 1,58, lưới điện 0,4"), text);
  }
}
