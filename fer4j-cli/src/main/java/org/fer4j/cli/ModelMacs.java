package org.fer4j.cli;

/** Forward MACs of one image for the GFLOPS column; wired to the model complexity counter. */
final class ModelMacs {
  private ModelMacs() {}

  static long perImage(String model, int classes, int height, int width, int frames) {
    return -1; // replaced when org.fer4j.models.Complexity lands
  }
}
