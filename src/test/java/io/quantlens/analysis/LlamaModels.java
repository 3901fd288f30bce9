package io.quantlens.analysis;

import io.quantlens.model.DType;
import io.quantlens.model.Layer;
import io.quantlens.model.Model;
import io.quantlens.model.ModelMetadata;
import io.quantlens.model.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Small Llama-shaped graphless models as the GGUF and safetensors readers present them: [out, in]
 * weights, channel axis 0, projections as MatMul, the token embedding as Gather, norms 1-D. The
 * weights read as zeros; plans from names and shapes never read them.
 */
final class LlamaModels {
  static final int HIDDEN = 512;
  static final int FFN = 1376;

  private LlamaModels() {}

  private static Layer layer(String name, String op, long... shape) {
    Tensor t =
        new Tensor(
            name + ".weight",
            DType.FLOAT16,
            shape,
            (start, dst, off, count) -> Arrays.fill(dst, off, off + count, 0f));
    return new Layer(name, op, t, null, 0);
  }

  static Model gguf(int blocks) {
    List<Layer> layers = new ArrayList<>();
    layers.add(layer("token_embd", "Gather", 1000, HIDDEN));
    for (int b = 0; b < blocks; b++) {
      String p = "blk." + b + ".";
      for (String t : List.of("attn_q", "attn_k", "attn_v", "attn_output", "ffn_gate", "ffn_up")) {
        layers.add(layer(p + t, "MatMul", t.startsWith("ffn") ? FFN : HIDDEN, HIDDEN));
      }
      layers.add(layer(p + "ffn_down", "MatMul", HIDDEN, FFN));
    }
    layers.add(layer("output", "MatMul", 1000, HIDDEN));
    return model("gguf", layers);
  }

  static Model huggingFace(int blocks) {
    List<Layer> layers = new ArrayList<>();
    layers.add(layer("lm_head", "MatMul", 1000, HIDDEN));
    layers.add(layer("model.embed_tokens", "Gather", 1000, HIDDEN));
    for (int b = 0; b < blocks; b++) {
      String p = "model.layers." + b + ".";
      layers.add(layer(p + "mlp.down_proj", "MatMul", HIDDEN, FFN));
      layers.add(layer(p + "mlp.gate_proj", "MatMul", FFN, HIDDEN));
      layers.add(layer(p + "mlp.up_proj", "MatMul", FFN, HIDDEN));
      for (String t : List.of("k_proj", "o_proj", "q_proj", "v_proj")) {
        layers.add(layer(p + "self_attn." + t, "MatMul", HIDDEN, HIDDEN));
      }
    }
    return model("safetensors", layers);
  }

  private static Model model(String format, List<Layer> layers) {
    return new Model(
        Path.of("llama." + format),
        new ModelMetadata(format, "", 0, Map.of()),
        List.of(),
        List.of(),
        layers,
        layers.stream().map(Layer::weight).toList());
  }
}
