package io.quantlens.formats.gguf;

import io.quantlens.model.Model;
import java.util.List;
import java.util.Map;

/**
 * A GGUF file as read: the model, and what rewriting it needs beside it.
 *
 * @param model the model the reader makes
 * @param metadata every key with its value and where its bytes lie, in file order
 * @param tensors the tensor infos, in file order
 * @param data where the data section starts
 */
record GgufContents(
    Model model,
    Map<String, MetadataReader.Entry> metadata,
    List<TensorInfo> tensors,
    DataSection data) {}
