package org.fer4j.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.fer4j.FerException;
import org.fer4j.data.LabelSpace;
import org.fer4j.explain.CamMethod;
import org.fer4j.explain.Colormap;
import org.fer4j.explain.ExplainFiles;
import org.fer4j.explain.GradientCam;
import org.fer4j.explain.ModelViews;
import org.fer4j.models.ModelView;
import org.fer4j.explain.PreparedImage;
import org.fer4j.models.ModelRegistry;
import org.fer4j.models.ModelSpec;
import org.fer4j.data.PreprocessConfig;
import org.fer4j.run.TrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fer explain}: Grad-CAM / Grad-CAM++ overlays for image files, one PNG per image and a
 * contact sheet. Images are resized to the model's input and normalised with its {@link
 * PreprocessConfig}; the heat map is drawn on exactly that picture.
 */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = "Grad-CAM / Grad-CAM++ heat maps of a model's decision, as overlay PNGs and a contact sheet, plus the model's own view (AGLF, LNLJ, FAER, GCSA).")
public final class ExplainCommand implements Callable<Integer> {
  @Mixin EngineMixin engine;

  @Mixin WeightsMixin weights;

  @Option(names = "--model", description = "Registered model name (see 'fer models'); or use --run.")
  String model;

  @Option(names = "--run", paramLabel = "RUN_DIR", description = "A trained run directory (config.json, labels.json, best checkpoint); its model, input size, classes and weights are used.")
  Path run;

  @Option(names = "--view", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Also write the model's own view (AGLF region CAMs, LNLJ region weights, FAER CC-Attention, GCSA strip of frames) as NAME_view.png; --no-view skips it (default: on).")
  boolean view;

  @Option(names = "--layer", paramLabel = "STAGE", description = "Stage to explain (default: the model's CAM layer).")
  String layer;

  @Option(names = "--class", paramLabel = "NAME|INDEX", description = "Class to explain (default: each image's prediction).")
  String target;

  @Option(names = "--method", defaultValue = "gradcam", description = "gradcam or gradcampp (default: ${DEFAULT-VALUE}).")
  String method;

  @Option(names = "--classes", description = "Classes of the head: 7 or 8 name the expressions (default: the model's).")
  Integer classes;

  @Option(names = "--size", description = "Input size S or HxW (default: the model's).")
  String size;

  @Option(names = "--colormap", defaultValue = "jet", description = "jet, inferno or gray (default: ${DEFAULT-VALUE}).")
  String colormap;

  @Option(names = "--alpha", defaultValue = "0.5", description = "Heat map opacity in [0,1] (default: ${DEFAULT-VALUE}).")
  float alpha;

  @Option(names = "--batch", defaultValue = "8", description = "Images per pass (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--sheet-max", defaultValue = "100", description = "Images on the contact sheet at most (default: ${DEFAULT-VALUE}).")
  int sheetMax;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the PNGs (created if missing).")
  Path out;

  @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "Image files (PNG, JPEG, BMP, GIF).")
  List<Path> images;

  @Override
  public Integer call() {
    if ((model == null) == (run == null)) {
      throw FerException.badInput("give exactly one of --model NAME (with --pretrained FILE) or --run RUN_DIR");
    }
    if (run != null && (weights.isSet() || classes != null || size != null)) {
      throw FerException.badInput("--run takes the weights, classes and input size from the run directory;"
          + " drop --pretrained, --classes and --size");
    }
    engine.start();
    CamMethod camMethod = CamMethod.of(method);
    Colormap colours = Colormap.of(colormap);
    if (run != null) {
      try (TrainedModel trained = TrainedModel.open(run)) {
        System.out.printf("run %s: %s, %d classes, %dx%d input, weights %s (%s)%n", run, trained.spec().name(),
            trained.labels().size(), trained.preprocess().height(), trained.preprocess().width(),
            trained.weightsFile().getFileName(), trained.selectionRule());
        return explain(trained.manager(), trained.block(), trained.preprocess(), trained.labels(), camMethod, colours);
      }
    }
    ModelSpec spec = ModelRegistry.get(model);
    LabelSpace labels = RegisteredModel.labels(spec, classes);
    PreprocessConfig preprocess = preprocess(spec.preprocess());
    try (NDManager manager = NDManager.newBaseManager()) {
      Block block = loadModel(spec, labels, preprocess, manager);
      return explain(manager, block, preprocess, labels, camMethod, colours);
    }
  }

