package io.quantlens.analysis.compare;

import static io.quantlens.testing.CheckpointFiles.matrix;
import static io.quantlens.testing.CheckpointFiles.ordered;
import static io.quantlens.testing.CheckpointFiles.rows;
import static io.quantlens.testing.CheckpointFiles.stack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantlens.analysis.AnalysisCache;
import io.quantlens.analysis.AnalysisProgress;
import io.quantlens.analysis.compare.LayerPairing.Match;
import io.quantlens.formats.ModelFiles;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.session.MappingFiles;
import io.quantlens.testing.CheckpointFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Artifacts holding exactly the original's values under another toolchain's names, layout and
 * fusion: each layer must be found and compare at +∞ dB, and a wrong match would not.
 */
class LayerMatchingTest {
  private static final int HIDDEN = 8;
  private static final int HEADS = 2;
  private static final int KV_HEADS = 1;
  private static final int HEAD_ROWS = HIDDEN / HEADS;
  private static final int FFN = 12;
  private static final int VOCAB = 16;

  @TempDir Path dir;

  private final float[][] q = matrix(1, HIDDEN, HIDDEN);
  private final float[][] k = matrix(2, KV_HEADS * HEAD_ROWS, HIDDEN);
  private final float[][] v = matrix(3, KV_HEADS * HEAD_ROWS, HIDDEN);
  private final float[][] o = matrix(4, HIDDEN, HIDDEN);
  private final float[][] gate = matrix(5, FFN, HIDDEN);
  private final float[][] up = matrix(6, FFN, HIDDEN);
  private final float[][] down = matrix(7, HIDDEN, FFN);
  private final float[][] embed = matrix(8, VOCAB, HIDDEN);
  private final float[][] head = matrix(9, VOCAB, HIDDEN);

  @Test
  void aLlamaGgufWithRopeOrderedRowsMatchesItsHuggingFaceOriginalExactly() throws Exception {
    Model original = open(llamaHf("hf.safetensors", true));
    Model gguf = open(llamaGguf("llama", "q.gguf"));
    ArtifactComparison c = compare(original, gguf);
    assertEquals(List.of(), c.unmatchedArtifact());
    assertEquals(List.of(), c.unmatchedOriginal());
    assertEquals(9, c.layers().size());
    for (LayerComparison l : c.layers()) {
      assertEquals(Double.POSITIVE_INFINITY, l.stats().sqnrDb(), l.pairing().artifact().name());
      assertEquals(Match.SAME_PLACE, l.pairing().how());
    }
    assertFalse(byName(c).get("blk.0.attn_q").pairing().order().isSame());
    assertFalse(byName(c).get("blk.0.attn_k").pairing().order().isSame());
    assertTrue(byName(c).get("blk.0.attn_v").pairing().order().isSame());
    assertEquals(Double.POSITIVE_INFINITY, c.sqnrDb());
  }

  @Test
  void theSameRowsInAnArchitectureWithoutThatOrderAreNotTakenForTheOriginal() throws Exception {
    Model original = open(llamaHf("hf.safetensors", true));
    Model other = open(llamaGguf("qwen2", "q.gguf"));
    ArtifactComparison c = compare(original, other);
    LayerComparison attnQ = byName(c).get("blk.0.attn_q");
    assertTrue(attnQ.pairing().order().isSame());
    // the same values in partly wrong rows (half of them stay in place for 4-row heads)
    assertTrue(attnQ.stats().sqnrDb() < 10, "SQNR " + attnQ.stats().sqnrDb());
    assertEquals(Double.POSITIVE_INFINITY, byName(c).get("blk.0.attn_v").stats().sqnrDb());
  }

  @Test
  void splitMatricesAreCutFromAFusedOriginalAtTheirSiblingsOffsets() throws Exception {
    Model original = open(phi3Hf("phi.safetensors"));
    Model split = open(llamaHf("split.safetensors", false));
    ArtifactComparison c = compare(original, split);
    assertEquals(List.of(), c.unmatchedArtifact());
    assertEquals(List.of(), c.unmatchedOriginal());
    LayerComparison attnK = byName(c).get("model.layers.0.self_attn.k_proj");
    assertEquals(Match.SLICED, attnK.pairing().how());
    ChannelSlice slice = attnK.pairing().original().get(0);
    assertEquals(HIDDEN, slice.first());
    assertEquals(KV_HEADS * HEAD_ROWS, slice.count());
    assertEquals(
        FFN, byName(c).get("model.layers.0.mlp.up_proj").pairing().original().get(0).first());
    c.layers().forEach(l -> assertEquals(Double.POSITIVE_INFINITY, l.stats().sqnrDb()));
  }

