/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The concentration explorer and its uncertainty (issue 17): k(X %), the
 * participants of a period, 1/HHI, coverage bands, the bootstrap, and
 * `exclude=` against plain SQL. */
#include "config.h"

#include "hub-analysis.h"
#include "hub-import.h"
#include "hub-share-query.h"
#include "hub-test-util.h"

#include <math.h>
#include <sqlite3.h>
#include <string.h>

/* k(X %) of 50, 30, 10, 5, 5 (sum 100): 50 % takes the 50, 80 % the 50
 * and the 30, 90 % adds the 10, 99 % needs all five. */
static void
test_cover_count (void)
{
  gint64 values[] = { 5, 5, 10, 30, 50 };
  gint64 equal[10];
  double hhi;
  guint n;

  g_assert_cmpuint (hub_share_cover_count (values, 5, TRUE, 0.5), ==, 1);
  g_assert_cmpuint (hub_share_cover_count (values, 5, TRUE, 0.8), ==, 2);
  g_assert_cmpuint (hub_share_cover_count (values, 5, TRUE, 0.9), ==, 3);
  g_assert_cmpuint (hub_share_cover_count (values, 5, TRUE, 0.99), ==, 5);
  g_assert_cmpuint (hub_share_cover_count (values, 5, TRUE, 1.0), ==, 5);
  g_assert_cmpuint (hub_share_cover_count (NULL, 0, TRUE, 0.9), ==, 0);
  {
    gint64 descending[] = { 50, 30, 10, 5, 5 };

    g_assert_cmpuint (hub_share_cover_count (descending, 5, FALSE, 0.8), ==, 2);
    g_assert_cmpuint (hub_share_cover_count (descending, 5, FALSE, 0.9), ==, 3);
  }

  /* n equal participants: 1/HHI = n, and 90 % of them make 90 %. */
  for (guint k = 1; k <= 10; k++)
    {
      for (guint i = 0; i < k; i++)
        equal[i] = 7;
      hub_share_concentration (equal, k, &hhi, NULL, NULL, NULL, NULL, &n);
      g_assert_cmpuint (n, ==, k);
      g_assert_cmpfloat_with_epsilon (1 / hhi, k, 1e-9);
      g_assert_cmpuint (hub_share_cover_count (equal, k, TRUE, 0.9), ==, (guint) ceil (0.9 * k - 1e-9));
    }
}

/* Six models in four categories (3 = Unknown) over two snapshots, one
 * period each:
 *   period 0: m0 cat0 50, m1 cat0 30, m2 cat1 10, m3 cat2 5, m4 cat2 5, m5 unknown 25
 *   period 1: m0 cat0 10, m2 cat1 10
 */
static const guint32 six_category[] = { 0, 0, 1, 2, 2, 3 };
static const guint64 six_offsets[] = { 0, 6, 8 };
static const guint32 six_model[] = { 0, 1, 2, 3, 4, 5, 0, 2 };
static const guint32 six_value[] = { 50, 30, 10, 5, 5, 25, 10, 10 };
static const guint32 six_period[] = { 0, 1 };

static void
six_input (HubShareInput *in)
{
  memset (in, 0, sizeof *in);
  in->n_models = 6;
  in->category = six_category;
  in->n_categories = 4;
  in->unknown_category = 3;
  in->n_groups = 2;
  in->offsets = six_offsets;
  in->model = six_model;
  in->value32 = six_value;
  in->group_period = six_period;
  in->n_periods = 2;
  in->n_threads = 1;
}

