/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Bounds on untrusted input, on small-scaled versions of the cases that
 * bench/resource-limits.sh runs at full size: JSON nested too deep, a JSON
 * document over its cap, a JSONL or CSV line over its cap, oversized strings
 * and lists in an entry, and millions of bad rows (messages capped, counts
 * complete). Every case gets a clear message and keeps what was stored. */
#include "config.h"

#include "hub-csv.h"
#include "hub-import.h"
#include "hub-input-limits.h"
#include "hub-model-entry.h"
#include "hub-test-util.h"

#include <sqlite3.h>
#include <string.h>

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
  hub_input_limits_set_for_testing (0, 0);
  g_clear_object (&f->store);
  g_free (f->dir);
}

static gint64
sql_int (HubStore   *store,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (hub_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
write_file (Fixture    *f,
            const char *name,
            GString    *text)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);
  return path;
}

static gboolean
import (Fixture          *f,
        const char       *path,
        HubImportReport  *report,
        GError          **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return hub_import_file (f->store, file, HUB_IMPORT_FORMAT_AUTO, report, NULL, error);
}

static gboolean
messages_contain (GPtrArray  *messages,
                  const char *words)
{
  for (guint i = 0; i < messages->len; i++)
    if (strstr (g_ptr_array_index (messages, i), words) != NULL)
      return TRUE;
  return FALSE;
}

static void
append_nested (GString *text,
               guint    depth)
{
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, ']');
}

/* ---- depth ---- */

static void
test_depth_scan (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  append_nested (deep, 600);
  g_assert_false (hub_json_check (deep->str, deep->len, 512, &error));
  g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "deeper than 512"));
  g_clear_error (&error);

  g_assert_true (hub_json_check (deep->str, deep->len, 600, &error));
  g_assert_no_error (error);

  /* Brackets inside strings (with escaped quotes) do not count. */
  {
    const char *text = "{\"a\": \"[[[[\\\"[[[[\", \"b\": [[1]]}";

    g_assert_true (hub_json_check (text, strlen (text), 3, &error));
    g_assert_false (hub_json_check (text, strlen (text), 2, &error));
    g_clear_error (&error);
  }

  /* Unbalanced closers do not make the depth negative. */
  g_assert_true (hub_json_check ("]]]]{[", 6, 2, NULL));

  /* A quote inside a comment does not hide the brackets after it: the
   * comment ends, as json-glib 1.6 reads it, at the first slash. */
  {
    g_autoptr(GString) hidden = g_string_new ("/* \" / ");

    append_nested (hidden, 600);
    g_assert_false (hub_json_check (hidden->str, hidden->len, 512, &error));
    g_clear_error (&error);
  }
}

/* 100,000 levels crash json-glib 1.6 (stack overflow); they are refused
 * before it sees them, in a JSONL line and in a JSON document. */
static void
test_depth_import (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(HubImportReport) report = hub_import_report_new ();
  g_autoptr(HubImportReport) doc_report = hub_import_report_new ();
  g_autoptr(GString) jsonl = g_string_new ("{\"id\": \"a/first\", \"downloads\": 1}\n");
  g_autoptr(GString) doc = g_string_new ("[{\"id\": \"a/x\", \"tags\": ");
  g_autoptr(GError) error = NULL;
  g_autofree char *jsonl_path = NULL;
  g_autofree char *doc_path = NULL;

  g_string_append (jsonl, "{\"id\": \"a/deep\", \"cardData\": ");
  append_nested (jsonl, 100000);
  g_string_append (jsonl, "}\n{\"id\": \"a/last\", \"downloads\": 2}\n");
  jsonl_path = write_file (f, "deep.jsonl", jsonl);
  g_assert_true (import (f, jsonl_path, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->models_added, ==, 2);
  g_assert_cmpuint (report->models_rejected, ==, 1);
  g_assert_true (messages_contain (report->rejections, "deep.jsonl:2: not valid JSON (arrays and objects nested deeper than 512 levels)"));

  append_nested (doc, 100000);
  g_string_append (doc, "}]");
  doc_path = write_file (f, "deep.json", doc);
  g_assert_false (import (f, doc_path, doc_report, &error));
  g_assert_error (error, HUB_INGEST_ERROR, HUB_INGEST_ERROR_MALFORMED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "nested deeper than 512 levels"));
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM models"), ==, 2);
}

