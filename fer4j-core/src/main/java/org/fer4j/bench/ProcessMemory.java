package org.fer4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Resident memory of this process, read from Linux's {@code /proc/self/status}. */
public final class ProcessMemory {
  private static final Path STATUS = Path.of("/proc/self/status");

  private ProcessMemory() {}

  /** Peak resident set size in bytes (VmHWM), or -1 where /proc is not available. */
  public static long peakRssBytes() {
    return field("VmHWM:");
  }

  /** Current resident set size in bytes (VmRSS), or -1 where /proc is not available. */
  public static long currentRssBytes() {
    return field("VmRSS:");
  }

  private static long field(String name) {
    try {
      List<String> lines = Files.readAllLines(STATUS);
      for (String line : lines) {
        if (line.startsWith(name)) {
          String[] parts = line.substring(name.length()).trim().split("\\s+");
          return Long.parseLong(parts[0]) * 1024L;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