static void
test_detail_and_k90 (void)
{
  HubShareInput in;
  g_autoptr(HubShareResult) res = NULL;

  six_input (&in);
  in.detail = TRUE;
  in.detail_period = 0;
  res = hub_share_compute (&in, NULL);

  /* Participants of period 0: cat0 80, cat1 10, cat2 10 (ties: lower
   * category first); Unknown is not one. Four categories: every
   * period's are kept (period 1: cat0 10, cat1 10). */
  g_assert_true (res->has_detail);
  g_assert_cmpuint (res->detail_period, ==, 0);
  {
    const HubShareParticipants *p0 = hub_share_result_get_participants (res, 0);
    const HubShareParticipants *p1 = hub_share_result_get_participants (res, 1);

    g_assert_nonnull (p0);
    g_assert_cmpuint (p0->n, ==, 3);
    g_assert_cmpuint (p0->category[0], ==, 0);
    g_assert_cmpuint (p0->category[1], ==, 1);
    g_assert_cmpuint (p0->category[2], ==, 2);
    g_assert_cmpint (p0->values[0], ==, 80);
    g_assert_cmpint (p0->values[1], ==, 10);
    g_assert_cmpint (p0->values[2], ==, 10);
    g_assert_nonnull (p1);
    g_assert_cmpuint (p1->n, ==, 2);
    g_assert_cmpint (p1->values[0] + p1->values[1], ==, 20);
    g_assert_null (hub_share_result_get_participants (res, 2));
  }

  /* k(90 %): 80 + 10 of 100 in period 0; one of two equal in period 1
   * covers only 50 %. */
  g_assert_cmpuint (res->k90[0], ==, 2);
  g_assert_cmpuint (res->k90[1], ==, 2);
  g_assert_cmpfloat_with_epsilon (res->hhi[0], 0.8 * 0.8 + 0.1 * 0.1 * 2, 1e-12);
}

