/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Imported period downloads (model_id,date,downloads as CSV or JSONL, and
 * the kb-labb/huggingface_stats shape) against a real store: detection, bad
 * rows by line, unknown models kept, re-imports, and the loader's
 * measure=period end to end. Expected values are computed here from the
 * files' text. */
#include "config.h"

#include "hub-import.h"
#include "hub-observations.h"
#include "hub-share-query.h"
#include "hub-test-util.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#define KBLAB "kblab-monthly-downloads.csv.gz"
#define DAY ((gint64) 86400)

typedef struct {
  char     *dir;
  HubStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = hub_test_tmpdir ();
  path = g_build_filename (f->dir, "hubeco.db", NULL);
  f->store = hub_store_open (path, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  g_free (f->dir);
}

static gint64
sql_int (HubStore   *store,
         const char *sql,
         const char *arg)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (hub_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_type (stmt, 0) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *text)
{
  char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

static gboolean
import_path (Fixture          *f,
             const char       *path,
             HubImportFormat   format,
             HubImportReport  *report,
             GError          **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return hub_import_file (f->store, file, format, report, NULL, error);
}

static gboolean
has_rejection (HubImportReport *report,
               const char      *needle)
{
  for (guint i = 0; i < report->rejections->len; i++)
    if (strstr (g_ptr_array_index (report->rejections, i), needle) != NULL)
      return TRUE;
  return FALSE;
}

/* The kblab fixture's rows, parsed here (plain CSV: no quoted fields). */
typedef struct {
  guint       n_models_rows;
  guint       n_other_rows;
  GHashTable *ids;        /* model id -> itself */
  GHashTable *sum_by_id;  /* model id -> sum of downloads_30d (gint64 *) */
} Kblab;

static void
kblab_read (Kblab *k)
{
  g_autofree char *path = hub_test_data_path (KBLAB);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GInputStream) raw = G_INPUT_STREAM (g_file_read (file, NULL, NULL));
  g_autoptr(GZlibDecompressor) gunzip = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GInputStream) plain = g_converter_input_stream_new (raw, G_CONVERTER (gunzip));
  g_autoptr(GDataInputStream) data = g_data_input_stream_new (plain);
  char *line;
  gboolean header = TRUE;

  memset (k, 0, sizeof *k);
  k->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  k->sum_by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  while ((line = g_data_input_stream_read_line (data, NULL, NULL, NULL)) != NULL)
    {
      g_autofree char *owned = g_strchomp (line);  /* the file ends lines with CRLF */
      g_auto(GStrv) f = g_strsplit (line, ",", -1);
      g_autofree char *id = NULL;
      gint64 *sum;

      if (header)
        {
          g_assert_cmpstr (line, ==, "date,repo_type,organization,name,downloads_30d,url");
          header = FALSE;
          continue;
        }
      g_assert_cmpuint (g_strv_length (f), ==, 6);
      if (strcmp (f[1], "model") != 0)
        {
          k->n_other_rows++;
          continue;
        }
      k->n_models_rows++;
      id = g_strconcat (f[2], "/", f[3], NULL);
      g_hash_table_add (k->ids, g_strdup (id));
      sum = g_hash_table_lookup (k->sum_by_id, id);
      if (sum == NULL)
        {
          sum = g_new0 (gint64, 1);
          g_hash_table_insert (k->sum_by_id, g_strdup (id), sum);
        }
      *sum += g_ascii_strtoll (f[4], NULL, 10);
    }
}

static void
kblab_clear (Kblab *k)
{
  g_hash_table_unref (k->ids);
  g_hash_table_unref (k->sum_by_id);
}

