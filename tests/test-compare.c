/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hub-analysis.h"
#include "hub-compare.h"
#include "hub-family-split.h"
#include "hub-import.h"
#include "hub-test-util.h"

#include <math.h>
#include <sqlite3.h>
#include <string.h>

/* ------------------------------------------------------------------------
 * A hand-made store, series "daily" with snapshots at 00:00 UTC on
 * 2026-06-11, -12, -13 and 2026-07-20; no all-time totals except for
 * tot/model.
 *
 * Released 2026-06-01 (so the snapshots are days 10, 11, 12 and 49):
 *   peer/01 … peer/12   7B text-generation: day 10: 100·i, day 11: 110·i,
 *                       day 12: 120·i, day 49: 1000·i
 *   s/new               7B text-generation: day 10: 1300, day 11: not in
 *                       the snapshot (a gap), day 12: 1500, day 49: 2000
 *   small/x             200M text-generation: 100000 every day (another size class)
 *   other/task          7B text-classification: 50000 every day (another task)
 *   tot/model           7B text-generation: 30-day 10 every day, all-time
 *                       400, 410, 420, 5000
 * old/floor (released at the 2022-03-02 floor): 7B text-generation, 9999.
 * The family of fam/root (7B text-generation, released 2026-05-01):
 *   fam/root 1000, fam/q (quantized, 2026-06-02) 400, fam/ft (fine-tune,
 *   2026-06-03) 300, x/ad (adapter, 2026-06-09) 200, y/merge (merge,
 *   2026-06-20) 100, the same every day: a family total of 2000.
 * ------------------------------------------------------------------------ */

#define N_PEERS 12

static char *hand_db;

static void
append_model (GString    *json,
              const char *id,
              const char *created,
              const char *task,
              gint64      parameters,
              const char *tag)
{
  g_string_append_printf (json, "%s{\"id\":\"%s\",\"createdAt\":\"%s\"", json->len > 1 ? "," : "", id, created);
  if (task != NULL)
    g_string_append_printf (json, ",\"pipeline_tag\":\"%s\"", task);
  if (parameters > 0)
    g_string_append_printf (json, ",\"safetensors\":{\"total\":%" G_GINT64_FORMAT "}", parameters);
  g_string_append_printf (json, ",\"tags\":[%s%s%s]}", tag != NULL ? "\"" : "", tag != NULL ? tag : "",
                          tag != NULL ? "\"" : "");
}

static void
add (HubStore   *store,
     gint64      snapshot,
     const char *id,
     gint64      downloads,
     gint64      all_time)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (hub_store_snapshot_add (store, snapshot, id, downloads, all_time, HUB_COUNT_NONE, HUB_COUNT_NONE,
                                         HUB_COUNT_NONE, &error));
  g_assert_no_error (error);
}

static void
add_day (HubStore *store,
         const char *day,
         guint       index)
{
  static const gint64 per_peer[] = { 100, 110, 120, 1000 };
  static const gint64 s_new[] = { 1300, -1, 1500, 2000 };
  static const gint64 totals[] = { 400, 410, 420, 5000 };
  g_autoptr(GError) error = NULL;
  gint64 snapshot;

  g_assert_true (hub_store_begin (store, &error));
  snapshot = hub_store_snapshot_begin (store, "daily", "test", hub_time_parse_iso8601 (day), FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 1; i <= N_PEERS; i++)
    {
      g_autofree char *id = g_strdup_printf ("peer/%02u", i);

      add (store, snapshot, id, per_peer[index] * i, HUB_COUNT_NONE);
    }
  if (s_new[index] >= 0)
    add (store, snapshot, "s/new", s_new[index], HUB_COUNT_NONE);
  add (store, snapshot, "small/x", 100000, HUB_COUNT_NONE);
  add (store, snapshot, "other/task", 50000, HUB_COUNT_NONE);
  add (store, snapshot, "tot/model", 10, totals[index]);
  add (store, snapshot, "old/floor", 9999, HUB_COUNT_NONE);
  add (store, snapshot, "fam/root", 1000, HUB_COUNT_NONE);
  add (store, snapshot, "fam/q", 400, HUB_COUNT_NONE);
  add (store, snapshot, "fam/ft", 300, HUB_COUNT_NONE);
  add (store, snapshot, "x/ad", 200, HUB_COUNT_NONE);
  add (store, snapshot, "y/merge", 100, HUB_COUNT_NONE);
  g_assert_true (hub_store_snapshot_finish (store, snapshot, &error));
  g_assert_true (hub_store_commit (store, &error));
  g_assert_no_error (error);
}

