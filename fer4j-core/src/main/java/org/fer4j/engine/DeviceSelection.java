package org.fer4j.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.lang.reflect.Field;
import org.fer4j.Fer4j;

/** Makes the requested {@link ComputeDevice} the device every new NDManager and model uses. */
final class DeviceSelection {
  private DeviceSelection() {}

  /**
   * Checks that the device exists and makes it DJL's default device.
   *
   * @throws EngineSetupException when CUDA is asked for and PyTorch sees no GPU
   */
  static Device apply(Engine engine, ComputeDevice wanted) {
    Device device;
    if (wanted == ComputeDevice.CUDA) {
      if (engine.getGpuCount() <= 0) {
        throw new EngineSetupException(noGpu(engine.getVersion()), null);
      }
      device = Device.gpu();
    } else {
      device = Device.cpu();
    }
    setDefault(engine, device);
    return device;
  }

  static String noGpu(String pytorchVersion) {
    String flavor = Fer4j.buildProperty("pytorchFlavor");
    String why = flavor.equals("cpu")
        ? "this build has PyTorch " + pytorchVersion + "'s CPU natives"
        : "PyTorch " + pytorchVersion + " " + flavor + " finds no GPU; check nvidia-smi and CUDA_VISIBLE_DEVICES";
    return "--device cuda: no CUDA device is visible to PyTorch (" + why
        + "); build with -Pcuda on a machine with an NVIDIA driver";
  }

  // DJL picks its default device once (the first GPU whenever one exists) and offers no setter;
  // every NDManager.newBaseManager() and Model.newInstance() in fer4j follows it. So the field is
  // set here, which keeps --device cpu on the CPU on a GPU machine too.
  private static void setDefault(Engine engine, Device device) {
    try {
      Field field = Engine.class.getDeclaredField("defaultDevice");
      field.setAccessible(true);
      field.set(engine, device);
    } catch (ReflectiveOperationException | RuntimeException e) {
      // Fall through: the check below says whether the default is already the right one.
    }
    if (!engine.defaultDevice().equals(device)) {
      throw new EngineSetupException("cannot make " + device + " DJL's default device (DJL "
          + Engine.getDjlVersion() + " has no defaultDevice field); the engine stays on " + engine.defaultDevice(), null);
    }
  }
}
