/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The importers against a real store in a temporary folder: each format,
 * the embedded first-launch build, bad files, re-imports and interruptions.
 * Expected counts are computed here from the files' text, not by the code
 * under test. */
#include "config.h"

#include "hub-import.h"
#include "hub-import-private.h"
#include "hub-test-util.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

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

/* One integer from SQL, with %s replaced by @arg (quoted). */
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
sql_text (HubStore   *store,
          const char *sql,
          const char *arg)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (hub_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static gboolean
import_path (HubStore         *store,
             const char       *path,
             HubImportReport  *report,
             GCancellable     *cancellable,
             GError          **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return hub_import_file (store, file, HUB_IMPORT_FORMAT_AUTO, report, cancellable, error);
}

static void
import_ok (HubStore        *store,
           const char      *path,
           HubImportReport *report)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (import_path (store, path, report, NULL, &error));
  g_assert_no_error (error);
}

/* The decompressed text of a file of the project's dataset. */
static char *
dataset_text (const char *relative)
{
  g_autofree char *path = hub_test_dataset_path (relative);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  if (g_str_has_suffix (relative, ".gz"))
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GInputStream) raw = G_INPUT_STREAM (g_file_read (file, NULL, &error));
      g_autoptr(GZlibDecompressor) gunzip = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
      g_autoptr(GInputStream) plain = g_converter_input_stream_new (raw, G_CONVERTER (gunzip));
      g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

      g_assert_no_error (error);
      g_output_stream_splice (out, plain, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
      g_assert_no_error (error);
      g_output_stream_write (out, "", 1, NULL, NULL);
      text = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
    }
  else
    {
      g_file_get_contents (path, &text, NULL, &error);
      g_assert_no_error (error);
    }

  return text;
}

/* The value of "key": in @line, as text up to the next , or }. */
static char *
json_field (const char *line,
            const char *key)
{
  g_autofree char *needle = g_strdup_printf ("\"%s\":", key);
  const char *p = strstr (line, needle);
  const char *end;

  if (p == NULL)
    return NULL;
  p += strlen (needle);
  while (*p == ' ')
    p++;
  if (*p == '"')
    {
      p++;
      end = strchr (p, '"');
    }
  else
    end = p + strcspn (p, ",}");
  return g_strndup (p, end - p);
}

/* ---- JSONL: the real snapshot ---- */

static void
test_jsonl_real (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = hub_test_dataset_path ("hub-models.jsonl.gz");
  g_autofree char *text = dataset_text ("hub-models.jsonl.gz");
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(HubImportReport) report = hub_import_report_new ();
  g_autoptr(HubImportReport) again = hub_import_report_new ();
  const char *series = "import:hub-models.jsonl.gz";
  guint n_lines = 0;
  gint64 downloads_sum = 0, likes_sum = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] == '{')
      {
        g_autofree char *d = json_field (lines[i], "downloads");
        g_autofree char *l = json_field (lines[i], "likes");

        n_lines++;
        downloads_sum += g_ascii_strtoll (d, NULL, 10);
        likes_sum += g_ascii_strtoll (l, NULL, 10);
      }
  g_assert_cmpuint (n_lines, ==, 15904);

  import_ok (f->store, path, report);
  g_assert_cmpuint (report->models_added, ==, n_lines);
  g_assert_cmpuint (report->models_updated, ==, 0);
  g_assert_cmpuint (report->models_rejected, ==, 0);
  g_assert_cmpuint (report->rejections->len, ==, 0);
  g_assert_cmpuint (report->snapshots_written, ==, 1);
  g_assert_cmpuint (report->snapshot_rows, ==, n_lines);
  /* Self-loops, odd parent ids and one parameter count over 2^53. */
  g_assert_cmpuint (report->fields_dropped, ==, report->warnings->len);
  g_assert_cmpuint (report->fields_dropped, >, 0);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (report->warnings, 0), "hub-models.jsonl.gz:"));

  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM models", NULL), ==, n_lines);
  g_assert_cmpint (sql_int (f->store, "SELECT sum(downloads) FROM models", NULL), ==, downloads_sum);
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM snapshots WHERE series = ?1 AND complete = 1", series), ==, 1);
  g_assert_cmpint (sql_int (f->store, "SELECT sum(r.downloads) FROM snapshot_rows r JOIN snapshots s ON s.id = r.snapshot_id WHERE s.series = ?1", series), ==, downloads_sum);
  g_assert_cmpint (sql_int (f->store, "SELECT sum(r.likes) FROM snapshot_rows r JOIN snapshots s ON s.id = r.snapshot_id WHERE s.series = ?1", series), ==, likes_sum);
  g_assert_cmpint (sql_int (f->store, "SELECT parameters FROM models WHERE id = ?1",
                           "0bserverx/Qwen3.8-27B-Heretic-Abliterated-Uncensored-GGUF"), ==, 26895998464);
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM lineage WHERE child = ?1 AND parent = 'Qwen/Qwen3.8-27B' AND relation = 'quantized'",
                           "0bserverx/Qwen3.8-27B-Heretic-Abliterated-Uncensored-GGUF"), ==, 1);

  /* The same file again changes nothing. */
  import_ok (f->store, path, again);
  g_assert_cmpuint (again->models_added, ==, 0);
  g_assert_cmpuint (again->snapshots_written, ==, 0);
  g_assert_cmpuint (again->snapshot_rows, ==, 0);
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM models", NULL), ==, n_lines);
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM snapshots", NULL), ==, 1);
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM snapshot_rows", NULL), ==, n_lines);
}

/* ---- the history CSV ---- */

