package io.quantlens.samples.text;

import java.util.List;

/**
 * Adds the special tokens around a single sequence, as a {@code TemplateProcessing} single template
 * or a {@code BertProcessing} does: for all-MiniLM-L6-v2, {@code [CLS] A [SEP]}, every token type
 * id 0.
 */
record PostProcessor(List<Part> single) {

  /** One element of the template: special tokens (their ids) or, with {@code null}, the text. */
  record Part(long[] specialIds, long typeId) {
    static Part sequence(long typeId) {
      return new Part(null, typeId);
    }

    boolean isSequence() {
      return specialIds == null;
    }
  }

  PostProcessor {
    single = List.copyOf(single);
    if (single.stream().filter(Part::isSequence).count() != 1) {
      throw new IllegalArgumentException("a single-sequence template needs exactly one sequence");
    }
  }

  static PostProcessor none() {
    return new PostProcessor(List.of(Part.sequence(0)));
  }

  /** How many special tokens the template adds. */
  int addedTokens() {
    return single.stream().filter(p -> !p.isSequence()).mapToInt(p -> p.specialIds().length).sum();
  }

  Encoding apply(long[] sequence) {
    int length = sequence.length + addedTokens();
    long[] ids = new long[length];
    long[] mask = new long[length];
    long[] types = new long[length];
    int at = 0;
    for (Part part : single) {
      long[] source = part.isSequence() ? sequence : part.specialIds();
      for (long id : source) {
        ids[at] = id;
        mask[at] = 1;
        types[at] = part.typeId();
        at++;
      }
    }
    return new Encoding(ids, mask, types);
  }
}
