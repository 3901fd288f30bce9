package io.quantlens.report;

import static io.quantlens.formats.onnx.OnnxTestModel.FLOAT16;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quantlens.analysis.PrecisionPlan;
import io.quantlens.cost.CostAssumptions;
import io.quantlens.cost.CostComparison;
import io.quantlens.cost.HardwareProfiles;
import io.quantlens.cost.Workload;
import io.quantlens.formats.onnx.OnnxTestModel;
import io.quantlens.quant.ActivationScheme;
import io.quantlens.quant.Scheme;
import io.quantlens.session.Session;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cost CSV holds each layer as stored, under the plan and at FP32, with both savings. */
class CostCsvTest {
  @TempDir Path dir;

  @Test
  void anFp16LayerAtFp16SavesNothingAgainstItsFileAndHalfAgainstFp32() throws Exception {
    // x [N, 4] · W [4, 3], W stored as FP16: 12 weights · 2 B = 24 B as stored, 48 B at FP32.
    Path model =
        new OnnxTestModel()
            .input("x", FLOAT16, "N", 4)
            .initializer(OnnxTestModel.shorts("w", FLOAT16, new long[] {4, 3}, new int[12]))
            .node("MatMul", "mm", List.of("x", "w"), List.of("y"))
            .output("y", FLOAT16, "N", 3)
            .write(dir.resolve("fp16.onnx"));
    Session session = Session.open(model);
    CostComparison cost =
        session.cost(
            Workload.defaults(),
            // FP16 weights and activations: what the FP16 file computes
            PrecisionPlan.uniform(Scheme.parse("fp16"))
                .withActivations(ActivationScheme.parse("fp16")),
            HardwareProfiles.builtIn().byId("nvidia-a100-sxm-80gb").orElseThrow(),
            CostAssumptions.defaults());
    Path csv = dir.resolve("cost.csv");

    CostCsv.write(cost, csv);

    List<CSVRecord> rows;
    try (Reader in = Files.newBufferedReader(csv)) {
      rows =
          CSVFormat.DEFAULT
              .builder()
              .setHeader()
              .setSkipHeaderRecord(true)
              .get()
              .parse(in)
              .getRecords();
    }
    assertEquals(CostCsv.COLUMNS, rows.get(0).getParser().getHeaderNames());
    CSVRecord mm = rows.get(0);
    assertEquals("mm", mm.get("layer"));
    assertEquals("fp16 · A fp16", mm.get("scheme"));
    assertEquals("stored float16", mm.get("stored_scheme"));
    assertEquals("fp16", mm.get("stored_precision_used"));
    assertEquals(24, Double.parseDouble(mm.get("stored_weight_bytes")));
    assertEquals(24, Double.parseDouble(mm.get("weight_bytes")));
    assertEquals(48, Double.parseDouble(mm.get("fp32_weight_bytes")));
    assertEquals(0, Double.parseDouble(mm.get("weight_saving_vs_stored_pct")));
    assertEquals(50, Double.parseDouble(mm.get("weight_saving_vs_fp32_pct")), 1e-12);
    // same weights and arithmetic as the file: same time and energy, nothing saved
    assertEquals(mm.get("stored_time_s"), mm.get("time_s"));
    assertEquals("0.0", mm.get("time_saving_vs_stored_pct"));
    assertEquals(mm.get("stored_energy_j"), mm.get("energy_j"));
    assertEquals("0.0", mm.get("energy_saving_vs_stored_pct"));
  }
}
