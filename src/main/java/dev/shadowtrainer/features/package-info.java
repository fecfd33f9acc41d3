/**
 * Features, past-only normalisation, regime detectors and small statistics for agents.
 *
 * <p><b>No-lookahead contract.</b> The value of any feature, normalised feature, usable flag or
 * regime at bar index i depends only on bars with index &lt;= i. Computing on the series cut
 * after i, or on a series whose bars after i are replaced with anything else, gives bit-identical
 * results at every index &lt;= i; the tests check exactly that for every output of this package.
 * Values may depend on where the series starts (recursive indicators are seeded at bar 0, the
 * normaliser re-anchors every window counted from bar 0), which is why warm-ups exist.
 *
 * <p>Entry points: {@link dev.shadowtrainer.features.FeaturePipeline} (candles to raw
 * {@link dev.shadowtrainer.features.FeatureMatrix}),
 * {@link dev.shadowtrainer.features.RollingNormaliser} (raw to rolling z-scores),
 * {@link dev.shadowtrainer.features.AtrAdxRegimeDetector} and
 * {@link dev.shadowtrainer.features.TrendRegimeDetector} (per-bar regimes).
 */
package dev.shadowtrainer.features;
