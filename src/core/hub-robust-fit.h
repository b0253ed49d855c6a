/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * HubRobustFit:
 * A straight line y = intercept + slope · x fitted so that a minority of
 * wild points (up to about half) cannot pull it.
 *
 * @n_fit: points the fit was computed from (the training points)
 * @n_inliers: training points within the inlier band (see
 *   hub_robust_fit_line()); the final line is least squares on those
 * @scale: robust standard deviation of the residuals of the first line
 * @n_holdout: held-out points the R² was measured on
 * @r2_holdout: R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)² over the held-out points, with
 *   ȳ their own mean (NaN when fewer than 2 held-out points or all equal);
 *   it can be negative when the line predicts worse than the mean
 * @pooled: TRUE when this group had too few points and the pooled line of
 *   every group is used instead
 */
typedef struct {
  double   slope;
  double   intercept;
  double   scale;
  guint    n_fit;
  guint    n_inliers;
  guint    n_holdout;
  double   r2_holdout;
  gboolean pooled;
} HubRobustFit;

/**
 * hub_robust_fit_line:
 * @x: abscissae
 * @y: ordinates
 * @n: number of points (at least 2 with distinct @x)
 * @seed: seed of the candidate sampling (same seed, same result)
 * @out: receives the line; its hold-out fields are left at 0 / NaN
 *
 * RANSAC with a least-median-of-squares score: lines through random pairs of
 * points (at most 1000 pairs; every pair when there are fewer) are scored by
 * the median of their squared residuals, and the best one is kept. Points
 * whose residual is within 2.5 robust standard deviations of it are the
 * inliers, and the returned line is ordinary least squares on the inliers.
 * The median score tolerates close to 50% outliers, where least squares
 * follows them.
 *
 * Returns: FALSE when no line can be fitted (fewer than 2 points, or all
 * @x equal).
 */
gboolean hub_robust_fit_line    (const double *x,
                                 const double *y,
                                 guint         n,
                                 guint32       seed,
                                 HubRobustFit *out);

/* Ordinary least squares; FALSE when fewer than 2 points or all @x equal. */
gboolean hub_ols_fit_line       (const double *x,
                                 const double *y,
                                 guint         n,
                                 double       *out_slope,
                                 double       *out_intercept);

/* intercept + slope · x. */
double   hub_robust_fit_predict (const HubRobustFit *fit,
                                 double              x);

/* R² of @fit on the points (see HubRobustFit.r2_holdout); NaN when n < 2
 * or the points have no spread. */
double   hub_robust_fit_r2      (const HubRobustFit *fit,
                                 const double       *x,
                                 const double       *y,
                                 guint               n);

/* Deterministic hold-out split: TRUE for about one key in five, the same
 * on every machine and every run (FNV-1a hash of @key). */
gboolean hub_robust_fit_is_holdout (const char *key);

/**
 * hub_robust_fit_groups:
 * @x, @y: the points
 * @group: the group of each point, < @n_groups
 * @holdout: TRUE for points kept out of fitting and used for R² only
 * @n: number of points
 * @n_groups: number of groups
 * @min_points: a group with fewer training points uses the pooled line
 * @min_slope: a group whose own line is flatter than this uses the pooled
 *   line too (when one value repeats in most of a small group, the median
 *   criterion can prefer a flat line through the repeats)
 * @seed: seed of the candidate sampling
 * @out_groups: (array length=n_groups): one fit per group; a small group
 *   gets the pooled line with @pooled set, and its own hold-out R²
 * @out_pooled: the line of all training points together, with the hold-out
 *   R² of every held-out point under its own group's line
 *
 * Fits one robust line per group where there is enough data, else the
 * pooled one. Pure: no I/O, no globals.
 *
 * Returns: FALSE when even the pooled fit is impossible.
 */
gboolean hub_robust_fit_groups  (const double   *x,
                                 const double   *y,
                                 const guint    *group,
                                 const gboolean *holdout,
                                 guint           n,
                                 guint           n_groups,
                                 guint           min_points,
                                 double          min_slope,
                                 guint32         seed,
                                 HubRobustFit   *out_groups,
                                 HubRobustFit   *out_pooled);

G_END_DECLS
