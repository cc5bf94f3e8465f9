package org.fer4j.engine;

/**
 * What the engine reported after start-up.
 *
 * @param engineName DJL engine name (always "PyTorch" here)
 * @param engineVersion native PyTorch version
 * @param djlVersion DJL API version
 * @param device default device, e.g. {@code cpu()}
 * @param intraOpThreads intra-op threads PyTorch uses
 * @param seed the seed set for all generators
 */
public record EngineInfo(
    String engineName,
    String engineVersion,
    String djlVersion,
    String device,
    int intraOpThreads,
    long seed) {

  @Override
  public String toString() {
    return String.format(
        "%s %s (DJL %s) on %s, %d intra-op threads, seed %d",
        engineName, engineVersion, djlVersion, device, intraOpThreads, seed);
  }
}