static void
test_history_real (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = hub_test_dataset_path ("hub-models-history.csv.gz");
  g_autofree char *text = dataset_text ("hub-models-history.csv.gz");
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GHashTable) per_time = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(HubImportReport) report = hub_import_report_new ();
  g_autoptr(HubImportReport) again = hub_import_report_new ();
  GHashTableIter iter;
  gpointer key, value;
  guint n_rows = 0;

  /* CRLF line ends. */
  g_assert_true (g_str_has_prefix (lines[0], "captured_at,id,downloads,likes,trendingScore"));
  for (guint i = 1; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      {
        g_autofree char *when = g_strndup (lines[i], strchr (lines[i], ',') - lines[i]);
        guint n = GPOINTER_TO_UINT (g_hash_table_lookup (per_time, when));

        g_hash_table_insert (per_time, g_steal_pointer (&when), GUINT_TO_POINTER (n + 1));
        n_rows++;
      }
  g_assert_cmpuint (g_hash_table_size (per_time), ==, 13);

  import_ok (f->store, path, report);
  g_assert_cmpuint (report->snapshots_written, ==, g_hash_table_size (per_time));
  g_assert_cmpuint (report->snapshot_rows, ==, n_rows);
  g_assert_cmpuint (report->rows_rejected, ==, 0);
  g_assert_cmpuint (report->models_added, ==, 0);

  g_hash_table_iter_init (&iter, per_time);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *sql = g_strdup_printf (
        "SELECT count(*) FROM snapshot_rows r JOIN snapshots s ON s.id = r.snapshot_id"
        " WHERE s.series = 'radar-export' AND s.complete = 1 AND s.carry_forward = 1"
        " AND s.source = 'hub-models-history.csv.gz' AND s.captured_at = %" G_GINT64_FORMAT,
        hub_time_parse_iso8601 (key));

      g_assert_cmpint (sql_int (f->store, sql, NULL), ==, GPOINTER_TO_UINT (value));
    }

  g_assert_cmpint (sql_int (f->store, "SELECT downloads FROM snapshot_rows r JOIN snapshots s ON s.id = r.snapshot_id"
                           " WHERE r.model_id = ?1 AND s.captured_at = 1787124991",
                           "0199ae31-6bb7-7c8d-bb6e-a4d8862d23fd/Qwen3.5-9B-oQ8e-fp16-mtp"), ==, 108);

  import_ok (f->store, path, again);
  g_assert_cmpuint (again->snapshots_written, ==, 0);
  g_assert_cmpuint (again->snapshot_rows, ==, 0);
  /* Not silently: every row is counted as already stored, and each of the
   * 13 snapshots is named once (issue 22, item 8). */
  g_assert_cmpuint (again->rows_already_stored, ==, n_rows);
  g_assert_cmpuint (again->warnings->len, ==, 13);
  g_assert_nonnull (strstr (g_ptr_array_index (again->warnings, 0), "was imported before; its rows in this file were skipped"));
  {
    g_autofree char *summary = hub_import_report_summary (again);
    g_autofree char *line = g_strdup_printf ("Rows skipped, their snapshot imported before: %u\n", n_rows);

    g_assert_nonnull (strstr (summary, line));
  }
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM snapshots", NULL), ==, 13);
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM snapshot_rows", NULL), ==, n_rows);
}

static void
test_history_bad_rows (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = hub_test_data_path ("bad-history.csv");
  g_autoptr(HubImportReport) report = hub_import_report_new ();
  static const char * const expected_rejections[] = {
    "bad-history.csv:4: field 'captured_at': 'not-a-date' is not an ISO 8601 date",
    "bad-history.csv:5: field 'id': 'no slash here' is not a valid model id",
    "bad-history.csv:6: expected 5 fields, got 4",
    "bad-history.csv:10: a quoted field opened on line 10 is never closed",
  };

  import_ok (f->store, path, report);

  g_assert_cmpuint (report->rejections->len, ==, G_N_ELEMENTS (expected_rejections));
  for (guint i = 0; i < G_N_ELEMENTS (expected_rejections); i++)
    g_assert_cmpstr (g_ptr_array_index (report->rejections, i), ==, expected_rejections[i]);
  g_assert_cmpuint (report->rows_rejected, ==, 4);

  /* hist/e keeps its trending score; its bad counts are dropped, named. */
  g_assert_cmpuint (report->warnings->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (report->warnings, 0), ==,
                   "bad-history.csv:7: field 'downloads': '-3' is not a count");
  g_assert_cmpstr (g_ptr_array_index (report->warnings, 1), ==,
                   "bad-history.csv:7: field 'likes': 'x' is not a count");

  g_assert_cmpuint (report->snapshots_written, ==, 2);
  g_assert_cmpuint (report->snapshot_rows, ==, 5);
  g_assert_cmpint (sql_int (f->store, "SELECT likes FROM snapshot_rows WHERE model_id = ?1", "hist/b"), ==, 2);
  g_assert_cmpint (sql_int (f->store, "SELECT downloads FROM snapshot_rows WHERE model_id = ?1", "hist/e"), ==, -1);
  g_assert_cmpint (sql_int (f->store, "SELECT trending_score FROM snapshot_rows WHERE model_id = ?1", "hist/e"), ==, 1);
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM snapshot_rows WHERE model_id = ?1", "hist/f"), ==, 1);
}

static void
test_csv_bad_header (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "history.csv", NULL);
  g_autoptr(HubImportReport) report = hub_import_report_new ();
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, "captured_at,model,downloads\n2026-08-19T07:36:31Z,a/b,1\n", -1, &error);
  g_assert_no_error (error);

  g_assert_false (import_path (f->store, path, report, NULL, &error));
  g_assert_error (error, HUB_INGEST_ERROR, HUB_INGEST_ERROR_WRONG_SHAPE);
  g_assert_cmpstr (error->message, ==,
                   "history.csv:1: expected a header captured_at,id,downloads,likes,trendingScore (column 'id' is missing)");
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM snapshots", NULL), ==, 0);
}

/* ---- daily top lists and trending captures ---- */

static void
test_daily_top (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = hub_test_dataset_path ("top-models-daily/2026-08-22.json");
  g_autofree char *text = dataset_text ("top-models-daily/2026-08-22.json");
  g_autoptr(HubImportReport) report = hub_import_report_new ();
  g_autoptr(HubImportReport) again = hub_import_report_new ();
  g_autofree char *first = NULL;
  guint n_models = 0;

  /* Each model object of the file starts with an "id" line. */
  for (const char *p = text; (p = strstr (p, "\"id\": \"")) != NULL; p++)
    n_models++;
  g_assert_cmpuint (n_models, >, 300);

  import_ok (f->store, path, report);
  g_assert_cmpuint (report->models_added, ==, n_models);
  g_assert_cmpuint (report->snapshots_written, ==, 1);
  g_assert_cmpuint (report->snapshot_rows, ==, n_models);

  /* fetched_at 2026-08-22T10:15:24.524435+09:00 */
  g_assert_cmpint (sql_int (f->store, "SELECT captured_at FROM snapshots WHERE series = ?1", "daily-top300"),
                   ==, hub_time_parse_iso8601 ("2026-08-22T01:15:24Z"));
  first = sql_text (f->store, "SELECT model_id FROM snapshot_rows WHERE rank = 1", NULL);
  g_assert_cmpstr (first, ==, "black-forest-labs/FLUX.1-dev");
  g_assert_cmpint (sql_int (f->store, "SELECT max(rank) FROM snapshot_rows", NULL), ==, n_models);
  g_assert_cmpint (sql_int (f->store, "SELECT likes FROM models WHERE id = ?1", "black-forest-labs/FLUX.1-dev"), ==, 14209);
  g_assert_cmpint (sql_int (f->store, "SELECT downloads FROM snapshot_rows WHERE model_id = ?1", "deepseek-ai/DeepSeek-R1"), ==, 5894003);

  import_ok (f->store, path, again);
  g_assert_cmpuint (again->snapshots_written, ==, 0);
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM snapshot_rows", NULL), ==, n_models);
}

