/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hub-sizes.h"
#include "hub-history.h"
#include "hub-import.h"

#include "hub-test-util.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

/* ---- Weighted statistics, by hand ----------------------------------------- */

static void
test_weighted_equal (void)
{
  /* Four values of weight 1, given out of order. W = 4:
   * p10: 0.4 → cumulative 1 ≥ 0.4 at x = 1; p25: 1 → x = 1;
   * p50: 2 → x = 2 (the lower median); p75: 3 → x = 3; p90: 3.6 → x = 4.
   * Mean (1 + 2 + 3 + 4) / 4 = 2.5. */
  HubWeightedValue v[] = { { 3, 1 }, { 1, 1 }, { 4, 1 }, { 2, 1 } };

  hub_weighted_sort (v, 4);
  g_assert_cmpfloat (v[0].value, ==, 1);
  g_assert_cmpfloat (v[3].value, ==, 4);
  g_assert_cmpfloat (hub_weighted_quantile (v, 4, 0.10), ==, 1);
  g_assert_cmpfloat (hub_weighted_quantile (v, 4, 0.25), ==, 1);
  g_assert_cmpfloat (hub_weighted_quantile (v, 4, 0.50), ==, 2);
  g_assert_cmpfloat (hub_weighted_quantile (v, 4, 0.75), ==, 3);
  g_assert_cmpfloat (hub_weighted_quantile (v, 4, 0.90), ==, 4);
  g_assert_cmpfloat (hub_weighted_quantile (v, 4, 0.0), ==, 1);
  g_assert_cmpfloat (hub_weighted_quantile (v, 4, 1.0), ==, 4);
  g_assert_cmpfloat_with_epsilon (hub_weighted_mean (v, 4), 2.5, 1e-12);
}

static void
test_weighted_unequal (void)
{
  /* Values 10, 20, 30 with weights 1, 2, 7 (W = 10; cumulative 1, 3, 10):
   * p10: 1 → 10; p25: 2.5 → 20; p50: 5 → 30; p90: 9 → 30.
   * Mean (10 + 40 + 210) / 10 = 26, while the count-weighted mean is 20. */
  HubWeightedValue v[] = { { 30, 7 }, { 10, 1 }, { 20, 2 } };
  HubWeightedValue c[] = { { 30, 1 }, { 10, 1 }, { 20, 1 } };

  hub_weighted_sort (v, 3);
  g_assert_cmpfloat (hub_weighted_quantile (v, 3, 0.10), ==, 10);
  g_assert_cmpfloat (hub_weighted_quantile (v, 3, 0.25), ==, 20);
  g_assert_cmpfloat (hub_weighted_quantile (v, 3, 0.30), ==, 20);  /* exactly 3 of 10 */
  g_assert_cmpfloat (hub_weighted_quantile (v, 3, 0.31), ==, 30);
  g_assert_cmpfloat (hub_weighted_quantile (v, 3, 0.50), ==, 30);
  g_assert_cmpfloat (hub_weighted_quantile (v, 3, 0.90), ==, 30);
  g_assert_cmpfloat_with_epsilon (hub_weighted_mean (v, 3), 26, 1e-12);
  g_assert_cmpfloat_with_epsilon (hub_weighted_mean (c, 3), 20, 1e-12);

  /* One heavy large model: the mean runs far ahead of the median, the
   * research's point. 9 models of 1B with 1 download each, one 1T with 1. */
  {
    HubWeightedValue m[10];

    for (guint i = 0; i < 9; i++)
      m[i] = (HubWeightedValue) { 1e9, 1 };
    m[9] = (HubWeightedValue) { 1e12, 1 };
    hub_weighted_sort (m, 10);
    g_assert_cmpfloat (hub_weighted_quantile (m, 10, 0.5), ==, 1e9);
    g_assert_cmpfloat (hub_weighted_quantile (m, 10, 0.9), ==, 1e9);
    g_assert_cmpfloat_with_epsilon (hub_weighted_mean (m, 10), (9e9 + 1e12) / 10, 1);
  }
}

static void
test_weighted_edges (void)
{
  /* Zero weights take no part: q = 0 gives the smallest value of positive
   * weight. */
  HubWeightedValue v[] = { { 5, 0 }, { 7, 1 }, { 9, 0 } };
  HubWeightedValue z[] = { { 5, 0 }, { 7, 0 } };

  g_assert_cmpfloat (hub_weighted_quantile (v, 3, 0.0), ==, 7);
  g_assert_cmpfloat (hub_weighted_quantile (v, 3, 1.0), ==, 7);
  g_assert_cmpfloat (hub_weighted_mean (v, 3), ==, 7);
  g_assert_true (isnan (hub_weighted_quantile (z, 2, 0.5)));
  g_assert_true (isnan (hub_weighted_mean (z, 2)));
  g_assert_true (isnan (hub_weighted_quantile (NULL, 0, 0.5)));
  g_assert_true (isnan (hub_weighted_mean (NULL, 0)));
}

static void
test_buckets (void)
{
  g_assert_cmpint (hub_size_bucket_for (0), ==, HUB_SIZE_BUCKET_UNDER_100M);
  g_assert_cmpint (hub_size_bucket_for (99999999), ==, HUB_SIZE_BUCKET_UNDER_100M);
  g_assert_cmpint (hub_size_bucket_for (1e8), ==, HUB_SIZE_BUCKET_100M_500M);
  g_assert_cmpint (hub_size_bucket_for (5e8), ==, HUB_SIZE_BUCKET_500M_1B);
  g_assert_cmpint (hub_size_bucket_for (999999999), ==, HUB_SIZE_BUCKET_500M_1B);
  g_assert_cmpint (hub_size_bucket_for (1e9), ==, HUB_SIZE_BUCKET_1B_10B);
  g_assert_cmpint (hub_size_bucket_for (7.6e9), ==, HUB_SIZE_BUCKET_1B_10B);
  g_assert_cmpint (hub_size_bucket_for (1e10), ==, HUB_SIZE_BUCKET_10B_100B);
  g_assert_cmpint (hub_size_bucket_for (1e11), ==, HUB_SIZE_BUCKET_OVER_100B);
  g_assert_cmpint (hub_size_bucket_for (6.7e11), ==, HUB_SIZE_BUCKET_OVER_100B);
  for (guint b = 0; b < HUB_N_SIZE_BUCKETS; b++)
    {
      g_assert_nonnull (hub_size_bucket_to_string (b));
      g_assert_nonnull (hub_size_bucket_label (b));
    }
}