  @Test
  void aFusedArtifactIsJoinedFromSeparateOriginals() throws Exception {
    Model original = open(llamaHf("split.safetensors", false));
    Model fused = open(phi3Hf("phi.safetensors"));
    ArtifactComparison c = compare(original, fused);
    LayerComparison qkv = byName(c).get("model.layers.0.self_attn.qkv_proj");
    assertEquals(Match.JOINED, qkv.pairing().how());
    assertEquals(
        "model.layers.0.self_attn.q_proj+model.layers.0.self_attn.k_proj"
            + "+model.layers.0.self_attn.v_proj",
        qkv.pairing().originalText());
    assertEquals(List.of(), c.unmatchedOriginal());
    c.layers().forEach(l -> assertEquals(Double.POSITIVE_INFINITY, l.stats().sqnrDb()));
  }

  @Test
  void llamaCppsPhi3FfnUpHoldsGateAndUpAndATiedHeadIsTheEmbedding() throws Exception {
    Model original = open(phi3Hf("phi.safetensors"));
    Path file =
        CheckpointFiles.gguf(
            dir.resolve("phi3.gguf"),
            "phi3",
            Map.of(),
            ordered(
                "token_embd.weight", embed,
                "blk.0.attn_qkv.weight", stack(q, k, v),
                "blk.0.attn_output.weight", o,
                "blk.0.ffn_up.weight", stack(gate, up),
                "blk.0.ffn_down.weight", down,
                "output.weight", embed),
            Map.of());
    ArtifactComparison c = compare(original, open(file));
    assertEquals(Match.SAME_PLACE, byName(c).get("blk.0.ffn_up").pairing().how());
    assertEquals(Match.TIED_EMBEDDING, byName(c).get("output").pairing().how());
    assertEquals(List.of(), c.unmatchedArtifact());
    c.layers().forEach(l -> assertEquals(Double.POSITIVE_INFINITY, l.stats().sqnrDb()));
  }

  @Test
  void aMatrixStoredTransposedIsReadAroundItsOtherAxis() throws Exception {
    Model original = open(llamaHf("hf.safetensors", true));
    Path file =
        CheckpointFiles.safetensors(
            dir.resolve("t.safetensors"),
            ordered("model.layers.0.mlp.down_proj.weight", CheckpointFiles.transpose(down)));
    ArtifactComparison c = compare(original, open(file));
    LayerComparison l = c.layers().get(0);
    assertTrue(l.pairing().original().get(0).transposed());
    assertEquals(Double.POSITIVE_INFINITY, l.stats().sqnrDb());
    assertEquals(8, c.unmatchedOriginal().size());
  }

  @Test
  void layersEitherSideLacksAreListed() throws Exception {
    Model original = open(llamaHf("hf.safetensors", false));
    Path file =
        CheckpointFiles.safetensors(
            dir.resolve("x.safetensors"),
            ordered(
                "model.layers.0.self_attn.o_proj.weight", o, "mystery.weight", matrix(10, 4, 4)));
    ArtifactComparison c = compare(original, open(file));
    assertEquals(List.of("mystery"), c.unmatchedArtifact().stream().map(Layer::name).toList());
    assertEquals(7, c.unmatchedOriginal().size());
    assertEquals(1, c.layers().size());
  }