static void
test_trending_captures (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path = hub_test_dataset_path ("trending-captures.jsonl");
  g_autofree char *text = dataset_text ("trending-captures.jsonl");
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GHashTable) times = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(HubImportReport) report = hub_import_report_new ();
  guint n_rows = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] == '{')
      {
        g_hash_table_add (times, json_field (lines[i], "captured_utc"));
        g_hash_table_add (ids, json_field (lines[i], "id"));
        n_rows++;
      }

  import_ok (f->store, path, report);
  g_assert_cmpuint (report->snapshots_written, ==, g_hash_table_size (times));
  g_assert_cmpuint (report->snapshot_rows, ==, n_rows);
  g_assert_cmpuint (report->models_added, ==, g_hash_table_size (ids));
  g_assert_cmpuint (report->models_added + report->models_updated, ==, n_rows);
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM snapshots WHERE series = ?1 AND complete = 1", "trending-top10"),
                   ==, g_hash_table_size (times));
  g_assert_cmpint (sql_int (f->store, "SELECT count(DISTINCT rank) FROM snapshot_rows", NULL), ==, 10);
  /* The first line: rank 1 at 2026-03-02T12:17:14Z, 35,951,822,704 parameters. */
  g_assert_cmpint (sql_int (f->store, "SELECT r.downloads FROM snapshot_rows r JOIN snapshots s ON s.id = r.snapshot_id"
                           " WHERE r.model_id = ?1 AND r.rank = 1 AND s.captured_at = 1772453834",
                           "Qwen/Qwen3.5-35B-A3B"), ==, 587006);
  g_assert_cmpint (sql_int (f->store, "SELECT parameters FROM models WHERE id = ?1", "Qwen/Qwen3.5-35B-A3B"), ==, 35951822704);
}

/* ---- authors ---- */

static void
test_authors (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *path = hub_test_dataset_path ("authors.csv");
  g_autofree char *text = dataset_text ("authors.csv");
  g_autoptr(HubImportReport) report = hub_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *group = NULL;
  g_autofree char *evidence = NULL;
  g_autofree char *user_country = NULL;
  HubAuthorRow mine = { .author = "Qwen", .display_name = "Qwen", .group = "Mine", .country = "FR" };
  guint n_lines = 0;

  for (const char *p = text; (p = strchr (p, '\n')) != NULL; p++)
    n_lines++;

  /* A user's own row is never replaced by the shipped one. */
  g_assert_true (hub_store_upsert_author (f->store, &mine, "user", &error));
  g_assert_no_error (error);

  import_ok (f->store, path, report);
  g_assert_cmpuint (report->authors_written, ==, n_lines - 1);
  g_assert_cmpuint (report->rows_rejected, ==, 0);
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM authors", NULL), ==, n_lines - 1);
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM authors WHERE origin = 'shipped'", NULL), ==, n_lines - 2);

  group = sql_text (f->store, "SELECT grp FROM authors WHERE author = ?1", "google-bert");
  g_assert_cmpstr (group, ==, "Google");
  /* A quoted field with a comma. */
  evidence = sql_text (f->store, "SELECT evidence FROM authors WHERE author = ?1", "0bserverx");
  g_assert_cmpstr (evidence, ==, "Handle-style account, no organisation found");
  user_country = sql_text (f->store, "SELECT country FROM authors WHERE author = ?1", "Qwen");
  g_assert_cmpstr (user_country, ==, "FR");
}