static void
test_format_flags (void)
{
  HubSizePeriodKind k;
  HubSizeCohort c;
  HubSizeWeight w;

  g_assert_cmpuint (hub_format_flags_from_tag ("gguf"), ==, HUB_FORMAT_GGUF);
  g_assert_cmpuint (hub_format_flags_from_tag ("GGUF"), ==, HUB_FORMAT_GGUF);
  g_assert_cmpuint (hub_format_flags_from_tag ("mlx"), ==, HUB_FORMAT_MLX);
  g_assert_cmpuint (hub_format_flags_from_tag ("mlx-vlm"), ==, HUB_FORMAT_MLX);
  g_assert_cmpuint (hub_format_flags_from_tag ("bitsandbytes"), ==, HUB_FORMAT_BNB);
  g_assert_cmpuint (hub_format_flags_from_tag ("awq"), ==, HUB_FORMAT_AWQ);
  g_assert_cmpuint (hub_format_flags_from_tag ("GPTQ"), ==, HUB_FORMAT_GPTQ);
  g_assert_cmpuint (hub_format_flags_from_tag ("safetensors"), ==, HUB_FORMAT_SAFETENSORS);
  g_assert_cmpuint (hub_format_flags_from_tag ("4-bit"), ==, HUB_FORMAT_LOW_BIT);
  g_assert_cmpuint (hub_format_flags_from_tag ("8bit"), ==, HUB_FORMAT_LOW_BIT);
  g_assert_cmpuint (hub_format_flags_from_tag ("16-bit"), ==, 0);
  g_assert_cmpuint (hub_format_flags_from_tag ("#bitcoin"), ==, 0);
  g_assert_cmpuint (hub_format_flags_from_tag ("mlxtra"), ==, 0);
  g_assert_cmpuint (hub_format_flags_from_tag (""), ==, 0);
  g_assert_cmpuint (hub_format_flags_from_tag (NULL), ==, 0);

  g_assert_true (hub_format_flags_is_packed (HUB_FORMAT_MLX | HUB_FORMAT_LOW_BIT));
  g_assert_false (hub_format_flags_is_packed (HUB_FORMAT_MLX));   /* bf16 conversions */
  g_assert_false (hub_format_flags_is_packed (HUB_FORMAT_GGUF | HUB_FORMAT_LOW_BIT));
  g_assert_true (hub_format_flags_is_packed (HUB_FORMAT_BNB));
  g_assert_true (hub_format_flags_is_packed (HUB_FORMAT_AWQ | HUB_FORMAT_SAFETENSORS));
  g_assert_true (hub_format_flags_is_packed (HUB_FORMAT_GPTQ));

  g_assert_cmpint (hub_format_family_from_flags (HUB_FORMAT_GGUF | HUB_FORMAT_SAFETENSORS), ==,
                   HUB_FORMAT_FAMILY_GGUF);
  g_assert_cmpint (hub_format_family_from_flags (HUB_FORMAT_MLX | HUB_FORMAT_SAFETENSORS), ==,
                   HUB_FORMAT_FAMILY_MLX);
  g_assert_cmpint (hub_format_family_from_flags (0), ==, HUB_FORMAT_FAMILY_OTHER);

  g_assert_true (hub_size_period_kind_from_string ("quarter", &k));
  g_assert_cmpint (k, ==, HUB_SIZE_PERIOD_QUARTER);
  g_assert_false (hub_size_period_kind_from_string ("month", &k));
  g_assert_true (hub_size_cohort_from_string ("created", &c));
  g_assert_cmpint (c, ==, HUB_SIZE_COHORT_CREATED);
  g_assert_false (hub_size_cohort_from_string (NULL, &c));
  g_assert_true (hub_size_weight_from_string ("count", &w));
  g_assert_cmpint (w, ==, HUB_SIZE_WEIGHT_COUNT);
  g_assert_false (hub_size_weight_from_string ("likes", &w));
}

/* ---- A small hand-made store ------------------------------------------------ */

static void
put_model (HubStore       *store,
           const char     *id,
           gint64          parameters,
           HubParamSource  source,
           gint64          storage,
           gint64          downloads,
           const char     *created,
           const char     *parent,
           HubRelation     relation,
           const char    **tags)
{
  g_autoptr(HubModelEntry) e = hub_model_entry_new ();
  g_autoptr(GError) error = NULL;

  e->id = g_strdup (id);
  e->author = g_strndup (id, strchr (id, '/') - id);
  e->parameters = parameters;
  e->parameters_source = source;
  e->used_storage = storage;
  e->downloads = downloads;
  e->created_at = hub_time_parse_iso8601 (created);
  if (parent != NULL)
    hub_model_entry_add_parent (e, parent, relation);
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    g_ptr_array_add (e->tags, g_strdup (tags[i]));
  g_assert_true (hub_store_upsert_model (store, e, NULL, &error));
  g_assert_no_error (error);
}

/* Five models; the 4-bit MLX one counts 1B packed for a 7B base. */
static HubStore *
small_store (void)
{
  g_autofree char *dir = hub_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "small.db", NULL);
  g_autoptr(GError) error = NULL;
  HubStore *store = hub_store_open (path, &error);
  const char *mlx_tags[] = { "mlx", "safetensors", "4-bit", NULL };
  const char *st_tags[] = { "safetensors", NULL };

  g_assert_no_error (error);
  g_assert_true (hub_store_begin (store, &error));
  put_model (store, "org/base-7b", 7000000000, HUB_PARAM_SOURCE_SAFETENSORS, 14000000000,
             100, "2025-05-01", NULL, 0, st_tags);
  put_model (store, "org/base-7b-mlx-4bit", 1000000000, HUB_PARAM_SOURCE_SAFETENSORS,
             4000000000, 300, "2026-02-01", "org/base-7b", HUB_RELATION_QUANTIZED, mlx_tags);
  put_model (store, "org/tiny", 50000000, HUB_PARAM_SOURCE_GGUF, 100000000,
             600, "2026-05-01", NULL, 0, NULL);
  put_model (store, "org/nosize", HUB_COUNT_NONE, HUB_PARAM_SOURCE_UNKNOWN, 2000000000,
             1000, "2026-05-02", NULL, 0, NULL);
  put_model (store, "org/old", 300000000, HUB_PARAM_SOURCE_SAFETENSORS, 600000000,
             0, "2022-03-02T23:29:04Z", NULL, 0, st_tags);
  g_assert_true (hub_store_commit (store, &error));
  g_assert_no_error (error);
  return store;
}

static HubSizeTable *
table_for (HubStore    *store,
           HubDataset **out_dataset)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HubDataset) dataset = hub_dataset_load (store, NULL, &error);
  HubSizeTable *table;

  g_assert_no_error (error);
  table = hub_size_table_new (dataset, store, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (table);
  if (out_dataset != NULL)
    *out_dataset = g_steal_pointer (&dataset);
  return table;
}

static gint64
size_of (HubSizeTable  *table,
         HubDataset    *dataset,
         const char    *id,
         HubSizeSource *source)
{
  gint32 i = hub_dataset_find_model (dataset, id);

  g_assert_cmpint (i, >=, 0);
  return hub_size_table_get_parameters (table, i, source);
}

static void
test_small_sources (void)
{
  g_autoptr(HubStore) store = small_store ();
  g_autoptr(HubDataset) dataset = NULL;
  g_autoptr(HubSizeTable) table = table_for (store, &dataset);
  HubSizeSource s;

  g_assert_cmpint (size_of (table, dataset, "org/base-7b", &s), ==, 7000000000);
  g_assert_cmpint (s, ==, HUB_SIZE_SOURCE_REPORTED);
  g_assert_cmpint (size_of (table, dataset, "org/base-7b-mlx-4bit", &s), ==, 7000000000);
  g_assert_cmpint (s, ==, HUB_SIZE_SOURCE_BASE_MODEL);
  g_assert_cmpint (size_of (table, dataset, "org/tiny", &s), ==, 50000000);
  g_assert_cmpint (s, ==, HUB_SIZE_SOURCE_REPORTED);
  g_assert_cmpint (size_of (table, dataset, "org/nosize", &s), ==, HUB_COUNT_NONE);
  g_assert_cmpint (s, ==, HUB_SIZE_SOURCE_UNKNOWN);
}