/* Each of @texts is refused by hub_json_load_bounded() with a
 * JSON_PARSER_ERROR (of @code, unless -1) whose message holds @reason, and
 * leaves no root. */
static void
assert_refused (const char * const *texts,
                gsize               n,
                gint                code,
                const char         *reason)
{
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      g_autoptr(GError) error = NULL;

      g_assert_false (hub_json_load_bounded (parser, texts[i], strlen (texts[i]), &error));
      g_assert_nonnull (error);
      g_test_message ("%s: %s", texts[i], error->message);
      g_assert_true (error->domain == JSON_PARSER_ERROR);
      if (code >= 0)
        g_assert_error (error, JSON_PARSER_ERROR, code);
      g_assert_nonnull (strstr (error->message, reason));
      g_assert_null (json_parser_get_root (parser));
    }
}

/* Each of @texts loads, with a root. */
static void
assert_loaded (const char * const *texts,
               gsize               n)
{
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      g_autoptr(GError) error = NULL;

      g_assert_true (hub_json_load_bounded (parser, texts[i], strlen (texts[i]), &error));
      g_assert_no_error (error);
      g_assert_nonnull (json_parser_get_root (parser));
    }
}

/* json-glib 1.6 takes a value followed by an object or array as one document
 * (keeping one, leaking the other; found by fuzz-model-entry and fuzz-csv):
 * refused as invalid JSON. A byte order mark, comments and one value with
 * whitespace around it still load. */
static void
test_single_value (void)
{
  const char *refused[] = {
    "{\"id\": \"a/x\"}{\"id\": \"a/y\"}",
    "[1] [2]",
    "\"iag\"{\"ikd\":0}",
    "1{\"a\":1}",
    "true [1]",
    "\xef\xbb\xbf{} /* c */ {}",
    "/*/\"\"{\"id\": \"a/x\"}",
    "/*0-/3{\"id\": \"a/x\"}",
    "\"a\"/x/{\"b\":1}",
    "\"downloads\"/\"al/{\"id\":\"amBl/mB--vbi-s-\"}\n}",
  };
  const char *loaded[] = {
    "{\"a\": \"}{\", \"b\": [{}, []]}",
    " \n[1, {\"a\": \"x\\\"]{\"}]\n",
    "\xef\xbb\xbf{\"a\": 1}",
    "/* c */ {\"a\": 1}",
    "/*/ {\"a\": 1}",
    "/* x / {\"a\": 1}",
    "/x/ {\"a\": 1}",
    "{\"a\": /x/ 1}",
    "\"just a string\"",
  };

  assert_refused (refused, G_N_ELEMENTS (refused), JSON_PARSER_ERROR_PARSE, "more than one value at the top level");
  assert_loaded (loaded, G_N_ELEMENTS (loaded));
}

/* Unpaired UTF-16 surrogate escapes: json-glib 1.6 leaks a string on
 * "malformed surrogate pair" (found by fuzz-model-entry, seen with
 * valgrind); refused whatever follows. A proper pair, and a backslash
 * escape that only looks like one, still load. */
static void
test_surrogate_pairs (void)
{
  const char *refused[] = {
    "\n\n\"\\ud800\\ud800\"\n",
    "{\"id\": \"a/\\ud800\\u0041\"}",
    "[\"\\udc00\\ud800\"]",
    "[\"\\udc00\"]",
    "[\"\\ud800\"]",
    "[\"\\ud800x\"]",
    "[\"\\ud800\\n\"]",
  };
  const char *loaded[] = {
    "[\"\\ud83d\\ude00\"]",
    "[\"\\\\ud800\"]",
    "{\"id\": \"a/\\u00e9\\ud83d\\ude00x\"}",
  };

  assert_refused (refused, G_N_ELEMENTS (refused), -1, "surrogate");
  assert_loaded (loaded, G_N_ELEMENTS (loaded));
}

