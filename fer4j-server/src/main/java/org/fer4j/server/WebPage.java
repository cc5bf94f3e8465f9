package org.fer4j.server;

/**
 * Headers of the static page. The Content-Security-Policy allows only the server's own origin
 * (plus {@code data:}/{@code blob:} images for uploads, webcam frames and overlays), so the page
 * cannot pull anything from a CDN even by mistake.
 */
final class WebPage {
  static final String CSP = "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:;"
      + " connect-src 'self'; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'";

  private WebPage() {}
}