static void
test_small_created (void)
{
  g_autoptr(HubStore) store = small_store ();
  g_autoptr(HubDataset) dataset = NULL;
  g_autoptr(HubSizeTable) table = table_for (store, &dataset);
  g_autoptr(HubSizeResult) year = NULL;
  g_autoptr(HubSizeResult) quarter = NULL;
  HubSizeOptions o;
  const HubSizePeriod *p;

  hub_size_options_init (&o);
  o.cohort = HUB_SIZE_COHORT_CREATED;
  year = hub_sizes_compute (table, &o, NULL);
  g_assert_nonnull (year);
  /* 2022 (the floor model), 2025, 2026. */
  g_assert_cmpuint (year->n_periods, ==, 3);
  g_assert_cmpstr (year->periods[0].label, ==, "2022");
  g_assert_true (year->periods[0].includes_earlier);
  g_assert_false (year->periods[2].includes_earlier);
  /* The floor model has no downloads: weight 0, so not in the distribution,
   * but in the coverage. */
  g_assert_cmpuint (year->periods[0].n, ==, 0);
  g_assert_true (isnan (year->periods[0].quantiles[2]));
  g_assert_cmpuint (year->periods[0].coverage.n_models[HUB_SIZE_SOURCE_REPORTED], ==, 1);

  /* 2026: mlx 7B (300 downloads), tiny 50M (600), nosize (1000, no size).
   * Sized weight 900: cumulative 600 (50M) then 900 (7B).
   * p10..p50 (90, 225, 450) → 50M; p75 (675) and p90 (810) → 7B.
   * Mean (600·5e7 + 300·7e9) / 900. Buckets: 2/3 under 100M, 1/3 1–10B. */
  p = &year->periods[2];
  g_assert_cmpstr (p->label, ==, "2026");
  g_assert_cmpuint (p->n, ==, 2);
  g_assert_cmpfloat (p->weight, ==, 900);
  g_assert_cmpfloat (p->quantiles[0], ==, 5e7);
  g_assert_cmpfloat (p->quantiles[2], ==, 5e7);
  g_assert_cmpfloat (p->quantiles[3], ==, 7e9);
  g_assert_cmpfloat (p->quantiles[4], ==, 7e9);
  g_assert_cmpfloat_with_epsilon (p->mean, (600 * 5e7 + 300 * 7e9) / 900, 1);
  g_assert_cmpfloat_with_epsilon (p->bucket_shares[HUB_SIZE_BUCKET_UNDER_100M], 2.0 / 3, 1e-12);
  g_assert_cmpfloat_with_epsilon (p->bucket_shares[HUB_SIZE_BUCKET_1B_10B], 1.0 / 3, 1e-12);
  g_assert_cmpuint (p->coverage.n_models[HUB_SIZE_SOURCE_UNKNOWN], ==, 1);
  g_assert_cmpuint (p->coverage.n_models[HUB_SIZE_SOURCE_BASE_MODEL], ==, 1);
  g_assert_cmpfloat (p->coverage.weight[HUB_SIZE_SOURCE_UNKNOWN], ==, 1000);
  g_assert_cmpfloat_with_epsilon (hub_size_coverage_weight_share (&p->coverage, FALSE), 900.0 / 1900, 1e-12);

  /* The violin's density: shares summing to 1, with two modes, at the bins
   * of 50M (log10 7.70: bin 21, centre 7.6875) and 7B (9.85: bin 38,
   * centre 9.8125), the first twice the second (600 and 300 downloads). */
  {
    double sum = 0;
    guint small = (guint) ((log10 (5e7) - HUB_SIZE_DENSITY_LOG_MIN) * HUB_SIZE_DENSITY_BINS /
                           (HUB_SIZE_DENSITY_LOG_MAX - HUB_SIZE_DENSITY_LOG_MIN));
    guint large = (guint) ((log10 (7e9) - HUB_SIZE_DENSITY_LOG_MIN) * HUB_SIZE_DENSITY_BINS /
                           (HUB_SIZE_DENSITY_LOG_MAX - HUB_SIZE_DENSITY_LOG_MIN));

    g_assert_cmpuint (small, ==, 21);
    g_assert_cmpuint (large, ==, 38);
    for (guint b = 0; b < HUB_SIZE_DENSITY_BINS; b++)
      {
        sum += p->density[b];
        /* Away from both modes (a neighbour of the heavier one can pass
         * the lighter peak), less than either peak. */
        if (b + 1 < small || b > small + 1)
          if (b + 1 < large || b > large + 1)
            g_assert_cmpfloat (p->density[b], <, p->density[large]);
      }
    g_assert_cmpfloat_with_epsilon (sum, 1.0, 1e-9);
    g_assert_cmpfloat (p->density[small], >, 1.5 * p->density[large]);
    g_assert_cmpfloat (p->density[0], ==, 0);
    /* The empty period has none. */
    for (guint b = 0; b < HUB_SIZE_DENSITY_BINS; b++)
      g_assert_cmpfloat (year->periods[0].density[b], ==, 0);
  }

  /* Quarters split 2026 into Q1 (mlx) and Q2 (tiny, nosize). */
  o.period = HUB_SIZE_PERIOD_QUARTER;
  quarter = hub_sizes_compute (table, &o, NULL);
  g_assert_cmpuint (quarter->n_periods, ==, 4);
  g_assert_cmpstr (quarter->periods[2].label, ==, "2026-Q1");
  g_assert_cmpfloat (quarter->periods[2].quantiles[2], ==, 7e9);
  g_assert_cmpstr (quarter->periods[3].label, ==, "2026-Q2");
  g_assert_cmpint (quarter->periods[3].start, ==, hub_time_parse_iso8601 ("2026-04-01"));
  g_assert_cmpint (quarter->periods[3].end, ==, hub_time_parse_iso8601 ("2026-07-01"));
}