/* A single-quoted string: json-glib reads it as a string, the checks would
 * read the double quotes inside it as JSON, and json-glib leaked on the
 * first of these (found by fuzz-model-entry); refused. An apostrophe
 * inside a double-quoted string or a comment still loads. */
static void
test_single_quoted_string (void)
{
  const char *refused[] = {
    "{\"models\":['\":\"b\"}']}['\":\"b\"}']",
    "['x']",
    "{'id': \"a/x\"}",
  };
  const char *loaded[] = {
    "{\"id\": \"a/it's\"}",
    "/* it's */ [1]",
  };

  assert_refused (refused, G_N_ELEMENTS (refused), -1, "single-quoted string");
  assert_loaded (loaded, G_N_ELEMENTS (loaded));
}

/* A \u escape with fewer than four hex digits: json-glib reads past the
 * closing quote and leaked on the first of these (found by fuzz-model-entry);
 * refused. Escapes with four digits, escaped backslashes before a u, and
 * "\u" in a comment-free string of text still load. */
static void
test_short_unicode_escape (void)
{
  const char *refused[] = {
    "\"\\ud80\"\\ud80\"Q",
    "{\"id\": \"a/\\u12\"}",
    "[\"\\u\"]",
    "\"\\u00e",
  };
  const char *loaded[] = {
    "{\"id\": \"a/caf\\u00e9\"}",
    "[\"\\\\ud80\"]",
    "{\"note\": \"u12 \\\\u\"}",
  };

  assert_refused (refused, G_N_ELEMENTS (refused), -1, "escape without four hex digits");
  assert_loaded (loaded, G_N_ELEMENTS (loaded));
}

/* No value at all (a line holding only a byte order mark, spaces or a
 * comment): json-glib succeeds with no root, callers took it as a node
 * (found by fuzz-csv: a period-downloads JSONL line of just a BOM). */
static void
test_no_value (void)
{
  const char *empty[] = { "\xef\xbb\xbf", "  \n", "/* c */", "\xef\xbb\xbf /* c */ \n" };

  for (guint i = 0; i < G_N_ELEMENTS (empty); i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      g_autoptr(GError) error = NULL;

      g_assert_false (hub_json_load_bounded (parser, empty[i], strlen (empty[i]), &error));
      g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE);
      g_assert_nonnull (strstr (error->message, "no JSON value"));
    }
}

/* A period-downloads JSONL with a line of only a byte order mark: that
 * line is rejected with its number, the others imported. */
