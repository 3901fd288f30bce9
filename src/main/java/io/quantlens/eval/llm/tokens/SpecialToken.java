package io.quantlens.eval.llm.tokens;

/**
 * A token matched as a whole string in the raw text before any other step.
 *
 * @param text its text
 * @param id its id
 * @param control true for control and unknown tokens, matched only when the caller parses special
 *     tokens; user-defined tokens are always matched (llama.cpp's tokenizer_st_partition)
 * @param lstrip the whitespace before it is dropped
 * @param rstrip the whitespace after it is dropped
 */
record SpecialToken(String text, int id, boolean control, boolean lstrip, boolean rstrip) {}