static void
test_authors_quoting (Fixture       *f,
                      gconstpointer  data)
{
  /* RFC 4180: quoted commas, "" for a quote, a line break inside quotes,
   * CRLF line ends, a blank line, and a row without an author. */
  const char *csv =
    "author,display_name,group,country,org_type,confidence,evidence\r\n"
    "acme,\"Acme, Inc.\",Acme,US,company,high,\"Says \"\"hi\"\"\r\non two lines\"\r\n"
    "\r\n"
    ",Nobody,,,,,\r\n"
    "solo,Solo,,,user,low,\r\n";
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (csv, -1, NULL);
  g_autoptr(HubImportReport) report = hub_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *evidence = NULL;
  g_autofree char *country = NULL;

  g_assert_true (hub_import_stream (f->store, stream, "people.csv", HUB_IMPORT_FORMAT_AUTO,
                                    report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->authors_written, ==, 2);
  g_assert_cmpuint (report->rows_rejected, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (report->rejections, 0), ==,
                   "people.csv:5: field 'author': missing or not an account name");

  name = sql_text (f->store, "SELECT display_name FROM authors WHERE author = ?1", "acme");
  g_assert_cmpstr (name, ==, "Acme, Inc.");
  evidence = sql_text (f->store, "SELECT evidence FROM authors WHERE author = ?1", "acme");
  g_assert_cmpstr (evidence, ==, "Says \"hi\"\non two lines");
  /* Empty fields are unknown. */
  country = sql_text (f->store, "SELECT country FROM authors WHERE author = ?1", "solo");
  g_assert_null (country);
}

/* ---- bad entries ---- */

/* A model stored before, to check that bad input loses nothing. */
static void
store_earlier_model (HubStore *store)
{
  g_autoptr(HubModelEntry) entry = hub_model_entry_new ();
  g_autoptr(GError) error = NULL;

  entry->id = g_strdup ("bad/wrong-type");
  entry->author = g_strdup ("bad");
  entry->downloads = 999;
  entry->likes = 1;
  g_ptr_array_add (entry->tags, g_strdup ("kept"));
  g_assert_true (hub_store_upsert_model (store, entry, NULL, &error));
  g_assert_no_error (error);
}

static void
test_bad_entries (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = hub_test_data_path ("bad-entries.jsonl");
  g_autoptr(HubImportReport) report = hub_import_report_new ();
  g_autoptr(HubImportReport) again = hub_import_report_new ();
  g_autofree char *tag = NULL;
  static const char * const expected_rejections[] = {
    "bad-entries.jsonl:6: field 'id': 'noslash' has no owner (expected owner/name)",
    "bad-entries.jsonl:7: field 'id': 'bad/odd chars!' is not a valid model id",
    "bad-entries.jsonl:10: entry: expected an object, got an array",
    "bad-entries.jsonl:11: not valid JSON (",
    "bad-entries.jsonl:12: field 'id': missing",
  };
  static const char * const expected_warnings[] = {
    "bad-entries.jsonl:2: field 'downloads': expected a number, got a string",
    "bad-entries.jsonl:3: field 'downloads': value -5 out of range 0..2^53",
    "bad-entries.jsonl:4: field 'downloads': value 9007199254740993 out of range 0..2^53",
    "bad-entries.jsonl:8: field 'baseModels.models[0].id': model names itself as its parent",
  };

  store_earlier_model (f->store);
  import_ok (f->store, path, report);

  /* Line 5 is blank; line 11 is cut short, the next line is read alone. */
  g_assert_cmpuint (report->rejections->len, ==, G_N_ELEMENTS (expected_rejections));
  for (guint i = 0; i < G_N_ELEMENTS (expected_rejections); i++)
    g_assert_true (g_str_has_prefix (g_ptr_array_index (report->rejections, i), expected_rejections[i]));
  g_assert_cmpuint (report->models_rejected, ==, G_N_ELEMENTS (expected_rejections));

  g_assert_cmpuint (report->warnings->len, ==, G_N_ELEMENTS (expected_warnings));
  for (guint i = 0; i < G_N_ELEMENTS (expected_warnings); i++)
    g_assert_cmpstr (g_ptr_array_index (report->warnings, i), ==, expected_warnings[i]);
  g_assert_cmpuint (report->fields_dropped, ==, G_N_ELEMENTS (expected_warnings));

  /* good/first, bad/negative, bad/too-large, bad/self-loop, bad/nulls,
   * good/last are new; bad/wrong-type was stored before. */
  g_assert_cmpuint (report->models_added, ==, 6);
  g_assert_cmpuint (report->models_updated, ==, 1);
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM models", NULL), ==, 7);

  /* Nothing stored was lost: the bad value did not replace the good one. */
  g_assert_cmpint (sql_int (f->store, "SELECT downloads FROM models WHERE id = ?1", "bad/wrong-type"), ==, 999);
  g_assert_cmpint (sql_int (f->store, "SELECT likes FROM models WHERE id = ?1", "bad/wrong-type"), ==, 3);
  tag = sql_text (f->store, "SELECT tag FROM tags WHERE model_id = ?1", "bad/wrong-type");
  g_assert_cmpstr (tag, ==, "kept");
  g_assert_cmpint (sql_int (f->store, "SELECT downloads FROM models WHERE id = ?1", "bad/negative"), ==, -1);
  g_assert_cmpint (sql_int (f->store, "SELECT likes FROM models WHERE id = ?1", "bad/negative"), ==, 4);
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM lineage WHERE child = ?1", "bad/self-loop"), ==, 0);
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM lineage WHERE child = ?1 AND relation = 'finetune'", "good/first"), ==, 1);
  g_assert_cmpint (sql_int (f->store, "SELECT created_at FROM models WHERE id = ?1", "good/last"), ==, 1785542400);

  /* One snapshot of the accepted entries, complete. */
  g_assert_cmpuint (report->snapshots_written, ==, 1);
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM snapshot_rows", NULL), ==, 7);
  g_assert_cmpint (sql_int (f->store, "SELECT complete FROM snapshots WHERE series = ?1", "import:bad-entries.jsonl"), ==, 1);

  import_ok (f->store, path, again);
  g_assert_cmpuint (again->models_added + again->models_updated, ==, 0);
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM snapshot_rows", NULL), ==, 7);
}

static void
test_malformed_array (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = hub_test_data_path ("malformed-array.json");
  g_autoptr(HubImportReport) report = hub_import_report_new ();
  g_autoptr(GError) error = NULL;

  store_earlier_model (f->store);

  g_assert_false (import_path (f->store, path, report, NULL, &error));
  g_assert_error (error, HUB_INGEST_ERROR, HUB_INGEST_ERROR_MALFORMED);
  g_assert_true (g_str_has_prefix (error->message, "malformed-array.json: not valid JSON ("));
  g_assert_nonnull (strstr (error->message, "nothing was imported"));

  g_assert_cmpuint (report->models_added + report->models_updated, ==, 0);
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM models", NULL), ==, 1);
  g_assert_cmpint (sql_int (f->store, "SELECT downloads FROM models WHERE id = ?1", "bad/wrong-type"), ==, 999);
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM snapshots", NULL), ==, 0);
}

static void
test_array_page (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = hub_test_data_path ("array-page.json");
  g_autoptr(HubImportReport) report = hub_import_report_new ();

  import_ok (f->store, path, report);
  g_assert_cmpuint (report->models_added, ==, 3);
  g_assert_cmpuint (report->models_rejected, ==, 2);
  g_assert_cmpuint (report->rejections->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (report->rejections, 0), ==,
                   "array-page.json[2]: field 'id': expected a string, got a number");
  g_assert_cmpstr (g_ptr_array_index (report->rejections, 1), ==,
                   "array-page.json[3]: entry: expected an object, got a string");
  g_assert_cmpuint (report->warnings->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (report->warnings, 0), ==,
                   "array-page.json[1]: field 'downloads': expected a number, got a string");
  g_assert_cmpint (sql_int (f->store, "SELECT downloads_all_time FROM snapshot_rows WHERE model_id = ?1", "page/alpha"), ==, 1000);
  g_assert_cmpint (sql_int (f->store, "SELECT trending_score FROM snapshot_rows WHERE model_id = ?1", "page/alpha"), ==, 5);
  g_assert_cmpint (sql_int (f->store, "SELECT parameters FROM models WHERE id = ?1", "page/gamma"), ==, 7000000000);
}

static void
test_single_object (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(HubImportReport) report = hub_import_report_new ();
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  const char *json = "{\n  \"id\": \"one/model\",\n  \"downloads\": 12,\n  \"pipeline_tag\": \"text-generation\"\n}\n";

  stream = g_memory_input_stream_new_from_data (json, -1, NULL);
  g_assert_true (hub_import_stream (f->store, stream, "model.json", HUB_IMPORT_FORMAT_AUTO,
                                    report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->models_added, ==, 1);
  g_assert_cmpint (sql_int (f->store, "SELECT downloads FROM models WHERE id = ?1", "one/model"), ==, 12);
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM snapshots WHERE series = ?1", "import:model.json"), ==, 1);
}

/* ---- unreadable files ---- */

static void
test_unreadable (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (f->dir, "missing.jsonl", NULL);
  g_autofree char *text_file = g_build_filename (f->dir, "notes.txt", NULL);
  g_autofree char *empty = g_build_filename (f->dir, "empty.jsonl", NULL);
  g_autoptr(GError) error = NULL;

  store_earlier_model (f->store);

  {
    g_autoptr(HubImportReport) report = hub_import_report_new ();

    g_assert_false (import_path (f->store, f->dir, report, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
    g_assert_nonnull (strstr (error->message, f->dir));
    g_clear_error (&error);
  }
  {
    g_autoptr(HubImportReport) report = hub_import_report_new ();

    g_assert_false (import_path (f->store, missing, report, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, "missing.jsonl"));
    g_clear_error (&error);
  }
  {
    g_autoptr(HubImportReport) report = hub_import_report_new ();

    g_file_set_contents (text_file, "Just some notes,\nnot data.\n", -1, &error);
    g_assert_no_error (error);
    g_assert_false (import_path (f->store, text_file, report, NULL, &error));
    g_assert_error (error, HUB_INGEST_ERROR, HUB_INGEST_ERROR_UNSUPPORTED);
    g_assert_true (g_str_has_prefix (error->message, "notes.txt: unknown format"));
    g_clear_error (&error);
  }
  {
    g_autoptr(HubImportReport) report = hub_import_report_new ();

    g_file_set_contents (empty, "\n\n", -1, &error);
    g_assert_no_error (error);
    g_assert_false (import_path (f->store, empty, report, NULL, &error));
    g_assert_error (error, HUB_INGEST_ERROR, HUB_INGEST_ERROR_MALFORMED);
    g_assert_cmpstr (error->message, ==, "empty.jsonl: the file is empty");
    g_clear_error (&error);
  }
  /* A pipe with no writer would block the open forever: refused at once
   * (issue 22, item 13). */
  {
    g_autoptr(HubImportReport) report = hub_import_report_new ();
    g_autofree char *fifo = g_build_filename (f->dir, "pipe.jsonl", NULL);

    g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
    g_assert_false (import_path (f->store, fifo, report, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
    g_assert_nonnull (strstr (error->message, "pipe.jsonl: could not be opened: not a regular file"));
    g_clear_error (&error);
  }

  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM models", NULL), ==, 1);
  g_assert_cmpint (sql_int (f->store, "SELECT downloads FROM models WHERE id = ?1", "bad/wrong-type"), ==, 999);
}

/* Copies the first @fraction of the real hub-models.jsonl.gz to @dir. */
static char *
truncated_copy (const char *dir,
                double      fraction)
{
  g_autofree char *src = hub_test_dataset_path ("hub-models.jsonl.gz");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  char *dst = g_build_filename (dir, "cut.jsonl.gz", NULL);
  gsize len;

  g_file_get_contents (src, &contents, &len, &error);
  g_assert_no_error (error);
  g_file_set_contents (dst, contents, (gssize) (len * fraction), &error);
  g_assert_no_error (error);
  return dst;
}

static void
test_truncated_gz (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = truncated_copy (f->dir, 0.5);
  g_autoptr(HubImportReport) report = hub_import_report_new ();
  g_autoptr(GError) error = NULL;
  gint64 models;

  store_earlier_model (f->store);

  g_assert_false (import_path (f->store, path, report, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT);
  /* Said as a file cut short, not as zlib's "Need more input" (issue 22,
   * item 7). */
  g_assert_true (g_str_has_prefix (error->message, "cut.jsonl.gz: the file ends in the middle of its "
                                                   "compressed data: it was cut short."));
  g_assert_null (strstr (error->message, "Need more input"));

  /* Whole batches before the cut stay; the snapshot stays incomplete. */
  models = sql_int (f->store, "SELECT count(*) FROM models", NULL);
  g_assert_cmpint (models, >, 1);
  g_assert_cmpint (models, <, 15904);
  g_assert_cmpint ((models - 1) % (HUB_IMPORT_BATCH_SIZE / 2), ==, 0);
  g_assert_cmpint (sql_int (f->store, "SELECT complete FROM snapshots WHERE series = ?1", "import:cut.jsonl.gz"), ==, 0);
  g_assert_cmpuint (report->snapshots_written, ==, 0);
  g_assert_cmpint (sql_int (f->store, "SELECT downloads FROM models WHERE id = ?1", "bad/wrong-type"), ==, 999);
}

/* A plain JSONL file cut in the middle of a line: the lines before it are
 * imported and the last one is reported as where the file was cut, not as
 * a bad record (issue 22, item 7). */
static void
test_truncated_jsonl (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *text = dataset_text ("hub-models.jsonl.gz");
  g_autofree char *path = g_build_filename (f->dir, "cut.jsonl", NULL);
  g_autoptr(HubImportReport) report = hub_import_report_new ();
  g_autoptr(GError) error = NULL;
  const char *cut = strchr (text + strlen (text) / 2, '\n') + 40;
  guint complete_lines = 0;
  g_autofree char *expected = NULL;

  for (const char *p = text; p < cut; p++)
    complete_lines += *p == '\n';
  g_file_set_contents (path, text, cut - text, &error);
  g_assert_no_error (error);

  import_ok (f->store, path, report);
  g_assert_cmpuint (report->models_added, ==, complete_lines);
  g_assert_cmpuint (report->models_rejected, ==, 1);
  g_assert_cmpuint (report->rejections->len, ==, 1);
  expected = g_strdup_printf ("cut.jsonl:%u: the file ends in the middle of this line: it was cut short "
                              "(the lines before it were read)", complete_lines + 1);
  g_assert_cmpstr (g_ptr_array_index (report->rejections, 0), ==, expected);
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM models", NULL), ==, complete_lines);
}

/* Numbers too large for any field keep their value in the message: json-glib
 * alone wraps 99999999999999999999 to -1 (issue 22, item 11). */
static void
test_huge_numbers (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "huge.jsonl", NULL);
  g_autoptr(HubImportReport) report = hub_import_report_new ();
  g_autoptr(GError) error = NULL;
  const char *text =
    "{\"id\":\"huge/a\",\"downloads\":99999999999999999999,\"likes\":3}\n"
    "{\"id\":\"huge/b\",\"downloads\":5,\"likes\":-18446744073709551617}\n"
    "{\"id\":\"huge/c\",\"downloads\":9223372036854775807,\"likes\":9223372036854775808}\n"
    "{\"id\":\"huge/d\",\"downloads\":7,\"cardData\":{\"note\":\"99999999999999999999\"}}\n";

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  import_ok (f->store, path, report);
  g_assert_cmpuint (report->models_added, ==, 4);
  for (guint i = 0; i < report->warnings->len; i++)
    g_test_message ("%s", (const char *) g_ptr_array_index (report->warnings, i));
  g_assert_cmpuint (report->warnings->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (report->warnings, 0), ==,
                   "huge.jsonl:1: field 'downloads': value 1e+20 out of range 0..2^53");
  g_assert_cmpstr (g_ptr_array_index (report->warnings, 1), ==,
                   "huge.jsonl:2: field 'likes': value -1.84467e+19 out of range 0..2^53");
  g_assert_cmpstr (g_ptr_array_index (report->warnings, 2), ==,
                   "huge.jsonl:3: field 'downloads': value 9223372036854775807 out of range 0..2^53");
  g_assert_cmpstr (g_ptr_array_index (report->warnings, 3), ==,
                   "huge.jsonl:3: field 'likes': value 9.22337e+18 out of range 0..2^53");
  g_assert_cmpint (sql_int (f->store, "SELECT likes FROM models WHERE id = ?1", "huge/a"), ==, 3);
  g_assert_cmpint (sql_int (f->store, "SELECT downloads FROM models WHERE id = ?1", "huge/b"), ==, 5);
  g_assert_cmpint (sql_int (f->store, "SELECT downloads FROM models WHERE id = ?1", "huge/d"), ==, 7);
}

/* ---- interruptions ---- */

typedef struct {
  GCancellable *cancellable;
  const char   *table;
  int           op;
  guint         count;
  guint         after;
} CancelHook;

/* Cancels the import after @after rows of @table were written. */
static void
cancel_after_rows (void          *data,
                   int            op,
                   const char    *db_name,
                   const char    *table,
                   sqlite3_int64  rowid)
{
  CancelHook *hook = data;

  if (op == hook->op && strcmp (table, hook->table) == 0 && ++hook->count == hook->after)
    g_cancellable_cancel (hook->cancellable);
}

static void
test_cancel_jsonl (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *src = hub_test_dataset_path ("hub-models.jsonl.gz");
  g_autofree char *text = dataset_text ("hub-models.jsonl.gz");
  g_autofree char *changed_path = g_build_filename (f->dir, "changed.jsonl", NULL);
  g_autoptr(HubImportReport) first = hub_import_report_new ();
  g_autoptr(HubImportReport) report = hub_import_report_new ();
  g_autoptr(HubImportReport) resumed = hub_import_report_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) parts = NULL;
  g_autofree char *changed = NULL;
  CancelHook hook = { cancellable, "models", SQLITE_UPDATE, 0, 2500 };
  gint64 n_changed;

  import_ok (f->store, src, first);

  /* The same models under other author names (split and join: linear, where
   * g_string_replace() moves the tail at each of the 15,904 matches). */
  parts = g_strsplit (text, "\"author\":\"", -1);
  g_assert_cmpuint (g_strv_length (parts) - 1, ==, 15904);
  changed = g_strjoinv ("\"author\":\"changed-", parts);
  g_file_set_contents (changed_path, changed, -1, &error);
  g_assert_no_error (error);

  sqlite3_update_hook (hub_store_get_db (f->store), cancel_after_rows, &hook);
  g_assert_false (import_path (f->store, changed_path, report, cancellable, &error));
  sqlite3_update_hook (hub_store_get_db (f->store), NULL, NULL);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* Two whole batches of 1,000 entries (a model and its row each) were
   * committed; the third was rolled back; the rest is as it was. */
  n_changed = sql_int (f->store, "SELECT count(*) FROM models WHERE author LIKE 'changed-%'", NULL);
  g_assert_cmpint (n_changed, ==, 2 * HUB_IMPORT_BATCH_SIZE / 2);
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM models", NULL), ==, 15904);
  g_assert_cmpint (sql_int (f->store, "SELECT complete FROM snapshots WHERE series = ?1", "import:changed.jsonl"), ==, 0);
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM snapshot_rows r JOIN snapshots s ON s.id = r.snapshot_id WHERE s.series = ?1",
                           "import:changed.jsonl"), ==, n_changed);
  g_assert_cmpint (sql_int (f->store, "SELECT complete FROM snapshots WHERE series = ?1", "import:hub-models.jsonl.gz"), ==, 1);
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM snapshot_rows r JOIN snapshots s ON s.id = r.snapshot_id WHERE s.series = ?1",
                           "import:hub-models.jsonl.gz"), ==, 15904);

  /* Importing it again completes the same snapshot. */
  import_ok (f->store, changed_path, resumed);
  g_assert_cmpuint (resumed->snapshots_written, ==, 1);
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM snapshots WHERE series = ?1", "import:changed.jsonl"), ==, 1);
  g_assert_cmpint (sql_int (f->store, "SELECT complete FROM snapshots WHERE series = ?1", "import:changed.jsonl"), ==, 1);
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM models WHERE author LIKE 'changed-%'", NULL), ==, 15904);
}

/* ---- the embedded dataset ---- */

typedef struct {
  guint models;
  guint catalogue_models;   /* before the crawl, which adds its own */
  guint trending_snapshots;
  guint daily_snapshots;
  guint history_snapshots;
  guint history_rows;
  guint crawl_snapshots;
  guint crawl_rows;
  guint tasks;
  guint libraries;
  guint authors;
} Expected;

static void
add_ids_of_lines (GHashTable *ids,
                  const char *text,
                  GHashTable *times,
                  const char *time_key)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] == '{')
      {
        g_hash_table_add (ids, json_field (lines[i], "id"));
        if (times != NULL)
          g_hash_table_add (times, json_field (lines[i], time_key));
      }
}

