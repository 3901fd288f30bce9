package io.quantlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.testing.TestModels;
import org.junit.jupiter.api.Test;

class InfoCommandTest {
  private static final String QUERY = "/encoder/layer.0/attention/self/query/MatMul";

  @Test
  void describesMiniLm() {
    Cli.Result r = Cli.run("info", TestModels.miniLm());
    assertEquals(0, r.exitCode(), r::toString);
    assertEquals("", r.err(), r::toString);
    assertTrue(r.out().contains("pytorch"), r::toString);
    assertTrue(r.out().contains("Layers     40"), r::toString);
    assertTrue(r.out().contains("22,703,232"), r::toString);
    assertTrue(r.out().contains("22,713,728"), r::toString);
    assertFalse(r.out().contains(QUERY), "layers are listed only with --layers");
  }

  @Test
  void listsLayersOnRequest() {
    Cli.Result r = Cli.run("info", "--layers", TestModels.miniLm());
    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith(QUERY + " ")), r::toString);
    assertTrue(r.out().contains("/embeddings/word_embeddings/Gather"), r::toString);
    assertTrue(
        r.out().lines().anyMatch(l -> l.matches(QUERY + " +MatMul +FLOAT32 +384x384 +147,840 1")),
        r::toString);
  }
}
