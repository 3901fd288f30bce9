package io.quantlens.reference;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.quantlens.reference.LlamaStructures.Batch;
import io.quantlens.reference.LlamaStructures.ContextParams;
import io.quantlens.reference.LlamaStructures.ModelParams;
import io.quantlens.reference.LlamaStructures.QuantizeParams;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * llama.cpp itself, as an independent reference: its C functions in {@code libllama} and {@code
 * libggml} from the npm package {@code @node-llama-cpp/linux-x64} (docs/llama-cpp-reference.md),
 * unpacked by the build into the folder named by the system property {@value #DIR_PROPERTY}, and
 * called through JNA. Nothing here shares code with QuantLens.
 *
 * <p>The structures mirror {@code include/llama.h} of the llama.cpp sources that package was built
 * from (ggml 0.25.1, commit 0ad4a86); {@link #check()} compares their sizes with what that header
 * gives, so a different library fails loudly instead of reading garbage.
 */
public final class LlamaCpp {
  /** The system property (set by the pom for surefire) naming the folder of the libraries. */
  public static final String DIR_PROPERTY = "quantlens.llamacpp.dir";

  /** ggml's version and commit in the pinned package. */
  public static final String GGML_VERSION = "0.25.1";

  public static final String GGML_COMMIT = "0ad4a86";

  private static final String LLAMA_LIBRARY = "libllama.v0.5.0.so";
  private static final String GGML_LIBRARY = "libggml.v0.5.0.so";
  private static final Pattern LOADED =
      Pattern.compile("loaded meta data with (\\d+) key-value pairs and (\\d+) tensors");

  /** llama.h {@code enum llama_ftype} values of the presets QuantLens has. */
  public enum FileType {
    F16(1),
    Q4_0(2),
    Q8_0(7),
    Q4_K_M(15);

    final int id;

    FileType(int id) {
      this.id = id;
    }
  }

  /** What llama.cpp reports about a model it loaded. */
  public record LoadedModel(
      long parameters,
      int tensors,
      int layers,
      int embedding,
      int heads,
      int kvHeads,
      int vocabulary,
      String architecture,
      String description) {}

  /** The functions of libllama used here. */
  interface Llama extends Library {
    void llama_backend_init();

    ModelParams.ByValue llama_model_default_params();

    Pointer llama_model_load_from_file(String path, ModelParams.ByValue params);

    void llama_model_free(Pointer model);

    long llama_model_n_params(Pointer model);

    int llama_model_n_layer(Pointer model);

    int llama_model_n_embd(Pointer model);

    int llama_model_n_head(Pointer model);

    int llama_model_n_head_kv(Pointer model);

    Pointer llama_model_get_vocab(Pointer model);

    int llama_vocab_n_tokens(Pointer vocab);

    int llama_tokenize(
        Pointer vocab,
        byte[] text,
        int textLength,
        int[] tokens,
        int maxTokens,
        byte addSpecial,
        byte parseSpecial);

    int llama_model_desc(Pointer model, byte[] buf, long size);

    int llama_model_meta_val_str(Pointer model, String key, byte[] buf, long size);

    QuantizeParams.ByValue llama_model_quantize_default_params();

    int llama_model_quantize(String input, String output, QuantizeParams params);

    void llama_log_set(LogCallback callback, Pointer userData);

    ContextParams.ByValue llama_context_default_params();

    Pointer llama_init_from_model(Pointer model, ContextParams.ByValue params);

    void llama_free(Pointer context);

    Batch.ByValue llama_batch_init(int tokens, int embd, int seqMax);

    void llama_batch_free(Batch.ByValue batch);

    int llama_decode(Pointer context, Batch.ByValue batch);

    Pointer llama_get_logits_ith(Pointer context, int i);
  }

  /** The functions of libggml used here. */
  interface Ggml extends Library {
    String ggml_version();

    String ggml_commit();

    long ggml_backend_reg_count();

    void ggml_backend_load_all_from_path(String dir);
  }

  /** {@code ggml_log_callback}. */
  public interface LogCallback extends Callback {
    void invoke(int level, String text, Pointer userData);
  }

  /** ggml's {@code GGML_TYPE_F32}, for a KV cache kept in float32. */
  private static final int GGML_TYPE_F32 = 0;

  /** llama.h {@code LLAMA_FLASH_ATTN_TYPE_DISABLED}. */
  private static final int FLASH_ATTENTION_DISABLED = 0;

  /** How the context that computes logits is set up. */
  public enum ContextKind {
    /**
     * {@code llama_context_default_params()}: K and V cached in F16, flash attention "auto" (on for
     * the CPU), as llama.cpp's programs run by default.
     */
    DEFAULTS,
    /** The K and V caches in F32 and flash attention off: float32 attention throughout. */
    FLOAT32_ATTENTION
  }

  private final Llama llama;
  private final Ggml ggml;
  private final StringBuffer log = new StringBuffer();
  // Kept in a field: JNA frees a callback whose Java object is collected.
  private final LogCallback logCallback = (level, text, userData) -> collect(text);

  private LlamaCpp(Llama llama, Ggml ggml) {
    this.llama = llama;
    this.ggml = ggml;
  }

  /**
   * Loads the libraries and ggml's CPU backend. Throws {@link IllegalStateException}, naming the
   * folder, when they are missing or are not the pinned version: a test using this must fail then,
   * never skip.
   */
  public static LlamaCpp load() {
    String dirName = System.getProperty(DIR_PROPERTY);
    if (dirName == null) {
      throw new IllegalStateException(
          "system property " + DIR_PROPERTY + " is not set; run the tests through Maven");
    }
    return load(Path.of(dirName));
  }

  /** Loads the libraries from {@code folder}, as {@link #load()} does. */
  public static LlamaCpp load(Path folder) {
    Path dir = folder.toAbsolutePath();
    Path llamaFile = dir.resolve(LLAMA_LIBRARY);
    if (!Files.isRegularFile(llamaFile)) {
      throw new IllegalStateException(
          llamaFile
              + " is missing: the build unpacks @node-llama-cpp/linux-x64 there in the"
              + " generate-test-resources phase (docs/llama-cpp-reference.md)");
    }
    Ggml ggml;
    Llama llama;
    try {
      ggml = Native.load(dir.resolve(GGML_LIBRARY).toString(), Ggml.class);
      llama = Native.load(llamaFile.toString(), Llama.class);
    } catch (UnsatisfiedLinkError e) {
      throw new IllegalStateException("llama.cpp's libraries in " + dir + " do not load", e);
    }
    LlamaCpp cpp = new LlamaCpp(llama, ggml);
    cpp.check();
    if (ggml.ggml_backend_reg_count() == 0) {
      ggml.ggml_backend_load_all_from_path(dir.toString());
    }
    if (ggml.ggml_backend_reg_count() == 0) {
      throw new IllegalStateException("ggml found no CPU backend in " + dir);
    }
    llama.llama_log_set(cpp.logCallback, null);
    llama.llama_backend_init();
    return cpp;
  }

  /** Refuses a library other than the pinned one, whose structure layouts this class mirrors. */
  private void check() {
    String version = ggml.ggml_version();
    String commit = ggml.ggml_commit();
    if (!GGML_VERSION.equals(version) || !GGML_COMMIT.equals(commit)) {
      throw new IllegalStateException(
          "expected ggml "
              + GGML_VERSION
              + " ("
              + GGML_COMMIT
              + "), found "
              + version
              + " ("
              + commit
              + ")");
    }
    if (new ModelParams().size() != 80
        || new QuantizeParams().size() != 64
        || new ContextParams().size() != 160
        || new Batch().size() != 56) {
      throw new IllegalStateException("structure layouts differ from llama.h");
    }
  }

  /** ggml's version and commit, as the library reports them. */
  public String version() {
    return ggml.ggml_version() + " (" + ggml.ggml_commit() + ")";
  }

  /**
   * Loads {@code file} as llama.cpp's programs do (vocabulary and tensors, on the CPU) and reports
   * what llama.cpp made of it.
   *
   * @throws IllegalStateException with llama.cpp's own log when it refuses the file
   */
  public synchronized LoadedModel loadModel(Path file) {
    log.setLength(0);
    ModelParams.ByValue params = llama.llama_model_default_params();
    params.n_gpu_layers = 0;
    Pointer model = llama.llama_model_load_from_file(file.toString(), params);
    if (model == null) {
      throw new IllegalStateException("llama.cpp refused " + file + ":\n" + errors());
    }
    try {
      Matcher m = LOADED.matcher(log);
      if (!m.find()) {
        throw new IllegalStateException(
            "llama.cpp's loader did not report a tensor count:\n" + log);
      }
      return new LoadedModel(
          llama.llama_model_n_params(model),
          Integer.parseInt(m.group(2)),
          llama.llama_model_n_layer(model),
          llama.llama_model_n_embd(model),
          llama.llama_model_n_head(model),
          llama.llama_model_n_head_kv(model),
          llama.llama_vocab_n_tokens(llama.llama_model_get_vocab(model)),
          metadata(model, "general.architecture"),
          description(model));
    } finally {
      llama.llama_model_free(model);
    }
  }

  /**
   * The token ids llama.cpp gives each of {@code texts}: the file loaded with {@code vocab_only}
   * (no tensors needed), then {@code llama_tokenize(vocab, text, ..., addSpecial, parseSpecial)}
   * for each text, as {@code llama-tokenize} does.
   *
   * @throws IllegalStateException with llama.cpp's own log when it refuses the file
   */
  public synchronized List<int[]> tokenize(
      Path file, List<String> texts, boolean addSpecial, boolean parseSpecial) {
    log.setLength(0);
    ModelParams.ByValue params = llama.llama_model_default_params();
    params.n_gpu_layers = 0;
    params.vocab_only = 1;
    Pointer model = llama.llama_model_load_from_file(file.toString(), params);
    if (model == null) {
      throw new IllegalStateException("llama.cpp refused " + file + ":\n" + errors());
    }
    try {
      Pointer vocab = llama.llama_model_get_vocab(model);
      List<int[]> out = new ArrayList<>();
      for (String text : texts) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int[] tokens = new int[utf8.length + 8];
        int n =
            llama.llama_tokenize(
                vocab,
                utf8,
                utf8.length,
                tokens,
                tokens.length,
                (byte) (addSpecial ? 1 : 0),
                (byte) (parseSpecial ? 1 : 0));
        if (n < 0) {
          throw new IllegalStateException("llama_tokenize needs " + -n + " tokens for " + text);
        }
        out.add(Arrays.copyOf(tokens, n));
      }
      return out;
    } finally {
      llama.llama_model_free(model);
    }
  }

  /**
   * Quantizes {@code input} into {@code output} with llama.cpp's own quantizer: {@code
   * llama_model_quantize_default_params()} with only the file type (and two threads) set, as {@code
   * llama-quantize input output TYPE} does without an importance matrix.
   */
  public synchronized void quantize(Path input, Path output, FileType type) {
    log.setLength(0);
    QuantizeParams params = llama.llama_model_quantize_default_params();
    params.ftype = type.id;
    params.nthread = 2;
    int status = llama.llama_model_quantize(input.toString(), output.toString(), params);
    if (status != 0) {
      throw new IllegalStateException(
          "llama_model_quantize " + type + " of " + input + " failed (" + status + "):\n" + log);
    }
  }

  /**
   * Runs {@code tokens} (positions 0, 1, …, one sequence) through {@code file} in one {@code
   * llama_decode} batch and returns the logits after each token, {@code [tokens][vocab]}, as {@code
   * llama_get_logits_ith} gives them. The context is {@code llama_context_default_params()} with
   * {@code n_ctx} the sequence length rounded up to 256, every position an output, two threads, and
   * the attention as {@code kind} says.
   */
  public synchronized float[][] logits(Path file, int[] tokens, ContextKind kind) {
    log.setLength(0);
    ModelParams.ByValue modelParams = llama.llama_model_default_params();
    modelParams.n_gpu_layers = 0;
    Pointer model = llama.llama_model_load_from_file(file.toString(), modelParams);
    if (model == null) {
      throw new IllegalStateException("llama.cpp refused " + file + ":\n" + errors());
    }
    try {
      int vocab = llama.llama_vocab_n_tokens(llama.llama_model_get_vocab(model));
      ContextParams.ByValue params = llama.llama_context_default_params();
      params.n_ctx = (tokens.length + 255) / 256 * 256;
      params.n_outputs_max_per_seq = 0;
      params.n_threads = 2;
      params.n_threads_batch = 2;
      if (kind == ContextKind.FLOAT32_ATTENTION) {
        params.type_k = GGML_TYPE_F32;
        params.type_v = GGML_TYPE_F32;
        params.flash_attn_type = FLASH_ATTENTION_DISABLED;
      }
      Pointer context = llama.llama_init_from_model(model, params);
      if (context == null) {
        throw new IllegalStateException("llama_init_from_model failed:\n" + errors());
      }
      Batch.ByValue batch = llama.llama_batch_init(tokens.length, 0, 1);
      try {
        batch.n_tokens = tokens.length;
        for (int i = 0; i < tokens.length; i++) {
          batch.token.setInt(4L * i, tokens[i]);
          batch.pos.setInt(4L * i, i);
          batch.n_seq_id.setInt(4L * i, 1);
          batch.seq_id.getPointer((long) Native.POINTER_SIZE * i).setInt(0, 0);
          batch.logits.setByte(i, (byte) 1);
        }
        int status = llama.llama_decode(context, batch);
        if (status != 0) {
          throw new IllegalStateException("llama_decode failed (" + status + "):\n" + log);
        }
        float[][] logits = new float[tokens.length][];
        for (int i = 0; i < tokens.length; i++) {
          Pointer row = llama.llama_get_logits_ith(context, i);
          if (row == null) {
            throw new IllegalStateException(
                "llama.cpp gave no logits for token " + i + ":\n" + log);
          }
          logits[i] = row.getFloatArray(0, vocab);
        }
        return logits;
      } finally {
        llama.llama_batch_free(batch);
        llama.llama_free(context);
      }
    } finally {
      llama.llama_model_free(model);
    }
  }

  private String metadata(Pointer model, String key) {
    byte[] buf = new byte[256];
    int n = llama.llama_model_meta_val_str(model, key, buf, buf.length);
    return n < 0 ? null : new String(buf, 0, Math.min(n, buf.length - 1), StandardCharsets.UTF_8);
  }

  private String description(Pointer model) {
    byte[] buf = new byte[256];
    int n = llama.llama_model_desc(model, buf, buf.length);
    return new String(buf, 0, Math.max(0, Math.min(n, buf.length - 1)), StandardCharsets.UTF_8);
  }

  private String errors() {
    StringBuilder lines = new StringBuilder();
    for (String line : log.toString().split("\n")) {
      if (line.contains("error") || line.contains("failed") || line.contains("wrong")) {
        lines.append(line).append('\n');
      }
    }
    return lines.length() == 0 ? log.toString() : lines.toString();
  }

  private void collect(String text) {
    if (text != null) {
      log.append(text);
    }
  }
}