static guint
count_occurrences (const char *text,
                   const char *needle)
{
  guint n = 0;

  for (const char *p = text; (p = strstr (p, needle)) != NULL; p++)
    n++;
  return n;
}

/* What the embedded import must produce, from the files' text. */
static void
compute_expected (Expected *e)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) times = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) history_times = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *daily_dir = hub_test_dataset_path ("top-models-daily");
  g_autofree char *models = dataset_text ("hub-models.jsonl.gz");
  g_autofree char *trending = dataset_text ("trending-captures.jsonl");
  g_autofree char *history = dataset_text ("hub-models-history.csv.gz");
  g_autofree char *pipelines = dataset_text ("taxonomy/pipelines.json");
  g_autofree char *libraries = dataset_text ("taxonomy/model_libraries.json");
  g_autofree char *authors = dataset_text ("authors.csv");
  g_autoptr(GDir) dir = g_dir_open (daily_dir, 0, NULL);
  g_auto(GStrv) history_lines = g_strsplit (history, "\n", -1);
  const char *name;

  memset (e, 0, sizeof *e);
  add_ids_of_lines (ids, models, NULL, NULL);
  add_ids_of_lines (ids, trending, times, "captured_utc");
  e->trending_snapshots = g_hash_table_size (times);

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *relative = g_build_filename ("top-models-daily", name, NULL);
      g_autofree char *daily = dataset_text (relative);
      g_auto(GStrv) lines = g_strsplit (daily, "\n", -1);

      e->daily_snapshots++;
      for (guint i = 0; lines[i] != NULL; i++)
        {
          const char *id = strstr (lines[i], "\"id\": \"");

          if (id != NULL)
            {
              id += strlen ("\"id\": \"");
              g_hash_table_add (ids, g_strndup (id, strchr (id, '"') - id));
            }
        }
    }
  e->catalogue_models = g_hash_table_size (ids);

  /* The OSIR-LMTS crawl: date,institution,hf_account,model,... (no quoted
   * fields); its models are hf_account/model. */
  {
    g_autofree char *crawl = dataset_text ("osir-lmts/models-monthly.csv.gz");
    g_auto(GStrv) lines = g_strsplit (crawl, "\n", -1);
    g_autoptr(GHashTable) dates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

    g_assert_true (g_str_has_prefix (lines[0], "date,institution,hf_account,model,"));
    for (guint i = 1; lines[i] != NULL; i++)
      {
        g_auto(GStrv) f = NULL;

        if (lines[i][0] == '\0')
          continue;
        f = g_strsplit (lines[i], ",", -1);
        g_assert_cmpuint (g_strv_length (f), ==, 7);
        g_hash_table_add (dates, g_strdup (f[0]));
        g_hash_table_add (ids, g_strconcat (f[2], "/", f[3], NULL));
        e->crawl_rows++;
      }
    e->crawl_snapshots = g_hash_table_size (dates);
  }
  e->models = g_hash_table_size (ids);

  for (guint i = 1; history_lines[i] != NULL; i++)
    if (history_lines[i][0] != '\0')
      {
        g_hash_table_add (history_times, g_strndup (history_lines[i], strchr (history_lines[i], ',') - history_lines[i]));
        e->history_rows++;
      }
  e->history_snapshots = g_hash_table_size (history_times);

  /* Each task has a "modality_label"; each library a "prettyLabel". */
  e->tasks = count_occurrences (pipelines, "\"modality_label\": ") - 0;
  e->libraries = count_occurrences (libraries, "\"prettyLabel\": ");
  e->authors = count_occurrences (authors, "\n") - 1;
}