/* The band of each column is [its share, its share + Unknown's share]. */
static void
test_coverage_bands (void)
{
  HubShareInput in;
  g_autoptr(HubShareResult) res = NULL;
  double lo, hi;

  six_input (&in);
  in.top = 1;
  res = hub_share_compute (&in, NULL);
  /* Columns: cat0, Other (cat1 + cat2), Unknown. Period 0 total 125. */
  g_assert_cmpuint (res->n_columns, ==, 3);
  g_assert_cmpint (res->column_kind[2], ==, HUB_SHARE_COLUMN_UNKNOWN);
  hub_share_result_get_share_bounds (res, 0, 0, &lo, &hi);
  g_assert_cmpfloat_with_epsilon (lo, 80.0 / 125, 1e-12);
  g_assert_cmpfloat_with_epsilon (hi, 105.0 / 125, 1e-12);
  hub_share_result_get_share_bounds (res, 0, 1, &lo, &hi);
  g_assert_cmpfloat_with_epsilon (lo, 20.0 / 125, 1e-12);
  g_assert_cmpfloat_with_epsilon (hi, 45.0 / 125, 1e-12);
  hub_share_result_get_share_bounds (res, 0, 2, &lo, &hi);
  g_assert_cmpfloat_with_epsilon (lo, 25.0 / 125, 1e-12);
  g_assert_cmpfloat_with_epsilon (hi, 25.0 / 125, 1e-12);
  /* No Unknown in period 1: no band. */
  hub_share_result_get_share_bounds (res, 1, 0, &lo, &hi);
  g_assert_cmpfloat_with_epsilon (lo, 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (hi, 0.5, 1e-12);
}

static void
assert_same_interval (const HubInterval *a,
                      const HubInterval *b)
{
  g_assert_cmpfloat (a->lo, ==, b->lo);
  g_assert_cmpfloat (a->hi, ==, b->hi);
}

static void
test_bootstrap (void)
{
  enum { N = 400 };
  g_autofree guint32 *one = g_new0 (guint32, N);
  g_autofree guint32 *spread = g_new (guint32, N);
  g_autofree gint64 *value = g_new (gint64, N);
  HubShareBootstrap a, b, c, d;

  for (guint i = 0; i < N; i++)
    {
      spread[i] = i % 7;
      value[i] = 1 + (i * 37) % 101;
    }

  /* Every model in one participant: every draw gives HHI 1, Gini 0. */
  hub_share_bootstrap_draw (one, value, N, 7, 200, 42, 2, &a);
  g_assert_true (a.drawn);
  g_assert_cmpuint (a.units, ==, N);
  g_assert_cmpfloat (a.hhi.lo, ==, 1.0);
  g_assert_cmpfloat (a.hhi.hi, ==, 1.0);
  g_assert_cmpfloat (a.gini.hi - a.gini.lo, ==, 0.0);
  g_assert_cmpfloat (a.k90.lo, ==, 1.0);
  g_assert_cmpfloat (a.k90.hi, ==, 1.0);
  /* A single model: width 0 as well (an all-zero draw is drawn again). */
  hub_share_bootstrap_draw (one, value, 1, 7, 200, 42, 1, &a);
  g_assert_cmpfloat (a.top1.lo, ==, 1.0);
  g_assert_cmpfloat (a.top1.hi, ==, 1.0);

  /* Seven participants: a real width, the same from the same seed on any
   * number of threads, another from another seed. */
  hub_share_bootstrap_draw (spread, value, N, 7, 200, 42, 1, &a);
  hub_share_bootstrap_draw (spread, value, N, 7, 200, 42, 2, &b);
  hub_share_bootstrap_draw (spread, value, N, 7, 200, 43, 2, &c);
  assert_same_interval (&a.hhi, &b.hhi);
  assert_same_interval (&a.gini, &b.gini);
  assert_same_interval (&a.top1, &b.top1);
  assert_same_interval (&a.top10, &b.top10);
  g_assert_cmpfloat (a.hhi.hi - a.hhi.lo, >, 0.001);
  g_assert_true (a.hhi.lo != c.hhi.lo || a.hhi.hi != c.hhi.hi);
  /* Seven nearly equal participants: the HHI's draws sit just above the
   * floor 1/7 (resampling only makes them less equal: the interval of a
   * near-floor HHI lies above the estimate, as HHI is biased upward). */
  {
    gint64 totals[7] = { 0 };
    double hhi;

    for (guint i = 0; i < N; i++)
      totals[spread[i]] += value[i];
    hub_share_concentration (totals, 7, &hhi, NULL, NULL, NULL, NULL, NULL);
    g_assert_cmpfloat (hhi, <, 1.0 / 7 + 0.001);
    g_assert_cmpfloat (a.hhi.lo, >=, 1.0 / 7);
    g_assert_cmpfloat (a.hhi.hi, <, 1.0 / 7 + 0.02);
  }
  /* Every participant one unit (as by model): the draws' values come from
   * a merge of the weight classes. With n equal values a draw's HHI is
   * Σw² / (Σw)² over the Poisson(1) weights, about 2/n; the same on any
   * number of threads. */
  {
    enum { M = 2000 };
    g_autofree guint32 *own = g_new (guint32, M);
    g_autofree gint64 *equal = g_new (gint64, M);
    HubShareBootstrap e1, e2;

    for (guint i = 0; i < M; i++)
      own[i] = i, equal[i] = 5;
    hub_share_bootstrap_draw (own, equal, M, M, 200, 9, 1, &e1);
    hub_share_bootstrap_draw (own, equal, M, M, 200, 9, 2, &e2);
    assert_same_interval (&e1.hhi, &e2.hhi);
    assert_same_interval (&e1.gini, &e2.gini);
    assert_same_interval (&e1.k90, &e2.k90);
    g_assert_cmpfloat (e1.hhi.lo, <, 2.0 / M);
    g_assert_cmpfloat (e1.hhi.hi, >, 2.0 / M);
    g_assert_cmpfloat (e1.hhi.hi, <, 2.3 / M);
    /* Weights 1 … 8: the Gini of the drawn models is well inside (0, 1). */
    g_assert_cmpfloat (e1.gini.lo, >, 0.2);
    g_assert_cmpfloat (e1.gini.hi, <, 0.4);
  }
  /* No units: nothing drawn. */
  hub_share_bootstrap_draw (spread, value, 0, 7, 200, 42, 2, &d);
  g_assert_false (d.drawn);
}

/* The engine resamples the models of a period: the same intervals as
 * hub_share_bootstrap_draw() on the period's units by hand. */
static void
test_bootstrap_in_engine (void)
{
  HubShareInput in;
  g_autoptr(HubShareResult) res = NULL;
  const guint32 units_category[] = { 0, 0, 1, 2, 2 };
  const gint64 units_value[] = { 50, 30, 10, 5, 5 };
  HubShareBootstrap by_hand;

  six_input (&in);
  in.detail = TRUE;
  in.detail_period = 0;
  in.bootstrap_draws = 200;
  in.bootstrap_seed = 7;
  res = hub_share_compute (&in, NULL);
  g_assert_nonnull (res->bootstrap);
  g_assert_cmpuint (res->bootstrap_draws, ==, 200);
  g_assert_true (res->bootstrap[0].drawn);
  g_assert_true (res->bootstrap[1].drawn);   /* small: every period */
  g_assert_cmpuint (res->bootstrap[0].units, ==, 5);
  hub_share_bootstrap_draw (units_category, units_value, 5, 4, 200, 7, 1, &by_hand);
  assert_same_interval (&res->bootstrap[0].hhi, &by_hand.hhi);
  assert_same_interval (&res->bootstrap[0].gini, &by_hand.gini);
  assert_same_interval (&res->bootstrap[0].k90, &by_hand.k90);
}

/* ------------------------------------------------------------------------
 * `exclude=` against plain SQL on generated models: libraries, tasks,
 * tags and lineage drawn from a fixed seed, one snapshot.
 * ------------------------------------------------------------------------ */

static char *kinds_db;

static const char *
ensure_kinds_db (void)
{
  static const char *libraries[] = { NULL, "transformers", "gguf", "mlx", "peft", "sentence-transformers" };
  static const char *tasks[] = { NULL, "text-generation", "feature-extraction", "sentence-similarity" };
  static const char *tags[] = { NULL, "gguf", "mlx", "lora" };
  static const char *relations[] = { "finetune", "adapter", "quantized", "merge" };
  g_autoptr(GString) json = g_string_new ("[");
  g_autoptr(GRand) rand = g_rand_new_with_seed (17);
  g_autofree char *dir = hub_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "kinds.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(HubStore) store = NULL;
  g_autoptr(HubImportReport) report = hub_import_report_new ();
  g_autoptr(GError) error = NULL;
  gint64 snapshot;
  enum { N = 300 };

  if (kinds_db != NULL)
    return kinds_db;
  for (guint i = 0; i < N; i++)
    {
      const char *library = libraries[g_rand_int_range (rand, 0, G_N_ELEMENTS (libraries))];
      const char *task = tasks[g_rand_int_range (rand, 0, G_N_ELEMENTS (tasks))];
      const char *tag = tags[g_rand_int_range (rand, 0, G_N_ELEMENTS (tags))];

      g_string_append_printf (json, "%s{\"id\":\"org%u/m%03u\",\"createdAt\":\"2025-01-01T00:00:00.000Z\"",
                              i > 0 ? "," : "", i % 9, i);
      if (library != NULL)
        g_string_append_printf (json, ",\"library_name\":\"%s\"", library);
      if (task != NULL)
        g_string_append_printf (json, ",\"pipeline_tag\":\"%s\"", task);
      g_string_append (json, ",\"tags\":[");
      if (tag != NULL)
        g_string_append_printf (json, "\"%s\"", tag);
      if (i >= 10 && g_rand_int_range (rand, 0, 2) == 0)
        g_string_append_printf (json, "%s\"base_model:%s:org%u/m%03u\"", tag != NULL ? "," : "",
                                relations[g_rand_int_range (rand, 0, 4)], 0, g_rand_int_range (rand, 0, i) / 9 * 9);
      g_string_append (json, "]}");
    }
  g_string_append (json, "]");

  kinds_db = g_build_filename (dir, "kinds.db", NULL);
  store = hub_store_open (kinds_db, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, json->str, -1, NULL));
  g_assert_true (hub_import_file (store, file, HUB_IMPORT_FORMAT_AUTO, report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->models_added, ==, N);

  g_assert_true (hub_store_begin (store, &error));
  snapshot = hub_store_snapshot_begin (store, "gen", "test", hub_time_parse_iso8601 ("2025-06-01T00:00:00Z"),
                                       FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N; i++)
    {
      g_autofree char *id = g_strdup_printf ("org%u/m%03u", i % 9, i);

      g_assert_true (hub_store_snapshot_add (store, snapshot, id, 1 + g_rand_int_range (rand, 0, 100000),
                                             HUB_COUNT_NONE, HUB_COUNT_NONE, HUB_COUNT_NONE, HUB_COUNT_NONE, &error));
    }
  g_assert_true (hub_store_snapshot_finish (store, snapshot, &error));
  g_assert_true (hub_store_commit (store, &error));
  g_assert_no_error (error);
  return kinds_db;
}

static gint64
sql_total (const char *db_path,
           const char *left_out)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT coalesce(sum(r.downloads), 0) FROM snapshot_rows r JOIN models m ON m.id = r.model_id "
    "WHERE NOT (%s)", left_out);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 total;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  total = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return total;
}

