/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hub-analysis.h"
#include "hub-breakdown.h"
#include "hub-import.h"
#include "hub-sizes.h"
#include "hub-test-util.h"

#include <sqlite3.h>
#include <string.h>

/* ------------------------------------------------------------------------
 * A small hand-made store, one snapshot of series "hand":
 *
 *   model     account  size  tags (Hub order)  task                  downloads
 *   a/enc     a        80M   bert en fr        feature-extraction    100
 *   a/dec     a        7B    llama en          text-generation       300
 *   c/x       c        -     -                 text-generation        10
 *   b/t5      b        150M  t5 de             text2text-generation   50
 *   b/vis     b        -     vit               image-classification   40
 *   d/small   d        300M  en                text-generation         5
 *
 * authors: a and c are the developer Alpha (US, company), b is Beta (FR,
 * university); d has no row (its own developer, country unknown).
 * Developers by downloads: Alpha 410, Beta 90, d 5.
 * ------------------------------------------------------------------------ */

static const char hand_models[] =
  "[{\"id\":\"a/enc\",\"tags\":[\"bert\",\"en\",\"fr\"],\"safetensors\":{\"total\":80000000},"
  "  \"pipeline_tag\":\"feature-extraction\"},"
  " {\"id\":\"a/dec\",\"tags\":[\"llama\",\"en\"],\"safetensors\":{\"total\":7000000000},"
  "  \"pipeline_tag\":\"text-generation\"},"
  " {\"id\":\"c/x\",\"tags\":[],\"pipeline_tag\":\"text-generation\"},"
  " {\"id\":\"b/t5\",\"tags\":[\"t5\",\"de\"],\"safetensors\":{\"total\":150000000},"
  "  \"pipeline_tag\":\"text2text-generation\"},"
  " {\"id\":\"b/vis\",\"tags\":[\"vit\"],\"pipeline_tag\":\"image-classification\"},"
  " {\"id\":\"d/small\",\"tags\":[\"en\"],\"safetensors\":{\"total\":300000000},"
  "  \"pipeline_tag\":\"text-generation\"}]";

static const char *hand_ids[] = { "a/enc", "a/dec", "c/x", "b/t5", "b/vis", "d/small", NULL };
static const gint64 hand_downloads[] = { 100, 300, 10, 50, 40, 5 };

static char *hand_db;

