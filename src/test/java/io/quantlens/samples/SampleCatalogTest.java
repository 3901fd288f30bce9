package io.quantlens.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleCatalogTest {
  @TempDir Path dir;

  private static Path committed(String sample) {
    return Path.of(System.getProperty("basedir", "."), "sample-models", sample);
  }

  @Test
  void everySampleIsBundledAndExtractsToTheCommittedFiles() throws Exception {
    SampleCatalog catalog = new SampleCatalog(dir);
    for (Sample sample : catalog.samples()) {
      assertTrue(catalog.isAvailable(sample), sample.id());
      Path model = catalog.extract(sample);
      assertEquals(dir.resolve(sample.id()).resolve(sample.modelFileName()), model);
      assertTrue(Files.size(model) > 0);
      for (String file : sample.evalFiles()) {
        assertArrayEquals(
            Files.readAllBytes(committed(sample.id()).resolve("eval").resolve(file)),
            Files.readAllBytes(catalog.evalFolder(sample).resolve(file)),
            sample.id() + "/" + file);
      }
      assertEquals(sample, catalog.sampleAt(model).orElseThrow());
    }
  }

  @Test
  void aSecondExtractionKeepsTheFiles() throws Exception {
    SampleCatalog catalog = new SampleCatalog(dir);
    Sample sample = catalog.byId("all-minilm-l6-v2").orElseThrow();
    Path model = catalog.extract(sample);
    var written = Files.getLastModifiedTime(model);
    catalog.extract(sample);
    assertEquals(written, Files.getLastModifiedTime(model));
    try (var files = Files.list(model.getParent())) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
    }
  }
}