static gint64
hubeco_total (HubAnalysis *analysis,
              const char  *query_text)
{
  g_autoptr(HubShareFigure) figure = NULL;
  g_autoptr(GError) error = NULL;
  HubQuery query;

  g_assert_true (hub_query_parse (&query, query_text, &error));
  figure = hub_analysis_share (analysis, &query, NULL, NULL, &error);
  g_assert_no_error (error);
  hub_query_clear (&query);
  g_assert_cmpuint (figure->result->n_periods, ==, 1);
  return figure->result->totals[0];
}

#define HAS_TAG(t) "EXISTS (SELECT 1 FROM tags t WHERE t.model_id = m.id AND t.tag = '" t "')"
#define FIRST_RELATION "(SELECT l.relation FROM lineage l WHERE l.child = m.id AND l.position = 0)"

static void
test_exclude_against_sql (void)
{
  static const struct {
    const char *exclude;
    const char *sql;
  } cases[] = {
    { "gguf", "coalesce(m.library_name, '') = 'gguf' OR " HAS_TAG ("gguf") },
    { "mlx", "coalesce(m.library_name, '') = 'mlx' OR " HAS_TAG ("mlx") },
    { "quantized", "coalesce(" FIRST_RELATION ", '') = 'quantized'" },
    { "embeddings", "coalesce(m.pipeline_tag, '') IN ('sentence-similarity', 'feature-extraction') OR "
                    "coalesce(m.library_name, '') = 'sentence-transformers'" },
    { "adapters", "coalesce(" FIRST_RELATION ", '') = 'adapter' OR coalesce(m.library_name, '') = 'peft'" },
    { "gguf,mlx", "coalesce(m.library_name, '') IN ('gguf', 'mlx') OR " HAS_TAG ("gguf") " OR " HAS_TAG ("mlx") },
  };
  const char *db = ensure_kinds_db ();
  g_autoptr(HubAnalysis) analysis = hub_analysis_new (db);
  gint64 all = hubeco_total (analysis, "by=library;series=gen");

  g_assert_cmpint (all, ==, sql_total (db, "0"));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("by=library;series=gen;exclude=%s", cases[i].exclude);
      gint64 expected = sql_total (db, cases[i].sql);

      g_test_message ("exclude=%s: %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT, cases[i].exclude, expected, all);
      /* Each kind is present in the generated data and not everything. */
      g_assert_cmpint (expected, <, all);
      g_assert_cmpint (expected, >, 0);
      g_assert_cmpint (hubeco_total (analysis, text), ==, expected);
    }
}

