package io.quantlens.eval;

import io.quantlens.model.Layer;

/**
 * One row of the activation view: the layer, its input activation's profile (null for a layer that
 * reads none, such as a Gather) and its output errors (null when its node sits in a subgraph).
 */
public record LayerActivation(Layer layer, ActivationProfile profile, LayerError error) {}
