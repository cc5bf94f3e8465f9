package org.fer4j.engine;

import java.util.Locale;

/** Where PyTorch runs fer4j's tensors. */
public enum ComputeDevice {
  /** The CPU, with the {@code pytorch-native-cpu} natives (every build). */
  CPU,
  /** The first NVIDIA GPU; needs a build with CUDA natives ({@code mvn -Pcuda}) and a driver. */
  CUDA;

  /** Parses {@code cpu}, {@code cuda} or its alias {@code gpu}, in any case. */
  public static ComputeDevice parse(String name) {
    return switch (name == null ? "" : name.trim().toLowerCase(Locale.ROOT)) {
      case "cpu" -> CPU;
      case "cuda", "gpu" -> CUDA;
      default -> throw new IllegalArgumentException("device must be cpu, cuda or gpu, was '" + name + "'");
    };
  }
}
