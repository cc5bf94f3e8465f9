package org.fer4j.cli;

import org.fer4j.engine.ComputeDevice;
import org.fer4j.engine.EngineInfo;
import org.fer4j.engine.EngineOptions;
import org.fer4j.engine.Engines;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code --device cpu|cuda|gpu}: where PyTorch runs (train, eval, and every {@link EngineMixin} command). */
public final class DeviceMixin {
  @Option(
      names = "--device",
      paramLabel = "cpu|cuda|gpu",
      defaultValue = "cpu",
      converter = DeviceConverter.class,
      description = "Where PyTorch runs (default: ${DEFAULT-VALUE}); cuda (alias gpu) needs a build with"
          + " -Pcuda and an NVIDIA GPU.")
  ComputeDevice device = ComputeDevice.CPU;

  /** Starts the engine on this device, leaving seed and threads to the engine's defaults. */
  public EngineInfo start() {
    return Engines.init(EngineOptions.defaults().withDevice(device));
  }

  ComputeDevice device() {
    return device;
  }

  /** Picocli converter: the words of {@link ComputeDevice#parse}, with its message on a bad one. */
  static final class DeviceConverter implements ITypeConverter<ComputeDevice> {
    @Override
    public ComputeDevice convert(String value) {
      try {
        return ComputeDevice.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