static void
test_small_downloaded (void)
{
  g_autoptr(HubStore) store = small_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(HubDataset) dataset = NULL;
  g_autoptr(HubSizeTable) table = NULL;
  g_autoptr(HubSizeResult) r = NULL;
  HubSizeOptions o;
  gint64 snap;

  /* A carry-forward series seen in 2025-Q4 and 2026-Q1, agreeing with the
   * models' latest values as a real import does: base-7b changes only in
   * Q4 (100), so it keeps 100 in Q1; tiny appears in Q1 with 600. The
   * dataset's data time is the last snapshot, 2026-02-01, where the latest
   * values of every model are observed too. */
  snap = hub_store_snapshot_begin (store, "hist", "test", hub_time_parse_iso8601 ("2025-11-01"),
                                   TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (hub_store_snapshot_add (store, snap, "org/base-7b", 100, 900, 0, 0, -1, &error));
  g_assert_true (hub_store_snapshot_finish (store, snap, &error));
  snap = hub_store_snapshot_begin (store, "hist", "test", hub_time_parse_iso8601 ("2026-02-01"),
                                   TRUE, &error);
  g_assert_true (hub_store_snapshot_add (store, snap, "org/tiny", 600, 600, 0, 0, -1, &error));
  g_assert_true (hub_store_snapshot_finish (store, snap, &error));
  g_assert_no_error (error);

  table = table_for (store, &dataset);
  g_assert_cmpint (hub_dataset_get_data_time (dataset), ==, hub_time_parse_iso8601 ("2026-02-01"));
  hub_size_options_init (&o);
  o.cohort = HUB_SIZE_COHORT_DOWNLOADED;
  o.period = HUB_SIZE_PERIOD_QUARTER;
  r = hub_sizes_compute (table, &o, NULL);
  g_assert_nonnull (r);

  /* 2025-Q4: base-7b (100) alone. */
  g_assert_cmpuint (r->n_periods, ==, 2);
  g_assert_cmpstr (r->periods[0].label, ==, "2025-Q4");
  g_assert_cmpuint (r->periods[0].n, ==, 1);
  g_assert_cmpfloat (r->periods[0].weight, ==, 100);
  g_assert_cmpfloat (r->periods[0].quantiles[2], ==, 7e9);

  /* 2026-Q1: base-7b 100 (carried), mlx 300 (7B from its base), tiny 600
   * (50M), nosize 1000 (no size). Sized weight 1000: cumulative 600 at 50M,
   * 1000 at 7B. p10, p25, p50 (100, 250, 500) → 50M; p75, p90 → 7B. */
  g_assert_cmpstr (r->periods[1].label, ==, "2026-Q1");
  g_assert_cmpuint (r->periods[1].n, ==, 3);
  g_assert_cmpfloat (r->periods[1].weight, ==, 1000);
  g_assert_cmpfloat (r->periods[1].quantiles[0], ==, 5e7);
  g_assert_cmpfloat (r->periods[1].quantiles[2], ==, 5e7);
  g_assert_cmpfloat (r->periods[1].quantiles[3], ==, 7e9);
  g_assert_cmpfloat_with_epsilon (r->periods[1].mean, (600 * 5e7 + 400 * 7e9) / 1000, 1);
  g_assert_cmpuint (r->periods[1].coverage.n_models[HUB_SIZE_SOURCE_UNKNOWN], ==, 1);
  g_assert_cmpfloat (r->periods[1].coverage.weight[HUB_SIZE_SOURCE_UNKNOWN], ==, 1000);
  g_assert_cmpfloat (r->periods[1].coverage.weight[HUB_SIZE_SOURCE_BASE_MODEL], ==, 300);
  /* The old model has 0 downloads: never in the downloaded cohort. */
  g_assert_cmpuint (hub_size_coverage_n_total (&r->periods[1].coverage), ==, 4);

  /* Count weight: each model once per period. Sorted 50M, 7B, 7B (W = 3):
   * p25 (0.75) → 50M, p50 (1.5) → 7B. */
  {
    g_autoptr(HubSizeResult) c = NULL;

    o.weight = HUB_SIZE_WEIGHT_COUNT;
    c = hub_sizes_compute (table, &o, NULL);
    g_assert_cmpfloat (c->periods[1].weight, ==, 3);
    g_assert_cmpfloat (c->periods[1].quantiles[1], ==, 5e7);
    g_assert_cmpfloat (c->periods[1].quantiles[2], ==, 7e9);
    g_assert_cmpfloat_with_epsilon (c->periods[1].mean, (5e7 + 14e9) / 3, 1);
  }
}

/* ---- The real data ------------------------------------------------------------ */

typedef struct {
  char       *dir;
  HubStore   *store;
  HubDataset *dataset;
} RealData;

static RealData real;

static HubStore *
import_real (const char *dir,
             gboolean    with_history)
{
  g_autofree char *path = g_build_filename (dir, "real.db", NULL);
  g_autofree char *models = hub_test_dataset_path ("hub-models.jsonl.gz");
  g_autofree char *history = hub_test_dataset_path ("hub-models-history.csv.gz");
  g_autoptr(GFile) file = g_file_new_for_path (models);
  g_autoptr(HubImportReport) report = hub_import_report_new ();
  g_autoptr(GError) error = NULL;
  HubStore *store = hub_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (hub_import_file (store, file, HUB_IMPORT_FORMAT_JSONL, report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->models_added, ==, 15904);
  if (with_history)
    {
      g_autoptr(GFile) hfile = g_file_new_for_path (history);

      g_assert_true (hub_import_file (store, hfile, HUB_IMPORT_FORMAT_HISTORY_CSV, report, NULL, &error));
      g_assert_no_error (error);
    }
  return store;
}

static void
ensure_real (void)
{
  g_autoptr(GError) error = NULL;

  if (real.store != NULL)
    return;
  real.dir = hub_test_tmpdir ();
  real.store = import_real (real.dir, TRUE);
  real.dataset = hub_dataset_load (real.store, NULL, &error);
  g_assert_no_error (error);
}

/* The base model's safetensors.total from the raw Hub data, to check the
 * correction against the source and not against our own store. */
static GHashTable *
raw_totals (void)
{
  g_autofree char *models = hub_test_dataset_path ("hub-models.jsonl.gz");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (models);
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GConverter) gz = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP));
  g_autoptr(GInputStream) conv = NULL;
  g_autoptr(GDataInputStream) data = NULL;
  GHashTable *totals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  char *line;

  in = G_INPUT_STREAM (g_file_read (file, NULL, &error));
  g_assert_no_error (error);
  conv = g_converter_input_stream_new (in, gz);
  data = g_data_input_stream_new (conv);
  while ((line = g_data_input_stream_read_line_utf8 (data, NULL, NULL, &error)) != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *obj, *st;

      g_assert_true (json_parser_load_from_data (parser, line, -1, &error));
      obj = json_node_get_object (json_parser_get_root (parser));
      st = json_object_has_member (obj, "safetensors") &&
           JSON_NODE_HOLDS_OBJECT (json_object_get_member (obj, "safetensors"))
           ? json_object_get_object_member (obj, "safetensors") : NULL;
      if (st != NULL && json_object_has_member (st, "total"))
        {
          gint64 *v = g_new (gint64, 1);

          *v = json_object_get_int_member (st, "total");
          g_hash_table_insert (totals, g_strdup (json_object_get_string_member (obj, "id")), v);
        }
      g_free (line);
    }
  g_assert_no_error (error);
  return totals;
}

