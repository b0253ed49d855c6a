/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hub-robust-fit.h"

#include "hub-test-util.h"

#include <math.h>

#define TRUE_SLOPE     0.9
#define TRUE_INTERCEPT 2.0

/* Points on y = 2 + 0.9 x with a little noise, where every third-and-a-bit
 * point (30%) is an outlier far below the line at large x: the kind of
 * cluster that mixed storage formats make, and that drags least squares. */
static void
make_points (guint    n,
             double   outlier_share,
             guint32  seed,
             double  *x,
             double  *y,
             gboolean *is_outlier)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint n_out = (guint) (n * outlier_share + 0.5);

  for (guint i = 0; i < n; i++)
    {
      x[i] = g_rand_double_range (rand, 0, 10);
      y[i] = TRUE_INTERCEPT + TRUE_SLOPE * x[i] + g_rand_double_range (rand, -0.05, 0.05);
      is_outlier[i] = FALSE;
    }
  for (guint i = 0; i < n_out; i++)
    {
      guint k = (i * 10) / 3;   /* spread over the array: 0, 3, 6, 10, ... */

      g_assert_cmpuint (k, <, n);
      x[k] = g_rand_double_range (rand, 7, 10);
      y[k] = g_rand_double_range (rand, -2, 0);
      is_outlier[k] = TRUE;
    }
}

static void
test_recovers_line_with_outliers (void)
{
  const guint n = 400;
  double x[400], y[400];
  gboolean out[400];
  HubRobustFit fit;
  double ols_slope, ols_intercept;
  guint n_out = 0, n_out_inlier = 0;

  make_points (n, 0.30, 7, x, y, out);
  for (guint i = 0; i < n; i++)
    n_out += out[i];
  g_assert_cmpuint (n_out, ==, 120);

  g_assert_true (hub_robust_fit_line (x, y, n, 1, &fit));
  g_assert_cmpfloat_with_epsilon (fit.slope, TRUE_SLOPE, 0.02);
  g_assert_cmpfloat_with_epsilon (fit.intercept, TRUE_INTERCEPT, 0.05);
  g_assert_cmpuint (fit.n_fit, ==, n);

  /* The inliers are the 280 good points, give or take the band's edge. */
  for (guint i = 0; i < n; i++)
    if (out[i] && fabs (y[i] - hub_robust_fit_predict (&fit, x[i])) <= 2.5 * fit.scale)
      n_out_inlier++;
  g_assert_cmpuint (n_out_inlier, ==, 0);
  g_assert_cmpuint (fit.n_inliers, >=, 270);
  g_assert_cmpuint (fit.n_inliers, <=, 280);

  /* Least squares on the same points is pulled far off. */
  g_assert_true (hub_ols_fit_line (x, y, n, &ols_slope, &ols_intercept));
  g_assert_cmpfloat (fabs (ols_slope - TRUE_SLOPE), >, 0.3);

  /* Same seed, same line. */
  {
    HubRobustFit again;

    g_assert_true (hub_robust_fit_line (x, y, n, 1, &again));
    g_assert_cmpfloat (again.slope, ==, fit.slope);
    g_assert_cmpfloat (again.intercept, ==, fit.intercept);
    g_assert_cmpuint (again.n_inliers, ==, fit.n_inliers);
  }
}

