package io.quantlens.ui.table;

/**
 * The layers of one repeated block (a transformer layer, say) as the table groups them.
 *
 * @param prefix the names' common start up to the block number, e.g. {@code model.layers.3}
 * @param index the block's number
 * @param layers how many of its layers the filter shows
 * @param parameters their parameters
 */
record BlockGroup(String prefix, int index, int layers, long parameters) {}