static void
exec_sql (HubStore   *store,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (hub_store_get_db (store), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
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
  gint64 snapshot;

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
  g_assert_cmpuint (report->models_added, ==, 6);
  exec_sql (store, "INSERT INTO tasks (id, name, modality) VALUES"
                   " ('feature-extraction', 'Feature Extraction', 'nlp'),"
                   " ('text-generation', 'Text Generation', 'nlp'),"
                   " ('text2text-generation', 'Text2Text Generation', 'nlp'),"
                   " ('image-classification', 'Image Classification', 'cv')"
                   " ON CONFLICT DO NOTHING");
  exec_sql (store, "INSERT INTO authors (author, display_name, grp, country, org_type) VALUES"
                   " ('a', 'A', 'Alpha', 'US', 'company'), ('c', 'C', 'Alpha', 'US', 'company'),"
                   " ('b', 'B', 'Beta', 'FR', 'university')");

  g_assert_true (hub_store_begin (store, &error));
  snapshot = hub_store_snapshot_begin (store, "hand", "test", hub_time_parse_iso8601 ("2026-06-01"), FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; hand_ids[i] != NULL; i++)
    g_assert_true (hub_store_snapshot_add (store, snapshot, hand_ids[i], hand_downloads[i], HUB_COUNT_NONE,
                                           HUB_COUNT_NONE, HUB_COUNT_NONE, HUB_COUNT_NONE, &error));
  g_assert_true (hub_store_snapshot_finish (store, snapshot, &error));
  g_assert_true (hub_store_commit (store, &error));
  g_assert_no_error (error);
  return hand_db;
}

/* The cell (@row, @col) by their labels; fails when either is missing. */
static gint64
cell (const HubBreakdownResult *res,
      const char               *row,
      const char               *col)
{
  gint r = -1, c = -1;

  for (guint i = 0; i < res->n_rows; i++)
    if (g_str_equal (res->row_labels[i], row))
      r = i;
  for (guint j = 0; j < res->n_cols; j++)
    if (g_str_equal (res->col_labels[j], col))
      c = j;
  if (r < 0 || c < 0)
    g_error ("no cell %s × %s", row, col);
  return res->values[(gsize) r * res->n_cols + c];
}

static char *
labels (char **strv)
{
  return g_strjoinv ("|", strv);
}

static HubBreakdownResult *
hand_breakdown (HubBreakdownDim     rows,
                HubBreakdownDim     cols,
                guint               top,
                const char * const *developers)
{
  g_autoptr(HubAnalysis) analysis = hub_analysis_new (ensure_hand_db ());
  g_autoptr(GError) error = NULL;
  HubBreakdownOptions options = { rows, cols, top, developers };
  HubBreakdownResult *res;
  HubQuery query;

  hub_query_init (&query);
  query.series = g_strdup ("hand");
  res = hub_analysis_breakdown (analysis, &query, &options, NULL, &error);
  g_assert_no_error (error);
  hub_query_clear (&query);
  return res;
}

/* Cumulative size thresholds by country, with the unknown sizes apart. */
static void
test_hand_size_thresholds (void)
{
  g_autoptr(HubBreakdownResult) res = hand_breakdown (HUB_BREAKDOWN_COUNTRY, HUB_BREAKDOWN_SIZE_THRESHOLD, 2, NULL);
  g_autofree char *rows = labels (res->row_labels);
  g_autofree char *cols = labels (res->col_labels);
  g_autofree char *developers = labels (res->developers);

  g_assert_cmpstr (developers, ==, "Alpha|Beta");
  g_assert_cmpint (res->total, ==, 500);
  g_assert_cmpint (res->all_total, ==, 505);
  g_assert_cmpstr (rows, ==, "US|FR");
  g_assert_cmpstr (cols, ==, "<100M|<200M|<500M|<1B|<10B|<100B|All sized|Unknown");
  /* What the chart shows: countries by name (issue 19), other labels as they are. */
  {
    g_autofree char *row_names = labels (res->row_names);
    g_autofree char *col_names = labels (res->col_names);

    g_assert_cmpstr (row_names, ==, "United States|France");
    g_assert_cmpstr (col_names, ==, cols);
  }
  g_assert_cmpint (cell (res, "US", "<100M"), ==, 100);
  g_assert_cmpint (cell (res, "US", "<1B"), ==, 100);
  g_assert_cmpint (cell (res, "US", "<10B"), ==, 400);
  g_assert_cmpint (cell (res, "US", "All sized"), ==, 400);
  g_assert_cmpint (cell (res, "US", "Unknown"), ==, 10);
  g_assert_cmpint (cell (res, "FR", "<100M"), ==, 0);
  g_assert_cmpint (cell (res, "FR", "<200M"), ==, 50);
  g_assert_cmpint (cell (res, "FR", "<100B"), ==, 50);
  g_assert_cmpint (cell (res, "FR", "Unknown"), ==, 40);
  g_assert_cmpint (res->row_totals[0], ==, 410);
  g_assert_cmpint (res->row_totals[1], ==, 90);
  g_assert_cmpint (res->col_totals[0], ==, 100);
  g_assert_cmpint (res->col_totals[1], ==, 150);
  g_assert_cmpint (res->col_totals[6], ==, 450);
  g_assert_cmpint (res->col_unknown, ==, 7);
  g_assert_cmpint (res->row_unknown, ==, -1);
  g_assert_cmpfloat_with_epsilon (res->row_coverage, 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (res->col_coverage, 0.9, 1e-12);
  g_assert_cmpfloat_with_epsilon (hub_breakdown_result_share (res, res->col_totals[0]), 0.2, 1e-12);
}

/* Languages: a model tagged with two counts in both; none is "Unknown". */
static void
test_hand_languages (void)
{
  g_autoptr(HubBreakdownResult) res = hand_breakdown (HUB_BREAKDOWN_DEVELOPER, HUB_BREAKDOWN_LANGUAGE, 0, NULL);
  g_autofree char *rows = labels (res->row_labels);
  g_autofree char *cols = labels (res->col_labels);

  g_assert_cmpstr (rows, ==, "Alpha|Beta|d");
  g_assert_cmpstr (cols, ==, "English|French|German|Unknown");
  g_assert_cmpint (cell (res, "Alpha", "English"), ==, 400);
  g_assert_cmpint (cell (res, "Alpha", "French"), ==, 100);
  g_assert_cmpint (cell (res, "Alpha", "Unknown"), ==, 10);
  g_assert_cmpint (cell (res, "Beta", "German"), ==, 50);
  g_assert_cmpint (cell (res, "Beta", "Unknown"), ==, 40);
  g_assert_cmpint (cell (res, "d", "English"), ==, 5);
  /* Each model once in its row's total: 410, not 400 + 100 + 10. */
  g_assert_cmpint (res->row_totals[0], ==, 410);
  g_assert_cmpint (res->col_totals[0], ==, 405);
  g_assert_cmpint (res->total, ==, 505);
  g_assert_cmpfloat_with_epsilon (res->col_coverage, 455.0 / 505, 1e-12);
}

/* Architecture kinds from model types (taxonomy/architecture-kinds.csv),
 * and a set of named developers (a group and an account, any case). */
static void
test_hand_architecture_named (void)
{
  static const char * const named[] = { "beta", "D", NULL };
  g_autoptr(HubBreakdownResult) arch = hand_breakdown (HUB_BREAKDOWN_DEVELOPER, HUB_BREAKDOWN_ARCHITECTURE, 2, NULL);
  g_autoptr(HubBreakdownResult) set = hand_breakdown (HUB_BREAKDOWN_DEVELOPER, HUB_BREAKDOWN_SIZE_BUCKET, 0, named);
  g_autofree char *cols = labels (arch->col_labels);
  g_autofree char *set_rows = labels (set->row_labels);

  g_assert_cmpstr (cols, ==, "decoder-only|encoder-only|encoder-decoder|Unknown");
  g_assert_cmpint (cell (arch, "Alpha", "decoder-only"), ==, 300);
  g_assert_cmpint (cell (arch, "Alpha", "encoder-only"), ==, 100);
  g_assert_cmpint (cell (arch, "Alpha", "Unknown"), ==, 10);
  g_assert_cmpint (cell (arch, "Beta", "encoder-decoder"), ==, 50);
  g_assert_cmpint (cell (arch, "Beta", "encoder-only"), ==, 40);

  g_assert_cmpstr (set_rows, ==, "Beta|d");
  g_assert_cmpint (set->total, ==, 95);
  g_assert_cmpint (cell (set, "Beta", "100M–500M"), ==, 50);
  g_assert_cmpint (cell (set, "Beta", "Unknown"), ==, 40);
  g_assert_cmpint (cell (set, "d", "100M–500M"), ==, 5);
}

/* An unknown developer is an error that names it. */
static void
test_hand_unknown_developer (void)
{
  static const char * const named[] = { "Gamma", NULL };
  g_autoptr(HubAnalysis) analysis = hub_analysis_new (ensure_hand_db ());
  g_autoptr(GError) error = NULL;
  HubBreakdownOptions options = { HUB_BREAKDOWN_DEVELOPER, HUB_BREAKDOWN_COUNTRY, 0, named };
  HubQuery query;

  hub_query_init (&query);
  query.series = g_strdup ("hand");
  g_assert_null (hub_analysis_breakdown (analysis, &query, &options, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Gamma"));
  hub_query_clear (&query);
}

/* ---- The paper's counting choices as query options ---------------------------
 *
 *   model          account  lineage                    catalogue  snapshot
 *   base/root      base     -                              1000       100
 *   ft/child       ft       base/root (finetune)            500        50
 *   q/grandchild   q        ft/child (quantized)            300        30
 *   m/orphan       m        gone/missing (not stored)       250        20
 *   m2/deep        m2       m/orphan (finetune)             220        10
 *   u/solo         u        -                               150         5
 *   c/card         c        base/root; its card: m2/deep    400         7
 *
 * authors: base, ft, q, c: company; m, m2: university; u unlisted. */

static const char option_models[] =
  "[{\"id\":\"base/root\",\"downloads\":1000},"
  " {\"id\":\"ft/child\",\"downloads\":500,\"baseModels\":{\"relation\":\"finetune\",\"models\":[{\"id\":\"base/root\"}]}},"
  " {\"id\":\"q/grandchild\",\"downloads\":300,\"baseModels\":{\"relation\":\"quantized\",\"models\":[{\"id\":\"ft/child\"}]}},"
  " {\"id\":\"m/orphan\",\"downloads\":250,\"baseModels\":{\"relation\":\"finetune\",\"models\":[{\"id\":\"gone/missing\"}]}},"
  " {\"id\":\"m2/deep\",\"downloads\":220,\"baseModels\":{\"relation\":\"finetune\",\"models\":[{\"id\":\"m/orphan\"}]}},"
  " {\"id\":\"u/solo\",\"downloads\":150},"
  " {\"id\":\"c/card\",\"downloads\":400,\"baseModels\":{\"relation\":\"finetune\",\"models\":[{\"id\":\"base/root\"}]},"
  "  \"cardData\":{\"base_model\":[\"m2/deep\",\"base/root\"]}}]";

static const char *option_ids[] = { "base/root", "ft/child", "q/grandchild", "m/orphan", "m2/deep", "u/solo",
                                     "c/card", NULL };
static const gint64 option_downloads[] = { 100, 50, 30, 20, 10, 5, 7 };

/* "label=value;..." of the query's one period, in column order. */
static char *
shares_of (HubAnalysis *analysis,
           const char  *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HubShareFigure) figure = NULL;
  GString *s = g_string_new (NULL);
  HubQuery query;

  g_assert_true (hub_query_parse (&query, text, &error));
  g_assert_no_error (error);
  figure = hub_analysis_share (analysis, &query, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (figure->result->n_periods, ==, 1);
  for (guint c = 0; c < figure->result->n_columns; c++)
    g_string_append_printf (s, "%s%s=%" G_GINT64_FORMAT, c > 0 ? ";" : "", figure->result->column_labels[c],
                            figure->result->values[c]);
  hub_query_clear (&query);
  return g_string_free (s, FALSE);
}

static void
test_query_options (void)
{
  g_autofree char *dir = hub_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "options.db", NULL);
  g_autofree char *json = g_build_filename (dir, "models.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (json);
  g_autoptr(HubStore) store = NULL;
  g_autoptr(HubImportReport) report = hub_import_report_new ();
  g_autoptr(HubAnalysis) analysis = NULL;
  g_autoptr(GError) error = NULL;
  static const struct { const char *query, *expected; } cases[] = {
    /* Today's choices: a missing parent mid-chain credits the last ancestor
     * reached (m/orphan's m); an unlisted account is Unknown. */
    { "by=author;attribution=root", "base=187;m=30;u=5" },
    { "by=author;attribution=root;missing_parent=own", "base=187;m=20;m2=10;u=5" },
    { "by=author;attribution=self;missing_parent=own", "base=100;ft=50;q=30;m=20;m2=10;c=7;u=5" },
    { "by=org_type", "company=187;university=30;Unknown=5" },
    { "by=org_type;individuals=category", "company=187;university=30;user=5" },
    { "by=author;org_type=user;individuals=category", "u=5" },
    { "by=author;min_downloads=200", "base=100;ft=50;q=30;m=20;m2=10;c=7" },
    { "by=author;min_downloads=300", "base=100;ft=50;q=30;c=7" },
    /* The card names m2/deep first: its lineage, not base/root's. */
    { "by=author;attribution=root;parent_order=card", "base=180;m=37;u=5" },
    { "by=author;attribution=root;parent_order=card;missing_parent=own", "base=180;m=20;m2=10;c=7;u=5" },
  };
  gint64 snapshot;

  store = hub_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (json, option_models, -1, NULL));
  g_assert_true (hub_import_file (store, file, HUB_IMPORT_FORMAT_AUTO, report, NULL, &error));
  g_assert_no_error (error);
  exec_sql (store, "INSERT INTO authors (author, display_name, grp, country, org_type) VALUES"
                   " ('base', 'Base', NULL, 'US', 'company'), ('ft', 'FT', NULL, 'US', 'company'),"
                   " ('q', 'Q', NULL, 'US', 'company'), ('m', 'M', NULL, 'FR', 'university'),"
                   " ('m2', 'M2', NULL, 'FR', 'university'), ('c', 'C', NULL, 'US', 'company')");
  g_assert_true (hub_store_begin (store, &error));
  snapshot = hub_store_snapshot_begin (store, "opts", "test", hub_time_parse_iso8601 ("2026-06-01"), FALSE, &error);
  for (guint i = 0; option_ids[i] != NULL; i++)
    g_assert_true (hub_store_snapshot_add (store, snapshot, option_ids[i], option_downloads[i], HUB_COUNT_NONE,
                                           HUB_COUNT_NONE, HUB_COUNT_NONE, HUB_COUNT_NONE, &error));
  g_assert_true (hub_store_snapshot_finish (store, snapshot, &error));
  g_assert_true (hub_store_commit (store, &error));
  g_assert_no_error (error);

  analysis = hub_analysis_new_for_store (store);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strconcat (cases[i].query, ";series=opts", NULL);
      g_autofree char *got = shares_of (analysis, text);
      HubQuery round;
      g_autofree char *again = NULL;

      g_test_message ("%s: %s", cases[i].query, got);
      g_assert_cmpstr (got, ==, cases[i].expected);
      /* The text form keeps the options. */
      g_assert_true (hub_query_parse (&round, text, &error));
      again = hub_query_to_string (&round);
      g_assert_nonnull (strstr (again, strstr (cases[i].query, ";") != NULL ? strrchr (cases[i].query, ';') + 1 : ""));
      hub_query_clear (&round);
    }
}

/* ---- The embedded data against a second computation ---------------------- */

static char *embedded_db;

static int
run_breakdown (char **out,
               ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  g_ptr_array_add (argv, (gpointer) hub_test_hubeco_bin ());
  g_ptr_array_add (argv, (gpointer) "breakdown");
  va_start (args, out);
  for (const char *arg = va_arg (args, const char *); arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, embedded_db);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, NULL, &error);
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (process);
}

/* Every model's downloads at the series' last complete snapshot, carried
 * forward, with its developer (group, else account), country and task's
 * modality: plain SQL. */
static const char embedded_sql[] =
  "WITH last AS (SELECT max (captured_at) AS t FROM snapshots WHERE series = ?1 AND complete),"
  " latest AS (SELECT r.model_id AS id, r.downloads AS d, ROW_NUMBER () OVER"
  "   (PARTITION BY r.model_id ORDER BY s.captured_at DESC, s.id DESC) AS rn"
  "   FROM snapshot_rows r JOIN snapshots s ON s.id = r.snapshot_id, last"
  "   WHERE s.series = ?1 AND s.complete AND s.captured_at <= last.t AND r.downloads IS NOT NULL)"
  " SELECT m.id, l.d, coalesce (a.grp, m.author), a.country, t.modality"
  " FROM latest l JOIN models m ON m.id = l.id LEFT JOIN authors a ON a.author = m.author"
  " LEFT JOIN tasks t ON t.id = m.pipeline_tag"
  " WHERE l.rn = 1 AND l.d > 0";

typedef struct {
  char   *key;
  gint64  value;
} Cell;

/* A row of embedded_sql: five strings, any of them NULL. */
static void
free_row (gpointer data)
{
  char **row = data;

  for (int c = 0; c < 5; c++)
    g_free (row[c]);
  g_free (row);
}

/* The expected CSV lines "row,col,value,share" of the top @top developers'
 * downloads by @rows (country or developer) and @cols (size-threshold or
 * modality), computed with SQL and the size table. */
static GHashTable *
expected_cells (const char *series,
                guint       top,
                const char *rows,
                const char *cols,
                gint64     *out_total)
{
  static const struct { gint64 below; const char *label; } thresholds[] = {
    { 100000000, "<100M" }, { 200000000, "<200M" }, { 500000000, "<500M" }, { 1000000000, "<1B" },
    { 10000000000, "<10B" }, { 100000000000, "<100B" }, { G_MAXINT64, "All sized" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(HubStore) store = hub_store_open (embedded_db, &error);
  g_autoptr(HubDataset) dataset = hub_dataset_load (store, NULL, &error);
  g_autoptr(HubSizeTable) sizes = hub_size_table_new (dataset, store, NULL, &error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) developer_totals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) rows_read = g_ptr_array_new_with_free_func (free_row);
  g_autoptr(GList) developers = NULL;
  g_autoptr(GHashTable) in_set = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTable *cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gint64 total = 0;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (hub_store_get_db (store), embedded_sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, series, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      char **row = g_new0 (char *, 6);
      gint64 *sum;

      for (int c = 0; c < 5; c++)
        row[c] = g_strdup ((const char *) sqlite3_column_text (stmt, c));
      g_ptr_array_add (rows_read, row);
      if ((sum = g_hash_table_lookup (developer_totals, row[2])) == NULL)
        {
          sum = g_new0 (gint64, 1);
          g_hash_table_insert (developer_totals, g_strdup (row[2]), sum);
        }
      *sum += sqlite3_column_int64 (stmt, 1);
    }

  /* The top developers, by downloads then name. */
  developers = g_hash_table_get_keys (developer_totals);
  for (GList *a = developers; a != NULL; a = a->next)
    for (GList *b = a->next; b != NULL; b = b->next)
      {
        gint64 va = *(gint64 *) g_hash_table_lookup (developer_totals, a->data);
        gint64 vb = *(gint64 *) g_hash_table_lookup (developer_totals, b->data);

        if (vb > va)
          {
            gpointer tmp = a->data;
            a->data = b->data;
            b->data = tmp;
          }
      }
  for (GList *l = developers; l != NULL && g_hash_table_size (in_set) < top; l = l->next)
    g_hash_table_add (in_set, l->data);

  for (guint i = 0; i < rows_read->len; i++)
    {
      char **row = g_ptr_array_index (rows_read, i);
      gint64 value = g_ascii_strtoll (row[1], NULL, 10);
      const char *row_label = g_str_equal (rows, "country") ? (row[3] != NULL ? row[3] : "Unknown") : row[2];
      g_autoptr(GPtrArray) col_labels = g_ptr_array_new ();

      if (!g_hash_table_contains (in_set, row[2]))
        continue;
      total += value;
      if (g_str_equal (cols, "modality"))
        g_ptr_array_add (col_labels, row[4] != NULL ? row[4] : "Unknown");
      else
        {
          HubSizeSource source;
          gint64 p = hub_size_table_get_parameters (sizes, hub_dataset_find_model (dataset, row[0]), &source);

          if (source != HUB_SIZE_SOURCE_REPORTED && source != HUB_SIZE_SOURCE_BASE_MODEL)
            g_ptr_array_add (col_labels, "Unknown");
          else
            for (guint t = 0; t < G_N_ELEMENTS (thresholds); t++)
              if (p < thresholds[t].below || t + 1 == G_N_ELEMENTS (thresholds))
                g_ptr_array_add (col_labels, (gpointer) thresholds[t].label);
        }
      g_ptr_array_add (col_labels, "Total");
      for (guint c = 0; c < col_labels->len; c++)
        for (int pass = 0; pass < 2; pass++)
          {
            g_autofree char *key = g_strdup_printf ("%s,%s", pass == 0 ? row_label : "Total",
                                                    (const char *) g_ptr_array_index (col_labels, c));
            gint64 *sum = g_hash_table_lookup (cells, key);

            if (sum == NULL)
              {
                sum = g_new0 (gint64, 1);
                g_hash_table_insert (cells, g_strdup (key), sum);
              }
            *sum += value;
          }
    }
  *out_total = total;
  return cells;
}

/* `hubeco breakdown --top 50 ... --format csv` on the embedded data gives
 * what SQL and the size table give, value for value and share for share
 * (issue 23: country × size threshold, developer × modality). */
static void
test_embedded_matches_sql (void)
{
  static const struct { const char *rows, *cols; } cases[] = {
    { "country", "size-threshold" },
    { "developer", "modality" },
  };

  if (embedded_db == NULL)
    {
      g_autofree char *dir = hub_test_tmpdir ();
      g_autoptr(GError) error = NULL;
      g_autoptr(HubStore) store = NULL;
      g_autoptr(HubImportReport) report = hub_import_report_new ();

      embedded_db = g_build_filename (dir, "embedded.db", NULL);
      store = hub_store_open (embedded_db, &error);
      g_assert_no_error (error);
      g_assert_true (hub_import_ensure_populated (store, report, NULL, &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_auto(GStrv) lines = NULL;
      g_autoptr(GHashTable) expected = NULL;
      gint64 total = 0;
      guint n_checked = 0, n_nonzero = 0;

      g_assert_cmpint (run_breakdown (&out, "--top", "50", "--rows", cases[i].rows, "--cols", cases[i].cols,
                                      "--series", "radar-export", "--format", "csv", NULL), ==, 0);
      expected = expected_cells ("radar-export", 50, cases[i].rows, cases[i].cols, &total);
      lines = g_strsplit (out, "\n", -1);
      g_assert_cmpstr (lines[0], ==, "row,col,value,share,row_share,col_share");
      for (guint l = 1; lines[l] != NULL && *lines[l] != '\0'; l++)
        {
          g_auto(GStrv) f = g_strsplit (lines[l], ",", -1);
          g_autofree char *key = NULL;
          gint64 *want;
          gint64 value;
          g_autofree char *share = NULL;

          g_assert_cmpuint (g_strv_length (f), ==, 6);
          key = g_strdup_printf ("%s,%s", f[0], f[1]);
          want = g_hash_table_lookup (expected, key);
          value = g_ascii_strtoll (f[2], NULL, 10);
          g_assert_cmpint (value, ==, want != NULL ? *want : 0);
          /* The share as written: the same double, to the last digit. */
          share = g_strdup_printf ("%.17g", (double) value / (double) total);
          if (value == 0)
            g_assert_cmpstr (f[3], ==, "0");
          else
            g_assert_cmpfloat (g_ascii_strtod (f[3], NULL), ==, g_ascii_strtod (share, NULL));
          n_checked++;
          n_nonzero += value > 0;
        }
      g_test_message ("%s × %s: %u lines checked, %u non-zero, total %" G_GINT64_FORMAT,
                      cases[i].rows, cases[i].cols, n_checked, n_nonzero, total);
      /* Every expected non-zero cell was printed. */
      g_assert_cmpuint (n_nonzero, ==, g_hash_table_size (expected));
      g_assert_cmpuint (n_checked, >, 20);
    }
}

/* Bad dimensions are usage errors that list the valid ones. */
static void
test_cli_errors (void)
{
  g_autofree char *out = NULL;

  if (embedded_db == NULL)
    test_embedded_matches_sql ();
  g_assert_cmpint (run_breakdown (&out, "--rows", "planet", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_breakdown (&out, "--developers", "nobody-at-all", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_breakdown (&out, "--developers", " , ", NULL), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/breakdown/hand/size-thresholds", test_hand_size_thresholds);
  g_test_add_func ("/breakdown/hand/languages", test_hand_languages);
  g_test_add_func ("/breakdown/hand/architecture-named", test_hand_architecture_named);
  g_test_add_func ("/breakdown/hand/unknown-developer", test_hand_unknown_developer);
  g_test_add_func ("/breakdown/query-options", test_query_options);
  g_test_add_func ("/breakdown/embedded-matches-sql", test_embedded_matches_sql);
  g_test_add_func ("/breakdown/cli-errors", test_cli_errors);

  return g_test_run ();
}