static void
test_real_packed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HubSizeTable) table = NULL;
  g_autoptr(GHashTable) totals = raw_totals ();
  HubSizeSource s;
  guint n_mlx4 = 0, n_checked = 0;

  ensure_real ();
  table = hub_size_table_new (real.dataset, real.store, NULL, &error);
  g_assert_no_error (error);

  /* Named examples from the data. A 4-bit MLX repo of a 125B model counts
   * 19.5B packed; the base's safetensors total is used. */
  g_assert_cmpint (size_of (table, real.dataset, "ailexleon/Behemoth-128B-v3-mlx-4Bit", &s), ==,
                   125025988608);
  g_assert_cmpint (s, ==, HUB_SIZE_SOURCE_BASE_MODEL);
  g_assert_cmpint (size_of (table, real.dataset, "AnkitAI/Parable-Qwen3-4B-Claude-Fable-5-MLX-4bit", &s),
                   ==, 4022468096);
  g_assert_cmpint (s, ==, HUB_SIZE_SOURCE_BASE_MODEL);
  /* bnb whose declared base is smaller (a 4B base of a 12B model): kept. */
  g_assert_cmpint (size_of (table, real.dataset, "Akahsizrr/Mini-Whale-1-12B", &s), ==, 12552019456);
  g_assert_cmpint (s, ==, HUB_SIZE_SOURCE_REPORTED);
  /* A QLoRA adapter carries bnb tags but is not a packed copy of its base. */
  g_assert_cmpint (size_of (table, real.dataset, "aijadugar/qwen2.5-0.5b-sql-qlora", &s), ==, 494032768);
  g_assert_cmpint (s, ==, HUB_SIZE_SOURCE_REPORTED);
  /* A GPTQ repo with no count of its own takes its base's. */
  g_assert_cmpint (size_of (table, real.dataset, "6block/Qwen3-Coder-Next-GPTQ", &s), ==, 79674391296);
  g_assert_cmpint (s, ==, HUB_SIZE_SOURCE_BASE_MODEL);
  /* GGUF totals are real counts: a 27.9B GGUF of a 27.8B base stays. */
  g_assert_cmpint (size_of (table, real.dataset, "0bserverx/Qwen3.8-27B-Heretic-Abliterated-Uncensored-GGUF", &s),
                   ==, 26895998464);
  g_assert_cmpint (s, ==, HUB_SIZE_SOURCE_REPORTED);

  /* Every 4-bit MLX repo quantized from a base in the data with a
   * safetensors total larger than its own: corrected to exactly that total. */
  for (guint i = 0; i < hub_dataset_get_n_models (real.dataset); i++)
    {
      const HubModelRecord *r = hub_dataset_get_model (real.dataset, i);
      guint flags = hub_size_table_get_flags (table, i);
      const HubModelRecord *base;
      gint64 *base_total;

      if ((flags & (HUB_FORMAT_MLX | HUB_FORMAT_LOW_BIT)) != (HUB_FORMAT_MLX | HUB_FORMAT_LOW_BIT))
        continue;
      n_mlx4++;
      if (r->relation != HUB_RELATION_QUANTIZED || r->first_parent < 0 || r->parameters <= 0)
        continue;
      base = hub_dataset_get_model (real.dataset, r->first_parent);
      base_total = g_hash_table_lookup (totals, base->id);
      if (base_total == NULL || *base_total <= r->parameters)
        continue;
      /* Bases that are themselves packed resolve further; skip those here. */
      if (hub_format_flags_is_packed (hub_size_table_get_flags (table, r->first_parent)))
        continue;
      g_assert_cmpint (hub_size_table_get_parameters (table, i, &s), ==, *base_total);
      g_assert_cmpint (s, ==, HUB_SIZE_SOURCE_BASE_MODEL);
      n_checked++;
    }
  g_test_message ("MLX low-bit repos: %u, corrected from a base in the data: %u", n_mlx4, n_checked);
  g_assert_cmpuint (n_mlx4, >=, 400);
  g_assert_cmpuint (n_checked, >=, 200);
}

static void
test_real_distribution (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HubSizeTable) table = NULL;
  g_autoptr(HubSizeResult) created = NULL;
  g_autoptr(HubSizeResult) downloaded = NULL;
  g_autoptr(HubSizeResult) textgen = NULL;
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (double));
  HubSizeOptions o;
  HubListQuery filter;
  const HubSizePeriod *p = NULL;
  double dl_total = 0;
  guint n_total_2026 = 0;

  ensure_real ();
  table = hub_size_table_new (real.dataset, real.store, NULL, &error);
  g_assert_no_error (error);

  /* Created in 2026, counted once each: compare with the plain order
   * statistic, the smallest x_k with k ≥ q·n. */
  hub_size_options_init (&o);
  o.cohort = HUB_SIZE_COHORT_CREATED;
  o.weight = HUB_SIZE_WEIGHT_COUNT;
  created = hub_sizes_compute (table, &o, NULL);
  for (guint i = 0; i < created->n_periods; i++)
    if (strcmp (created->periods[i].label, "2026") == 0)
      p = &created->periods[i];
  g_assert_nonnull (p);
  for (guint i = 0; i < hub_dataset_get_n_models (real.dataset); i++)
    {
      const HubModelRecord *r = hub_dataset_get_model (real.dataset, i);
      HubSizeSource s;
      gint64 v = hub_size_table_get_parameters (table, i, &s);
      double d = v;

      if (r->created_at < hub_time_parse_iso8601 ("2026-01-01") ||
          r->created_at >= hub_time_parse_iso8601 ("2027-01-01"))
        continue;
      n_total_2026++;
      if (s == HUB_SIZE_SOURCE_REPORTED || s == HUB_SIZE_SOURCE_BASE_MODEL)
        g_array_append_val (sizes, d);
    }
  {
    double *v = (double *) (gpointer) sizes->data;
    guint n = sizes->len;
    g_autofree HubWeightedValue *wv = g_new (HubWeightedValue, MAX (n, 1));

    for (guint i = 0; i < n; i++)
      wv[i] = (HubWeightedValue) { v[i], 1 };
    hub_weighted_sort (wv, n);
    g_assert_cmpuint (p->n, ==, n);
    g_assert_cmpuint (hub_size_coverage_n_total (&p->coverage), ==, n_total_2026);
    for (guint q = 0; q < HUB_SIZE_N_QUANTILES; q++)
      {
        guint k = (guint) ceil (hub_size_quantile_levels[q] * n - 1e-9);

        g_assert_cmpfloat (p->quantiles[q], ==, wv[MAX (k, 1) - 1].value);
      }
  }
  /* Most models report no size (the research's caveat), yet many do. */
  g_test_message ("2026 created: %u models, %u sized, median %.3g, mean %.3g",
                  n_total_2026, p->n, p->quantiles[2], p->mean);
  g_assert_cmpuint (p->n, >, n_total_2026 / 3);
  g_assert_cmpuint (p->n, <, n_total_2026);

  /* Downloaded in 2026, weighted by downloads: the total weight is the sum
   * of the latest 30-day downloads of sized models (the last history export
   * equals the snapshot). */
  hub_size_options_init (&o);
  o.cohort = HUB_SIZE_COHORT_DOWNLOADED;
  downloaded = hub_sizes_compute (table, &o, NULL);
  g_assert_cmpuint (downloaded->n_periods, ==, 1);
  g_assert_cmpstr (downloaded->periods[0].label, ==, "2026");
  for (guint i = 0; i < hub_dataset_get_n_models (real.dataset); i++)
    {
      const HubModelRecord *r = hub_dataset_get_model (real.dataset, i);
      HubSizeSource s;

      hub_size_table_get_parameters (table, i, &s);
      if ((s == HUB_SIZE_SOURCE_REPORTED || s == HUB_SIZE_SOURCE_BASE_MODEL) && r->downloads > 0)
        dl_total += r->downloads;
    }
  g_assert_cmpfloat (downloaded->periods[0].weight, ==, dl_total);
  /* The weighted mean runs ahead of the weighted median. */
  g_assert_cmpfloat (downloaded->periods[0].mean, >, downloaded->periods[0].quantiles[2]);
  {
    double sum = 0;

    for (guint b = 0; b < HUB_N_SIZE_BUCKETS; b++)
      sum += downloaded->periods[0].bucket_shares[b];
    g_assert_cmpfloat_with_epsilon (sum, 1.0, 1e-9);
    for (guint q = 1; q < HUB_SIZE_N_QUANTILES; q++)
      g_assert_cmpfloat (downloaded->periods[0].quantiles[q - 1], <=, downloaded->periods[0].quantiles[q]);
  }

  /* A filter narrows the cohort: text-generation only. */
  hub_list_query_init (&filter);
  filter.task = g_strdup ("text-generation");
  o.filter = &filter;
  textgen = hub_sizes_compute (table, &o, NULL);
  g_assert_cmpuint (textgen->n_periods, ==, 1);
  g_assert_cmpuint (textgen->periods[0].n, <, downloaded->periods[0].n);
  g_assert_cmpuint (textgen->periods[0].n, >, 0);
  g_assert_cmpfloat (textgen->periods[0].weight, <, downloaded->periods[0].weight);
  /* A task the data does not have: nothing, not an error. */
  g_free (filter.task);
  filter.task = g_strdup ("no-such-task");
  {
    g_autoptr(HubSizeResult) none = hub_sizes_compute (table, &o, NULL);

    g_assert_cmpuint (none->n_periods, ==, 0);
  }
  hub_list_query_clear (&filter);
}

