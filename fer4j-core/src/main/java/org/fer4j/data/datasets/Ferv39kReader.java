package org.fer4j.data.datasets;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fer4j.data.ImageRef;
import org.fer4j.data.LabelSpace;
import org.fer4j.data.Sample;
import org.fer4j.data.datasets.labels.Ferv39kLabels;

/**
 * FERV39K (Wang et al., "FERV39k: A Large-Scale Multi-Scene Dataset for Facial Expression
 * Recognition in Videos", CVPR 2022): split files {@code 4_setups/All_scenes/train_All.csv} and
 * {@code test_All.csv} (space-separated, no header, e.g. {@code Interview/Happy/0118 Happy}) and
 * frame folders under {@code 2_ClipsforFaceCrop/}
 * ({@code sunlicai/MAE-DFER:preprocess/ferv39k.py}).
 * 31,088 train / 7,847 test clips.
 */
public final class Ferv39kReader extends AbstractDatasetReader {

  public Ferv39kReader() {
    super("ferv39k",
        "FERV39K: 4_setups/All_scenes/{train,test}_All.csv + 2_ClipsforFaceCrop/ frames",
        Map.of("frames", "frame folder relative to DIR (default: 2_ClipsforFaceCrop)"));
  }

  @Override
  public DatasetIndex read(Path root, ReaderOptions options) {
    ReadContext ctx = new ReadContext("FERV39K", root, options);
    Path clips = ctx.locate("the frame folder", options.setting("frames", "2_ClipsforFaceCrop"));
    LabelSpace space = LabelSpace.EXPRESSION_7;
    DatasetIndex.Builder index = DatasetIndex.builder(format(), root, space)
        .split("train").split("test").setting("frames", ctx.shown(clips));
    for (String split : List.of("train", "test")) {
      String name = split + "_All.csv";
      Path list = ctx.locate(name, "4_setups/All_scenes/" + name, name);
      TextLines.forEach(list, (line, text) -> {
        String[] f = TextLines.splitBlanks(text);
        if (f.length == 0) {
          return;
        }
        if (f.length != 2) {
          ctx.malformed(list, line, "expected 'Scene/Class/id Class', got '" + text.strip() + "'");
          return;
        }
        int label = ctx.label(Ferv39kLabels.TABLE, space, f[1], list, line);
        if (label < 0) {
          return;
        }
        Path folder = clips.resolve(f[0]);
        List<ImageRef> frames = FrameFolders.frames(folder);
        if (frames.isEmpty()) {
          ctx.problem(list, line, Problem.Kind.MISSING_IMAGE, "clip has no frames",
              ctx.shown(folder));
        } else if (DfewReader.framesUsable(ctx, frames, list, line)) {
          index.add(split, new Sample(f[0], frames, label, null, Float.NaN, null, split, null));
        }
      });
    }
    return index.problems(ctx.problems()).build();
  }
}
