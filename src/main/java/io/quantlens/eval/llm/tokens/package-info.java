/**
 * Language-model tokenizers read from the model file: a GGUF vocabulary ({@link
 * io.quantlens.eval.llm.tokens.GgufTokenizers}) or a Hugging Face tokenizer.json ({@link
 * io.quantlens.eval.llm.tokens.TokenizerJsonReader}), both giving a {@link
 * io.quantlens.eval.llm.tokens.Tokenizer}. docs/tokenizers.md describes the algorithms and their
 * sources.
 */
package io.quantlens.eval.llm.tokens;
