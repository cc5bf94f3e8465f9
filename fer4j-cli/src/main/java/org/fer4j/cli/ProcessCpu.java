package org.fer4j.cli;

/** CPU time of the whole JVM (all threads, GC included), as Node's {@code process.cpuUsage()} counts it. */
final class ProcessCpu {
  private ProcessCpu() {}

  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
