/**
 * Produces the bundled text samples: a BERT WordPiece tokenizer that reads a HuggingFace {@code
 * tokenizer.json}, and the tool that tokenizes the all-MiniLM-L6-v2 evaluation sentences into NumPy
 * arrays.
 */
package io.quantlens.samples.text;
