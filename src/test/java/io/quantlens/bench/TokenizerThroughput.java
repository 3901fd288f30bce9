package io.quantlens.bench;

import io.quantlens.eval.llm.tokens.GgufTokenizers;
import io.quantlens.eval.llm.tokens.Tokenizer;
import io.quantlens.eval.llm.tokens.TokenizerJsonReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Tokenizer speed on one thread: {@code TokenizerThroughput FILE TEXT [MB=4] [repeat=5]} reads a
 * GGUF or tokenizer.json, repeats the UTF-8 text of TEXT to MB megabytes, encodes it in 4 KB chunks
 * once to warm up and then {@code repeat} times, and prints the best MB/s and tokens/s.
 */
public final class TokenizerThroughput {
  private static final int CHUNK = 4096;

  private TokenizerThroughput() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    String sample = Files.readString(Path.of(args[1]), StandardCharsets.UTF_8);
    int megabytes = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    int repeat = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    Tokenizer tokenizer =
        file.toString().endsWith(".json")
            ? TokenizerJsonReader.read(file)
            : GgufTokenizers.read(file);
    StringBuilder text = new StringBuilder();
    while (text.toString().getBytes(StandardCharsets.UTF_8).length < megabytes << 20) {
      text.append(sample);
    }
    String all = text.toString();
    long bytes = all.getBytes(StandardCharsets.UTF_8).length;
    run(tokenizer, all);
    double best = Double.MAX_VALUE;
    long tokens = 0;
    for (int i = 0; i < repeat; i++) {
      long start = System.nanoTime();
      tokens = run(tokenizer, all);
      best = Math.min(best, (System.nanoTime() - start) / 1e9);
    }
    System.out.printf(
        Locale.ROOT,
        "%s: %d bytes, %d tokens, best of %d: %.3f s = %.2f MB/s, %.0f tokens/s%n",
        file.getFileName(),
        bytes,
        tokens,
        repeat,
        best,
        bytes / best / 1e6,
        tokens / best);
  }

  private static long run(Tokenizer tokenizer, String text) {
    long n = 0;
    for (int from = 0; from < text.length(); from += CHUNK) {
      int to = Math.min(text.length(), from + CHUNK);
      if (to < text.length() && Character.isHighSurrogate(text.charAt(to - 1))) {
        to++;
      }
      n += tokenizer.encode(text.substring(from, to), false, false).length;
      from = to - CHUNK;
    }
    return n;
  }
}
