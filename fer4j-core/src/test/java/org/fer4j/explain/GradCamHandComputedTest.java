package org.fer4j.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import java.util.List;
import org.fer4j.FerException;
import org.fer4j.engine.Engines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Grad-CAM and Grad-CAM++ on {@link TinyStagedModel} against maps computed in plain Java from the
 * formulas written out below. Notation: x the input (2 channels, 3x3), A the target stage's output,
 * S_c = sum_k F[c][k] * mean_ij(Q_kij) + b_c the class score, where Q = A^2 at stage "conv" (so
 * g_kij = dS_c/dA_kij = F[c][k] * 2 A_kij / 9) and Q = A at stage "square" (g_kij = F[c][k] / 9).
 *
 * <pre>
 *   Grad-CAM:   w_k = (1/9) sum_ij g_kij
 *   Grad-CAM++: alpha_kij = g_kij^2 / (2 g_kij^2 + (sum_ab A_kab) g_kij^3)   (0/0 -> 0)
 *               w_k = sum_ij alpha_kij max(g_kij, 0)
 *   raw_ij = max(0, sum_k w_k A_kij);  map = (raw - min raw) / (max raw - min raw)
 * </pre>
 */
class GradCamHandComputedTest {
  /** Two images, 2 channels, 3x3, row-major; mixed signs so the ReLUs matter. */
  private static final float[] X = {
    // image 0, channel 0 then channel 1
    0.5f, -1f, 2f, 1.5f, 0f, -0.5f, 1f, 0.25f, -2f,
    -1f, 0.5f, 1f, 2f, -1.5f, 0.75f, 0f, 1f, -0.25f,
    // image 1
    1f, 1f, -0.5f, 0.2f, 2.5f, -1f, 0.3f, -0.7f, 1.2f,
    0.4f, -2f, 0.6f, 1.1f, -0.3f, 0.9f, -1.4f, 0.8f, 0.1f
  };

  private static NDManager manager;
  private static TinyStagedModel model;

  @BeforeAll
  static void setUp() {
    Engines.init();
    manager = NDManager.newBaseManager();
    model = new TinyStagedModel();
    model.initializeWithHandWeights(manager);
  }

  @AfterAll
  static void tearDown() {
    manager.close();
  }

  /** A[n][k][p] (p = 3*i + j) at stage "conv": the 1x1 convolution. */
  private static double[][][] convOutput() {
    double[][][] a = new double[2][2][9];
    for (int n = 0; n < 2; n++) {
      for (int k = 0; k < 2; k++) {
        for (int p = 0; p < 9; p++) {
          a[n][k][p] = TinyStagedModel.C[k][0] * X[n * 18 + p] + TinyStagedModel.C[k][1] * X[n * 18 + 9 + p];
        }
      }
    }
    return a;
  }

  private static double[][][] stageOutput(String layer) {
    double[][][] a = convOutput();
    if (layer.equals("square")) {
      for (double[][] img : a) {
        for (double[] ch : img) {
          for (int p = 0; p < 9; p++) {
            ch[p] = ch[p] * ch[p];
          }
        }
      }
    }
    return a;
  }

  /** Class scores S[n][c] from the definition of the network. */
  private static double[][] scores() {
    double[][][] a = stageOutput("square");
    double[][] s = new double[2][3];
    for (int n = 0; n < 2; n++) {
      for (int c = 0; c < 3; c++) {
        s[n][c] = TinyStagedModel.B[c];
        for (int k = 0; k < 2; k++) {
          double mean = 0;
          for (int p = 0; p < 9; p++) {
            mean += a[n][k][p] / 9;
          }
          s[n][c] += TinyStagedModel.F[c][k] * mean;
        }
      }
    }
    return s;
  }