static void
test_real_estimate (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = hub_test_tmpdir ();
  g_autoptr(HubStore) store = import_real (dir, FALSE);
  g_autoptr(HubDataset) before_ds = hub_dataset_load (store, NULL, &error);
  g_autoptr(HubSizeTable) before = NULL;
  g_autoptr(HubSizeEstimation) est = NULL;
  g_autoptr(HubDataset) after_ds = NULL;
  g_autoptr(HubSizeTable) after = NULL;
  HubSizeCoverage cov_before, cov_after;
  guint n_written = 0, n_pooled = 0;

  g_assert_no_error (error);
  before = hub_size_table_new (before_ds, store, NULL, &error);
  g_assert_no_error (error);
  hub_size_table_get_coverage (before, NULL, &cov_before);
  g_assert_cmpuint (cov_before.n_models[HUB_SIZE_SOURCE_ESTIMATED], ==, 0);

  est = hub_size_table_estimate (before, &error);
  g_assert_no_error (error);
  g_assert_nonnull (est);
  g_test_message ("pooled: slope %.3f intercept %.3f inliers %u/%u, held-out R² %.3f over %u",
                  est->pooled.slope, est->pooled.intercept, est->pooled.n_inliers,
                  est->pooled.n_fit, est->pooled.r2_holdout, est->pooled.n_holdout);
  g_assert_cmpfloat (est->pooled.r2_holdout, >=, 0);
  g_assert_cmpfloat (est->pooled.r2_holdout, <=, 1);
  g_assert_cmpuint (est->pooled.n_inliers, >, est->pooled.n_fit / 2);
  g_assert_cmpuint (est->pooled.n_holdout, >, 100);
  for (guint f = 0; f < HUB_N_FORMAT_FAMILIES; f++)
    {
      g_test_message ("%s: %u models, %s, slope %.3f, R² %.3f", hub_format_family_to_string (f),
                      est->n_family[f], est->fits[f].pooled ? "pooled" : "own line",
                      est->fits[f].slope, est->fits[f].r2_holdout);
      if (!est->fits[f].pooled)
        g_assert_cmpuint (est->n_family[f], >=, HUB_SIZE_FIT_MIN_MODELS);
      n_pooled += est->fits[f].pooled;
    }
  /* safetensors and gguf have thousands of models: their own lines. */
  g_assert_false (est->fits[HUB_FORMAT_FAMILY_SAFETENSORS].pooled);
  g_assert_false (est->fits[HUB_FORMAT_FAMILY_GGUF].pooled);
  g_assert_cmpuint (est->estimates->len, >, 1000);

  /* Issue 19: no estimate for storage that is not one model's weights. A
   * compiler cache (2.39T by the line) and a folder of Stable Diffusion
   * checkpoints (1.38T) have no task; every estimate stays within its
   * family's and task's bound, and what is left out is listed. */
  g_assert_cmpuint (est->n_without_task, >, 0);
  g_assert_cmpuint (est->implausible->len, >, 0);
  for (guint i = 0; i < est->estimates->len; i++)
    {
      const HubSizeEstimate *e = &g_array_index (est->estimates, HubSizeEstimate, i);
      const HubModelRecord *r = hub_dataset_get_model (before_ds, e->model);

      g_assert_cmpuint (r->task, !=, 0);
      g_assert_cmpint (e->parameters, <=, e->bound);
      g_assert_cmpint (e->bound, <=, est->family_bound[e->family]);
      g_assert_cmpstr (r->id, !=, "aws-neuron/optimum-neuron-cache");
      g_assert_cmpstr (r->id, !=, "takuya23/SD-model-fp16");
    }
  for (guint i = 0; i < est->implausible->len; i++)
    {
      const HubSizeEstimate *e = &g_array_index (est->implausible, HubSizeEstimate, i);

      g_assert_cmpint (e->parameters, >, e->bound);
      if (i > 0)
        g_assert_cmpint (e->parameters, <=, g_array_index (est->implausible, HubSizeEstimate, i - 1).parameters);
    }
  g_assert_true (hub_dataset_find_model (before_ds, "aws-neuron/optimum-neuron-cache") >= 0);
  g_assert_true (hub_dataset_find_model (before_ds, "takuya23/SD-model-fp16") >= 0);

  g_assert_true (hub_sizes_store_estimates (store, before_ds, est, &n_written, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_written, ==, est->estimates->len);
  /* No estimate for a model with a reported count, even a reported 0. */
  for (guint i = 0; i < est->estimates->len; i++)
    {
      const HubSizeEstimate *e = &g_array_index (est->estimates, HubSizeEstimate, i);
      HubParamSource ps = hub_dataset_get_model (before_ds, e->model)->parameters_source;

      g_assert_true (ps == HUB_PARAM_SOURCE_UNKNOWN || ps == HUB_PARAM_SOURCE_ESTIMATED);
      g_assert_cmpint (e->parameters, >, 0);
    }

  after_ds = hub_dataset_load (store, NULL, &error);
  g_assert_no_error (error);
  after = hub_size_table_new (after_ds, store, NULL, &error);
  g_assert_no_error (error);
  hub_size_table_get_coverage (after, NULL, &cov_after);
  g_test_message ("coverage: %u → %u models sized (of %u)",
                  hub_size_coverage_n_sized (&cov_before, TRUE),
                  hub_size_coverage_n_sized (&cov_after, TRUE),
                  hub_size_coverage_n_total (&cov_after));
  g_assert_cmpuint (cov_after.n_models[HUB_SIZE_SOURCE_ESTIMATED], ==, n_written);
  g_assert_cmpuint (hub_size_coverage_n_sized (&cov_after, TRUE), ==,
                    hub_size_coverage_n_sized (&cov_before, TRUE) + n_written);
  g_assert_cmpfloat (hub_size_coverage_weight_share (&cov_after, TRUE), >,
                     hub_size_coverage_weight_share (&cov_before, TRUE));

  /* Nothing reported or from a base model changed. */
  g_assert_cmpuint (hub_dataset_get_n_models (after_ds), ==, hub_dataset_get_n_models (before_ds));
  for (guint i = 0; i < hub_dataset_get_n_models (before_ds); i++)
    {
      const HubModelRecord *a = hub_dataset_get_model (before_ds, i);
      const HubModelRecord *b = hub_dataset_get_model (after_ds, i);
      HubSizeSource sa, sb;
      gint64 pa = hub_size_table_get_parameters (before, i, &sa);
      gint64 pb = hub_size_table_get_parameters (after, i, &sb);

      g_assert_cmpstr (a->id, ==, b->id);
      if (a->parameters_source != HUB_PARAM_SOURCE_UNKNOWN)
        {
          g_assert_cmpint (a->parameters, ==, b->parameters);
          g_assert_cmpint (a->parameters_source, ==, b->parameters_source);
        }
      if (sa != HUB_SIZE_SOURCE_UNKNOWN)
        {
          g_assert_cmpint (pa, ==, pb);
          g_assert_cmpint (sa, ==, sb);
        }
    }

  /* Estimating again replaces estimates only, and gives the same set. */
  {
    g_autoptr(HubSizeEstimation) again = hub_size_table_estimate (after, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (again->estimates->len, ==, est->estimates->len);
    g_assert_cmpfloat (again->pooled.slope, ==, est->pooled.slope);
  }
}

static void
test_store_never_overwrites (void)
{
  g_autoptr(HubStore) store = small_store ();
  g_autoptr(HubDataset) dataset = NULL;
  g_autoptr(HubSizeTable) table = table_for (store, &dataset);
  g_autoptr(HubSizeEstimation) forged = g_new0 (HubSizeEstimation, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(HubModelEntry) base = NULL;
  g_autoptr(HubModelEntry) nosize = NULL;
  HubSizeEstimate e;
  guint n = 99;

  /* An estimate for a model with a reported count is skipped; one for a
   * model without a count is written. */
  forged->estimates = g_array_new (FALSE, FALSE, sizeof (HubSizeEstimate));
  e = (HubSizeEstimate) { hub_dataset_find_model (dataset, "org/base-7b"), 1234, HUB_FORMAT_FAMILY_SAFETENSORS };
  g_array_append_val (forged->estimates, e);
  e = (HubSizeEstimate) { hub_dataset_find_model (dataset, "org/nosize"), 4321, HUB_FORMAT_FAMILY_OTHER };
  g_array_append_val (forged->estimates, e);
  g_assert_true (hub_sizes_store_estimates (store, dataset, forged, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);

  base = hub_store_get_model (store, "org/base-7b", &error);
  g_assert_cmpint (base->parameters, ==, 7000000000);
  g_assert_cmpint (base->parameters_source, ==, HUB_PARAM_SOURCE_SAFETENSORS);
  g_assert_cmpuint (base->tags->len, ==, 1);
  nosize = hub_store_get_model (store, "org/nosize", &error);
  g_assert_cmpint (nosize->parameters, ==, 4321);
  g_assert_cmpint (nosize->parameters_source, ==, HUB_PARAM_SOURCE_ESTIMATED);
  g_assert_cmpint (nosize->downloads, ==, 1000);
}

static void
test_estimate_too_few (void)
{
  g_autoptr(HubStore) store = small_store ();
  g_autoptr(HubDataset) dataset = NULL;
  g_autoptr(HubSizeTable) table = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HubSizeEstimation) est = NULL;

  /* Five models, one held out or not: the fit needs two training points
   * with distinct storage. Remove sizes so fewer than two remain. */
  g_assert_cmpint (sqlite3_exec (hub_store_get_db (store),
                                 "UPDATE models SET parameters = NULL, parameters_source = NULL"
                                 " WHERE id != 'org/tiny'", NULL, NULL, NULL), ==, SQLITE_OK);
  table = table_for (store, &dataset);
  est = hub_size_table_estimate (table, &error);
  g_assert_null (est);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "Too few"));
}

/* ---- The command line --------------------------------------------------------- */

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

/* hubeco ARGS... --db DB_PATH, without a display, in the C locale. */
static void
run_hubeco (Run        *run,
            const char *db_path,
            ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  g_ptr_array_add (argv, (gpointer) hub_test_hubeco_bin ());
  va_start (args, db_path);
  for (const char *arg = va_arg (args, const char *); arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, (gpointer) db_path);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
}

/* The value of @column in CSV row @row (1 = first data row). */
static char *
csv_field (const char *csv,
           guint       row,
           const char *column)
{
  g_auto(GStrv) lines = g_strsplit (csv, "\n", -1);
  g_auto(GStrv) header = NULL;
  g_auto(GStrv) fields = NULL;

  g_assert_cmpuint (g_strv_length (lines), >, row);
  header = g_strsplit (lines[0], ",", -1);
  fields = g_strsplit (lines[row], ",", -1);
  for (guint i = 0; header[i] != NULL; i++)
    if (strcmp (header[i], column) == 0)
      {
        g_assert_nonnull (fields[i]);
        return g_strdup (fields[i]);
      }
  g_assert_not_reached ();
  return NULL;
}

/* The CSV row whose first field is @key (1-based), or 0. */
static guint
csv_row_of (const char *csv,
            const char *key)
{
  g_auto(GStrv) lines = g_strsplit (csv, "\n", -1);
  g_autofree char *prefix = g_strconcat (key, ",", NULL);

  for (guint i = 1; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return i;
  return 0;
}

static void
test_cli_sizes (void)
{
  g_autofree char *db = NULL;
  g_autoptr(HubSizeTable) table = NULL;
  g_autoptr(HubSizeResult) result = NULL;
  g_autoptr(GError) error = NULL;
  HubSizeOptions o;
  Run run = { 0 };

  ensure_real ();
  db = g_strdup (hub_store_get_path (real.store));
  table = hub_size_table_new (real.dataset, real.store, NULL, &error);
  g_assert_no_error (error);
  hub_size_options_init (&o);
  result = hub_sizes_compute (table, &o, NULL);

  /* The command line prints what the core computes. */
  run_hubeco (&run, db, "sizes", "--format", "csv", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "period,start,includes_earlier,n,weight,p10,p25,p50,p75,p90,mean,"
                                            "share_lt_100m,share_100m_500m,share_500m_1b,share_1b_10b,"
                                            "share_10b_100b,share_gt_100b,models,"));
  {
    g_autofree char *period = csv_field (run.out, 1, "period");
    g_autofree char *n = csv_field (run.out, 1, "n");
    g_autofree char *p50 = csv_field (run.out, 1, "p50");
    g_autofree char *mean = csv_field (run.out, 1, "mean");

    g_assert_cmpstr (period, ==, result->periods[0].label);
    g_assert_cmpint (g_ascii_strtoll (n, NULL, 10), ==, result->periods[0].n);
    g_assert_cmpint (g_ascii_strtoll (p50, NULL, 10), ==, (gint64) result->periods[0].quantiles[2]);
    g_assert_cmpint (g_ascii_strtoll (mean, NULL, 10), ==, llround (result->periods[0].mean));
  }
  /* The caption goes to stderr with csv, to stdout with the table. */
  g_assert_nonnull (strstr (run.err, "have a size"));
  run_clear (&run);

  run_hubeco (&run, db, "sizes", "--cohort", "created", "--period", "quarter", "--weight", "count",
              "--library", "transformers", "--relation", "base", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "2026-Q3"));
  g_assert_nonnull (strstr (run.out, "Median"));
  g_assert_nonnull (strstr (run.out, "have a size"));
  run_clear (&run);

  /* Bad values: exit 2, the valid ones named. */
  run_hubeco (&run, db, "sizes", "--period", "month", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "year, quarter"));
  run_clear (&run);
  run_hubeco (&run, db, "sizes", "--weight", "likes", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "downloads, count"));
  run_clear (&run);
  run_hubeco (&run, db, "sizes", "--task", "no-such-task", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "text-generation"));
  run_clear (&run);
  run_hubeco (&run, db, "sizes", "--relation", "cousin", NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);
}

