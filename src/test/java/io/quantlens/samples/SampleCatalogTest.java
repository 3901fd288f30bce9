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
      assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".part")));
    }
  }

  /** A sample retrained to the same size: the old copy in the cache must not survive. */
  @Test
  void aCachedFileOfTheSameSizeButOtherContentIsReplaced() throws Exception {
    SampleCatalog catalog = new SampleCatalog(dir);
    Sample sample = catalog.byId("mnist-cnn").orElseThrow();
    Path model = catalog.modelPath(sample);
    Path labels = catalog.evalFolder(sample).resolve("labels.npy");
    byte[] bundledModel =
        Files.readAllBytes(committed(sample.id()).resolve(sample.modelFileName()));
    byte[] bundledLabels = Files.readAllBytes(committed(sample.id()).resolve("eval/labels.npy"));
    Files.createDirectories(labels.getParent());
    Files.write(model, flipLastByte(bundledModel));
    Files.write(labels, flipLastByte(bundledLabels));

    catalog.extract(sample);

    assertArrayEquals(bundledModel, Files.readAllBytes(model));
    assertArrayEquals(bundledLabels, Files.readAllBytes(labels));
    try (var files = Files.walk(dir)) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".part")));
    }
  }

  @Test
  void aCachedFileOfAnotherSizeIsReplaced() throws Exception {
    SampleCatalog catalog = new SampleCatalog(dir);
    Sample sample = catalog.byId("mnist-cnn").orElseThrow();
    Path model = catalog.modelPath(sample);
    Files.createDirectories(model.getParent());
    Files.write(model, new byte[] {1, 2, 3});

    catalog.extract(sample);

    assertArrayEquals(
        Files.readAllBytes(committed(sample.id()).resolve(sample.modelFileName())),
        Files.readAllBytes(model));
  }

  private static byte[] flipLastByte(byte[] bytes) {
    byte[] changed = bytes.clone();
    changed[changed.length - 1] ^= 1;
    return changed;
  }
}