  @Test
  void aMappingFileNamesWhatNamesCannot() throws Exception {
    Model original = open(phi3Hf("phi.safetensors"));
    Path file =
        CheckpointFiles.safetensors(
            dir.resolve("m.safetensors"),
            ordered("w.a.weight", rows(q, 0, HIDDEN), "w.b.weight", stack(k, v, gate)));
    Path mapping = dir.resolve("mapping.csv");
    java.nio.file.Files.writeString(
        mapping,
        "artifact,original\n"
            + "w.a,model.layers.0.self_attn.qkv_proj[0:8]\n"
            + "w.b,model.layers.0.self_attn.qkv_proj[8:16]+model.layers.0.mlp.gate_up_proj[0:12]\n");
    Model artifact = open(file);
    Pairings pairings = LayerMatcher.match(original, artifact, MappingFiles.read(mapping), mapping);
    ArtifactComparison c = compare(original, artifact, pairings);
    assertEquals(2, c.layers().size());
    c.layers().forEach(l -> assertEquals(Match.MAPPING, l.pairing().how()));
    c.layers().forEach(l -> assertEquals(Double.POSITIVE_INFINITY, l.stats().sqnrDb()));
  }

  private Map<String, LayerComparison> byName(ArtifactComparison c) {
    return c.layers().stream()
        .collect(Collectors.toMap(l -> l.pairing().artifact().name(), l -> l));
  }

  static ArtifactComparison compare(Model original, Model artifact) throws InterruptedException {
    return compare(original, artifact, LayerMatcher.match(original, artifact));
  }

  static ArtifactComparison compare(Model original, Model artifact, Pairings pairings)
      throws InterruptedException {
    return new Comparer(original, new AnalysisCache(), 2)
        .compare(artifact, pairings, Optional.empty(), AnalysisProgress.NONE, () -> false);
  }

  private static Model open(Path file) throws Exception {
    return ModelFiles.open(file);
  }

  private Path llamaHf(String name, boolean withHead) throws Exception {
    String p = "model.layers.0.";
    Map<String, float[][]> t =
        ordered(
            "model.embed_tokens.weight",
            embed,
            p + "self_attn.q_proj.weight",
            q,
            p + "self_attn.k_proj.weight",
            k,
            p + "self_attn.v_proj.weight",
            v,
            p + "self_attn.o_proj.weight",
            o,
            p + "mlp.gate_proj.weight",
            gate,
            p + "mlp.up_proj.weight",
            up,
            p + "mlp.down_proj.weight",
            down);
    if (withHead) {
      t.put("lm_head.weight", head);
    }
    return CheckpointFiles.safetensors(dir.resolve(name), t);
  }

  private Path phi3Hf(String name) throws Exception {
    String p = "model.layers.0.";
    return CheckpointFiles.safetensors(
        dir.resolve(name),
        ordered(
            "model.embed_tokens.weight",
            embed,
            p + "self_attn.qkv_proj.weight",
            stack(q, k, v),
            p + "self_attn.o_proj.weight",
            o,
            p + "mlp.gate_up_proj.weight",
            stack(gate, up),
            p + "mlp.down_proj.weight",
            down));
  }

  /** The GGUF llama.cpp's converter writes for llamaHf: attn_q and attn_k rows reordered. */
  private Path llamaGguf(String architecture, String name) throws Exception {
    return CheckpointFiles.gguf(
        dir.resolve(name),
        architecture,
        Map.of(
            architecture + ".attention.head_count", (long) HEADS,
            architecture + ".attention.head_count_kv", (long) KV_HEADS),
        ordered(
            "token_embd.weight", embed,
            "blk.0.attn_q.weight", ropeOrder(q, HEADS),
            "blk.0.attn_k.weight", ropeOrder(k, KV_HEADS),
            "blk.0.attn_v.weight", v,
            "blk.0.attn_output.weight", o,
            "blk.0.ffn_gate.weight", gate,
            "blk.0.ffn_up.weight", up,
            "blk.0.ffn_down.weight", down,
            "output.weight", head),
        Map.of());
  }

  /** numpy's w.reshape(heads, 2, rows/heads/2, cols).swapaxes(1, 2).reshape(w.shape), by hand. */
  private static float[][] ropeOrder(float[][] w, int heads) {
    int headRows = w.length / heads;
    int half = headRows / 2;
    float[][] out = new float[w.length][];
    int next = 0;
    for (int h = 0; h < heads; h++) {
      for (int i = 0; i < half; i++) {
        for (int j = 0; j < 2; j++) {
          out[next++] = w[h * headRows + j * half + i];
        }
      }
    }
    return out;
  }
}
