package org.fer4j.cli;

import java.util.concurrent.Callable;
import org.fer4j.Fer4j;
import org.fer4j.engine.EngineInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;

/** {@code fer version}: fer4j, DJL, PyTorch and Java versions, threads and device. */
@Command(name = "version", description = "Print fer4j, DJL, PyTorch and Java versions.")
public final class VersionCommand implements Callable<Integer> {
  @Mixin EngineMixin engine;

  @Override
  public Integer call() {
    for (String line : lines(engine.start())) {
      System.out.println(line);
    }
    return 0;
  }

  static String[] lines(EngineInfo info) {
    return new String[] {
      "fer4j    " + Fer4j.version(),
      "DJL      " + info.djlVersion(),
      "PyTorch  " + info.engineVersion() + " (" + info.engineName() + " engine, offline)",
      "Java     " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
      "device   " + info.device(),
      "threads  " + info.intraOpThreads() + " intra-op",
    };
  }

  /** For {@code fer --version}: the same facts without starting more than needed. */
  public static final class Provider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return lines(org.fer4j.engine.Engines.init());
    }
  }
}