static gint64
series_count (HubStore   *store,
              const char *series,
              gboolean    complete_only)
{
  return sql_int (store, complete_only
                  ? "SELECT count(*) FROM snapshots WHERE series = ?1 AND complete = 1"
                  : "SELECT count(*) FROM snapshots WHERE series = ?1", series);
}

static void
check_embedded (HubStore       *store,
                const Expected *e)
{
  g_assert_cmpint (sql_int (store, "SELECT count(*) FROM models", NULL), ==, e->models);
  g_assert_cmpint (series_count (store, "trending-top10", TRUE), ==, e->trending_snapshots);
  g_assert_cmpint (series_count (store, "daily-top300", TRUE), ==, e->daily_snapshots);
  g_assert_cmpint (series_count (store, "radar-export", TRUE), ==, e->history_snapshots);
  g_assert_cmpint (series_count (store, "osir-monthly", TRUE), ==, e->crawl_snapshots);
  g_assert_cmpint (sql_int (store, "SELECT count(*) FROM snapshots", NULL), ==,
                   e->trending_snapshots + e->daily_snapshots + e->history_snapshots + e->crawl_snapshots);
  g_assert_cmpint (sql_int (store, "SELECT count(*) FROM snapshot_rows r JOIN snapshots s ON s.id = r.snapshot_id WHERE s.series = 'osir-monthly'", NULL),
                   ==, e->crawl_rows);
  g_assert_cmpint (sql_int (store, "SELECT count(*) FROM snapshot_rows r JOIN snapshots s ON s.id = r.snapshot_id WHERE s.series = 'radar-export'", NULL),
                   ==, e->history_rows);
  g_assert_cmpint (sql_int (store, "SELECT count(*) FROM tasks", NULL), ==, e->tasks);
  /* The taxonomy's libraries and gguf, whose rule is server-side. */
  g_assert_cmpint (sql_int (store, "SELECT count(*) FROM libraries", NULL), ==, e->libraries + 1);
  g_assert_cmpint (sql_int (store, "SELECT count(*) FROM authors", NULL), ==, e->authors);
}

