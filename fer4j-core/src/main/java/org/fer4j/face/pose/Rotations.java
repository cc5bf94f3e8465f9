package org.fer4j.face.pose;

/** The few 3 x 3 and 3-vector operations the pose solver needs, on plain double arrays. */
final class Rotations {
  private Rotations() {}

  static double[][] multiply(double[][] a, double[][] b) {
    double[][] c = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        c[i][j] = a[i][0] * b[0][j] + a[i][1] * b[1][j] + a[i][2] * b[2][j];
      }
    }
    return c;
  }

  static double[] apply(double[][] r, double[] p) {
    return new double[] {
      r[0][0] * p[0] + r[0][1] * p[1] + r[0][2] * p[2],
      r[1][0] * p[0] + r[1][1] * p[1] + r[1][2] * p[2],
      r[2][0] * p[0] + r[2][1] * p[1] + r[2][2] * p[2]
    };
  }

  static double[] cross(double[] a, double[] b) {
    return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
  }

  static double norm(double[] a) {
    return Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
  }

  static double[] scale(double[] a, double s) {
    return new double[] {a[0] * s, a[1] * s, a[2] * s};
  }

  static double[] add(double[] a, double[] b) {
    return new double[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]};
  }

  static double[] subtract(double[] a, double[] b) {
    return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
  }

  /** The rotation of angle |w| about axis w (Rodrigues' formula). */
  static double[][] exp(double[] w) {
    double theta = norm(w);
    if (theta < 1e-12) {
      return new double[][] {{1, -w[2], w[1]}, {w[2], 1, -w[0]}, {-w[1], w[0], 1}};
    }
    double[] k = scale(w, 1 / theta);
    double s = Math.sin(theta);
    double c = 1 - Math.cos(theta);
    double[][] r = new double[3][3];
    double[][] kx = {{0, -k[2], k[1]}, {k[2], 0, -k[0]}, {-k[1], k[0], 0}};
    double[][] kx2 = multiply(kx, kx);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        r[i][j] = (i == j ? 1 : 0) + s * kx[i][j] + c * kx2[i][j];
      }
    }
    return r;
  }
}