/* The text form keeps `exclude` in a fixed order and refuses unknown kinds. */
static void
test_exclude_text_form (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  HubQuery query;

  g_assert_true (hub_query_parse (&query, "by=country;exclude=adapters,gguf", &error));
  g_assert_cmpuint (query.exclude, ==, HUB_MODEL_KIND_ADAPTERS | HUB_MODEL_KIND_GGUF);
  text = hub_query_to_string (&query);
  g_assert_nonnull (strstr (text, "exclude=gguf,adapters"));
  hub_query_clear (&query);
  g_assert_false (hub_query_parse (&query, "exclude=gguf,safetensors", &error));
  g_assert_error (error, HUB_QUERY_ERROR, HUB_QUERY_ERROR_BAD_VALUE);
  hub_query_clear (&query);
}

/* The sensitivity grid on the generated store, by library, varying the
 * left-out kinds: the baseline and ATOM's exclusions, each equal to its
 * own share query, and the largest change equal to the one a plain SQL
 * scan of both finds. */
static GHashTable *
sql_library_shares (const char *db_path,
                    const char *left_out)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT coalesce(m.library_name, ''), sum(r.downloads) FROM snapshot_rows r JOIN models m ON m.id = r.model_id "
    "WHERE NOT (%s) GROUP BY 1", left_out);
  GHashTable *shares = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  double total = 0;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      double *v = g_new (double, 1);

      *v = (double) sqlite3_column_int64 (stmt, 1);
      total += *v;
      g_hash_table_insert (shares, g_strdup ((const char *) sqlite3_column_text (stmt, 0)), v);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, shares);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      *(double *) value /= total;
  }
  return shares;
}