static void
test_embedded (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(HubImportReport) report = hub_import_report_new ();
  g_autoptr(HubImportReport) again = hub_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *modality = NULL;
  g_autofree char *rule = NULL;
  g_autofree char *diffusers_rule = NULL;
  g_autofree char *gguf_rule = NULL;
  Expected e;

  compute_expected (&e);
  g_assert_cmpuint (e.models, >, 15904);
  g_assert_cmpuint (e.history_snapshots, ==, 13);
  g_assert_cmpuint (e.daily_snapshots, ==, 16);
  g_assert_cmpuint (e.crawl_snapshots, ==, 11);
  g_assert_cmpuint (e.crawl_rows, ==, 66379);
  g_assert_cmpuint (e.tasks, ==, 57);
  g_assert_cmpuint (e.libraries, ==, 257);

  g_assert_true (hub_store_is_empty (f->store));
  g_assert_true (hub_import_ensure_populated (f->store, report, NULL, &error));
  g_assert_no_error (error);
  check_embedded (f->store, &e);
  g_assert_cmpuint (report->models_added, ==, e.models);
  g_assert_cmpuint (report->models_rejected, ==, 0);
  g_assert_cmpuint (report->rejections->len, ==, 0);

  /* The newest state wins: hub-models.jsonl is imported after the lists. */
  g_assert_cmpint (sql_int (f->store, "SELECT downloads FROM models WHERE id = ?1",
                           "0bserverx/Qwen3.8-27B-Heretic-Abliterated-Uncensored-GGUF"), ==, 505813);
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM tags WHERE model_id = ?1",
                           "0bserverx/Qwen3.8-27B-Heretic-Abliterated-Uncensored-GGUF"), ==, 16);
  modality = sql_text (f->store, "SELECT modality FROM tasks WHERE id = ?1", "text-generation");
  g_assert_cmpstr (modality, ==, "nlp");
  rule = sql_text (f->store, "SELECT count_rule FROM libraries WHERE id = ?1", "allennlp");
  g_assert_true (g_str_has_prefix (rule, "path in (config.json, config.yaml"));
  diffusers_rule = sql_text (f->store, "SELECT count_rule FROM libraries WHERE id = ?1", "diffusers");
  g_assert_nonnull (diffusers_rule);
  g_assert_nonnull (strstr (diffusers_rule, "model_index.json"));
  /* Not in the taxonomy, but the library of 255 embedded models. */
  gguf_rule = sql_text (f->store, "SELECT count_rule FROM libraries WHERE id = ?1", "gguf");
  g_assert_nonnull (strstr (gguf_rule, "*.gguf"));

  /* Populated: a second call does nothing. */
  g_assert_true (hub_import_ensure_populated (f->store, again, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (again->models_added + again->models_updated + again->snapshot_rows, ==, 0);
  check_embedded (f->store, &e);
}

static void
test_embedded_interrupted (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(HubImportReport) report = hub_import_report_new ();
  g_autoptr(HubImportReport) resumed = hub_import_report_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  Expected e;
  CancelHook hook;

  compute_expected (&e);

  /* Cancel when the third history snapshot is begun: the trending and daily
   * snapshots come first. */
  hook = (CancelHook) { cancellable, "snapshots", SQLITE_INSERT, 0,
                        e.trending_snapshots + e.daily_snapshots + 3 };
  sqlite3_update_hook (hub_store_get_db (f->store), cancel_after_rows, &hook);
  g_assert_false (hub_import_ensure_populated (f->store, report, cancellable, &error));
  sqlite3_update_hook (hub_store_get_db (f->store), NULL, NULL);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* What was imported before stays, complete; the history is incomplete
   * and the crawl (imported last) not begun. */
  g_assert_false (hub_store_is_empty (f->store));
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM models", NULL), ==, e.catalogue_models);
  g_assert_cmpint (series_count (f->store, "daily-top300", TRUE), ==, e.daily_snapshots);
  g_assert_cmpint (series_count (f->store, "radar-export", FALSE), ==, 3);
  g_assert_cmpint (series_count (f->store, "radar-export", TRUE), ==, 0);

  /* The next launch finishes the job, reusing the incomplete snapshots. */
  g_assert_true (hub_import_ensure_populated (f->store, resumed, NULL, &error));
  g_assert_no_error (error);
  check_embedded (f->store, &e);
  g_assert_cmpuint (resumed->snapshots_written, ==, e.history_snapshots + e.crawl_snapshots);
}

static void
test_detect (void)
{
  static const struct {
    const char      *name;
    const char      *head;
    HubImportFormat  format;
  } cases[] = {
    { "page.json", "[{\"id\":\"a/b\"}]", HUB_IMPORT_FORMAT_JSON_ARRAY },
    { "x.json", "  \n[\n", HUB_IMPORT_FORMAT_JSON_ARRAY },
    { "one.json", "{\n  \"id\": \"a/b\"\n}\n", HUB_IMPORT_FORMAT_JSON_ARRAY },
    { "dump.jsonl.gz", "{\"id\":\"a/b\"}", HUB_IMPORT_FORMAT_JSONL },
    { "dump.txt", "{\"id\":\"a/b\"}\n{\"id\":\"c/d\"}\n", HUB_IMPORT_FORMAT_JSONL },
    { "2026-08-22.json", "{\n  \"date\": \"2026-08-22\",\n  \"fetched_at\": \"x\",\n  \"models\": [", HUB_IMPORT_FORMAT_DAILY_TOP },
    { "t.jsonl", "{\"captured_utc\": \"2026-03-02T12:17:14Z\", \"rank\": 1}\n", HUB_IMPORT_FORMAT_TRENDING_CAPTURES },
    { "h.csv.gz", "captured_at,id,downloads,likes,trendingScore\n", HUB_IMPORT_FORMAT_HISTORY_CSV },
    { "a.csv", "\xef\xbb\xbf" "author,display_name,group\r\n", HUB_IMPORT_FORMAT_AUTHORS_CSV },
    { "n.txt", "hello, world\n", HUB_IMPORT_FORMAT_AUTO },
    { "e.json", "   ", HUB_IMPORT_FORMAT_AUTO },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (hub_import_detect_format (cases[i].name, (const guint8 *) cases[i].head,
                                               strlen (cases[i].head)), ==, cases[i].format);
}

/* authors.csv rows with a country or organization type outside the lists
 * are rejected with the reason; the others are stored (issue 22, item 9). */
static void
test_authors_validated (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "authors.csv", NULL);
  g_autoptr(HubImportReport) report = hub_import_report_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path,
                                      "author,display_name,group,country,org_type,confidence,evidence\n"
                                      "good-lab,Good Lab,Good Lab,FR,university,high,x\n"
                                      "online-crowd,Crowd,Crowd,ONLINE,community,high,x\n"
                                      "no-country,No Country,,,user,low,x\n"
                                      "made-up,Made Up,,XX,company,low,x\n"
                                      "lower-case,Lower,,fr,company,low,x\n"
                                      "odd-type,Odd,,US,startup,low,x\n", -1, NULL));
  g_assert_true (import_path (f->store, path, report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->authors_written, ==, 3);
  g_assert_cmpuint (report->rows_rejected, ==, 3);
  g_assert_cmpuint (report->rejections->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (report->rejections, 0), ==,
                   "authors.csv:5: field 'country': 'XX' is not an ISO 3166 country code (two capital letters, e.g. FR) or ONLINE");
  g_assert_nonnull (strstr (g_ptr_array_index (report->rejections, 1), "'fr' is not an ISO 3166 country code"));
  g_assert_cmpstr (g_ptr_array_index (report->rejections, 2), ==,
                   "authors.csv:7: field 'org_type': 'startup' is not one of company, university, nonprofit, community, government, user");
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM authors WHERE author = ?1", "made-up"), ==, 0);
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM authors WHERE author = ?1", "good-lab"), ==, 1);
}

