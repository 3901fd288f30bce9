package io.quantlens.report;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.model.ModelFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plan and project files found by fuzzing: a version past 2^32, a key given twice, junk after the
 * object and bytes that guess as UTF-32 are each one error naming the file, never a plan read as
 * something else.
 */
class StrictFilesTest {
  @TempDir Path dir;

  private String planProblem(String name, byte[] content) throws IOException {
    Path file = Files.write(dir.resolve(name), content);
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> PlanJson.read(file));
    assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
    return e.getMessage();
  }

  private String projectProblem(String name, byte[] content) throws IOException {
    Path file = Files.write(dir.resolve(name), content);
    IOException e = assertThrows(IOException.class, () -> ProjectJson.read(file));
    assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
    return e.getMessage();
  }

  @Test
  void aPlanVersionPast32BitsIsNotReadAsOne() throws Exception {
    String m = planProblem("v.json", "{\"version\": 4294967297, \"default\": \"int8\"}".getBytes());
    assertTrue(m.contains("plan version 4294967297 is newer than this QuantLens reads"), m);
    String huge = planProblem("h.json", "{\"version\": 1e400, \"default\": \"int8\"}".getBytes());
    assertTrue(huge.contains("version must be a positive whole number"), huge);
  }

  @Test
  void duplicateKeysAndTrailingJunkAreRefused() throws Exception {
    String dup =
        planProblem("dup.json", "{\"default\": \"int8\", \"default\": \"fp32\"}".getBytes());
    assertTrue(dup.contains("Duplicate field 'default'"), dup);
    String junk = planProblem("junk.json", "{\"default\": \"int8\"} {\"x\": 1}".getBytes());
    assertTrue(junk.contains("not a valid JSON plan"), junk);
    String project =
        projectProblem("p.quantlens.json", "{\"version\": 1, \"version\": 1}".getBytes());
    assertTrue(project.contains("Duplicate field 'version'"), project);
  }

  @Test
  void bytesThatLookLikeUtf32NameTheFile() throws Exception {
    byte[] utf32 = {0, 0, 0, '{', 0, 0, 0, '}', (byte) 0xFF, (byte) 0xFE, 0, 0};
    String plan = planProblem("utf32.json", utf32);
    assertTrue(plan.contains("not a valid JSON plan"), plan);
    String project = projectProblem("utf32.quantlens.json", utf32);
    assertTrue(project.contains("not a valid JSON project file"), project);
  }
}
