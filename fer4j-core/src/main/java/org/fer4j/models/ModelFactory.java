package org.fer4j.models;

import ai.djl.nn.Block;

/** Builds an uninitialised block for a registered model. */
@FunctionalInterface
public interface ModelFactory {
  Block create(ModelOptions options);
}