/* The text of a PDF on one line (pdftotext, from poppler-utils). */
static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-raw", pdf, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  /* A caption wraps where the width says: one line of text. */
  g_strdelimit (out, "\n", ' ');
  return out;
}

static GHashTable *
sized_rows (const char *db_path)
{
  GHashTable *rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id, parameters, parameters_source FROM models"
                                           " WHERE parameters_source IN ('safetensors', 'gguf', 'base_model')",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (rows, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         g_strdup_printf ("%" G_GINT64_FORMAT " %s", (gint64) sqlite3_column_int64 (stmt, 1),
                                          (const char *) sqlite3_column_text (stmt, 2)));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return rows;
}

static gint64
count_estimated (const char *db_path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count (*) FROM models WHERE parameters_source = 'estimated'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* "... N of M models ..." after @label. */
static guint
sized_after (const char *text,
             const char *label)
{
  const char *p = strstr (text, label);
  g_autofree char *digits = NULL;
  GString *s = g_string_new (NULL);

  g_assert_nonnull (p);
  p += strlen (label);
  while (*p == ' ')
    p++;
  for (; *p != ' ' && *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (s, *p);
  digits = g_string_free (s, FALSE);
  return (guint) g_ascii_strtoull (digits, NULL, 10);
}

static void
test_cli_estimate (void)
{
  g_autofree char *dir = hub_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "embedded.db", NULL);
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  GHashTableIter iter;
  gpointer key, value;
  Run run = { 0 };
  guint row;
  double r2;

  /* A fresh database is built from the embedded dataset; without --write
   * nothing is stored. */
  run_hubeco (&run, db, "estimate-params", "--format", "csv", NULL);
  g_assert_cmpint (run.status, ==, 0);
  row = csv_row_of (run.out, "all");
  g_assert_cmpuint (row, >, 0);
  {
    g_autofree char *r2_text = csv_field (run.out, row, "r2_held_out");
    g_autofree char *n_est = csv_field (run.out, row, "estimates");

    r2 = g_ascii_strtod (r2_text, NULL);
    g_assert_cmpfloat (r2, >=, 0);
    g_assert_cmpfloat (r2, <=, 1);
    g_assert_cmpint (g_ascii_strtoll (n_est, NULL, 10), >, 1000);
  }
  g_assert_nonnull (strstr (run.err, "Nothing stored"));
  g_assert_nonnull (strstr (run.err, "--write stores them"));
  g_assert_nonnull (strstr (run.err, "models without a task"));
  g_assert_nonnull (strstr (run.err, "the line gives"));
  g_assert_cmpint (count_estimated (db), ==, 0);
  run_clear (&run);

  before = sized_rows (db);
  g_assert_cmpuint (g_hash_table_size (before), >, 7000);

  run_hubeco (&run, db, "estimate-params", "--write", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_test_message ("%s", run.out);
  g_assert_nonnull (strstr (run.out, "Held-out R²"));
  g_assert_cmpuint (sized_after (run.out, "After:"), >, sized_after (run.out, "Before:"));
  g_assert_cmpint (count_estimated (db), ==,
                   sized_after (run.out, "After:") - sized_after (run.out, "Before:"));
  g_assert_cmpint (count_estimated (db), ==, sized_after (run.out, "Stored"));
  run_clear (&run);

  /* Every reported or base-model count is exactly as before. */
  after = sized_rows (db);
  g_assert_cmpuint (g_hash_table_size (after), ==, g_hash_table_size (before));
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_cmpstr (g_hash_table_lookup (after, key), ==, value);

  /* The sizes command can now use the estimates. */
  run_hubeco (&run, db, "sizes", "--include-estimated", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "estimated."));
  g_assert_null (strstr (run.out, " 0 estimated"));
  run_clear (&run);

  /* The chart export weighs and counts estimates as asked: its title and
   * caption (text in the PDF) say so. */
  {
    g_autofree char *pdf = g_build_filename (dir, "sizes.pdf", NULL);
    g_autofree char *text = NULL;

    run_hubeco (&run, db, "export-chart", "sizes", "--weight", "count", "--include-estimated",
                "--output", pdf, NULL);
    g_assert_cmpint (run.status, ==, 0);
    run_clear (&run);
    text = pdf_text (pdf);
    g_assert_nonnull (strstr (text, "one vote per model"));
    g_assert_nonnull (strstr (text, "estimated"));
    g_assert_null (strstr (text, "(not used)"));
    g_free (text);

    run_hubeco (&run, db, "export-chart", "sizes", "--output", pdf, NULL);
    g_assert_cmpint (run.status, ==, 0);
    run_clear (&run);
    text = pdf_text (pdf);
    g_assert_nonnull (strstr (text, "weighted by downloads"));
    g_assert_nonnull (strstr (text, "(not used)"));

    run_hubeco (&run, db, "export-chart", "sizes", "--weight", "likes", "--output", pdf, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "downloads, count"));
    run_clear (&run);
  }

  /* With the embedded authors, the country filter (any case) works. */
  run_hubeco (&run, db, "sizes", "--country", "us", "--org-type", "company", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "2026"));
  run_clear (&run);
  run_hubeco (&run, db, "sizes", "--country", "XX", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "US"));
  run_clear (&run);
}