  private int explain(NDManager manager, Block block, PreprocessConfig preprocess, LabelSpace labels,
      CamMethod camMethod, Colormap colours) {
    int classIndex = classIndex(labels);
    ModelViews views = new ModelViews(block, camMethod, labels, colours, alpha);
    if (views.kind() == ModelView.GCSA_STRIP) {
      return ClipExplain.run(views, manager, images, preprocess, classIndex, out);
    }
    GradientCam cam = GradientCam.builder().setModel(block).optLayer(layer).optMethod(camMethod).build();
    ExplainFiles files = new ExplainFiles(cam, preprocess, labels, colours, alpha, batch, sheetMax);
    ExplainFiles.Summary s = files.run(manager, images, classIndex, out, System.out::println);
    System.out.printf(
        "%d overlay(s) and %s written to %s with %s at %s; %d problem(s)%n",
        s.written().size(), s.contactSheet() == null ? "no contact sheet" : ExplainFiles.SHEET, out,
        camMethod.title(), cam.layer(), s.problems().size());
    if (s.written().isEmpty()) {
      throw FerException.badInput("none of the " + images.size() + " image(s) could be explained:\n  "
          + String.join("\n  ", s.problems()));
    }
    if (view && views.kind() != ModelView.NONE) {
      int written = 0;
      List<Path> ok = s.written().stream().map(ExplainFiles.Written::source).toList();
      for (int start = 0; start < ok.size(); start += batch) {
        List<PreparedImage> chunk = new ArrayList<>();
        for (Path p : ok.subList(start, Math.min(ok.size(), start + batch))) {
          chunk.add(PreparedImage.read(p, preprocess));
        }
        written += views.writeImages(manager, chunk, classIndex, out).size();
      }
      System.out.printf("%d %s view(s) written to %s (NAME_view.png)%n", written, views.kind(), out);
    }
    return s.problems().isEmpty() ? 0 : FerException.Kind.BAD_INPUT.exitCode();
  }

  /**
   * Builds and initialises the model and loads {@code --pretrained} (clip models get their frame
   * count and size from the model's preprocessing).
   */
  private Block loadModel(ModelSpec spec, LabelSpace labels, PreprocessConfig p, NDManager manager) {
    Block block = spec.buildInitialized(labels.size(), Map.of(), p, manager);
    if (!weights.isSet()) {
      System.err.println("warning: no --pretrained weights; the model has random weights, so the maps only"
          + " show what an untrained network reacts to");
    }
    weights.apply(block, System.err);
    return block;
  }

  private PreprocessConfig preprocess(PreprocessConfig p) {
    if (size == null) {
      return p;
    }
    int[] hw = BenchCommand.parseSize(size);
    return new PreprocessConfig(hw[0], hw[1], p.channels(), p.mean(), p.std(), p.frames());
  }

  /** -1 (the prediction), an index, or a class name of the label space. */
  private int classIndex(LabelSpace labels) {
    if (target == null) {
      return -1;
    }
    String t = target.trim();
    if (t.matches("\\d+")) {
      int index = Integer.parseInt(t);
      if (index >= labels.size()) {
        throw FerException.badInput("--class " + index + " is out of range: the model has " + labels.size()
            + " classes (0.." + (labels.size() - 1) + ")");
      }
      return index;
    }
    return labels.indexOf(t);
  }
}
