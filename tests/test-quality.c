/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hub-analysis.h"
#include "hub-import.h"
#include "hub-quality.h"
#include "hub-scores.h"
#include "hub-test-util.h"

#include <math.h>
#include <sqlite3.h>
#include <string.h>

/* ------------------------------------------------------------------------
 * A small hand-made store, series "hand" with snapshots on 2026-06-01 and
 * 2026-07-01:
 *
 * Sizes and task: a/base 7B, b/other 8B, c/good 3B, d/none 5B (1B–10B),
 * c/weak 200M (100M–500M), all text-generation; the others unknown.
 *
 *   model          lineage                      June  July
 *   a/base         -                            1000  4000
 *   a/base-gguf    quantized of a/base           500   500
 *   a/base-gguf2   quantized of a/base-gguf      100   100
 *   b/ft           fine-tune of a/base            50    50
 *   b/other        -                            2000  2000
 *   c/good         -                              10    10
 *   c/weak         -                              20    20
 *   d/none         -                               5     5
 *   e/Mixed-Case   -                             300   300
 *
 * The score set "hand" (HAND_SCORES): acc (higher is better) for a/base
 * 0.80, b/other 0.60, c/good 0.90 and 0.95 (variant v2), c/weak 0.50,
 * e/mixed-case 0.70 (spelt in lower case), x/unknown 0.99 (not in the
 * data); acc2 for a/base 0.60 and c/good 0.70; rank (lower is better) for
 * a/base 2, b/other 3, c/good 1, c/weak 5.
 * ------------------------------------------------------------------------ */

static const char hand_models[] =
  "[{\"id\":\"a/base\",\"tags\":[],\"pipeline_tag\":\"text-generation\",\"safetensors\":{\"total\":7000000000}},"
  " {\"id\":\"a/base-gguf\",\"tags\":[\"base_model:quantized:a/base\"]},"
  " {\"id\":\"a/base-gguf2\",\"tags\":[\"base_model:quantized:a/base-gguf\"]},"
  " {\"id\":\"b/ft\",\"tags\":[\"base_model:finetune:a/base\"]},"
  " {\"id\":\"b/other\",\"tags\":[],\"pipeline_tag\":\"text-generation\",\"safetensors\":{\"total\":8000000000}},"
  " {\"id\":\"c/good\",\"tags\":[],\"pipeline_tag\":\"text-generation\",\"safetensors\":{\"total\":3000000000}},"
  " {\"id\":\"c/weak\",\"tags\":[],\"pipeline_tag\":\"text-generation\",\"safetensors\":{\"total\":200000000}},"
  " {\"id\":\"d/none\",\"tags\":[],\"pipeline_tag\":\"text-generation\",\"safetensors\":{\"total\":5000000000}},"
  " {\"id\":\"e/Mixed-Case\",\"tags\":[]}]";

static const char *hand_ids[] = {
  "a/base", "a/base-gguf", "a/base-gguf2", "b/ft", "b/other", "c/good", "c/weak", "d/none", "e/Mixed-Case", NULL
};
static const gint64 june[] = { 1000, 500, 100, 50, 2000, 10, 20, 5, 300 };
static const gint64 july[] = { 4000, 500, 100, 50, 2000, 10, 20, 5, 300 };

#define HAND_SCORES \
  "model_id,benchmark,score,better,variant\n" \
  "a/base,acc,0.80,higher,\n" \
  "b/other,acc,0.60,higher,\n" \
  "c/good,acc,0.90,higher,\n" \
  "c/good,acc,0.95,higher,v2\n" \
  "c/weak,acc,0.50,higher,\n" \
  "e/mixed-case,acc,0.70,higher,\n" \
  "x/unknown,acc,0.99,higher,\n" \
  "a/base,acc2,0.60,,\n" \
  "c/good,acc2,0.70,,\n" \
  "a/base,rank,2,lower,\n" \
  "b/other,rank,3,lower,\n" \
  "c/good,rank,1,lower,\n" \
  "c/weak,rank,5,lower,\n"

static char *hand_db;

static gboolean
import_text (HubStore    *store,
             const char  *name,
             const char  *text,
             HubScoreImportReport *report,
             GError     **error)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (g_strdup (text), -1, g_free);
  HubScoreImportOptions options = { name, "hand-made", { NULL }, FALSE };

  return hub_scores_import (store, stream, &options, report, NULL, error);
}

