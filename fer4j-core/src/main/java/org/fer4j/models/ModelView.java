package org.fer4j.models;

/**
 * The figure {@code fer explain --view} draws for a model beyond its plain CAM overlays. A model
 * names its own view ({@link StagedModel#view()}), so adding a model never touches the explain code
 * unless it brings a new kind of figure.
 */
public enum ModelView {
  /** AGLF: one CAM per face region and their fusion. */
  AGLF_REGIONS,
  /** LNLJ: the non-local weight of each region on a grid. */
  LNLJ_WEIGHTS,
  /** FAER: the CC-Attention map. */
  FAER_ATTENTION,
  /** GCSA: a strip of per-frame CAMs of one clip. */
  GCSA_STRIP,
  /** no view beyond the CAM overlays (plain backbones) */
  NONE
}
