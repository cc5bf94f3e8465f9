package org.fer4j.face.pose;

/**
 * Perspective-n-point: the rotation and translation that best map 3D model points onto their
 * observed image points through a known pinhole {@link Camera}, without any native dependency.
 *
 * <p>A closed-form scaled-orthographic (weak perspective) fit gives the start: an affine least-squares
 * map from the centred model to the centred image points, whose two rows, made orthonormal, are the
 * first two rows of the rotation; their mean length is the scale, which fixes the depth as
 * {@code focal / scale}. Levenberg-Marquardt then minimises the full perspective reprojection error
 * over six parameters: a rotation increment {@code R <- exp([w]x) R} (Rodrigues) and the translation.
 * Needs at least four points that are not all in one plane.
 */
public final class PerspectivePnp {
  private static final int MAX_ITERATIONS = 100;

  /**
   * A solved pose.
   *
   * @param rotation model-to-camera rotation, row-major 3 x 3
   * @param translation camera-frame position of the model's origin
   * @param rmsError root-mean-square reprojection error in pixels
   */
  public record Fit(double[][] rotation, double[] translation, double rmsError) {}

  private PerspectivePnp() {}

  /**
   * Solves the pose.
   *
   * @param model model points (centred at their centroid for the best start)
   * @param uv observed pixels {u0, v0, u1, v1, ...}, one pair per model point
   * @param camera the camera that took the image
   */
  public static Fit solve(double[][] model, double[] uv, Camera camera) {
    if (model.length < 4 || uv.length != 2 * model.length) {
      throw new IllegalArgumentException("PnP needs >= 4 model points and one (u, v) pair each; got "
          + model.length + " points and " + uv.length + " image coordinates");
    }
    Fit start = weakPerspective(model, uv, camera);
    return refine(model, uv, camera, start.rotation(), start.translation());
  }

  static Fit weakPerspective(double[][] model, double[] uv, Camera camera) {
    int n = model.length;
    double[] mc = new double[3];
    double mu = 0;
    double mv = 0;
    for (int i = 0; i < n; i++) {
      mc = Rotations.add(mc, Rotations.scale(model[i], 1.0 / n));
      mu += uv[2 * i] / n;
      mv += uv[2 * i + 1] / n;
    }
    double[][] ata = new double[3][3];
    double[] atu = new double[3];
    double[] atv = new double[3];
    for (int i = 0; i < n; i++) {
      double[] q = Rotations.subtract(model[i], mc);
      for (int a = 0; a < 3; a++) {
        for (int b = 0; b < 3; b++) {
          ata[a][b] += q[a] * q[b];
        }
        atu[a] += q[a] * (uv[2 * i] - mu);
        atv[a] += q[a] * (uv[2 * i + 1] - mv);
      }
    }
    double[] r1 = LinearSolve.solve(copy(ata), atu);
    double[] r2 = LinearSolve.solve(copy(ata), atv);
    double scale = (Rotations.norm(r1) + Rotations.norm(r2)) / 2;
    double[][] rotation = orthonormalRows(r1, r2);
    double depth = camera.focal() / scale;
    double[] centre = {(mu - camera.cx()) * depth / camera.focal(), (mv - camera.cy()) * depth / camera.focal(), depth};
    double[] translation = Rotations.subtract(centre, Rotations.apply(rotation, mc));
    return new Fit(rotation, translation, Double.NaN);
  }

  // The nearest orthonormal pair to two rows, symmetric in both: rotate their bisectors apart to
  // 90 degrees. The third row completes a right-handed rotation.
  private static double[][] orthonormalRows(double[] a, double[] b) {
    double[] ua = Rotations.scale(a, 1 / Rotations.norm(a));
    double[] ub = Rotations.scale(b, 1 / Rotations.norm(b));
    double[] sum = Rotations.add(ua, ub);
    double[] diff = Rotations.subtract(ua, ub);
    sum = Rotations.scale(sum, 1 / Rotations.norm(sum));
    diff = Rotations.scale(diff, 1 / Rotations.norm(diff));
    double[] r1 = Rotations.scale(Rotations.add(sum, diff), 1 / Math.sqrt(2));
    double[] r2 = Rotations.scale(Rotations.subtract(sum, diff), 1 / Math.sqrt(2));
    return new double[][] {r1, r2, Rotations.cross(r1, r2)};
  }

  private static Fit refine(double[][] model, double[] uv, Camera camera, double[][] rotation, double[] translation) {
    double lambda = 1e-3;
    double error = squaredError(model, uv, camera, rotation, translation);
    for (int it = 0; it < MAX_ITERATIONS; it++) {
      double[][] h = new double[6][6];
      double[] g = new double[6];
      normalEquations(model, uv, camera, rotation, translation, h, g);
      double[][] damped = copy(h);
      for (int k = 0; k < 6; k++) {
        damped[k][k] += lambda * Math.max(h[k][k], 1e-12);
        g[k] = -g[k];
      }
      double[] step = LinearSolve.solve(damped, g);
      double[][] r = Rotations.multiply(Rotations.exp(new double[] {step[0], step[1], step[2]}), rotation);
      double[] t = Rotations.add(translation, new double[] {step[3], step[4], step[5]});
      double e = squaredError(model, uv, camera, r, t);
      if (e < error) {
        rotation = r;
        translation = t;
        boolean converged = error - e < 1e-12 * (1 + error);
        error = e;
        lambda = Math.max(lambda / 10, 1e-12);
        if (converged) {
          break;
        }
      } else {
        lambda *= 10;
        if (lambda > 1e12) {
          break;
        }
      }
    }
    return new Fit(rotation, translation, Math.sqrt(error / model.length));
  }

  // J^T J and J^T r of the reprojection residuals, with J taken w.r.t. (w, t) at w = 0.
  private static void normalEquations(
      double[][] model, double[] uv, Camera camera, double[][] rotation, double[] translation, double[][] h, double[] g) {
    double f = camera.focal();
    for (int i = 0; i < model.length; i++) {
      double[] p = Rotations.apply(rotation, model[i]);
      double x = p[0] + translation[0];
      double y = p[1] + translation[1];
      double z = p[2] + translation[2];
      double[][] rows = {{f / z, 0, -f * x / (z * z)}, {0, f / z, -f * y / (z * z)}};
      double[] residual = {f * x / z + camera.cx() - uv[2 * i], f * y / z + camera.cy() - uv[2 * i + 1]};
      for (int k = 0; k < 2; k++) {
        double[] d = rows[k];
        // d(exp([w]x) p)/dw = -[p]x
        double[] j = {
          d[1] * -p[2] + d[2] * p[1], d[0] * p[2] + d[2] * -p[0], d[0] * -p[1] + d[1] * p[0], d[0], d[1], d[2]
        };
        for (int a = 0; a < 6; a++) {
          g[a] += j[a] * residual[k];
          for (int b = 0; b < 6; b++) {
            h[a][b] += j[a] * j[b];
          }
        }
      }
    }
  }

  private static double squaredError(double[][] model, double[] uv, Camera camera, double[][] rotation, double[] t) {
    double sum = 0;
    for (int i = 0; i < model.length; i++) {
      double[] p = Rotations.add(Rotations.apply(rotation, model[i]), t);
      if (p[2] <= 0) {
        return Double.POSITIVE_INFINITY; // behind the camera: never an improvement
      }
      double du = camera.focal() * p[0] / p[2] + camera.cx() - uv[2 * i];
      double dv = camera.focal() * p[1] / p[2] + camera.cy() - uv[2 * i + 1];
      sum += du * du + dv * dv;
    }
    return sum;
  }

  private static double[][] copy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }
}