static void
add_snapshot (HubStore     *store,
              const char   *day,
              const gint64 *values)
{
  g_autoptr(GError) error = NULL;
  gint64 snapshot;

  g_assert_true (hub_store_begin (store, &error));
  snapshot = hub_store_snapshot_begin (store, "hand", "test", hub_time_parse_iso8601 (day), FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; hand_ids[i] != NULL; i++)
    g_assert_true (hub_store_snapshot_add (store, snapshot, hand_ids[i], values[i], HUB_COUNT_NONE,
                                           HUB_COUNT_NONE, HUB_COUNT_NONE, HUB_COUNT_NONE, &error));
  g_assert_true (hub_store_snapshot_finish (store, snapshot, &error));
  g_assert_true (hub_store_commit (store, &error));
  g_assert_no_error (error);
}

static const char *
ensure_hand_db (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(HubStore) store = NULL;
  g_autoptr(HubImportReport) report = hub_import_report_new ();
  g_autoptr(GError) error = NULL;
  HubScoreImportReport scores = { 0 };

  if (hand_db != NULL)
    return hand_db;
  dir = hub_test_tmpdir ();
  hand_db = g_build_filename (dir, "hand.db", NULL);
  json = g_build_filename (dir, "models.json", NULL);
  file = g_file_new_for_path (json);
  store = hub_store_open (hand_db, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (json, hand_models, -1, NULL));
  g_assert_true (hub_import_file (store, file, HUB_IMPORT_FORMAT_AUTO, report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->models_added, ==, 9);
  g_assert_cmpint (sqlite3_exec (hub_store_get_db (store),
                                 "INSERT INTO tasks (id, name, modality) VALUES ('text-generation', 'Text Generation', "
                                 "'nlp') ON CONFLICT DO NOTHING", NULL, NULL, NULL), ==, SQLITE_OK);
  add_snapshot (store, "2026-06-01", june);
  add_snapshot (store, "2026-07-01", july);
  g_assert_true (import_text (store, "hand", HAND_SCORES, &scores, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (scores.n_scores, ==, 13);
  g_assert_cmpuint (scores.n_models, ==, 6);
  g_assert_cmpuint (scores.n_benchmarks, ==, 3);
  g_assert_false (scores.replaced);
  g_assert_cmpstr (scores.ignored_columns[0], ==, NULL);
  hub_score_import_report_clear (&scores);
  return hand_db;
}

typedef struct {
  const char         *id;
  HubQualityQuadrant  quadrant;
  double              score;
  guint64             adoption;
  const char         *inherited_from;
} Expected;

static const HubQualityPoint *
find_point (const HubQualityResult *result,
            const char             *id)
{
  for (guint i = 0; i < result->points->len; i++)
    if (g_str_equal (g_array_index (result->points, HubQualityPoint, i).id, id))
      return &g_array_index (result->points, HubQualityPoint, i);
  return NULL;
}

static void
check_points (const HubQualityResult *result,
              const Expected         *expected,
              guint                   n)
{
  g_assert_cmpuint (result->points->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      const HubQualityPoint *p = find_point (result, expected[i].id);

      g_assert_nonnull (p);
      g_assert_cmpstr (hub_quality_quadrant_to_string (p->quadrant), ==,
                       hub_quality_quadrant_to_string (expected[i].quadrant));
      g_assert_cmpfloat_with_epsilon (p->score, expected[i].score, 1e-9);
      g_assert_cmpuint (p->adoption, ==, expected[i].adoption);
      if (expected[i].inherited_from == NULL)
        g_assert_cmpint (p->inherited_from, ==, -1);
      else
        g_assert_cmpstr (hub_dataset_get_model (result->dataset, p->inherited_from)->id, ==,
                         expected[i].inherited_from);
    }
  /* Sorted by quadrant, then farthest from the lines first. */
  for (guint i = 1; i < result->points->len; i++)
    {
      const HubQualityPoint *a = &g_array_index (result->points, HubQualityPoint, i - 1);
      const HubQualityPoint *b = &g_array_index (result->points, HubQualityPoint, i);

      g_assert_true (a->quadrant < b->quadrant || (a->quadrant == b->quadrant && a->distance >= b->distance));
    }
}

static HubQualityResult *
run_full (const char         *benchmark,
          HubQueryAttribution attribution,
          gboolean            inherit,
          gboolean            relative,
          double              score_line,
          double              adoption_line,
          const char         *at)
{
  g_autoptr(HubAnalysis) analysis = hub_analysis_new (ensure_hand_db ());
  g_auto(GStrv) benchmarks = g_strsplit (benchmark, ",", -1);
  g_autoptr(GError) error = NULL;
  HubQualityOptions options;
  HubQualityResult *result;
  HubQuery query;

  hub_query_init (&query);
  query.attribution = attribution;
  hub_quality_options_init (&options);
  options.score_set = "hand";
  options.benchmarks = (const char * const *) benchmarks;
  options.inherit = inherit;
  options.relative = relative;
  options.score_line = score_line;
  options.adoption_line = adoption_line;
  options.at = at != NULL ? hub_time_parse_iso8601 (at) : HUB_TIME_NONE;
  result = hub_analysis_quality (analysis, &query, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  hub_query_clear (&query);
  return result;
}

static HubQualityResult *
run (const char         *benchmark,
     HubQueryAttribution attribution,
     gboolean            inherit,
     double              score_line,
     double              adoption_line,
     const char         *at)
{
  return run_full (benchmark, attribution, inherit, FALSE, score_line, adoption_line, at);
}

/* Relative to the size class and task: in June the 1B–10B text-generation
 * models have 2000, 1000, 10 and 5 downloads, so the median of their top
 * 10 (all four) is 505; c/weak is alone in 100M–500M (20); e/Mixed-Case
 * has no size and is left out. Lines at the medians: relative 1.49,
 * score 0.70. */
static void
test_relative (void)
{
  g_autoptr(HubQualityResult) result = run_full ("acc", HUB_QUERY_ATTRIBUTION_SELF, FALSE, TRUE, NAN, NAN,
                                                 "2026-06-15");
  const Expected expected[] = {
    { "a/base",  HUB_QUALITY_POPULAR_GOOD,      0.80, 1000, NULL },
    { "b/other", HUB_QUALITY_POPULAR_WEAKER,    0.60, 2000, NULL },
    { "c/good",  HUB_QUALITY_UNDERADOPTED_GOOD, 0.95,   10, NULL },
    { "c/weak",  HUB_QUALITY_NEITHER,           0.50,   20, NULL },
  };

  check_points (result, expected, G_N_ELEMENTS (expected));
  g_assert_true (result->relative);
  g_assert_cmpuint (result->n_no_size, ==, 1);
  g_assert_cmpfloat_with_epsilon (find_point (result, "a/base")->relative, 1000.0 / 505, 1e-9);
  g_assert_cmpfloat_with_epsilon (find_point (result, "c/good")->relative, 10.0 / 505, 1e-9);
  g_assert_cmpfloat_with_epsilon (find_point (result, "c/weak")->relative, 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (result->adoption_line, (1.0 + 1000.0 / 505) / 2, 1e-9);
  g_assert_cmpfloat_with_epsilon (result->score_line, 0.70, 1e-9);
}

/* Lines at the medians of the five shown: score 0.70, adoption 300. A
 * model on a line counts above it (e/Mixed-Case is popular and good). */
static void
test_medians (void)
{
  g_autoptr(HubQualityResult) result = run ("acc", HUB_QUERY_ATTRIBUTION_SELF, FALSE, NAN, NAN, "2026-06-15");
  const Expected expected[] = {
    { "a/base",       HUB_QUALITY_POPULAR_GOOD,      0.80, 1000, NULL },
    { "e/Mixed-Case", HUB_QUALITY_POPULAR_GOOD,      0.70,  300, NULL },
    { "b/other",      HUB_QUALITY_POPULAR_WEAKER,    0.60, 2000, NULL },
    { "c/good",       HUB_QUALITY_UNDERADOPTED_GOOD, 0.95,   10, NULL },
    { "c/weak",       HUB_QUALITY_NEITHER,           0.50,   20, NULL },
  };

  check_points (result, expected, G_N_ELEMENTS (expected));
  g_assert_true (result->score_line_median && result->adoption_line_median);
  g_assert_cmpfloat_with_epsilon (result->score_line, 0.70, 1e-9);
  g_assert_cmpfloat_with_epsilon (result->adoption_line, 300, 1e-9);
  g_assert_cmpuint (result->counts[HUB_QUALITY_POPULAR_GOOD], ==, 2);
  g_assert_cmpuint (result->counts[HUB_QUALITY_NEITHER], ==, 1);
  g_assert_cmpint (result->snapshot_time, ==, hub_time_parse_iso8601 ("2026-06-01"));
  g_assert_cmpstr (result->series, ==, "hand");
  /* Who is missing and why. */
  g_assert_cmpuint (result->n_scored, ==, 6);
  g_assert_cmpuint (result->n_case_matched, ==, 1);
  g_assert_cmpuint (result->unmatched->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (result->unmatched, 0), ==, "x/unknown");
  g_assert_cmpuint (result->no_adoption->len, ==, 0);
  g_assert_cmpuint (result->n_unscored, ==, 4);
  g_assert_cmpuint (result->n_inherited, ==, 0);
  /* The best of a model's variants, and which it was. */
  g_assert_cmpstr (find_point (result, "c/good")->variant, ==, "v2");
}

/* Lines set by the user: score 0.85, adoption 15. */
static void
test_set_lines (void)
{
  g_autoptr(HubQualityResult) result = run ("acc", HUB_QUERY_ATTRIBUTION_SELF, FALSE, 0.85, 15, "2026-06-15");
  const Expected expected[] = {
    { "a/base",       HUB_QUALITY_POPULAR_WEAKER,    0.80, 1000, NULL },
    { "e/Mixed-Case", HUB_QUALITY_POPULAR_WEAKER,    0.70,  300, NULL },
    { "b/other",      HUB_QUALITY_POPULAR_WEAKER,    0.60, 2000, NULL },
    { "c/good",       HUB_QUALITY_UNDERADOPTED_GOOD, 0.95,   10, NULL },
    { "c/weak",       HUB_QUALITY_POPULAR_WEAKER,    0.50,   20, NULL },
  };

  check_points (result, expected, G_N_ELEMENTS (expected));
  g_assert_false (result->score_line_median || result->adoption_line_median);
  g_assert_cmpuint (result->counts[HUB_QUALITY_POPULAR_WEAKER], ==, 4);
}

/* Lower is better: rank 1 is the best; median rank 2.5, adoption 510. */
static void
test_lower_is_better (void)
{
  g_autoptr(HubQualityResult) result = run ("rank", HUB_QUERY_ATTRIBUTION_SELF, FALSE, NAN, NAN, "2026-06-15");
  const Expected expected[] = {
    { "a/base",  HUB_QUALITY_POPULAR_GOOD,      2, 1000, NULL },
    { "b/other", HUB_QUALITY_POPULAR_WEAKER,    3, 2000, NULL },
    { "c/good",  HUB_QUALITY_UNDERADOPTED_GOOD, 1,   10, NULL },
    { "c/weak",  HUB_QUALITY_NEITHER,           5,   20, NULL },
  };

  check_points (result, expected, G_N_ELEMENTS (expected));
  g_assert_true (result->lower_better);
  g_assert_cmpfloat_with_epsilon (result->score_line, 2.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (result->adoption_line, 510, 1e-9);
}

/* The mean of acc and acc2 counts only models with both. */
static void
test_mean_of_benchmarks (void)
{
  g_autoptr(HubQualityResult) result = run ("acc,acc2", HUB_QUERY_ATTRIBUTION_SELF, FALSE, NAN, NAN, "2026-06-15");
  const Expected expected[] = {
    { "a/base", HUB_QUALITY_POPULAR_WEAKER,    (0.80 + 0.60) / 2, 1000, NULL },
    { "c/good", HUB_QUALITY_UNDERADOPTED_GOOD, (0.95 + 0.70) / 2,   10, NULL },
  };

  check_points (result, expected, G_N_ELEMENTS (expected));
  g_assert_cmpuint (result->n_scored, ==, 2);
  g_assert_cmpuint (result->n_incomplete, ==, 4);
}

/* Inherited through a chain of quantizations, not through a fine-tune;
 * the July snapshot by default. */
static void
test_inherit (void)
{
  g_autoptr(HubQualityResult) result = run ("acc", HUB_QUERY_ATTRIBUTION_SELF, TRUE, NAN, NAN, NULL);

  g_assert_cmpint (result->snapshot_time, ==, hub_time_parse_iso8601 ("2026-07-01"));
  g_assert_cmpuint (result->points->len, ==, 7);
  g_assert_cmpuint (result->n_inherited, ==, 2);
  g_assert_cmpuint (result->n_unscored, ==, 2);
  g_assert_cmpfloat_with_epsilon (find_point (result, "a/base-gguf")->score, 0.80, 1e-9);
  g_assert_cmpstr (hub_dataset_get_model (result->dataset, find_point (result, "a/base-gguf2")->inherited_from)->id,
                   ==, "a/base");
  g_assert_cmpuint (find_point (result, "a/base")->adoption, ==, 4000);
  g_assert_null (find_point (result, "b/ft"));
}

/* Family adoption: a/base with every descendant (1000 + 500 + 100 + 50). */
static void
test_family (void)
{
  g_autoptr(HubQualityResult) result = run ("acc", HUB_QUERY_ATTRIBUTION_ROOT, FALSE, NAN, NAN, "2026-06-01");

  g_assert_cmpuint (find_point (result, "a/base")->adoption, ==, 1650);
  g_assert_cmpuint (find_point (result, "b/other")->adoption, ==, 2000);
  g_assert_cmpuint (result->attribution, ==, HUB_QUERY_ATTRIBUTION_ROOT);
}

static void
test_bad_benchmarks (void)
{
  g_autoptr(HubAnalysis) analysis = hub_analysis_new (ensure_hand_db ());
  g_autoptr(GError) error = NULL;
  const char *missing[] = { "nope", NULL };
  const char *mixed[] = { "acc", "rank", NULL };
  const char *acc[] = { "acc", NULL };
  HubQualityOptions options;
  HubQuery query;

  hub_query_init (&query);
  hub_quality_options_init (&options);
  options.score_set = "hand";
  options.benchmarks = missing;
  g_assert_null (hub_analysis_quality (analysis, &query, &options, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "acc, acc2, rank"));
  g_clear_error (&error);
  options.benchmarks = mixed;
  g_assert_null (hub_analysis_quality (analysis, &query, &options, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  options.benchmarks = acc;
  options.relative = TRUE;
  query.attribution = HUB_QUERY_ATTRIBUTION_ROOT;
  g_assert_null (hub_analysis_quality (analysis, &query, &options, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  options.relative = FALSE;
  query.attribution = HUB_QUERY_ATTRIBUTION_SELF;
  options.score_set = "other";
  g_assert_null (hub_analysis_quality (analysis, &query, &options, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "hand"));
}

/* Bad files: a clear message, and the stored set unchanged. */
static void
test_bad_files (void)
{
  static const struct {
    const char *text;
    const char *message;
  } cases[] = {
    { "", "empty" },
    { "model_id,benchmark,value_x\na/base,acc,1\n", "No score column" },
    { "model_id,score\na/base,1\n", "No benchmark column" },
    { "model_id,benchmark,score\na/base,acc,0.5\nb/other,acc,high\n", "Line 3" },
    { "model_id,benchmark,score\na/base,acc,nan\n", "not a number" },
    { "model_id,benchmark,score\na/base,acc,0.5\na/base,acc,0.6\n", "repeats" },
    { "model_id,benchmark,score,better\na/base,acc,1,higher\nb/other,acc,2,lower\n", "both" },
    { "model_id,benchmark,score,better\na/base,acc,1,sideways\n", "sideways" },
    { "model_id,benchmark,score\n", "no scores" },
    { "model_id,benchmark,score\n\"a/base,acc,1\n", "Line" },
    { "model_id,benchmark,score\n,acc,1\n", "no model id" },
  };
  g_autofree char *dir = hub_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "bad.db", NULL);
  g_autoptr(HubStore) store = hub_store_open (db, NULL);
  g_autoptr(GError) error = NULL;
  HubScoreImportReport report = { 0 };

  g_assert_nonnull (store);
  g_assert_true (import_text (store, "kept", HAND_SCORES, &report, &error));
  hub_score_import_report_clear (&report);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) bad = NULL;

      g_assert_false (import_text (store, "kept", cases[i].text, &report, &bad));
      g_assert_error (bad, HUB_INGEST_ERROR, bad->code);
      if (strstr (bad->message, cases[i].message) == NULL)
        g_error ("case %u: “%s” lacks “%s”", i, bad->message, cases[i].message);
      g_assert_cmpint (hub_test_store_count (db, "SELECT count(*) FROM scores WHERE set_name = 'kept'", NULL),
                       ==, 13);
    }
  g_assert_false (import_text (store, "a/b", HAND_SCORES, &report, &error));
  g_assert_error (error, HUB_INGEST_ERROR, HUB_INGEST_ERROR_INVALID_ENTRY);
  g_clear_error (&error);

  /* A good file replaces the set. */
  g_assert_true (import_text (store, "kept", "model_id,task,main_score\na/base,STS,0.5\n", &report, &error));
  g_assert_no_error (error);
  g_assert_true (report.replaced);
  hub_score_import_report_clear (&report);
  g_assert_cmpint (hub_test_store_count (db, "SELECT count(*) FROM scores WHERE set_name = 'kept'", NULL), ==, 1);
}

/* ---- the shipped sets, against an independent computation ---------------- */

typedef struct {
  char   *id;
  double  score;
  double  adoption;
} Row;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median_of (GArray *values)
{
  g_array_sort (values, compare_doubles);
  if (values->len % 2 == 1)
    return g_array_index (values, double, values->len / 2);
  return (g_array_index (values, double, values->len / 2 - 1) + g_array_index (values, double, values->len / 2)) / 2;
}

/* The quadrant of every scored model with downloads in the last complete
 * snapshot of @series, computed in SQL and here; then `hubeco quality`
 * must print the same models in the same quadrants. */
static void
check_shipped (const char *set,
               const char *benchmark,
               gboolean    lower_better,
               const char *series,
               guint       n_expected)
{
  g_autofree char *dir = hub_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "shipped.db", NULL);
  HubTestRun run_ = { 0 };
  sqlite3 *conn;
  sqlite3_stmt *stmt;
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (Row));
  g_autoptr(GArray) scores = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) adoption = g_array_new (FALSE, FALSE, sizeof (double));
  g_auto(GStrv) lines = NULL;
  double score_line, adoption_line;
  guint seen = 0;
  g_autofree char *sql = g_strdup_printf (
    "WITH last AS (SELECT id FROM snapshots WHERE series = '%s' AND complete "
    "              ORDER BY captured_at DESC LIMIT 1), "
    "best AS (SELECT model_id, %s(score) AS score FROM scores "
    "         WHERE set_name = '%s' AND benchmark = '%s' GROUP BY model_id) "
    "SELECT m.id, b.score, r.downloads FROM best b "
    "JOIN models m ON m.id = b.model_id COLLATE NOCASE "
    "JOIN snapshot_rows r ON r.model_id = m.id AND r.snapshot_id = "
    /* A series that records changes only: the model's last row. */
    "  (CASE WHEN (SELECT carry_forward FROM snapshots WHERE id = (SELECT id FROM last)) "
    "   THEN (SELECT r2.snapshot_id FROM snapshot_rows r2 JOIN snapshots s2 ON s2.id = r2.snapshot_id "
    "         WHERE r2.model_id = m.id AND s2.series = '%s' AND s2.complete "
    "         ORDER BY s2.captured_at DESC LIMIT 1) "
    "   ELSE (SELECT id FROM last) END) "
    "WHERE r.downloads IS NOT NULL",
    series, lower_better ? "min" : "max", set, benchmark, series);

  /* The command builds the database from the embedded dataset. */
  hub_test_run_hubeco (&run_, db, "quality", "--scores", set, "--benchmark", benchmark,
                       "--series", series, "--format", "csv", NULL);
  g_assert_cmpint (run_.status, ==, 0);

  g_assert_cmpint (sqlite3_open_v2 (db, &conn, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (conn, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Row row = { g_strdup ((const char *) sqlite3_column_text (stmt, 0)), sqlite3_column_double (stmt, 1),
                  (double) sqlite3_column_int64 (stmt, 2) };

      g_array_append_val (rows, row);
      g_array_append_val (scores, row.score);
      g_array_append_val (adoption, row.adoption);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (conn);
  g_assert_cmpuint (rows->len, ==, n_expected);
  score_line = median_of (scores);
  adoption_line = median_of (adoption);
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = &g_array_index (rows, Row, i);
      gboolean popular = row->adoption >= adoption_line;
      gboolean good = lower_better ? row->score <= score_line : row->score >= score_line;
      const char *quadrant = popular ? (good ? "popular-good" : "popular-weaker")
                                     : (good ? "underadopted-good" : "neither");

      g_hash_table_insert (expected, row->id, g_strdup (quadrant));
    }

  lines = g_strsplit (run_.out, "\n", -1);
  g_assert_cmpstr (lines[0], ==,
                   "model_id,quadrant,score,adoption,relative_adoption,inherited_from,variant,setting,task,parameters");
  for (guint i = 1; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[i], ",", 3);
      const char *want = g_hash_table_lookup (expected, cells[0]);

      if (g_strcmp0 (want, cells[1]) != 0)
        g_error ("%s: hubeco says %s, the independent computation %s", cells[0], cells[1], want);
      seen++;
    }
  g_assert_cmpuint (seen, ==, g_hash_table_size (expected));
  g_test_message ("%s %s on %s: %u models, lines %g and %g", set, benchmark, series, seen, score_line,
                  adoption_line);
  hub_test_run_clear (&run_);
}

static void
test_shipped_mteb (void)
{
  check_shipped ("mteb-english", "STSBenchmark", FALSE, "osir-monthly", 29);
  /* The embedded history records changes only: 4 of the scored models. */
  check_shipped ("mteb-english", "STSBenchmark", FALSE, "radar-export", 4);
}

static void
test_shipped_euroeval (void)
{
  check_shipped ("euroeval-english", "rank", TRUE, "osir-monthly", 37);
}

/* The command line: an import, the sets, a bad file, a usage error. */
static void
test_cli (void)
{
  g_autofree char *dir = hub_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "cli.db", NULL);
  g_autofree char *csv = g_build_filename (dir, "team-bench.csv", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.csv", NULL);
  g_autofree char *skipped = g_build_filename (dir, "skipped.csv", NULL);
  HubTestRun r = { 0 };

  g_assert_true (g_file_set_contents (csv, "model,test,pass_rate,notes\n"
                                           "sentence-transformers/all-MiniLM-L6-v2,t1,0.4,x\n"
                                           "BAAI/bge-m3,t1,0.9,y\n", -1, NULL));
  g_assert_true (g_file_set_contents (bad, "model,test,pass_rate\nBAAI/bge-m3,t1,ninety\n", -1, NULL));
  g_assert_true (g_file_set_contents (skipped, "model_id,benchmark,score\nBAAI/bge-m3,t1,-1\nBAAI/bge-m3,t2,0.5\n",
                                      -1, NULL));
  hub_test_run_hubeco (&r, db, "import-scores", csv, "--map", "benchmark=test,score=pass_rate", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Stored the score set “team-bench”: 2 scores of 2 models on 1 benchmarks"));
  g_assert_nonnull (strstr (r.out, "Columns not read: notes"));
  hub_test_run_clear (&r);

  hub_test_run_hubeco (&r, db, "import-scores", bad, "--name", "team-bench", "--map", "benchmark=test",
                       "--map", "score=pass_rate", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "Line 2"));
  g_assert_nonnull (strstr (r.err, "nothing was stored"));
  hub_test_run_clear (&r);

  /* A value the table uses for "not measured" is left out, and said. */
  hub_test_run_hubeco (&r, db, "import-scores", skipped, "--missing", "-1", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "1 scores of 1 models on 1 benchmarks"));
  g_assert_nonnull (strstr (r.out, "Rows not measured (left out): 1"));
  hub_test_run_clear (&r);

  /* `hubeco import` (and the Import dialog) tells a score table by its header. */
  g_assert_true (g_file_set_contents (csv, "model_id,benchmark,score\nBAAI/bge-m3,t9,0.7\n", -1, NULL));
  hub_test_run_hubeco (&r, db, "import", csv, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "team-bench.csv: replaced the score set “team-bench”: 1 scores of 1 models"));
  hub_test_run_clear (&r);
  g_assert_true (g_file_set_contents (bad, "model_id,benchmark,score\nBAAI/bge-m3,t9,ninety\n", -1, NULL));
  hub_test_run_hubeco (&r, db, "import", bad, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "bad.csv: nothing was stored: Line 2"));
  hub_test_run_clear (&r);

  hub_test_run_hubeco (&r, db, "score-sets", "--format", "csv", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "team-bench,1,1,"));
  g_assert_nonnull (strstr (r.out, "mteb-english,476,59,"));
  g_assert_nonnull (strstr (r.out, "euroeval-english,2408,412,"));
  hub_test_run_clear (&r);

  hub_test_run_hubeco (&r, db, "quality", "--scores", "team-bench", "--benchmark", "t9", "--series", "radar-export",
                       "--format", "json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "\"model_id\": \"BAAI/bge-m3\""));
  g_assert_nonnull (strstr (r.err, "1 models shown"));
  hub_test_run_clear (&r);

  /* export-chart draws it (a real PNG) and writes its points with a manifest. */
  {
    g_autofree char *png = g_build_filename (dir, "quality.png", NULL);
    g_autofree char *points = g_build_filename (dir, "quality.csv", NULL);
    g_autofree char *manifest_path = g_build_filename (dir, "quality.manifest.json", NULL);
    g_autofree char *bytes = NULL;
    g_autofree char *manifest = NULL;
    gsize len = 0;

    hub_test_run_hubeco (&r, db, "export-chart", "quality", "--scores", "mteb-english", "--benchmark", "STSBenchmark",
                         "--color", "task", "--output", png, NULL);
    g_assert_cmpint (r.status, ==, 0);
    hub_test_run_clear (&r);
    g_assert_true (g_file_get_contents (png, &bytes, &len, NULL));
    g_assert_cmpuint (len, >, 10000);
    g_assert_cmpint (memcmp (bytes, "\x89PNG\r\n\x1a\n", 8), ==, 0);

    hub_test_run_hubeco (&r, db, "export-chart", "quality", "--scores", "mteb-english", "--benchmark", "STSBenchmark",
                         "--adoption", "family", "--output", points, NULL);
    g_assert_cmpint (r.status, ==, 0);
    hub_test_run_clear (&r);
    g_assert_true (g_file_get_contents (manifest_path, &manifest, NULL, NULL));
    g_assert_nonnull (strstr (manifest, "\"kind\" : \"quality\""));
    g_assert_nonnull (strstr (manifest, "series=osir-monthly"));
    g_assert_nonnull (strstr (manifest, "scores=mteb-english;benchmark=STSBenchmark;inherit=false;relative=false;score_line=median"));
    g_assert_nonnull (strstr (manifest, "attribution=root"));
    hub_test_run_hubeco (&r, db, "export-chart", "quality", "--scores", "mteb-english", "--benchmark", "STSBenchmark",
                         "--color", "shape", "--output", png, NULL);
    g_assert_cmpint (r.status, ==, 2);
    hub_test_run_clear (&r);
  }

  /* Relative adoption on the shipped crawl: a ratio per model, and the
   * models of unknown size said. */
  hub_test_run_hubeco (&r, db, "quality", "--scores", "euroeval-english", "--benchmark", "rank", "--series",
                       "osir-monthly", "--adoption", "relative", "--format", "csv", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.err, "their size is unknown"));
  {
    g_auto(GStrv) rows = g_strsplit (r.out, "\n", -1);

    g_assert_nonnull (rows[1]);
    g_assert_cmpuint (strlen (rows[1]), >, 0);
    for (guint i = 1; rows[i] != NULL && *rows[i] != '\0'; i++)
      {
        g_auto(GStrv) cells = g_strsplit (rows[i], ",", -1);

        g_assert_cmpfloat (g_ascii_strtod (cells[4], NULL), >, 0);
      }
  }
  hub_test_run_clear (&r);
  hub_test_run_hubeco (&r, db, "quality", "--scores", "team-bench", "--benchmark", "t1", "--adoption", "relative",
                       "--attribution", "root", NULL);
  g_assert_cmpint (r.status, ==, 2);
  hub_test_run_clear (&r);

  hub_test_run_hubeco (&r, db, "quality", "--scores", "team-bench", "--benchmark", "t1", "--adoption", "both", NULL);
  g_assert_cmpint (r.status, ==, 2);
  hub_test_run_clear (&r);
  hub_test_run_hubeco (&r, db, "quality", "--scores", "team-bench", NULL);
  g_assert_cmpint (r.status, ==, 2);
  hub_test_run_clear (&r);

  /* A set can be removed; an unknown one is a usage error. */
  hub_test_run_hubeco (&r, db, "score-sets", "--remove", "team-bench", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Removed the score set “team-bench”"));
  hub_test_run_clear (&r);
  g_assert_cmpint (hub_test_store_count (db, "SELECT count(*) FROM scores WHERE set_name = 'team-bench'", NULL), ==, 0);
  hub_test_run_hubeco (&r, db, "score-sets", "--remove", "team-bench", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "No score set “team-bench”"));
  hub_test_run_clear (&r);
  hub_test_run_hubeco (&r, db, "import-scores", csv, NULL);
  g_assert_cmpint (r.status, ==, 0);
  hub_test_run_clear (&r);

  /* A database built by the version before the score sets gets them once,
   * and keeps the user's. */
  {
    sqlite3 *conn;

    g_assert_cmpint (sqlite3_open (db, &conn), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (conn, "DELETE FROM score_sets WHERE origin = 'shipped';"
                                         "UPDATE settings SET value = 'done:2' WHERE key = 'import.embedded-dataset'",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (conn);
  }
  hub_test_run_hubeco (&r, db, "score-sets", "--format", "csv", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "mteb-english,476,59,"));
  g_assert_nonnull (strstr (r.out, "team-bench,1,1,"));
  hub_test_run_clear (&r);
  g_assert_cmpint (hub_test_store_count (db, "SELECT count(*) FROM settings WHERE key = 'import.embedded-dataset' "
                                             "AND value = 'done:3'", NULL), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/quality/medians", test_medians);
  g_test_add_func ("/quality/set-lines", test_set_lines);
  g_test_add_func ("/quality/lower-is-better", test_lower_is_better);
  g_test_add_func ("/quality/mean", test_mean_of_benchmarks);
  g_test_add_func ("/quality/inherit", test_inherit);
  g_test_add_func ("/quality/family", test_family);
  g_test_add_func ("/quality/relative", test_relative);
  g_test_add_func ("/quality/bad-benchmarks", test_bad_benchmarks);
  g_test_add_func ("/scores/bad-files", test_bad_files);
  g_test_add_func ("/quality/shipped/mteb", test_shipped_mteb);
  g_test_add_func ("/quality/shipped/euroeval", test_shipped_euroeval);
  g_test_add_func ("/quality/cli", test_cli);

  return g_test_run ();
}
