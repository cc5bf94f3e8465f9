package org.fer4j.models;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.fer4j.FerException;

/**
 * Name to {@link ModelSpec}. Filled once from every {@link ModelProvider} found by the
 * ServiceLoader; {@link #register} adds more at run time.
 */
public final class ModelRegistry {
  private static final Map<String, ModelSpec> SPECS = Collections.synchronizedMap(new TreeMap<>());
  private static volatile boolean loaded;

  private ModelRegistry() {}

  /** The spec of a model; an unknown name is an error that lists the registered names. */
  public static ModelSpec get(String name) {
    ensureLoaded();
    ModelSpec spec = SPECS.get(name);
    if (spec == null) {
      throw FerException.notFound("unknown model '" + name + "'; registered models: " + names());
    }
    return spec;
  }

  public static boolean contains(String name) {
    ensureLoaded();
    return SPECS.containsKey(name);
  }

  /** Registered names in alphabetical order. */
  public static List<String> names() {
    ensureLoaded();
    synchronized (SPECS) {
      return new ArrayList<>(SPECS.keySet());
    }
  }

  /** Every spec in name order. */
  public static List<ModelSpec> all() {
    ensureLoaded();
    synchronized (SPECS) {
      return new ArrayList<>(SPECS.values());
    }
  }

  /** Adds a spec; a name that is already taken is an error. */
  public static void register(ModelSpec spec) {
    ensureLoaded();
    add(spec);
  }

  private static void add(ModelSpec spec) {
    ModelSpec previous = SPECS.putIfAbsent(spec.name(), spec);
    if (previous != null && previous != spec) {
      throw new IllegalStateException("model name registered twice: " + spec.name());
    }
  }

  private static void ensureLoaded() {
    if (loaded) {
      return;
    }
    synchronized (ModelRegistry.class) {
      if (!loaded) {
        for (ModelProvider provider : ServiceLoader.load(ModelProvider.class)) {
          provider.specs().forEach(ModelRegistry::add);
        }
        loaded = true;
      }
    }
  }
}
