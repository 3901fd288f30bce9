package io.quantlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.eval.EvalModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CostCommandTest {
  @TempDir Path dir;

  @Test
  void printsLayersTotalsAndSourcesAndWritesCsv() throws Exception {
    Path model = EvalModels.classifier(dir);
    Path csv = dir.resolve("cost.csv");
    Cli.Result r =
        Cli.run(
            "cost",
            model,
            "--scheme",
            "int4:g8:sym",
            "--activations",
            "int4:token:sym",
            "--hardware",
            "nvidia-h100-sxm",
            "--batch",
            "4",
            "--explain",
            "--csv",
            csv);
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().contains("Workload   batch 4"), r.out());
    assertTrue(r.out().contains("no INT4 units"), r.out());
    assertTrue(r.out().contains("model size"), r.out());
    // an FP32 file: the as-stored reference and the FP32 column hold the same size
    assertTrue(r.out().matches("(?s).*as stored +plan +saving +FP32 +vs FP32.*"), r.out());
    assertTrue(
        r.out().matches("(?s).*model size +(\\S+ \\S+) +\\S+ \\S+ +\\S+ % +\\1 +.*"), r.out());
    assertTrue(r.out().contains("energy per inference = "), r.out());
    List<String> lines = Files.readAllLines(csv);
    assertEquals(String.join(",", io.quantlens.report.CostCsv.COLUMNS), lines.get(0));
    assertEquals(4, lines.size()); // fc1, fc2, other operations
    // fc1: x [4, 8] · W [8, 16] = 512 MACs
    assertTrue(
        lines
            .get(1)
            .startsWith(
                "fc1,MatMul,int4:g8:sym · A int4:token:sym:dynamic,stored float32,int8,fp32,false,512,"),
        lines.get(1));
  }

  @Test
  void unknownHardwareOrDimensionIsAUsageError() throws Exception {
    Path model = EvalModels.classifier(dir);
    Cli.Result r = Cli.run("cost", model, "--hardware", "abacus");
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("no hardware profile 'abacus'"), r.err());
    r = Cli.run("cost", model, "--dim", "sequence=64");
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("unknown dimension"), r.err());
  }
}
