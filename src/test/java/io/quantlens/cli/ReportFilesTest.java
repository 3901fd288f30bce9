package io.quantlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.DosFileAttributes;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Report files of a small model: histogram bins, and replacing files that already exist. */
class ReportFilesTest {
  private static final long PARAMS = SmallModels.ROWS * SmallModels.COLUMNS;

  @TempDir Path dir;

  @Test
  void binsSetsTheLengthOfEveryHistogram() throws Exception {
    Path model = SmallModels.matMul(dir.resolve("small.onnx"));
    Path json = dir.resolve("small.json");
    Cli.Result r =
        Cli.run("analyze", model, "--bins", 17, "--schemes", "int8,fp8e4m3", "--json", json);
    assertEquals(0, r.exitCode(), r::toString);
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertEquals(17, root.get("bins").asInt());
    JsonNode layer = root.get("layers").get(0);
    assertEquals(PARAMS, layer.get("params").asLong());
    AnalyzeCommandTest.checkHistogram(layer.get("weights").get("histogram"), 17, PARAMS, "weights");
    assertEquals(2, layer.get("results").size());
    for (JsonNode result : layer.get("results")) {
      AnalyzeCommandTest.checkHistogram(
          result.get("error_histogram"), 17, PARAMS, result.get("scheme").asText());
    }
  }

  @Test
  void csvReplacesAnExistingFile() throws Exception {
    Path csv = Files.writeString(dir.resolve("report.csv"), "old content\n".repeat(1000));
    Path model = SmallModels.matMul(dir.resolve("small.onnx"));
    Cli.Result r = Cli.run("analyze", model, "--csv", csv);
    assertEquals(0, r.exitCode(), r::toString);
    List<String> lines = Files.readAllLines(csv);
    assertEquals(AnalyzeCommandTest.HEADER, lines.get(0));
    assertEquals(1 + 7, lines.size(), lines::toString);
    assertFalse(Files.readString(csv).contains("old content"));
    assertEquals(List.of("report.csv", "small.onnx"), fileNames());
  }

  @Test
  void jsonReplacesAnExistingFile() throws Exception {
    Path json = Files.writeString(dir.resolve("report.json"), "{\"old\": true}");
    Path model = SmallModels.matMul(dir.resolve("small.onnx"));
    Cli.Result r = Cli.run("analyze", model, "--json", json);
    assertEquals(0, r.exitCode(), r::toString);
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertFalse(root.has("old"));
    assertTrue(root.has("layers"));
    assertEquals(List.of("report.json", "small.onnx"), fileNames());
  }

  @Test
  void exactCastsHaveInfiniteSqnr() throws Exception {
    Path model = SmallModels.matMul(dir.resolve("small.onnx"));
    Path csv = dir.resolve("exact.csv");
    Path json = dir.resolve("exact.json");
    Cli.Result r = Cli.run("analyze", model, "--schemes", "fp32", "--csv", csv, "--json", json);
    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.out().contains(" exact"), r::toString);
    String row = Files.readAllLines(csv).get(1);
    assertTrue(row.contains(",fp32,32.0,Infinity,0.0,0.0,0.0,1.0,0.0,,"), row);
    JsonNode result = new ObjectMapper().readTree(json.toFile()).get("layers").get(0);
    assertEquals("Infinity", result.get("results").get(0).get("sqnr_db").asText());
  }

  /** Reports are readable like any new file, not only by their owner as temporary files are. */
  @Test
  void reportsGetTheUsualPermissions() throws Exception {
    // Every system QuantLens runs on has POSIX permissions except Windows, which has DOS
    // attributes.
    Set<String> views = dir.getFileSystem().supportedFileAttributeViews();
    boolean windows = OS.current() == OS.WINDOWS;
    assertEquals(!windows, views.contains("posix"), () -> "attribute views: " + views);
    Path model = SmallModels.matMul(dir.resolve("small.onnx"));
    Path csv = dir.resolve("report.csv");
    assertEquals(0, Cli.run("analyze", model, "--csv", csv).exitCode());
    Path plain = Files.createFile(dir.resolve("plain.txt"));
    if (windows) {
      DosFileAttributes expected = Files.readAttributes(plain, DosFileAttributes.class);
      DosFileAttributes actual = Files.readAttributes(csv, DosFileAttributes.class);
      assertEquals(expected.isReadOnly(), actual.isReadOnly(), "read-only");
      assertEquals(expected.isHidden(), actual.isHidden(), "hidden");
    } else {
      assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(csv));
    }
  }

  /** Every file in the folder, hidden ones (such as a left-over temporary file) included. */
  private List<String> fileNames() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }
}
