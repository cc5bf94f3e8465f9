package org.fer4j.face.pose;

/** Gaussian elimination with partial pivoting for the solver's small dense systems. */
final class LinearSolve {
  private LinearSolve() {}

  /** Solves {@code a x = b} in place of {@code a} and a copy of {@code b}. */
  static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    double[] x = b.clone();
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int r = col + 1; r < n; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
          pivot = r;
        }
      }
      if (Math.abs(a[pivot][col]) < 1e-300) {
        throw new ArithmeticException("singular system (the points are degenerate, e.g. all on one line)");
      }
      double[] rowSwap = a[col];
      a[col] = a[pivot];
      a[pivot] = rowSwap;
      double xSwap = x[col];
      x[col] = x[pivot];
      x[pivot] = xSwap;
      for (int r = col + 1; r < n; r++) {
        double factor = a[r][col] / a[col][col];
        for (int c = col; c < n; c++) {
          a[r][c] -= factor * a[col][c];
        }
        x[r] -= factor * x[col];
      }
    }
    for (int r = n - 1; r >= 0; r--) {
      double sum = x[r];
      for (int c = r + 1; c < n; c++) {
        sum -= a[r][c] * x[c];
      }
      x[r] = sum / a[r][r];
    }
    return x;
  }
}