static const char *
ensure_hand_db (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GString) json = g_string_new ("[");
  g_autoptr(GFile) file = NULL;
  g_autoptr(HubStore) store = NULL;
  g_autoptr(HubImportReport) report = hub_import_report_new ();
  g_autoptr(GError) error = NULL;
  const char *june = "2026-06-01T00:00:00.000Z";

  if (hand_db != NULL)
    return hand_db;
  for (guint i = 1; i <= N_PEERS; i++)
    {
      g_autofree char *id = g_strdup_printf ("peer/%02u", i);

      append_model (json, id, june, "text-generation", 7000000000, NULL);
    }
  append_model (json, "s/new", june, "text-generation", 7000000000, NULL);
  append_model (json, "small/x", june, "text-generation", 200000000, NULL);
  append_model (json, "other/task", june, "text-classification", 7000000000, NULL);
  append_model (json, "tot/model", june, "text-generation", 7000000000, NULL);
  append_model (json, "old/floor", "2022-03-02T23:29:04.000Z", "text-generation", 7000000000, NULL);
  append_model (json, "fam/root", "2026-05-01T00:00:00.000Z", "text-generation", 7000000000, NULL);
  append_model (json, "fam/q", "2026-06-02T00:00:00.000Z", NULL, 0, "base_model:quantized:fam/root");
  append_model (json, "fam/ft", "2026-06-03T00:00:00.000Z", NULL, 0, "base_model:finetune:fam/root");
  append_model (json, "x/ad", "2026-06-09T00:00:00.000Z", NULL, 0, "base_model:adapter:fam/root");
  append_model (json, "y/merge", "2026-06-20T00:00:00.000Z", NULL, 0, "base_model:merge:fam/root");
  g_string_append (json, "]");

  dir = hub_test_tmpdir ();
  hand_db = g_build_filename (dir, "compare.db", NULL);
  path = g_build_filename (dir, "models.json", NULL);
  file = g_file_new_for_path (path);
  store = hub_store_open (hand_db, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, json->str, -1, NULL));
  g_assert_true (hub_import_file (store, file, HUB_IMPORT_FORMAT_AUTO, report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->models_added, ==, N_PEERS + 10);
  add_day (store, "2026-06-11T00:00:00Z", 0);
  add_day (store, "2026-06-12T00:00:00Z", 1);
  add_day (store, "2026-06-13T00:00:00Z", 2);
  add_day (store, "2026-07-20T00:00:00Z", 3);
  return hand_db;
}