int
main (int argc, char **argv)
{
  int rc;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sizes/weighted/equal", test_weighted_equal);
  g_test_add_func ("/sizes/weighted/unequal", test_weighted_unequal);
  g_test_add_func ("/sizes/weighted/edges", test_weighted_edges);
  g_test_add_func ("/sizes/buckets", test_buckets);
  g_test_add_func ("/sizes/format-flags", test_format_flags);
  g_test_add_func ("/sizes/small/sources", test_small_sources);
  g_test_add_func ("/sizes/small/created", test_small_created);
  g_test_add_func ("/sizes/small/downloaded", test_small_downloaded);
  g_test_add_func ("/sizes/small/never-overwrites", test_store_never_overwrites);
  g_test_add_func ("/sizes/small/too-few", test_estimate_too_few);
  g_test_add_func ("/sizes/real/packed", test_real_packed);
  g_test_add_func ("/sizes/real/distribution", test_real_distribution);
  g_test_add_func ("/sizes/real/estimate", test_real_estimate);
  g_test_add_func ("/sizes/cli/sizes", test_cli_sizes);
  g_test_add_func ("/sizes/cli/estimate-params", test_cli_estimate);

  rc = g_test_run ();
  g_clear_object (&real.store);
  g_clear_pointer (&real.dataset, hub_dataset_unref);
  g_free (real.dir);
  return rc;
}
