/**
 * Tools that produce the sample models bundled with QuantLens, reproducibly, from data that a
 * package registry ships.
 */
package io.quantlens.samples;