  /** The expected raw map of image n for class c at the layer, by the formulas above. */
  private static double[] expectedRaw(String layer, boolean plusPlus, int n, int c) {
    double[][] a = stageOutput(layer)[n];
    double[][] conv = convOutput()[n];
    double[] raw = new double[9];
    double[] w = new double[2];
    for (int k = 0; k < 2; k++) {
      double sumA = 0;
      for (int p = 0; p < 9; p++) {
        sumA += a[k][p];
      }
      for (int p = 0; p < 9; p++) {
        double g = layer.equals("conv") ? TinyStagedModel.F[c][k] * 2 * conv[k][p] / 9 : TinyStagedModel.F[c][k] / 9;
        if (plusPlus) {
          double denominator = 2 * g * g + sumA * g * g * g;
          double alpha = denominator == 0 ? 0 : g * g / denominator;
          w[k] += alpha * Math.max(g, 0);
        } else {
          w[k] += g / 9;
        }
      }
    }
    for (int p = 0; p < 9; p++) {
      raw[p] = Math.max(0, w[0] * a[0][p] + w[1] * a[1][p]);
    }
    return raw;
  }

  private static int argMax(double[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      best = v[i] > v[best] ? i : best;
    }
    return best;
  }

  private List<Explanation> run(CamMethod method, String layer, int[] classes) {
    try (NDManager scope = manager.newSubManager()) {
      NDArray x = scope.create(X, new Shape(2, 2, 3, 3));
      GradientCam cam = GradientCam.builder().setModel(model).optLayer(layer).optMethod(method).build();
      List<Explanation> out = cam.explain(x, classes);
      assertThat(x.toFloatArray()).as("the input batch is left untouched").containsExactly(X);
      return out;
    }
  }

  private void check(CamMethod method, String layer, int[] classes) {
    List<Explanation> out = run(method, layer, classes);
    double[][] s = scores();
    for (int n = 0; n < 2; n++) {
      int c = classes[n] < 0 ? argMax(s[n]) : classes[n];
      Explanation e = out.get(n);
      assertThat(e.classIndex()).isEqualTo(c);
      assertThat(e.predictedClass()).isEqualTo(argMax(s[n]));
      double denominator = Math.exp(s[n][0]) + Math.exp(s[n][1]) + Math.exp(s[n][2]);
      assertThat((double) e.probability()).isCloseTo(Math.exp(s[n][c]) / denominator, within(1e-5));
      double[] raw = expectedRaw(layer, method == CamMethod.GRAD_CAM_PLUS_PLUS, n, c);
      double min = java.util.Arrays.stream(raw).min().orElseThrow();
      double max = java.util.Arrays.stream(raw).max().orElseThrow();
      assertThat(max).as("the case is not degenerate").isGreaterThan(min + 1e-3);
      for (int p = 0; p < 9; p++) {
        String where = method + " " + layer + " image " + n + " class " + c + " pixel " + p;
        assertThat((double) e.raw()[p]).as(where + " raw").isCloseTo(raw[p], within(1e-5 * Math.max(1, max)));
        // Same size in and out, so upsampling is the identity and the map is the normalised raw map.
        assertThat((double) e.map()[p]).as(where + " map").isCloseTo((raw[p] - min) / (max - min), within(1e-5));
      }
    }
  }

  @Test
  void gradCamAtTheLastStageForThePredictedClass() {
    check(CamMethod.GRAD_CAM, "square", new int[] {-1, -1});
  }

  @Test
  void gradCamAtAMiddleStageForChosenClasses() {
    check(CamMethod.GRAD_CAM, "conv", new int[] {2, 0});
  }

  @Test
  void gradCamPlusPlusAtTheLastStage() {
    check(CamMethod.GRAD_CAM_PLUS_PLUS, "square", new int[] {-1, 1});
  }

  @Test
  void gradCamPlusPlusAtAMiddleStage() {
    check(CamMethod.GRAD_CAM_PLUS_PLUS, "conv", new int[] {1, -1});
  }

