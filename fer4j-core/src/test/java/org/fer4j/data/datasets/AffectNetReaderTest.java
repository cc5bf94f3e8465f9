package org.fer4j.data.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.fer4j.data.FaceBox;
import org.fer4j.data.LabelSpace;
import org.fer4j.data.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AffectNetReaderTest {
  private static final String HEADER = "subDirectory_filePath,face_x,face_y,face_width,face_height,"
      + "facial_landmarks,expression,valence,arousal";

  @TempDir Path root;

  private Path writeCsvLayout() {
    Path training = Fixtures.text(root, "Manually_Annotated_file_lists/training.csv", HEADER,
        "1/a.jpg,10,12,100,110,1.0;2.0;3.0,0,0.1,0.2",
        "1/b.jpg,5,5,50,50,1.0;2.0,1,0.5,0.3",
        "2/c.jpg,5,5,50,50,1.0;2.0,8,0,0",
        "2/d.jpg,5,5,50,50,1.0;2.0,7,0,0",
        "2/e.jpg,5,5,0,50,1.0;2.0,3,0,0",
        "2/f.jpg,5,5,50,50,1.0;2.0,12,0,0",
        "3/missing.jpg,5,5,50,50,1.0;2.0,6,0,0",
        "2/g.jpg,5,5,50,50,1.0;2.0,10,0,0");
    Fixtures.text(root, "Manually_Annotated_file_lists/validation.csv", HEADER,
        "4/v.jpg,0,0,20,20,1.0,4,0,0");
    for (String img : List.of("1/a.jpg", "1/b.jpg", "2/c.jpg", "2/d.jpg", "2/e.jpg", "2/f.jpg",
        "2/g.jpg", "4/v.jpg")) {
      Fixtures.image(root, "Manually_Annotated_Images/" + img);
    }
    return training;
  }

  @Test
  void csvLayoutMapsCodesKeepsTheFaceBoxAndCountsDroppedClasses() {
    Path training = writeCsvLayout();

    DatasetIndex index = DatasetReaders.read("affectnet", root, ReaderOptions.defaults());

    LabelSpace s = index.labels();
    assertThat(s).isEqualTo(LabelSpace.EXPRESSION_7);
    List<Sample> train = index.split("train");
    assertThat(train).extracting(Sample::id).containsExactly("1/a.jpg", "1/b.jpg");
    assertThat(s.nameOf(train.get(0).label())).isEqualTo("Neutral"); // AffectNet 0
    assertThat(s.nameOf(train.get(1).label())).isEqualTo("Happiness"); // AffectNet 1
    assertThat(train.get(0).box()).isEqualTo(new FaceBox(10, 12, 100, 110));
    assertThat(s.nameOf(index.split("test").get(0).label())).isEqualTo("Fear"); // validation = test
    assertThat(index.excluded()).extracting(Problem::message).containsExactly(
        training + ":4: None (no expression class): label 8",
        training + ":5: class not in the 7-class space: Contempt",
        training + ":9: No-Face: label 10");
    assertThat(index.errors()).extracting(Problem::message).containsExactly(
        training + ":6: malformed line: face box '5,5,0,50' is not four numbers with positive"
            + " width and height",
        training + ":7: unknown label: '12' (valid: 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)",
        training + ":8: image not found: Manually_Annotated_Images/3/missing.jpg");
  }

  @Test
  void eightClassesKeepsContempt() {
    writeCsvLayout();
    ReaderOptions eight = ReaderOptions.builder().optSetting("classes", "8").build();

    DatasetIndex index = DatasetReaders.read("affectnet", root, eight);

    assertThat(index.split("train")).extracting(x -> index.labels().nameOf(x.label()))
        .containsExactly("Neutral", "Happiness", "Contempt");
    assertThat(index.excluded()).hasSize(2);
  }

  @Test
  void npyLayoutReadsOneExpressionFilePerImage() {
    Fixtures.bytes(root, "train_set/annotations/0_exp.npy",
        NpyTest.npy("<U1", "()", NpyTest.utf32("1", 1)));
    Fixtures.bytes(root, "train_set/annotations/1_exp.npy",
        NpyTest.npy("<U1", "()", NpyTest.utf32("9", 1)));
    Fixtures.bytes(root, "train_set/annotations/2_exp.npy", new byte[] {1, 2});
    Fixtures.bytes(root, "train_set/annotations/0_val.npy", new byte[] {1, 2}); // not a label
    Fixtures.bytes(root, "val_set/annotations/7_exp.npy",
        NpyTest.npy("<U1", "()", NpyTest.utf32("6", 1)));
    for (String img : List.of("train_set/images/0.jpg", "train_set/images/1.jpg",
        "train_set/images/2.jpg", "val_set/images/7.jpg")) {
      Fixtures.image(root, img);
    }

    DatasetIndex index = DatasetReaders.read("affectnet", root, ReaderOptions.defaults());

    assertThat(index.settings()).containsEntry("layout", "npy");
    assertThat(index.split("train")).extracting(Sample::id).containsExactly("0");
    assertThat(index.labels().nameOf(index.split("train").get(0).label())).isEqualTo("Happiness");
    assertThat(index.labels().nameOf(index.split("test").get(0).label())).isEqualTo("Anger");
    assertThat(index.split("train").get(0).box()).isNull();
    assertThat(index.excluded()).extracting(Problem::message).containsExactly(
        root.resolve("train_set/annotations/1_exp.npy") + ": Uncertain: label 9");
    assertThat(index.errors()).extracting(Problem::message).containsExactly(
        root.resolve("train_set/annotations/2_exp.npy") + ": unreadable label file: not a .npy"
            + " file (no \\x93NUMPY magic)");
  }

  @Test
  void classBalancedWeightsGiveEachClassTheSameTotal() {
    writeCsvLayout();
    ReaderOptions eight = ReaderOptions.builder().optSetting("classes", "8").build();
    List<Sample> train = DatasetReaders.read("affectnet", root, eight).split("train");
    List<Sample> four = List.of(train.get(0), train.get(0), train.get(0), train.get(1));

    double[] w = ClassBalance.weights(four, 8);

    // N=4 samples, K=2 classes present: 4/(2*3) for the three Neutral, 4/(2*1) for Happiness.
    assertThat(w).containsExactly(new double[] {2.0 / 3, 2.0 / 3, 2.0 / 3, 2.0},
        org.assertj.core.data.Offset.offset(1e-12));
  }
}