static HubCompareResult *
run (const char * const *subjects,
     HubCompareMeasure   measure,
     HubCompareBaseline  baseline,
     guint               rank,
     gboolean            all_tasks,
     int                 day)
{
  g_autoptr(HubAnalysis) analysis = hub_analysis_new (ensure_hand_db ());
  g_autoptr(GError) error = NULL;
  HubCompareOptions options;
  HubCompareResult *result;
  HubQuery query;

  hub_query_init (&query);
  hub_compare_options_init (&options);
  options.subjects = subjects;
  options.measure = measure;
  options.baseline = baseline;
  options.rank = rank;
  options.all_tasks = all_tasks;
  options.day = day;
  result = hub_analysis_compare (analysis, &query, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpstr (result->series, ==, "daily");
  hub_query_clear (&query);
  return result;
}

static const HubCompareCurve *
curve (const HubCompareResult *result,
       guint                   i)
{
  g_assert_cmpuint (i, <, result->curves->len);
  return g_ptr_array_index (result->curves, i);
}

static const HubComparePoint *
point (const HubCompareCurve *c,
       guint                  i)
{
  g_assert_cmpuint (i, <, c->points->len);
  return &g_array_index (c->points, HubComparePoint, i);
}

/* Alignment by release, the gap, and the median-of-the-top-10 score:
 * at day 10 the other peers' top 10 are 300…1200, median 750; at day 12
 * 360…1440, median 900. */
static void
test_compare_release_and_median (void)
{
  const char *subjects[] = { "s/new", "peer/12", NULL };
  g_autoptr(HubCompareResult) result = run (subjects, HUB_COMPARE_DOWNLOADS, HUB_COMPARE_BASELINE_MEDIAN, 10, FALSE, -1);
  const HubCompareCurve *s = curve (result, 0), *p = curve (result, 1);

  g_assert_cmpint (result->step_days, ==, 1);
  g_assert_cmpuint (s->points->len, ==, 4);
  g_assert_cmpfloat_with_epsilon (point (s, 0)->day, 10.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (point (s, 0)->value, 1300, 1e-9);
  g_assert_cmpfloat_with_epsilon (point (s, 0)->baseline, 750, 1e-9);
  g_assert_cmpfloat_with_epsilon (point (s, 0)->relative, 1300.0 / 750, 1e-9);
  /* Missing from the day-11 snapshot: a gap, not an interpolation. */
  g_assert_cmpfloat_with_epsilon (point (s, 1)->day, 11.0, 1e-9);
  g_assert_true (isnan (point (s, 1)->value));
  g_assert_true (isnan (point (s, 1)->relative));
  g_assert_cmpfloat_with_epsilon (point (s, 2)->baseline, 900, 1e-9);
  g_assert_cmpfloat_with_epsilon (point (s, 2)->relative, 1500.0 / 900, 1e-9);
  /* Day 49: the peers' 1000·i, top 10 of the others 3000…12000. */
  g_assert_cmpfloat_with_epsilon (point (s, 3)->baseline, 7500, 1e-9);
  g_assert_cmpfloat_with_epsilon (s->score, 2000.0 / 7500, 1e-9);
  g_assert_cmpint (s->score_day, ==, 49);
  g_assert_cmpuint (s->baseline_n, ==, 10);
  g_assert_cmpint (s->size_class, ==, HUB_SIZE_BUCKET_1B_10B);
  g_assert_cmpstr (s->task, ==, "text-generation");
  g_assert_false (s->release_unknown);
  /* A peer is not its own peer: peer/12's top 10 at day 10 are s/new's
   * 1300 and 1100…300: median 750. */
  g_assert_cmpfloat_with_epsilon (point (p, 0)->baseline, 750, 1e-9);
  g_assert_cmpfloat_with_epsilon (point (p, 0)->relative, 1.6, 1e-9);
  {
    g_autofree char *text = hub_compare_curve_score_text (result, s);

    g_assert_cmpstr (text, ==, "0.27× the top-10 median of 1B–10B text-generation models at day 49");
  }
}

/* The k-th model as baseline, a score read at a given day, and peers of
 * every task. */
static void
test_compare_rank_day_tasks (void)
{
  const char *subjects[] = { "s/new", NULL };
  g_autoptr(HubCompareResult) ranked = run (subjects, HUB_COMPARE_DOWNLOADS, HUB_COMPARE_BASELINE_RANK, 3, FALSE, 10);
  g_autoptr(HubCompareResult) all = run (subjects, HUB_COMPARE_DOWNLOADS, HUB_COMPARE_BASELINE_MEDIAN, 10, TRUE, 10);
  g_autoptr(HubCompareResult) deep = run (subjects, HUB_COMPARE_DOWNLOADS, HUB_COMPARE_BASELINE_RANK, 12, FALSE, 10);

  /* Day 10: the third of 1200, 1100, 1000, …: 1000. */
  g_assert_cmpfloat_with_epsilon (curve (ranked, 0)->score, 1.3, 1e-9);
  g_assert_cmpint (curve (ranked, 0)->score_day, ==, 10);
  g_assert_cmpfloat_with_epsilon (point (curve (ranked, 0), 2)->baseline, 1200, 1e-9);
  /* Every task: other/task's 50000 joins; the 200M model never does:
   * 50000, 1200, …, 400: median (900 + 800) / 2. */
  g_assert_cmpfloat_with_epsilon (curve (all, 0)->score, 1300.0 / 850, 1e-9);
  g_assert_null (curve (all, 0)->task);
  /* The 12th of the thirteen others (the peers and tot/model's 10): peer/01's 100. */
  g_assert_cmpfloat_with_epsilon (curve (deep, 0)->score, 13.0, 1e-9);
  {
    const char *one[] = { "peer/01", NULL };
    /* peer/01 has thirteen others: no 14th. */
    g_autoptr(HubCompareResult) none = run (one, HUB_COMPARE_DOWNLOADS, HUB_COMPARE_BASELINE_RANK, 14, FALSE, -1);

    g_assert_true (isnan (curve (none, 0)->score));
    g_assert_true (isnan (point (curve (none, 0), 0)->baseline));
  }
}

/* Cumulative downloads: all-time totals where there are; otherwise the
 * 30-day downloads of the first 30 days, and a gap after. */
static void
test_compare_cumulative (void)
{
  const char *subjects[] = { "s/new", "tot/model", NULL };
  g_autoptr(HubCompareResult) result = run (subjects, HUB_COMPARE_CUMULATIVE, HUB_COMPARE_BASELINE_MEDIAN, 10, FALSE, -1);
  const HubCompareCurve *s = curve (result, 0), *t = curve (result, 1);

  g_assert_cmpfloat_with_epsilon (point (s, 0)->value, 1300, 1e-9);
  g_assert_cmpfloat_with_epsilon (point (s, 2)->value, 1500, 1e-9);
  g_assert_true (isnan (point (s, 3)->value));
  g_assert_cmpint (s->source, ==, HUB_COMPARE_SOURCE_YOUNG);
  g_assert_cmpfloat_with_epsilon (point (t, 0)->value, 400, 1e-9);
  g_assert_cmpfloat_with_epsilon (point (t, 3)->value, 5000, 1e-9);
  g_assert_cmpint (t->source, ==, HUB_COMPARE_SOURCE_ALL_TIME);
  /* At day 49 only tot/model has a cumulative value among 7B models: s/new has no peer there. */
  g_assert_cmpint (s->score_day, ==, 12);
}

/* A floor-dated model is flagged and not aligned, has no day and no
 * score; on calendar time it is drawn. Unknown ids are listed. */
static void
test_compare_floor_and_unknown (void)
{
  const char *subjects[] = { "old/floor", "no/such-model", NULL };
  g_autoptr(HubCompareResult) result = run (subjects, HUB_COMPARE_DOWNLOADS, HUB_COMPARE_BASELINE_MEDIAN, 10, FALSE, -1);
  const HubCompareCurve *f = curve (result, 0);

  g_assert_true (f->release_unknown);
  g_assert_cmpuint (f->points->len, ==, 4);
  g_assert_true (isnan (point (f, 0)->day));
  g_assert_cmpfloat_with_epsilon (point (f, 0)->value, 9999, 1e-9);
  g_assert_true (isnan (f->score));
  g_assert_false (hub_compare_curve_is_drawn (result, f));
  g_assert_cmpint (curve (result, 1)->model, ==, -1);
  g_assert_cmpuint (result->unknown->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (result->unknown, 0), ==, "no/such-model");
  result->align = HUB_COMPARE_ALIGN_CALENDAR;
  g_assert_true (hub_compare_curve_is_drawn (result, f));
}

/* A family: its curve sums its members; the split by part sums to it. */
static void
test_compare_family_split (void)
{
  const char *subjects[] = { "family:fam/q", NULL };
  g_autoptr(HubCompareResult) result = run (subjects, HUB_COMPARE_DOWNLOADS, HUB_COMPARE_BASELINE_MEDIAN, 10, FALSE, -1);
  g_autoptr(HubAnalysis) analysis = hub_analysis_new (ensure_hand_db ());
  g_autoptr(HubFamilySplit) split = NULL;
  g_autoptr(GError) error = NULL;
  const HubCompareCurve *f = curve (result, 0);
  HubQuery query;
  static const guint64 expected[HUB_N_FAMILY_PARTS] = { 1000, 300, 200, 400, 100, 0 };

  g_assert_true (f->family);
  g_assert_cmpstr (f->id, ==, "fam/root");
  g_assert_cmpuint (f->n_members, ==, 5);
  g_assert_cmpfloat_with_epsilon (point (f, 0)->value, 2000, 1e-9);
  g_assert_cmpfloat_with_epsilon (point (f, 0)->day, 41, 1e-9);

  hub_query_init (&query);
  split = hub_analysis_family_split (analysis, &query, "x/ad", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (split->root_id, ==, "fam/root");
  g_assert_cmpuint (split->n_groups, ==, 4);
  for (guint g = 0; g < split->n_groups; g++)
    {
      guint64 sum = 0;

      for (guint p = 0; p < HUB_N_FAMILY_PARTS; p++)
        {
          g_assert_cmpuint (split->values[g * HUB_N_FAMILY_PARTS + p], ==, expected[p]);
          sum += split->values[g * HUB_N_FAMILY_PARTS + p];
        }
      g_assert_cmpfloat_with_epsilon ((double) sum, point (f, g)->value, 1e-9);
    }
  g_assert_cmpfloat_with_epsilon (split->derivative_share, 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (split->part_share[HUB_FAMILY_PART_QUANTIZED], 0.2, 1e-12);
  /* Derivatives per week from Monday 2026-06-01: 2, 1, 1. */
  g_assert_cmpuint (split->n_weeks, ==, 3);
  g_assert_cmpint (split->weeks[0], ==, hub_time_parse_iso8601 ("2026-06-01"));
  g_assert_cmpuint (split->created[0], ==, 2);
  g_assert_cmpuint (split->created[1], ==, 1);
  g_assert_cmpuint (split->created[2], ==, 1);
  /* Intermediaries: the other authors, x before y. */
  g_assert_cmpuint (split->intermediaries->len, ==, 2);
  g_assert_cmpuint (g_array_index (split->intermediaries, HubFamilyIntermediary, 0).downloads, ==, 200);
  g_assert_cmpuint (g_array_index (split->intermediaries, HubFamilyIntermediary, 1).downloads, ==, 100);
  hub_query_clear (&query);
}

/* Every model's score at its last observation is the one the figure
 * gives it. */
static void
test_compare_score_all (void)
{
  const char *subjects[] = { "s/new", "peer/12", "old/floor", NULL };
  g_autoptr(HubCompareResult) result = run (subjects, HUB_COMPARE_DOWNLOADS, HUB_COMPARE_BASELINE_MEDIAN, 10, FALSE, -1);
  g_autoptr(HubAnalysis) analysis = hub_analysis_new (ensure_hand_db ());
  g_autoptr(HubObservations) observations = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree double *scores = NULL;
  HubCompareOptions options;
  HubQuery query;

  hub_query_init (&query);
  query.series = g_strdup ("daily");
  observations = hub_analysis_observations (analysis, &query, NULL, NULL, &error);
  g_assert_no_error (error);
  hub_compare_options_init (&options);
  scores = hub_compare_score_all (result->dataset, observations, NULL, &query, &options, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      const HubCompareCurve *c = curve (result, i);

      if (isnan (c->score))
        g_assert_true (isnan (scores[c->model]));
      else
        g_assert_cmpfloat_with_epsilon (scores[c->model], c->score, 1e-12);
    }
  g_assert_cmpfloat_with_epsilon (scores[curve (result, 0)->model], 2000.0 / 7500, 1e-12);
  g_assert_true (isnan (scores[curve (result, 2)->model]));
  hub_query_clear (&query);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median_of (GArray *values)
{
  guint n = values->len;

  g_array_sort (values, compare_doubles);
  return n % 2 == 1 ? g_array_index (values, double, n / 2)
                    : (g_array_index (values, double, n / 2 - 1) + g_array_index (values, double, n / 2)) / 2;
}

/* Attention against adoption on the embedded data, against the models
 * table read in SQL: the same models, medians and quadrant counts. */
static void
test_compare_attention (void)
{
  g_autofree char *dir = hub_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "attention.db", NULL);
  g_autoptr(HubAnalysis) analysis = NULL;
  g_autoptr(HubAttentionResult) result = NULL;
  g_autoptr(GArray) downloads = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) likes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  guint counts[HUB_N_ATTENTION_QUADRANTS] = { 0 };
  double dm, lm;
  HubTestRun r = { 0 };
  HubQuery query;
  sqlite3 *sql;
  sqlite3_stmt *stmt;

  /* The command line builds the database from the embedded dataset. */
  hub_test_run_hubeco (&r, db, "attention", "--task", "text-generation", "--max-points", "3", "--format", "csv", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "model_id,downloads,attention,age_days,quadrant\n"));
  g_assert_nonnull (strstr (r.err, "The 3 most downloaded are drawn."));
  hub_test_run_clear (&r);

  g_assert_cmpint (sqlite3_open_v2 (db, &sql, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (sql, "SELECT downloads, likes FROM models WHERE pipeline_tag = 'text-generation'"
                                            " AND downloads > 0 AND likes > 0", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      double d = sqlite3_column_double (stmt, 0), l = sqlite3_column_double (stmt, 1);

      g_array_append_val (downloads, d);
      g_array_append_val (likes, l);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (sql);
  g_assert_cmpuint (downloads->len, >, 100);
  {
    g_autoptr(GArray) d = g_array_copy (downloads);
    g_autoptr(GArray) l = g_array_copy (likes);

    dm = median_of (d);
    lm = median_of (l);
  }
  for (guint i = 0; i < downloads->len; i++)
    {
      gboolean used = g_array_index (downloads, double, i) >= dm, talked = g_array_index (likes, double, i) >= lm;

      counts[used ? (talked ? HUB_ATTENTION_POPULAR : HUB_ATTENTION_QUIET)
                  : (talked ? HUB_ATTENTION_TALKED : HUB_ATTENTION_NEITHER)]++;
    }

  analysis = hub_analysis_new (db);
  hub_query_init (&query);
  g_assert_true (hub_query_set (&query, "task", "text-generation", NULL));
  result = hub_analysis_attention (analysis, &query, HUB_ATTENTION_LIKES, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_models, ==, downloads->len);
  g_assert_cmpuint (result->points->len, ==, downloads->len);
  g_assert_cmpfloat (result->adoption_median, ==, dm);
  g_assert_cmpfloat (result->attention_median, ==, lm);
  for (guint q = 0; q < HUB_N_ATTENTION_QUADRANTS; q++)
    g_assert_cmpuint (result->counts[q], ==, counts[q]);
  /* Most downloaded first. */
  for (guint i = 1; i < result->points->len; i++)
    g_assert_cmpfloat (g_array_index (result->points, HubAttentionPoint, i - 1).adoption, >=,
                       g_array_index (result->points, HubAttentionPoint, i).adoption);
  hub_query_clear (&query);

  hub_test_run_hubeco (&r, db, "attention", "--attention", "followers", NULL);
  g_assert_cmpint (r.status, ==, 2);
  hub_test_run_clear (&r);
}

/* Bad subject lists are refused before any work. */
static void
test_compare_bad_subjects (void)
{
  const char *none[] = { NULL };
  const char *twice[] = { "s/new", "s/new", NULL };
  const char *empty[] = { "family:", NULL };
  const char *many[HUB_COMPARE_MAX_SUBJECTS + 2] = { NULL };
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  GError *error = NULL;

  g_assert_false (hub_compare_subjects_check (none, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (hub_compare_subjects_check (twice, &error));
  g_assert_nonnull (strstr (error->message, "given twice"));
  g_clear_error (&error);
  g_assert_false (hub_compare_subjects_check (empty, &error));
  g_clear_error (&error);
  for (guint i = 0; i < HUB_COMPARE_MAX_SUBJECTS + 1; i++)
    {
      g_ptr_array_add (ids, g_strdup_printf ("m/%u", i));
      many[i] = g_ptr_array_index (ids, i);
    }
  g_assert_false (hub_compare_subjects_check (many, &error));
  g_assert_nonnull (strstr (error->message, "At most 12"));
  g_clear_error (&error);
}

/* The command line on the hand-made store and on the embedded data. */
static void
test_compare_cli (void)
{
  const char *db = ensure_hand_db ();
  g_autofree char *dir = hub_test_tmpdir ();
  g_autofree char *svg = g_build_filename (dir, "compare.svg", NULL);
  g_autofree char *csv = g_build_filename (dir, "compare.csv", NULL);
  g_autofree char *manifest_path = g_build_filename (dir, "compare.manifest.json", NULL);
  g_autofree char *embedded = g_build_filename (dir, "embedded.db", NULL);
  g_autofree char *contents = NULL;
  HubTestRun r = { 0 };

  hub_test_run_hubeco (&r, db, "compare", "s/new", "--family", "fam/root", "--format", "csv", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "subject,model_id,time,day,value,baseline,relative\n"));
  g_assert_nonnull (strstr (r.out, "s/new,s/new,2026-06-11T00:00:00Z,10,1300,750,1.7333333333333334\n"));
  /* The gap: no value, no score. */
  g_assert_nonnull (strstr (r.out, "s/new,s/new,2026-06-12T00:00:00Z,11,,"));
  g_assert_nonnull (strstr (r.out, "family:fam/root,fam/root,2026-06-11T00:00:00Z,41,2000,"));
  g_assert_nonnull (strstr (r.err, "s/new: 0.27× the top-10 median of 1B–10B text-generation models at day 49"));
  g_assert_nonnull (strstr (r.err, "Family fam/root: 50.0% of its downloads go to derivatives"));
  hub_test_run_clear (&r);

  hub_test_run_hubeco (&r, db, "compare", "s/new", "--measure", "interval", NULL);
  g_assert_cmpint (r.status, ==, 2);
  hub_test_run_clear (&r);
  hub_test_run_hubeco (&r, db, "compare", "no/such", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "Not in the data: no/such"));
  hub_test_run_clear (&r);
  hub_test_run_hubeco (&r, db, "compare", "s/new", "--rank", "3", NULL);
  g_assert_cmpint (r.status, ==, 2);
  hub_test_run_clear (&r);

  /* export-chart: a readable SVG, and the points with a manifest. */
  hub_test_run_hubeco (&r, db, "export-chart", "compare", "s/new", "peer/12", "--view", "relative", "--output", svg, NULL);
  g_assert_cmpint (r.status, ==, 0);
  hub_test_run_clear (&r);
  g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_assert_nonnull (strstr (contents, "<path"));
  g_clear_pointer (&contents, g_free);
  hub_test_run_hubeco (&r, db, "export-chart", "compare", "s/new", "--measure", "cumulative", "--output", csv, NULL);
  g_assert_cmpint (r.status, ==, 0);
  hub_test_run_clear (&r);
  g_assert_true (g_file_get_contents (manifest_path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"kind\" : \"compare\""));
  g_assert_nonnull (strstr (contents, "subjects=s/new;measure=cumulative;align=release;baseline=median"));
  g_assert_nonnull (strstr (contents, "series=daily"));
  g_clear_pointer (&contents, g_free);
  hub_test_run_hubeco (&r, db, "export-chart", "attention", "--attention", "trending", "--output", svg, NULL);
  g_assert_cmpint (r.status, ==, 0);
  hub_test_run_clear (&r);
  g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_clear_pointer (&contents, g_free);

  /* The embedded data: aligned rows for both models. */
  hub_test_run_hubeco (&r, embedded, "compare", "Qwen/Qwen3.8-27B", "deepseek-ai/DeepSeek-V4-Flash-0731",
                       "--align", "release", "--measure", "downloads", "--format", "csv", NULL);
  g_assert_cmpint (r.status, ==, 0);
  {
    g_auto(GStrv) rows = g_strsplit (r.out, "\n", -1);
    guint n[2] = { 0, 0 };

    for (guint i = 1; rows[i] != NULL && *rows[i] != '\0'; i++)
      {
        g_auto(GStrv) cells = g_strsplit (rows[i], ",", -1);

        g_assert_cmpuint (g_strv_length (cells), ==, 7);
        g_assert_cmpfloat (g_ascii_strtod (cells[3], NULL), >=, 0);
        n[g_str_equal (cells[0], "Qwen/Qwen3.8-27B") ? 0 : 1]++;
      }
    g_assert_cmpuint (n[0], >=, 5);
    g_assert_cmpuint (n[1], >=, 5);
  }
  hub_test_run_clear (&r);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/compare/release-and-median", test_compare_release_and_median);
  g_test_add_func ("/compare/rank-day-tasks", test_compare_rank_day_tasks);
  g_test_add_func ("/compare/cumulative", test_compare_cumulative);
  g_test_add_func ("/compare/floor-and-unknown", test_compare_floor_and_unknown);
  g_test_add_func ("/compare/family-split", test_compare_family_split);
  g_test_add_func ("/compare/score-all", test_compare_score_all);
  g_test_add_func ("/compare/attention", test_compare_attention);
  g_test_add_func ("/compare/bad-subjects", test_compare_bad_subjects);
  g_test_add_func ("/compare/cli", test_compare_cli);
  return g_test_run ();
}