static void
test_detect (void)
{
  static const struct {
    const char      *name;
    const char      *head;
    HubImportFormat  format;
  } cases[] = {
    { "p.csv", "model_id,date,downloads\na/b,2024-01-01,3\n", HUB_IMPORT_FORMAT_PERIOD_DOWNLOADS },
    { "p.csv", "\"Model_ID\",\"Date\",\"Downloads\",note\n", HUB_IMPORT_FORMAT_PERIOD_DOWNLOADS },
    { "p.csv", "id,period_start,downloads\n", HUB_IMPORT_FORMAT_PERIOD_DOWNLOADS },
    { "k.csv.gz", "date,repo_type,organization,name,downloads_30d,url\n", HUB_IMPORT_FORMAT_PERIOD_DOWNLOADS },
    { "p.jsonl", "{\"model_id\":\"a/b\",\"date\":\"2024-01-01\",\"downloads\":3}\n", HUB_IMPORT_FORMAT_PERIOD_DOWNLOADS },
    /* Not period downloads. */
    { "p.csv", "model_id,downloads\n", HUB_IMPORT_FORMAT_AUTO },
    { "p.csv", "date,organization,downloads\n", HUB_IMPORT_FORMAT_AUTO },
    { "h.csv", "captured_at,id,downloads,likes,trendingScore\n", HUB_IMPORT_FORMAT_HISTORY_CSV },
    { "m.jsonl", "{\"id\":\"a/b\",\"downloads\":3,\"createdAt\":\"2024-01-01\"}\n{\"id\":\"a/c\"}\n", HUB_IMPORT_FORMAT_JSONL },
    { "d.json", "{\"date\":\"2026-08-07\",\"fetched_at\":\"x\",\"models\":[{\"id\":\"a/b\",\"downloads\":1}]}", HUB_IMPORT_FORMAT_DAILY_TOP },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (hub_import_detect_format (cases[i].name, (const guint8 *) cases[i].head,
                                               strlen (cases[i].head)), ==, cases[i].format);
}

static void
test_kblab (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *path = hub_test_data_path (KBLAB);
  g_autoptr(HubImportReport) report = hub_import_report_new ();
  g_autoptr(HubImportReport) again = hub_import_report_new ();
  g_autoptr(GError) error = NULL;
  Kblab k;
  gint64 total = 0;
  GHashTableIter iter;
  gpointer sum;

  kblab_read (&k);
  g_hash_table_iter_init (&iter, k.sum_by_id);
  while (g_hash_table_iter_next (&iter, NULL, &sum))
    total += *(gint64 *) sum;

  g_assert_true (import_path (f, path, HUB_IMPORT_FORMAT_AUTO, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->period_rows, ==, k.n_models_rows);
  g_assert_cmpuint (report->rows_skipped, ==, k.n_other_rows);
  g_assert_cmpuint (report->rows_rejected, ==, 0);
  /* The store holds no model yet: every row is kept, every model listed. */
  g_assert_cmpuint (report->period_unknown_rows, ==, k.n_models_rows);
  g_assert_cmpuint (report->unknown_models->len, ==, g_hash_table_size (k.ids));

  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM period_downloads WHERE source = ?1", KBLAB),
                   ==, k.n_models_rows);
  g_assert_cmpint (sql_int (f->store, "SELECT sum(downloads) FROM period_downloads", NULL), ==, total);
  g_assert_cmpint (sql_int (f->store, "SELECT count(DISTINCT model_id) FROM period_downloads", NULL),
                   ==, g_hash_table_size (k.ids));
  /* downloads_30d on 2022-02-18: the period starts 30 days before. */
  g_assert_cmpint (sql_int (f->store, "SELECT period_start FROM period_downloads"
                                      " WHERE model_id = ?1 ORDER BY period_start LIMIT 1",
                            "KB/bert-base-swedish-cased"),
                   ==, hub_time_parse_iso8601 ("2022-02-18") - 30 * DAY);
  g_assert_cmpint (sql_int (f->store, "SELECT downloads FROM period_downloads WHERE model_id = ?1"
                                      " ORDER BY period_start LIMIT 1", "KB/bert-base-swedish-cased"),
                   ==, 16509);

  /* Again: the same rows replace themselves. */
  g_assert_true (import_path (f, path, HUB_IMPORT_FORMAT_AUTO, again, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (again->period_rows, ==, k.n_models_rows);
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM period_downloads", NULL), ==, k.n_models_rows);
  g_assert_cmpint (sql_int (f->store, "SELECT sum(downloads) FROM period_downloads", NULL), ==, total);

  kblab_clear (&k);
}

static const char bad_csv[] =
  "model_id,date,downloads,note\n"          /* 1 */
  "org/good,2024-01-01,100,x\n"             /* 2 */
  "org/short,2024-01-01\n"                  /* 3: missing column */
  "org/nan,2024-01-01,12x,\n"               /* 4: not a number */
  "org/neg,2024-01-01,-5,\n"                /* 5: negative */
  "org/date,2024-13-01,5,\n"                /* 6: bad date */
  ",2024-01-01,5,\n"                        /* 7: no id */
  "noslash,2024-01-01,5,\n"                 /* 8: not a model id */
  "org/empty,2024-01-01,,\n"                /* 9: empty count */
  "org/nodate,,7,\n"                        /* 10: no date */
  "\"org/good\",2024-02-01,\"250\",\"a, b\"\n"  /* 11: good, quoted */
  "org/zero,2024-02-01,0,\n";               /* 12: good, zero */

static const char bad_jsonl[] =
  "{\"model_id\":\"org/good\",\"date\":\"2024-01-01\",\"downloads\":100,\"extra\":[1]}\n"  /* 1 */
  "{\"model_id\":\"org/short\",\"date\":\"2024-01-01\"}\n"                                 /* 2 */
  "{\"model_id\":\"org/nan\",\"date\":\"2024-01-01\",\"downloads\":\"12x\"}\n"             /* 3 */
  "{\"model_id\":\"org/neg\",\"date\":\"2024-01-01\",\"downloads\":-5}\n"                  /* 4 */
  "{\"model_id\":\"org/date\",\"date\":\"2024-13-01\",\"downloads\":5}\n"                  /* 5 */
  "{\"date\":\"2024-01-01\",\"downloads\":5}\n"                                            /* 6 */
  "{\"model_id\":\"org/frac\",\"date\":\"2024-01-01\",\"downloads\":2.5}\n"                /* 7 */
  "{\"model_id\":\"org/bool\",\"date\":\"2024-01-01\",\"downloads\":true}\n"               /* 8 */
  "{\"model_id\":\"org/trunc\",\"date\":\n"                                                /* 9 */
  "[1,2]\n"                                                                                /* 10 */
  "\n"
  "{\"model_id\":\"org/good\",\"date\":\"2024-02-01\",\"downloads\":\"250\"}\n"            /* 12 */
  "{\"model_id\":\"org/zero\",\"date\":\"2024-02-01\",\"downloads\":0}\n";                 /* 13 */

static void
check_bad_rows (Fixture    *f,
                const char *name,
                const char *text,
                const char * const *expected)
{
  g_autofree char *path = write_file (f, name, text);
  g_autoptr(HubImportReport) report = hub_import_report_new ();
  g_autoptr(GError) error = NULL;
  guint n_expected = g_strv_length ((GStrv) expected);

  g_assert_true (import_path (f, path, HUB_IMPORT_FORMAT_AUTO, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->rows_rejected, ==, n_expected);
  g_assert_cmpuint (report->rejections->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    if (!has_rejection (report, expected[i]))
      g_error ("no rejection “%s” in %s", expected[i], name);
  g_assert_cmpuint (report->period_rows, ==, 3);
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM period_downloads WHERE source = ?1", name), ==, 3);
  g_assert_cmpint (sql_int (f->store, "SELECT sum(downloads) FROM period_downloads WHERE source = ?1", name),
                   ==, 350);
}

static void
test_bad_rows (Fixture       *f,
               gconstpointer  data)
{
  static const char * const csv_expected[] = {
    "bad.csv:3: expected 4 fields, got 2",
    "bad.csv:4: field 'downloads': '12x' is not a number",
    "bad.csv:5: field 'downloads': -5 is negative",
    "bad.csv:6: field 'date': '2024-13-01' is not an ISO 8601 day",
    "bad.csv:7: field 'model_id': missing",
    "bad.csv:8: field 'model_id': 'noslash' is not a valid model id",
    "bad.csv:9: field 'downloads': missing",
    "bad.csv:10: field 'date': missing",
    NULL
  };
  static const char * const jsonl_expected[] = {
    "bad.jsonl:2: field 'downloads': missing",
    "bad.jsonl:3: field 'downloads': '12x' is not a number",
    "bad.jsonl:4: field 'downloads': -5 is negative",
    "bad.jsonl:5: field 'date': '2024-13-01' is not an ISO 8601 day",
    "bad.jsonl:6: field 'model_id': missing",
    "bad.jsonl:7: field 'downloads': '2.5' is not a number",
    "bad.jsonl:8: field 'downloads': '?' is not a number",
    "bad.jsonl:9: not valid JSON",
    "bad.jsonl:10: expected an object",
    NULL
  };
  g_autofree char *kblab = hub_test_data_path (KBLAB);
  g_autoptr(HubImportReport) first = hub_import_report_new ();
  g_autoptr(GError) error = NULL;
  gint64 before;

  /* Something stored before, which the bad files must not touch. */
  g_assert_true (import_path (f, kblab, HUB_IMPORT_FORMAT_AUTO, first, &error));
  g_assert_no_error (error);
  before = sql_int (f->store, "SELECT count(*) FROM period_downloads", NULL);

  check_bad_rows (f, "bad.csv", bad_csv, csv_expected);
  check_bad_rows (f, "bad.jsonl", bad_jsonl, jsonl_expected);
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM period_downloads WHERE source = ?1", KBLAB),
                   ==, before);
  g_assert_cmpint (sql_int (f->store, "SELECT downloads FROM period_downloads WHERE source = 'bad.jsonl'"
                                      " AND model_id = 'org/good' AND period_start = ?1", "1706745600"),
                   ==, 250);
}

static void
test_bad_header (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *kblab = hub_test_data_path (KBLAB);
  g_autofree char *no_date = write_file (f, "nodate.csv", "model_id,downloads\norg/a,5\n");
  g_autofree char *empty = write_file (f, "empty.csv", "");
  g_autoptr(HubImportReport) report = hub_import_report_new ();
  g_autoptr(GError) error = NULL;
  gint64 before;

  g_assert_true (import_path (f, kblab, HUB_IMPORT_FORMAT_AUTO, report, &error));
  g_assert_no_error (error);
  before = sql_int (f->store, "SELECT count(*) FROM period_downloads", NULL);

  /* Not recognised at all, then named as period downloads. */
  g_assert_false (import_path (f, no_date, HUB_IMPORT_FORMAT_AUTO, report, &error));
  g_assert_error (error, HUB_INGEST_ERROR, HUB_INGEST_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "model_id,date,downloads"));
  g_clear_error (&error);
  g_assert_false (import_path (f, no_date, HUB_IMPORT_FORMAT_PERIOD_DOWNLOADS, report, &error));
  g_assert_error (error, HUB_INGEST_ERROR, HUB_INGEST_ERROR_WRONG_SHAPE);
  g_assert_cmpstr (error->message, ==,
                   "nodate.csv:1: expected a header model_id,date,downloads (column 'date' is missing)");
  g_clear_error (&error);
  g_assert_false (import_path (f, empty, HUB_IMPORT_FORMAT_PERIOD_DOWNLOADS, report, &error));
  g_assert_error (error, HUB_INGEST_ERROR, HUB_INGEST_ERROR_WRONG_SHAPE);
  g_clear_error (&error);

  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM period_downloads", NULL), ==, before);
}

/* Two KBLab models become known; measure=period then reads their rows, one
 * group per period start, and the monthly shares match SQL. */
static void
test_loader_end_to_end (Fixture       *f,
                        gconstpointer  data)
{
  static const char models[] =
    "[{\"id\":\"KBLab/bert-base-swedish-cased\",\"author\":\"KBLab\",\"pipeline_tag\":\"fill-mask\","
    "  \"createdAt\":\"2022-03-02T23:29:04.000Z\"},"
    " {\"id\":\"KBLab/kb-whisper-large\",\"author\":\"KBLab\","
    "  \"pipeline_tag\":\"automatic-speech-recognition\",\"createdAt\":\"2025-02-13T10:00:00.000Z\"}]";
  g_autofree char *models_path = write_file (f, "kblab-models.json", models);
  g_autofree char *kblab = hub_test_data_path (KBLAB);
  g_autoptr(HubImportReport) report = hub_import_report_new ();
  g_autoptr(HubImportReport) report2 = hub_import_report_new ();
  g_autoptr(HubDataset) dataset = NULL;
  g_autoptr(HubObservations) obs = NULL;
  g_autoptr(HubShareResult) res = NULL;
  g_autoptr(GError) error = NULL;
  HubQuery query;
  Kblab k;
  gint64 *s1, *s2, sum = 0;
  gint64 known_rows;

  kblab_read (&k);
  s1 = g_hash_table_lookup (k.sum_by_id, "KBLab/bert-base-swedish-cased");
  s2 = g_hash_table_lookup (k.sum_by_id, "KBLab/kb-whisper-large");
  g_assert_nonnull (s1);
  g_assert_nonnull (s2);

  g_assert_true (import_path (f, models_path, HUB_IMPORT_FORMAT_AUTO, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->models_added, ==, 2);
  g_assert_true (import_path (f, kblab, HUB_IMPORT_FORMAT_AUTO, report2, &error));
  g_assert_no_error (error);
  known_rows = sql_int (f->store, "SELECT count(*) FROM period_downloads p JOIN models m ON m.id = p.model_id",
                        NULL);
  g_assert_cmpuint (report2->period_unknown_rows, ==, k.n_models_rows - known_rows);
  g_assert_cmpuint (report2->unknown_models->len, ==, g_hash_table_size (k.ids) - 2);

  dataset = hub_dataset_load (f->store, NULL, &error);
  g_assert_no_error (error);
  obs = hub_observations_load (f->store, dataset, NULL, HUB_QUERY_MEASURE_PERIOD, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (obs->series, ==, KBLAB);
  g_assert_cmpuint (obs->n_rows, ==, known_rows);
  g_assert_cmpuint (obs->n_unknown_rows, ==, k.n_models_rows - known_rows);
  /* A group per period start of the source, even where only unknown
   * models have rows. */
  g_assert_cmpint (obs->n_groups, ==, sql_int (f->store, "SELECT count(DISTINCT period_start)"
                                                         " FROM period_downloads WHERE source = ?1", KBLAB));
  for (guint64 i = 0; i < obs->n_rows; i++)
    sum += hub_observations_value (obs, i);
  /* Rows of 0 downloads are left out of the columns; their sum is the same. */
  g_assert_cmpint (sum, ==, *s1 + *s2);

  /* by=model, axis=year: a flow, so each year sums its months. */
  hub_query_init (&query);
  g_assert_true (hub_query_parse (&query, "by=model;axis=year;measure=period", &error));
  g_assert_no_error (error);
  res = hub_share_run (dataset, obs, &query, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint p = 0; p < res->n_periods; p++)
    {
      gint64 start = res->period_starts[p];
      g_autofree char *next = g_strdup_printf ("%d-01-01", atoi (res->period_labels[p]) + 1);
      g_autofree char *sql = g_strdup_printf ("SELECT coalesce (sum (p.downloads), 0) FROM period_downloads p"
                                              " JOIN models m ON m.id = p.model_id WHERE p.period_start >= %"
                                              G_GINT64_FORMAT " AND p.period_start < ?1", start);
      g_autofree char *end = g_strdup_printf ("%" G_GINT64_FORMAT, hub_time_parse_iso8601 (next));

      g_assert_cmpint (res->totals[p], ==, sql_int (f->store, sql, end));
    }
  /* 30-day counts from 2022-02-18 start in 2022-01; the last in 2026. */
  g_assert_cmpstr (res->period_labels[0], ==, "2022");
  g_assert_cmpstr (res->period_labels[res->n_periods - 1], ==, "2026");
  hub_query_clear (&query);
  kblab_clear (&k);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import-period/detect", test_detect);
  g_test_add ("/import-period/kblab", Fixture, NULL, fixture_setup, test_kblab, fixture_teardown);
  g_test_add ("/import-period/bad-rows", Fixture, NULL, fixture_setup, test_bad_rows, fixture_teardown);
  g_test_add ("/import-period/bad-header", Fixture, NULL, fixture_setup, test_bad_header, fixture_teardown);
  g_test_add ("/import-period/loader", Fixture, NULL, fixture_setup, test_loader_end_to_end, fixture_teardown);

  return g_test_run ();
}