static void
test_small_exhaustive (void)
{
  /* Five points, two outliers: every pair is tried; the line through the
   * three collinear points is exact. */
  const double x[] = { 0, 1, 2, 3, 4 };
  const double y[] = { 1, 3, 5, 40, -30 };
  HubRobustFit fit;

  g_assert_true (hub_robust_fit_line (x, y, 5, 0, &fit));
  g_assert_cmpfloat_with_epsilon (fit.slope, 2.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (fit.intercept, 1.0, 1e-9);
  g_assert_cmpuint (fit.n_inliers, ==, 3);
}

static void
test_degenerate (void)
{
  const double x[] = { 3, 3, 3 };
  const double y[] = { 1, 2, 3 };
  HubRobustFit fit;
  double s, i;

  g_assert_false (hub_robust_fit_line (x, y, 0, 0, &fit));
  g_assert_false (hub_robust_fit_line (x, y, 1, 0, &fit));
  g_assert_false (hub_robust_fit_line (x, y, 3, 0, &fit));
  g_assert_false (hub_ols_fit_line (x, y, 3, &s, &i));
  g_assert_false (hub_ols_fit_line (x, y, 1, &s, &i));
}

static void
test_r2 (void)
{
  /* Hand-computed: y = 0, 2, 4 (mean 2, SS_tot = 8); line ŷ = x with
   * x = 0, 1, 2 gives residuals 0, 1, 2 (SS_res = 5): R² = 1 − 5/8. */
  const double x[] = { 0, 1, 2 };
  const double y[] = { 0, 2, 4 };
  HubRobustFit line = { .slope = 1, .intercept = 0 };
  HubRobustFit exact = { .slope = 2, .intercept = 0 };
  HubRobustFit bad = { .slope = -2, .intercept = 4 };
  const double flat[] = { 1, 1 };

  g_assert_cmpfloat_with_epsilon (hub_robust_fit_r2 (&line, x, y, 3), 0.375, 1e-12);
  g_assert_cmpfloat_with_epsilon (hub_robust_fit_r2 (&exact, x, y, 3), 1.0, 1e-12);
  /* Worse than the mean: negative, reported as is. SS_res = 16 + 0 + 16. */
  g_assert_cmpfloat_with_epsilon (hub_robust_fit_r2 (&bad, x, y, 3), 1.0 - 32.0 / 8.0, 1e-12);
  g_assert_true (isnan (hub_robust_fit_r2 (&line, x, y, 1)));
  g_assert_true (isnan (hub_robust_fit_r2 (&line, x, flat, 2)));
}

static void
test_holdout_split (void)
{
  guint n_held = 0;

  for (guint i = 0; i < 10000; i++)
    {
      g_autofree char *key = g_strdup_printf ("owner%u/model-%u", i % 97, i);

      n_held += hub_robust_fit_is_holdout (key);
      /* Deterministic. */
      g_assert_cmpint (hub_robust_fit_is_holdout (key), ==, hub_robust_fit_is_holdout (key));
    }
  /* About one in five. */
  g_assert_cmpuint (n_held, >, 1800);
  g_assert_cmpuint (n_held, <, 2200);
  /* Fixed values of FNV-1a: a change of hash would move every estimate. */
  g_assert_true (hub_robust_fit_is_holdout ("a"));    /* 0xe40c292c % 5 == 0 */
  g_assert_false (hub_robust_fit_is_holdout ("b"));   /* 0xe70c2de5 % 5 == 2 */
}

static void
test_groups (void)
{
  /* Group 0: 200 points on y = 2 + 0.9x (30% outliers); group 1: 200 points
   * on y = -1 + 1.1x; group 2: 10 points (too few) gets the pooled line;
   * group 3: 40 points, 30 of them one repeated value, whose median line is
   * flat: below the minimum slope, so it gets the pooled line too. */
  const guint n = 450;
  g_autofree double *x = g_new (double, n);
  g_autofree double *y = g_new (double, n);
  g_autofree guint *group = g_new (guint, n);
  g_autofree gboolean *holdout = g_new (gboolean, n);
  g_autofree gboolean *out = g_new (gboolean, n);
  HubRobustFit fits[4], pooled;

  make_points (200, 0.30, 11, x, y, out);
  for (guint i = 0; i < 200; i++)
    group[i] = 0;
  for (guint i = 200; i < 400; i++)
    {
      x[i] = (i - 200) * 0.05;
      y[i] = -1 + 1.1 * x[i] + ((i % 2) ? 0.01 : -0.01);
      group[i] = 1;
    }
  for (guint i = 400; i < n; i++)
    {
      x[i] = i - 400;
      y[i] = 5;
      group[i] = 2;
    }
  for (guint i = 410; i < n; i++)
    {
      x[i] = (i - 410) * 0.2;
      y[i] = (i < 440) ? 3 : 1 + 0.9 * x[i];
      group[i] = 3;
    }
  for (guint i = 0; i < n; i++)
    holdout[i] = (i % 5 == 4);

  g_assert_true (hub_robust_fit_groups (x, y, group, holdout, n, 4, 30, 0.25, 3, fits, &pooled));
  g_assert_false (fits[0].pooled);
  g_assert_cmpfloat_with_epsilon (fits[0].slope, TRUE_SLOPE, 0.03);
  g_assert_cmpuint (fits[0].n_fit, ==, 160);
  g_assert_cmpuint (fits[0].n_holdout, ==, 40);
  g_assert_false (fits[1].pooled);
  g_assert_cmpfloat_with_epsilon (fits[1].slope, 1.1, 0.01);
  g_assert_cmpfloat_with_epsilon (fits[1].intercept, -1, 0.02);
  /* A clean group predicts its held-out points almost exactly. */
  g_assert_cmpfloat (fits[1].r2_holdout, >, 0.99);
  g_assert_true (fits[2].pooled);
  g_assert_cmpfloat (fits[2].slope, ==, pooled.slope);
  g_assert_cmpuint (fits[2].n_holdout, ==, 2);
  g_assert_true (fits[3].pooled);
  g_assert_cmpfloat (fits[3].slope, ==, pooled.slope);
  /* Without the minimum slope the flat line is kept. */
  {
    HubRobustFit loose[4], loose_pooled;

    g_assert_true (hub_robust_fit_groups (x, y, group, holdout, n, 4, 30, -INFINITY, 3, loose, &loose_pooled));
    g_assert_false (loose[3].pooled);
    g_assert_cmpfloat (fabs (loose[3].slope), <, 0.25);
  }
  g_assert_cmpuint (pooled.n_holdout, ==, 90);
  g_assert_cmpuint (pooled.n_fit, ==, 360);
  g_assert_false (isnan (pooled.r2_holdout));
  g_assert_cmpfloat (pooled.r2_holdout, <=, 1.0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/robust-fit/outliers", test_recovers_line_with_outliers);
  g_test_add_func ("/robust-fit/small-exhaustive", test_small_exhaustive);
  g_test_add_func ("/robust-fit/degenerate", test_degenerate);
  g_test_add_func ("/robust-fit/r2", test_r2);
  g_test_add_func ("/robust-fit/holdout-split", test_holdout_split);
  g_test_add_func ("/robust-fit/groups", test_groups);

  return g_test_run ();
}