static void
test_sensitivity (void)
{
  const char *db = ensure_kinds_db ();
  g_autoptr(HubAnalysis) analysis = hub_analysis_new (db);
  g_autoptr(HubSensitivityResult) grid = NULL;
  g_autoptr(GHashTable) base = NULL;
  g_autoptr(GHashTable) atom = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key, value;
  const char *expected_category = NULL;
  double largest = 0, expected_to = 0;
  HubQuery query;

  g_assert_true (hub_query_parse (&query, "by=library;series=gen;top=0", &error));
  /* Attribution × the windows × the kinds: 12 panels, refused. */
  g_assert_null (hub_analysis_sensitivity (analysis, &query, HUB_SENSITIVITY_VARY_ATTRIBUTION |
                                           HUB_SENSITIVITY_VARY_WINDOW | HUB_SENSITIVITY_VARY_EXCLUDE, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  grid = hub_analysis_sensitivity (analysis, &query, HUB_SENSITIVITY_VARY_ATTRIBUTION | HUB_SENSITIVITY_VARY_EXCLUDE,
                                   NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (grid->n_methods, ==, 4);
  g_assert_cmpstr (grid->methods[0].label, ==, "self attribution, all models");
  g_assert_cmpstr (grid->methods[1].label, ==, "self attribution, gguf/mlx/embeddings left out");
  g_assert_cmpstr (grid->methods[2].label, ==, "root attribution, all models");
  g_assert_true (hub_query_equal (&grid->methods[0].query, &query));
  g_assert_cmpuint (grid->methods[1].query.exclude, ==, HUB_SENSITIVITY_ATOM_EXCLUDE);

  /* Each method is its own share query, figure for figure. */
  for (guint i = 0; i < grid->n_methods; i++)
    {
      g_autoptr(HubShareFigure) alone = hub_analysis_share (analysis, &grid->methods[i].query, NULL, NULL, &error);
      const HubShareResult *r = grid->methods[i].result;
      guint p = r->n_periods - 1;

      g_assert_no_error (error);
      g_assert_cmpint (alone->result->totals[p], ==, r->totals[p]);
      g_assert_cmpfloat (alone->result->hhi[p], ==, grid->methods[i].hhi);
      g_assert_cmpfloat (alone->result->gini[p], ==, grid->methods[i].gini);
    }

  /* The largest change against SQL, varying the kinds alone: shares of
   * each library with every model and without ATOM's kinds; the library
   * "" is no category. */
  g_clear_pointer (&grid, hub_sensitivity_result_unref);
  grid = hub_analysis_sensitivity (analysis, &query, HUB_SENSITIVITY_VARY_EXCLUDE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (grid->n_methods, ==, 2);
  base = sql_library_shares (db, "0");
  atom = sql_library_shares (db, "coalesce(m.library_name, '') IN ('gguf', 'mlx', 'sentence-transformers') OR "
                                 "coalesce(m.pipeline_tag, '') IN ('sentence-similarity', 'feature-extraction') OR "
                                 HAS_TAG ("gguf") " OR " HAS_TAG ("mlx"));
  g_hash_table_iter_init (&iter, base);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      double *to = g_hash_table_lookup (atom, key);

      if (*(const char *) key == '\0' || to == NULL)
        continue;
      if (fabs (*to - *(double *) value) > largest)
        {
          largest = fabs (*to - *(double *) value);
          expected_category = key;
          expected_to = *to;
        }
    }
  g_assert_nonnull (expected_category);
  g_assert_cmpstr (grid->change_category, ==, expected_category);
  g_assert_cmpuint (grid->change_method, ==, 1);
  g_assert_cmpfloat_with_epsilon (grid->change_to, expected_to, 1e-12);
  {
    g_autofree char *text = hub_sensitivity_change_text (grid);

    g_test_message ("%s", text);
    g_assert_nonnull (strstr (text, expected_category));
    g_assert_true (g_str_has_prefix (text, "With gguf/mlx/embeddings left out"));
  }
  hub_query_clear (&query);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/concentration/cover-count", test_cover_count);
  g_test_add_func ("/concentration/detail-and-k90", test_detail_and_k90);
  g_test_add_func ("/concentration/coverage-bands", test_coverage_bands);
  g_test_add_func ("/concentration/bootstrap", test_bootstrap);
  g_test_add_func ("/concentration/bootstrap-in-engine", test_bootstrap_in_engine);
  g_test_add_func ("/concentration/exclude-against-sql", test_exclude_against_sql);
  g_test_add_func ("/concentration/exclude-text-form", test_exclude_text_form);
  g_test_add_func ("/concentration/sensitivity", test_sensitivity);
  ret = g_test_run ();
  g_free (kinds_db);
  return ret;
}