static void
test_no_value_import (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(HubImportReport) report = hub_import_report_new ();
  g_autoptr(GString) jsonl = g_string_new ("{\"model_id\": \"a/x\", \"date\": \"2026-01-05\", \"downloads\": 3}\n"
                                           "\xef\xbb\xbf\n"
                                           "{\"model_id\": \"a/y\", \"date\": \"2026-01-05\", \"downloads\": 4}\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_file (f, "period.jsonl", jsonl);

  g_assert_true (import (f, path, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->period_rows, ==, 2);
  g_assert_cmpuint (report->rows_rejected, ==, 1);
  g_assert_true (messages_contain (report->rejections, "period.jsonl:2: not valid JSON (no JSON value)"));
}

/* Two entries run together on one JSONL line: that line is rejected, the
 * others imported; a JSON document of two arrays imports nothing and keeps
 * what was stored. */
static void
test_single_value_import (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(HubImportReport) report = hub_import_report_new ();
  g_autoptr(HubImportReport) doc_report = hub_import_report_new ();
  g_autoptr(GString) jsonl = g_string_new ("{\"id\": \"a/first\", \"downloads\": 1}\n"
                                           "{\"id\": \"a/x\"}{\"id\": \"a/y\"}\n"
                                           "{\"id\": \"a/last\", \"downloads\": 2}\n");
  g_autoptr(GString) doc = g_string_new ("[{\"id\": \"b/x\"}]\n[{\"id\": \"b/y\"}]\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *jsonl_path = write_file (f, "joined.jsonl", jsonl);
  g_autofree char *doc_path = write_file (f, "two.json", doc);

  g_assert_true (import (f, jsonl_path, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->models_added, ==, 2);
  g_assert_cmpuint (report->models_rejected, ==, 1);
  g_assert_true (messages_contain (report->rejections,
                                   "joined.jsonl:2: not valid JSON (more than one value at the top level)"));

  g_assert_false (import (f, doc_path, doc_report, &error));
  g_assert_error (error, HUB_INGEST_ERROR, HUB_INGEST_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "more than one value at the top level"));
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM models"), ==, 2);
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM models WHERE id LIKE 'b/%'"), ==, 0);
}

/* ---- sizes ---- */

/* A JSON document is read whole: above its cap (1 MB here, 128 MB by
 * default) it is refused before parsing, and nothing is stored. */
static void
test_document_cap (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(HubImportReport) report = hub_import_report_new ();
  g_autoptr(GString) doc = g_string_new ("[");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  for (guint i = 0; doc->len < 2 * 1024 * 1024; i++)
    g_string_append_printf (doc, "%s{\"id\": \"big/m%u\", \"downloads\": %u}", i > 0 ? "," : "", i, i);
  g_string_append_c (doc, ']');
  path = write_file (f, "page.json", doc);

  hub_input_limits_set_for_testing (1024 * 1024, 0);
  g_assert_false (import (f, path, report, &error));
  g_assert_error (error, HUB_INGEST_ERROR, HUB_INGEST_ERROR_UNSUPPORTED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "larger than 1 MB"));
  g_assert_nonnull (strstr (error->message, "convert it to JSONL"));
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM models"), ==, 0);

  /* Under the default cap the same file is imported. */
  hub_input_limits_set_for_testing (0, 0);
  g_clear_error (&error);
  g_assert_true (import (f, path, report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM models"), >, 20000);
}

/* One JSONL line over its cap (a 2 MB string field here; 64 MB by default)
 * is rejected without holding it whole; the lines around it are stored. */
static void
test_jsonl_line_cap (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(HubImportReport) report = hub_import_report_new ();
  g_autoptr(GString) text = g_string_new ("{\"id\": \"a/before\"}\n{\"id\": \"a/huge\", \"pipeline_tag\": \"");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  for (guint i = 0; i < 2 * 1024 * 1024; i++)
    g_string_append_c (text, 'x');
  g_string_append (text, "\"}\r\n{\"id\": \"a/after\"}\n");
  path = write_file (f, "huge.jsonl", text);

  hub_input_limits_set_for_testing (0, 1024 * 1024);
  g_assert_true (import (f, path, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->models_added, ==, 2);
  g_assert_cmpuint (report->models_rejected, ==, 1);
  g_assert_true (messages_contain (report->rejections, "huge.jsonl:2: line longer than 1 MB, skipped"));
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM models WHERE id IN ('a/before', 'a/after')"), ==, 2);
}

/* Under the line cap, a string field over 64 KB is dropped from the entry
 * with a warning; the entry is stored. */
static void
test_entry_caps (void)
{
  g_autoptr(GString) text = g_string_new ("{\"id\": \"a/b\", \"pipeline_tag\": \"");
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(HubModelEntry) entry = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 100 * 1024; i++)
    g_string_append_c (text, 'x');
  g_string_append (text, "\", \"tags\": [\"ok\", \"");
  for (guint i = 0; i < 100 * 1024; i++)
    g_string_append_c (text, 'y');
  g_string_append (text, "\"");
  for (guint i = 0; i < 12000; i++)
    g_string_append_printf (text, ", \"t%u\"", i);
  for (guint i = 0; i < 1500; i++)
    g_string_append_printf (text, ", \"base_model:p/m%u\"", i);
  g_string_append (text, "]}");

  g_assert_true (json_parser_load_from_data (parser, text->str, text->len, &error));
  entry = hub_model_entry_from_json (json_parser_get_root (parser), warnings, &error);
  g_assert_no_error (error);
  g_assert_nonnull (entry);
  g_assert_null (entry->pipeline_tag);
  g_assert_true (messages_contain (warnings, "field 'pipeline_tag': longer than 65536 bytes, dropped"));
  g_assert_true (messages_contain (warnings, "field 'tags[1]': longer than 65536 bytes, dropped"));
  g_assert_true (messages_contain (warnings, "more than 10000 tags, the rest dropped"));
  g_assert_cmpuint (entry->tags->len, ==, 10000);
  g_assert_cmpstr (g_ptr_array_index (entry->tags, 0), ==, "ok");

  /* Parents from tags: the cap holds whatever the source. */
  g_ptr_array_set_size (entry->tags, 0);
  g_array_set_size (entry->parents, 0);
  for (guint i = 0; i < 1500; i++)
    g_ptr_array_add (entry->tags, g_strdup_printf ("base_model:p/m%u", i));
  hub_model_entry_parents_from_tags (entry, warnings);
  g_assert_cmpuint (entry->parents->len, ==, 1000);
  g_assert_true (messages_contain (warnings, "more than 1000 parents, dropped"));
}

/* A CSV line over a record's 1 MB is rejected, the rows around it read. */
static void
test_csv_line_cap (void)
{
  g_autoptr(GString) text = g_string_new ("a,b\n1,2\n");
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(HubCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) first = NULL;
  g_auto(GStrv) second = NULL;
  g_auto(GStrv) last = NULL;
  g_auto(GStrv) huge = NULL;
  guint line = 0;

  for (guint i = 0; i < 3 * 1024 * 1024; i++)
    g_string_append_c (text, 'z');
  g_string_append (text, ",9\n3,4\n");
  stream = g_memory_input_stream_new_from_data (g_string_free (g_steal_pointer (&text), FALSE), -1, g_free);
  reader = hub_csv_reader_new (stream);

  first = hub_csv_reader_next (reader, &line, NULL, &error);
  second = hub_csv_reader_next (reader, &line, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (second[1], ==, "2");
  huge = hub_csv_reader_next (reader, &line, NULL, &error);
  g_assert_null (huge);
  g_assert_error (error, HUB_INGEST_ERROR, HUB_INGEST_ERROR_MALFORMED);
  g_assert_cmpstr (error->message, ==, "line 3 is longer than 1 MB");
  g_clear_error (&error);
  last = hub_csv_reader_next (reader, &line, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (line, ==, 4);
  g_assert_cmpstr (last[0], ==, "3");
  g_assert_null (hub_csv_reader_next (reader, &line, NULL, &error));
  g_assert_no_error (error);
}

/* 30,000 bad rows: every one counted, 10,000 messages kept, then a note. */
static void
test_report_messages_capped (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(HubImportReport) report = hub_import_report_new ();
  g_autoptr(GString) text = g_string_new ("captured_at,id,downloads,likes,trendingScore\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  for (guint i = 0; i < 30000; i++)
    g_string_append_printf (text, "not-a-date,a/m%u,1,1,1\n", i);
  g_string_append (text, "2026-08-19T07:36:31Z,a/good,5,1,1\n");
  path = write_file (f, "bad-rows.csv", text);

  g_assert_true (import (f, path, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->rows_rejected, ==, 30000);
  g_assert_cmpuint (report->rejections->len, ==, 10001);
  g_assert_nonnull (strstr (g_ptr_array_index (report->rejections, 10000), "only the first 10000 messages"));
  g_assert_cmpuint (report->snapshot_rows, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/input-limits/depth-scan", test_depth_scan);
  g_test_add_func ("/input-limits/single-value", test_single_value);
  g_test_add_func ("/input-limits/no-value", test_no_value);
  g_test_add_func ("/input-limits/short-unicode-escape", test_short_unicode_escape);
  g_test_add_func ("/input-limits/single-quoted-string", test_single_quoted_string);
  g_test_add_func ("/input-limits/surrogate-pairs", test_surrogate_pairs);
  g_test_add_func ("/input-limits/entry-caps", test_entry_caps);
  g_test_add_func ("/input-limits/csv-line-cap", test_csv_line_cap);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/input-limits/depth-import", test_depth_import);
  ADD ("/input-limits/single-value-import", test_single_value_import);
  ADD ("/input-limits/no-value-import", test_no_value_import);
  ADD ("/input-limits/document-cap", test_document_cap);
  ADD ("/input-limits/jsonl-line-cap", test_jsonl_line_cap);
  ADD ("/input-limits/report-messages", test_report_messages_capped);
#undef ADD

  return g_test_run ();
}
