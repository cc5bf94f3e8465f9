package org.fer4j.models;

import java.util.List;

/**
 * A family of models that registers itself: listed in
 * {@code META-INF/services/org.fer4j.models.ModelProvider}, so a user's jar can add models
 * without touching fer4j (timm's {@code @register_model}, done with Java's ServiceLoader).
 */
public interface ModelProvider {
  List<ModelSpec> specs();
}