/* A batch that fails to store is rolled back, and the summary counts only
 * what was committed (issue 22, item 6): a trigger fails the insert of the
 * 3,501st model, halfway through the fourth batch (a batch is 2,000 steps:
 * a model and its snapshot row each, so 1,000 models). */
static void
test_counts_after_rollback (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *path = hub_test_dataset_path ("hub-models.jsonl.gz");
  g_autoptr(HubImportReport) report = hub_import_report_new ();
  g_autoptr(GError) error = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_exec (hub_store_get_db (f->store),
                                 "CREATE TEMP TRIGGER fill AFTER INSERT ON main.models"
                                 " WHEN (SELECT count(*) FROM main.models) > 3500"
                                 " BEGIN SELECT RAISE (ABORT, 'no more room'); END;",
                                 NULL, NULL, &message), ==, SQLITE_OK);
  g_assert_false (import_path (f->store, path, report, NULL, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM models", NULL), ==, 3000);
  g_assert_cmpuint (report->models_added, ==, 3000);
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM snapshot_rows", NULL), ==, report->snapshot_rows);
  g_assert_cmpuint (report->snapshot_rows, ==, 3000);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/detect", test_detect);
  ADD ("/import/jsonl/real", test_jsonl_real);
  ADD ("/import/jsonl/bad-entries", test_bad_entries);
  ADD ("/import/jsonl/truncated-gz", test_truncated_gz);
  ADD ("/import/jsonl/cancel", test_cancel_jsonl);
  ADD ("/import/json/malformed-array", test_malformed_array);
  ADD ("/import/json/array-page", test_array_page);
  ADD ("/import/json/single-object", test_single_object);
  ADD ("/import/history/real", test_history_real);
  ADD ("/import/history/bad-rows", test_history_bad_rows);
  ADD ("/import/history/bad-header", test_csv_bad_header);
  ADD ("/import/daily-top", test_daily_top);
  ADD ("/import/trending", test_trending_captures);
  ADD ("/import/authors", test_authors);
  ADD ("/import/authors-quoting", test_authors_quoting);
  ADD ("/import/unreadable", test_unreadable);
  ADD ("/import/truncated-jsonl", test_truncated_jsonl);
  ADD ("/import/huge-numbers", test_huge_numbers);
  ADD ("/import/counts-after-rollback", test_counts_after_rollback);
  ADD ("/import/authors-validated", test_authors_validated);
  ADD ("/import/embedded/first-launch", test_embedded);
  ADD ("/import/embedded/interrupted", test_embedded_interrupted);

  return g_test_run ();
}