  /**
   * One value worked on paper. Image 0, stage "square", class 1 (F[1] = (0.5, 2)): pixel (0,0) has
   * x = (0.5, -1), so A = conv = (0.5, 0.5*0.5 + 1) = (0.5, 1.25) and Q = (0.25, 1.5625). Grad-CAM
   * weights are F[1][k]/9 = (0.5/9, 2/9), so raw(0,0) = (0.5*0.25 + 2*1.5625)/9 = 3.25/9 = 0.36111.
   */
  @Test
  void oneGradCamValueWorkedOnPaper() {
    Explanation e = run(CamMethod.GRAD_CAM, "square", new int[] {1, 1}).get(0);
    assertThat((double) e.rawAt(0, 0)).isCloseTo(3.25 / 9, within(1e-6));
  }

  /** The two methods really differ where the gradient varies over space. */
  @Test
  void plusPlusIsNotARenamedGradCam() {
    float[] plain = run(CamMethod.GRAD_CAM, "conv", new int[] {1, 1}).get(0).map();
    float[] plus = run(CamMethod.GRAD_CAM_PLUS_PLUS, "conv", new int[] {1, 1}).get(0).map();
    double maxDiff = 0;
    for (int p = 0; p < 9; p++) {
      maxDiff = Math.max(maxDiff, Math.abs(plain[p] - plus[p]));
    }
    assertThat(maxDiff).isGreaterThan(0.01);
  }

  @Test
  void parameterGradientFlagsAreRestored() {
    run(CamMethod.GRAD_CAM, "conv", new int[] {0, 0});
    assertThat(model.getParameters().values()).allMatch(p -> p.getArray().hasGradient());
  }

  @Test
  void badRequestsNameTheFix() {
    assertThatThrownBy(() -> GradientCam.builder().setModel(model).optLayer("layer9").build())
        .isInstanceOf(FerException.class)
        .hasMessageContaining("unknown stage 'layer9'")
        .hasMessageContaining("[conv, square]");
    assertThatThrownBy(() -> run(CamMethod.GRAD_CAM, "conv", new int[] {3, 0}))
        .isInstanceOf(FerException.class)
        .hasMessageContaining("class index 3 is out of range: the model has 3 classes");
    assertThatThrownBy(() -> GradientCam.builder().setModel(Linear.builder().setUnits(2).build()).build())
        .isInstanceOf(FerException.class)
        .hasMessageContaining("Linear is not a StagedModel");
    assertThatThrownBy(() -> GradientCam.builder().build()).hasMessageContaining("setModel");
  }

  /**
   * Bilinear 2x2 -> 4x4 with half-pixel centres: output index d samples source coordinate
   * d/2 - 0.25, clamped to [0, 1], so a row (a, b) becomes (a, 0.75a + 0.25b, 0.25a + 0.75b, b).
   */
  @Test
  void upsamplingIsBilinearWithHalfPixelCentres() {
    try (NDManager scope = manager.newSubManager()) {
      NDArray up = CamMaps.upsample(scope.create(new float[] {0f, 4f, 8f, 12f}, new Shape(1, 2, 2)), 4, 4);
      float[] row0 = {0f, 1f, 3f, 4f};
      float[] row1 = {2f, 3f, 5f, 6f}; // 0.75 * row0 + 0.25 * (8, 9, 11, 12)
      float[] expected = new float[16];
      float[] last = {8f, 9f, 11f, 12f};
      float[] row2 = {6f, 7f, 9f, 10f};
      System.arraycopy(row0, 0, expected, 0, 4);
      System.arraycopy(row1, 0, expected, 4, 4);
      System.arraycopy(row2, 0, expected, 8, 4);
      System.arraycopy(last, 0, expected, 12, 4);
      assertThat(up.getShape()).isEqualTo(new Shape(1, 4, 4));
      assertThat(up.toFloatArray()).containsExactly(expected, within(1e-6f));
    }
  }

  @Test
  void normalisationScalesEachImageAndZeroesConstantMaps() {
    try (NDManager scope = manager.newSubManager()) {
      NDArray maps = scope.create(new float[] {2f, 4f, 6f, 10f, 3f, 3f, 3f, 3f}, new Shape(2, 2, 2));
      assertThat(CamMaps.normalise(maps).toFloatArray())
          .containsExactly(new float[] {0f, 0.25f, 0.5f, 1f, 0f, 0f, 0f, 0f}, within(1e-6f));
    }
  }
}
