/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hub-import.h"
#include "hub-store.h"
#include "hub-test-util.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/resource.h>
#include <signal.h>

/* Two databases: one built by the first command from the embedded dataset
 * (the first-launch path, and the import test), and one holding only
 * hub-models.jsonl.gz, imported through the store API, that the list tests
 * compare with the JSONL read independently. (The embedded build also holds
 * the daily top-300 lists, which add models the JSONL does not have.) */
static char *embedded_db;
static char *jsonl_db;

/* The independent answer: text-generation models of the JSONL by 30-day
 * downloads, highest first, ties by id. */
typedef struct {
  char   *id;
  char   *author;
  gint64  downloads;
  gint64  likes;
} RefRow;

static void
ref_row_free (gpointer data)
{
  RefRow *row = data;

  g_free (row->id);
  g_free (row->author);
  g_free (row);
}

static int
compare_ref_rows (gconstpointer a,
                  gconstpointer b)
{
  const RefRow *ra = *(RefRow * const *) a, *rb = *(RefRow * const *) b;

  if (ra->downloads != rb->downloads)
    return ra->downloads > rb->downloads ? -1 : 1;
  return strcmp (ra->id, rb->id);
}

static GPtrArray *
reference_top (const char *task)
{
  g_autofree char *path = hub_test_dataset_path ("hub-models.jsonl.gz");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) raw = G_INPUT_STREAM (g_file_read (file, NULL, &error));
  g_autoptr(GConverter) gunzip = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP));
  g_autoptr(GInputStream) plain = g_converter_input_stream_new (raw, gunzip);
  g_autoptr(GDataInputStream) lines = g_data_input_stream_new (plain);
  g_autoptr(JsonParser) parser = json_parser_new ();
  GPtrArray *rows = g_ptr_array_new_with_free_func (ref_row_free);
  char *line;

  g_assert_no_error (error);
  while ((line = g_data_input_stream_read_line (lines, NULL, NULL, &error)) != NULL)
    {
      JsonObject *o;

      g_assert_true (json_parser_load_from_data (parser, line, -1, NULL));
      g_free (line);
      o = json_node_get_object (json_parser_get_root (parser));
      if (g_strcmp0 (json_object_get_string_member_with_default (o, "pipeline_tag", NULL), task) == 0 &&
          json_object_has_member (o, "downloads"))
        {
          RefRow *row = g_new0 (RefRow, 1);

          row->id = g_strdup (json_object_get_string_member (o, "id"));
          row->author = g_strdup (json_object_get_string_member (o, "author"));
          row->downloads = json_object_get_int_member (o, "downloads");
          row->likes = json_object_get_int_member_with_default (o, "likes", -1);
          g_ptr_array_add (rows, row);
        }
    }
  g_assert_no_error (error);
  g_ptr_array_sort (rows, compare_ref_rows);
  return rows;
}

static const char * const csv_header[] = {
  "id", "author", "pipeline_tag", "library_name", "downloads", "downloads_all_time",
  "likes", "trending_score", "parameters", "created_at", "country", "org_type", "relation", NULL
};

static void
test_list_csv_matches_reference (void)
{
  HubTestRun result = { 0 };
  g_autoptr(GPtrArray) expected = reference_top ("text-generation");
  g_auto(GStrv) lines = NULL;

  hub_test_run_hubeco (&result, jsonl_db, "list", "--sort", "downloads", "--task", "text-generation",
              "--limit", "10", "--format", "csv", NULL);
  g_assert_cmpint (result.status, ==, 0);

  lines = g_strsplit (result.out, "\n", -1);
  /* Header, 10 rows, and the empty string after the last newline. */
  g_assert_cmpuint (g_strv_length (lines), ==, 12);
  g_assert_cmpstr (lines[11], ==, "");
  {
    g_autofree char *header = g_strjoinv (",", (char **) csv_header);
    g_assert_cmpstr (lines[0], ==, header);
  }

  for (guint i = 0; i < 10; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i + 1], ",", -1);
      RefRow *want = g_ptr_array_index (expected, i);
      g_autofree char *downloads = g_strdup_printf ("%" G_GINT64_FORMAT, want->downloads);

      /* Ids, authors and tasks hold no comma, so a plain split works. */
      g_assert_cmpuint (g_strv_length (fields), ==, g_strv_length ((char **) csv_header));
      g_assert_cmpstr (fields[0], ==, want->id);
      g_assert_cmpstr (fields[1], ==, want->author);
      g_assert_cmpstr (fields[2], ==, "text-generation");
      g_assert_cmpstr (fields[4], ==, downloads);
      /* created_at is ISO 8601 UTC. */
      g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$", fields[9], 0, 0));
    }
  hub_test_run_clear (&result);
}

/* Column @field of each CSV data line of @out (no quoted commas in the
 * columns read here). */
static GPtrArray *
csv_column (const char *out,
            guint       field)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], ",", -1);

      g_assert_cmpuint (g_strv_length (fields), >, field);
      g_ptr_array_add (values, g_strdup (fields[field]));
    }
  return values;
}

/* Every order the window's columns offer is a `--sort` (issue 19: parameters
 * was refused), in the window's first direction (numbers largest first, text
 * A to Z), which --reverse turns round. */
static void
test_list_sort_like_window (void)
{
  HubTestRun result = { 0 };
  g_autoptr(GPtrArray) params = NULL;
  g_autoptr(GPtrArray) authors = NULL;
  g_autoptr(GPtrArray) reversed = NULL;

  hub_test_run_hubeco (&result, jsonl_db, "list", "--sort", "parameters", "--limit", "20", "--format", "csv", NULL);
  g_assert_cmpint (result.status, ==, 0);
  params = csv_column (result.out, 8);
  hub_test_run_clear (&result);
  g_assert_cmpuint (params->len, ==, 20);
  for (guint i = 1; i < params->len; i++)
    g_assert_cmpint (g_ascii_strtoll (params->pdata[i - 1], NULL, 10), >=, g_ascii_strtoll (params->pdata[i], NULL, 10));
  g_assert_cmpint (g_ascii_strtoll (params->pdata[0], NULL, 10), >, 1000000000);

  hub_test_run_hubeco (&result, jsonl_db, "list", "--sort", "author", "--limit", "20", "--format", "csv", NULL);
  g_assert_cmpint (result.status, ==, 0);
  authors = csv_column (result.out, 1);
  hub_test_run_clear (&result);
  g_assert_cmpuint (authors->len, ==, 20);
  for (guint i = 1; i < authors->len; i++)
    g_assert_cmpint (g_ascii_strcasecmp (authors->pdata[i - 1], authors->pdata[i]), <=, 0);

  hub_test_run_hubeco (&result, jsonl_db, "list", "--sort", "parameters", "--reverse", "--limit", "20",
                       "--format", "csv", NULL);
  g_assert_cmpint (result.status, ==, 0);
  reversed = csv_column (result.out, 8);
  hub_test_run_clear (&result);
  g_assert_cmpuint (reversed->len, ==, 20);
  for (guint i = 1; i < reversed->len; i++)
    g_assert_cmpint (g_ascii_strtoll (reversed->pdata[i - 1], NULL, 10), <=, g_ascii_strtoll (reversed->pdata[i], NULL, 10));
  g_assert_cmpstr (reversed->pdata[0], !=, params->pdata[0]);
}

/* `list --created-from/--created-to` (issue 19: the list had no creation
 * range; the query options do): every row created in [from, to), and a
 * bad date is a usage error that names the option. */
static void
test_list_created_range (void)
{
  HubTestRun result = { 0 };
  g_autoptr(GPtrArray) created = NULL;
  gint64 from = hub_time_parse_iso8601 ("2025-06-01"), to = hub_time_parse_iso8601 ("2025-07-01");

  hub_test_run_hubeco (&result, jsonl_db, "list", "--created-from", "2025-06-01", "--created-to", "2025-07-01",
                       "--format", "csv", NULL);
  g_assert_cmpint (result.status, ==, 0);
  created = csv_column (result.out, 9);
  hub_test_run_clear (&result);
  g_assert_cmpuint (created->len, >, 0);
  for (guint i = 0; i < created->len; i++)
    {
      gint64 t = hub_time_parse_iso8601 (created->pdata[i]);

      g_assert_cmpint (t, >=, from);
      g_assert_cmpint (t, <, to);
    }

  hub_test_run_hubeco (&result, jsonl_db, "list", "--created-to", "June", NULL);
  g_assert_cmpint (result.status, ==, 2);
  g_assert_nonnull (strstr (result.err, "--created-to"));
  hub_test_run_clear (&result);
}

/* `list --query` and `sizes --query` take the text form Share keeps (issue
 * 15, one query type): its filters give the same rows as the options, an
 * option given on its own wins, keys a list does not use are named, and
 * a bad text is a usage error. */
static void
test_list_sizes_query (void)
{
  HubTestRun by_options = { 0 }, by_query = { 0 }, mixed = { 0 }, result = { 0 };

  hub_test_run_hubeco (&by_options, jsonl_db, "list", "--task", "text-generation", "--relation", "finetune",
                       "--format", "csv", NULL);
  hub_test_run_hubeco (&by_query, jsonl_db, "list", "--query", "by=country;task=text-generation;relation=finetune",
                       "--format", "csv", NULL);
  g_assert_cmpint (by_options.status, ==, 0);
  g_assert_cmpint (by_query.status, ==, 0);
  g_assert_cmpstr (by_query.out, ==, by_options.out);
  g_assert_nonnull (strstr (by_query.err, "only the query’s model filters apply"));
  g_assert_null (strstr (by_options.err, "only the query’s model filters apply"));
  g_assert_cmpuint (strlen (by_options.out), >, 100);

  /* --task wins over task= in the text. */
  hub_test_run_hubeco (&mixed, jsonl_db, "list", "--query", "task=fill-mask;relation=finetune",
                       "--task", "text-generation", "--format", "csv", NULL);
  g_assert_cmpint (mixed.status, ==, 0);
  g_assert_cmpstr (mixed.out, ==, by_options.out);
  hub_test_run_clear (&mixed);
  hub_test_run_clear (&by_options);
  hub_test_run_clear (&by_query);

  hub_test_run_hubeco (&by_options, jsonl_db, "sizes", "--relation", "base", "--format", "csv", NULL);
  hub_test_run_hubeco (&by_query, jsonl_db, "sizes", "--query", "relation=base", "--format", "csv", NULL);
  g_assert_cmpint (by_query.status, ==, 0);
  g_assert_cmpstr (by_query.out, ==, by_options.out);
  hub_test_run_clear (&by_options);
  hub_test_run_clear (&by_query);

  hub_test_run_hubeco (&result, jsonl_db, "list", "--query", "colour=blue", NULL);
  g_assert_cmpint (result.status, ==, 2);
  g_assert_nonnull (strstr (result.err, "--query"));
  hub_test_run_clear (&result);
}

/* share, concentration and leaderboard say on stderr which series answered
 * (issue 19), and keep stdout for the rows. */
static void
test_share_names_series (void)
{
  const char *commands[] = { "share", "concentration", "leaderboard" };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      HubTestRun result = { 0 };

      hub_test_run_hubeco (&result, embedded_db, commands[i], "--format", "csv", NULL);
      g_assert_cmpint (result.status, ==, 0);
      if (!g_regex_match_simple ("^Series osir-monthly: 11 snapshots, \\d{4}-\\d\\d-\\d\\d to \\d{4}-\\d\\d-\\d\\d\n$",
                                 result.err, 0, 0))
        g_error ("hubeco %s said on stderr: %s", commands[i], result.err);
      g_assert_false (g_str_has_prefix (result.out, "Series"));
      hub_test_run_clear (&result);
    }
}

/* Downloads between snapshots on a series without all-time totals is
 * refused with the reason, not charted as zeros (issue 19: "HHI 0.000 over
 * 0 participants"). */
static void
test_interval_without_totals (void)
{
  HubTestRun result = { 0 };

  hub_test_run_hubeco (&result, embedded_db, "concentration", "--measure", "interval", "--format", "csv", NULL);
  g_assert_cmpint (result.status, ==, 2);
  g_assert_cmpstr (result.out, ==, "");
  g_assert_nonnull (strstr (result.err, "Series “osir-monthly” records no all-time download totals"));
  g_assert_nonnull (strstr (result.err, "30-day downloads"));
  hub_test_run_clear (&result);
}

/* `hubeco --db X COMMAND ...` is `hubeco COMMAND ... --db X`, in both
 * spellings; a leading --db with no command after it is not a command. */
static void
test_leading_db (void)
{
  g_autofree char *db_equals = g_strconcat ("--db=", jsonl_db, NULL);
  HubTestRun usual = { 0 }, leading = { 0 }, equals = { 0 }, unknown = { 0 };

  hub_test_run_hubeco (&usual, jsonl_db, "list", "--limit", "5", "--format", "csv", NULL);
  hub_test_run_hubeco (&leading, NULL, "--db", jsonl_db, "list", "--limit", "5", "--format", "csv", NULL);
  hub_test_run_hubeco (&equals, NULL, db_equals, "list", "--limit", "5", "--format", "csv", NULL);
  g_assert_cmpint (usual.status, ==, 0);
  g_assert_cmpint (leading.status, ==, 0);
  g_assert_cmpint (equals.status, ==, 0);
  g_assert_cmpuint (strlen (usual.out), >, 0);
  g_assert_cmpstr (leading.out, ==, usual.out);
  g_assert_cmpstr (equals.out, ==, usual.out);

  hub_test_run_hubeco (&unknown, NULL, "--db", jsonl_db, "bogus", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "Unknown command “bogus”"));

  hub_test_run_clear (&usual);
  hub_test_run_clear (&leading);
  hub_test_run_clear (&equals);
  hub_test_run_clear (&unknown);
}

static void
test_list_json (void)
{
  HubTestRun result = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) expected = reference_top ("text-generation");
  JsonArray *array;

  hub_test_run_hubeco (&result, jsonl_db, "list", "--sort", "downloads", "--task", "text-generation",
              "--limit", "25", "--format", "json", NULL);
  g_assert_cmpint (result.status, ==, 0);
  json_parser_load_from_data (parser, result.out, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 25);

  for (guint i = 0; i < 25; i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      RefRow *want = g_ptr_array_index (expected, i);

      for (guint c = 0; csv_header[c] != NULL; c++)
        g_assert_true (json_object_has_member (o, csv_header[c]));
      g_assert_cmpstr (json_object_get_string_member (o, "id"), ==, want->id);
      /* Machine values: integers, not formatted text. */
      g_assert_cmpint (json_node_get_value_type (json_object_get_member (o, "downloads")), ==, G_TYPE_INT64);
      g_assert_cmpint (json_object_get_int_member (o, "downloads"), ==, want->downloads);
      g_assert_cmpint (json_object_get_int_member (o, "likes"), ==, want->likes);
      g_assert_true (g_str_has_suffix (json_object_get_string_member (o, "created_at"), "Z"));
      /* The JSONL has no all-time downloads: null, not 0 or -1. */
      g_assert_true (json_object_get_null_member (o, "downloads_all_time"));
    }
  hub_test_run_clear (&result);
}

static void
test_list_json_empty (void)
{
  HubTestRun result = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  /* A filter nothing matches still prints valid JSON. */
  hub_test_run_hubeco (&result, jsonl_db, "list", "--search", "no-model-is-called-this", "--format", "json", NULL);
  g_assert_cmpint (result.status, ==, 0);
  json_parser_load_from_data (parser, result.out, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (json_parser_get_root (parser))), ==, 0);
  hub_test_run_clear (&result);
}

static void
test_list_table (void)
{
  HubTestRun result = { 0 };
  g_autoptr(GPtrArray) expected = reference_top ("text-generation");
  g_auto(GStrv) lines = NULL;
  RefRow *top = g_ptr_array_index (expected, 0);

  hub_test_run_hubeco (&result, jsonl_db, "list", "--sort", "downloads", "--task", "text-generation", "--limit", "5", NULL);
  g_assert_cmpint (result.status, ==, 0);
  lines = g_strsplit (result.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 7);
  g_assert_true (g_str_has_prefix (lines[0], "Model"));
  g_assert_nonnull (strstr (lines[0], "Downloads"));
  g_assert_true (g_str_has_prefix (lines[1], top->id));
  /* Human units in the table: parameters like "7.6B", dates without time. */
  g_assert_true (g_regex_match_simple ("\\d(\\.\\d)?[KMBT] ", result.out, 0, 0));
  g_assert_true (g_regex_match_simple ("\\d{4}-\\d\\d-\\d\\d", lines[1], 0, 0));
  hub_test_run_clear (&result);
}

static void
test_list_filters (void)
{
  HubTestRun all = { 0 }, sized = { 0 }, base = { 0 }, country = { 0 };
  g_auto(GStrv) all_lines = NULL;
  g_auto(GStrv) sized_lines = NULL;
  g_auto(GStrv) base_lines = NULL;
  g_auto(GStrv) country_lines = NULL;

  hub_test_run_hubeco (&all, jsonl_db, "list", "--format", "csv", NULL);
  g_assert_cmpint (all.status, ==, 0);
  all_lines = g_strsplit (all.out, "\n", -1);
  /* Every model of the embedded snapshot. */
  g_assert_cmpuint (g_strv_length (all_lines), ==, 15904 + 2);

  hub_test_run_hubeco (&sized, jsonl_db, "list", "--min-params", "1B", "--max-params", "10b", "--format", "csv", NULL);
  g_assert_cmpint (sized.status, ==, 0);
  sized_lines = g_strsplit (sized.out, "\n", -1);
  for (guint i = 1; sized_lines[i] != NULL && sized_lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) fields = g_strsplit (sized_lines[i], ",", -1);
      gint64 params = g_ascii_strtoll (fields[8], NULL, 10);

      g_assert_cmpstr (fields[8], !=, "");
      g_assert_cmpint (params, >=, 1000000000);
      g_assert_cmpint (params, <=, 10000000000);
    }
  g_assert_cmpuint (g_strv_length (sized_lines), >, 100);

  hub_test_run_hubeco (&base, jsonl_db, "list", "--relation", "base", "--format", "csv", NULL);
  g_assert_cmpint (base.status, ==, 0);
  base_lines = g_strsplit (base.out, "\n", -1);
  for (guint i = 1; base_lines[i] != NULL && base_lines[i][0] != '\0'; i++)
    g_assert_true (g_str_has_suffix (base_lines[i], ",base"));

  /* Country codes are matched in any case. */
  hub_test_run_hubeco (&country, jsonl_db, "list", "--country", "cn", "--org-type", "company", "--format", "csv", NULL);
  g_assert_cmpint (country.status, ==, 0);
  country_lines = g_strsplit (country.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (country_lines), >, 3);
  for (guint i = 1; country_lines[i] != NULL && country_lines[i][0] != '\0'; i++)
    g_assert_nonnull (strstr (country_lines[i], ",CN,company,"));

  hub_test_run_clear (&all);
  hub_test_run_clear (&sized);
  hub_test_run_clear (&base);
  hub_test_run_clear (&country);
}

/* The first command on a missing database builds it from the embedded
 * dataset, says so on stderr, and keeps stdout for the rows. */
static void
test_first_run (void)
{
  HubTestRun result = { 0 };

  g_assert_false (g_file_test (embedded_db, G_FILE_TEST_EXISTS));
  hub_test_run_hubeco (&result, embedded_db, "list", "--limit", "1", "--format", "csv", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.err, "embedded dataset"));
  g_assert_true (g_str_has_prefix (result.out, "id,author,"));
  g_assert_true (g_file_test (embedded_db, G_FILE_TEST_EXISTS));
  hub_test_run_clear (&result);

  /* The second run finds it built. */
  hub_test_run_hubeco (&result, embedded_db, "list", "--limit", "1", "--format", "csv", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.err, ==, "");
  hub_test_run_clear (&result);
}

static void
test_usage_errors (void)
{
  struct {
    const char *args[4];
    const char *message_part;
  } cases[] = {
    { { "list", "--colour", "red", NULL }, "--colour" },
    { { "list", "--task", "text-generatoin", NULL }, "text-generation" },
    { { "list", "--sort", "popularity", NULL },
      "trending, downloads, downloads-all-time, likes, created, id, author, task, library, recent-ratio, parameters, country" },
    { { "list", "--format", "xml", NULL }, "table, csv, json" },
    { { "list", "--relation", "child", NULL }, "base, finetune, adapter, quantized, merge" },
    { { "list", "--min-params", "lots", NULL }, "7B" },
    { { "list", "--limit", "-3", NULL }, "--limit" },
    { { "list", "--country", "Atlantis", NULL }, "US" },
    { { "list", "--library", "nope", NULL }, "transformers" },
    { { "list", "stray", NULL }, "stray" },
    /* hubeco families checks its filters as list does. */
    { { "families", "--task", "nonsense", NULL }, "text-generation" },
    { { "families", "--library", "nope", NULL }, "transformers" },
    { { "families", "--country", "Atlantis", NULL }, "US" },
    { { "frobnicate", NULL }, "list, import" },
    { { "import", NULL }, "FILE" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      HubTestRun result = { 0 };

      hub_test_run_hubeco (&result, jsonl_db, cases[i].args[0], cases[i].args[1], cases[i].args[2], cases[i].args[3], NULL);
      g_assert_cmpint (result.status, ==, 2);
      g_assert_cmpstr (result.out, ==, "");
      g_assert_nonnull (strstr (result.err, cases[i].message_part));
      g_assert_true (g_str_has_prefix (result.err, "hubeco"));
      hub_test_run_clear (&result);
    }
}

static void
test_help (void)
{
  HubTestRun result = { 0 };

  hub_test_run_hubeco (&result, jsonl_db, "--help", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "list"));
  g_assert_nonnull (strstr (result.out, "import"));
  /* The exit codes are documented where a user looks (issue 22). */
  g_assert_nonnull (strstr (result.out, "Exit status: 0 done, 1 the work failed"));
  hub_test_run_clear (&result);
}

static guint
count_models (const char *db)
{
  HubTestRun all = { 0 };
  g_auto(GStrv) lines = NULL;
  guint n;

  hub_test_run_hubeco (&all, db, "list", "--format", "csv", NULL);
  g_assert_cmpint (all.status, ==, 0);
  lines = g_strsplit (all.out, "\n", -1);
  n = g_strv_length (lines) - 2;  /* header, and "" after the last newline */
  hub_test_run_clear (&all);
  return n;
}

static void
test_import (void)
{
  g_autofree char *dir = hub_test_tmpdir ();
  g_autofree char *good = g_build_filename (dir, "models.jsonl", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.jsonl", NULL);
  g_autofree char *newer = g_build_filename (dir, "newer.jsonl", NULL);
  g_autoptr(GString) content = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  HubTestRun result = { 0 }, after = { 0 }, listed = { 0 };
  guint n_before;

  /* One new model, one known model with new numbers, 25 bad entries. */
  g_string_append (content,
                   "{\"id\":\"hubeco-test/brand-new-model\",\"author\":\"hubeco-test\",\"downloads\":77,"
                   "\"likes\":3,\"pipeline_tag\":\"text-generation\",\"createdAt\":\"2026-08-01T00:00:00.000Z\"}\n");
  for (guint i = 0; i < 25; i++)
    g_string_append_printf (content, "{\"id\":\"no slash %u\",\"downloads\":1}\n", i);
  g_assert_true (g_file_set_contents (good, content->str, content->len, &error));
  g_assert_no_error (error);
  n_before = count_models (embedded_db);
  g_assert_cmpuint (n_before, >=, 15904);

  hub_test_run_hubeco (&result, embedded_db, "import", good, NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "Models added: 1\n"));
  g_assert_nonnull (strstr (result.out, "Models rejected: 25\n"));
  g_assert_nonnull (strstr (result.out, "… and 5 more"));
  g_assert_nonnull (strstr (result.out, "Snapshots written:"));

  /* The new model is listed; the rest of the store is still there. */
  hub_test_run_hubeco (&listed, embedded_db, "list", "--search", "hubeco-test/brand-new", "--format", "csv", NULL);
  g_assert_cmpint (listed.status, ==, 0);
  g_assert_nonnull (strstr (listed.out, "hubeco-test/brand-new-model,hubeco-test,text-generation,,77,"));

  /* A file that cannot be read at all: exit 1, the good one still read. */
  g_assert_true (g_file_set_contents (newer,
                                      "{\"id\":\"hubeco-test/brand-new-model\",\"downloads\":78}\n", -1, &error));
  g_assert_no_error (error);
  hub_test_run_hubeco (&after, embedded_db, "import", missing, newer, NULL);
  g_assert_cmpint (after.status, ==, 1);
  g_assert_nonnull (strstr (after.err, "missing.jsonl"));
  g_assert_nonnull (strstr (after.out, "Models updated: 1\n"));
  g_assert_nonnull (strstr (after.out, "Models added: 0\n"));
  g_assert_nonnull (strstr (after.out, "Files not read: 1\n"));

  /* The importer names the file once. */
  g_assert_null (strstr (strstr (after.err, "missing.jsonl") + 1, "missing.jsonl"));

  /* Every row refused: nothing imported, exit 1 with the rows reported. */
  {
    g_autofree char *bad = g_build_filename (dir, "period.csv", NULL);
    HubTestRun refused = { 0 };

    g_assert_true (g_file_set_contents (bad, "model_id,date,downloads\nhubeco-test/brand-new-model,xx,1\n"
                                        "hubeco-test/brand-new-model,2026-08-01,-4\n", -1, &error));
    g_assert_no_error (error);
    hub_test_run_hubeco (&refused, embedded_db, "import", bad, NULL);
    g_assert_cmpint (refused.status, ==, 1);
    g_assert_nonnull (strstr (refused.out, "Rows rejected: 2\n"));
    g_assert_nonnull (strstr (refused.out, "period.csv:2:"));
    g_assert_nonnull (strstr (refused.err, "Nothing was imported"));
    hub_test_run_clear (&refused);
  }

  hub_test_run_clear (&result);
  hub_test_run_clear (&after);
  hub_test_run_clear (&listed);

  g_assert_cmpuint (count_models (embedded_db), ==, n_before + 1);
  hub_test_run_hubeco (&listed, embedded_db, "list", "--search", "hubeco-test/brand-new", "--format", "csv", NULL);
  g_assert_nonnull (strstr (listed.out, "hubeco-test/brand-new-model,hubeco-test,text-generation,,78,"));
  hub_test_run_clear (&listed);
}

/* The JSONL and authors.csv only, through the importer: a store that is
 * not empty, so the command line does not add the embedded dataset. */
static void
build_jsonl_db (void)
{
  const char *files[] = { "hub-models.jsonl.gz", "authors.csv" };
  g_autoptr(GError) error = NULL;
  g_autoptr(HubStore) store = hub_store_open (jsonl_db, &error);
  g_autoptr(HubImportReport) report = hub_import_report_new ();

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = hub_test_dataset_path (files[i]);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      g_assert_true (hub_import_file (store, file, HUB_IMPORT_FORMAT_AUTO, report, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpuint (report->models_added, ==, 15904);
}

/* An id with an escape sequence in a file is rejected, and the message
 * shows the escape instead of sending it to the terminal (issue 22,
 * item 4). */
static void
test_no_escapes (void)
{
  g_autofree char *dir = hub_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "escapes.db", NULL);
  g_autofree char *file = g_build_filename (dir, "evil.jsonl", NULL);
  HubTestRun run = { 0, };

  g_assert_true (g_file_set_contents (file,
                                      "{\"id\":\"evil/\\u001b]0;pwned\\u0007\\u001b[2J\",\"downloads\":1}\n"
                                      "{\"id\":\"good/model\",\"downloads\":2}\n", -1, NULL));
  hub_test_run_hubeco (&run, db, "import", file, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strchr (run.out, '\x1b'));
  g_assert_null (strchr (run.err, '\x1b'));
  g_assert_null (strchr (run.out, '\x07'));
  g_assert_nonnull (strstr (run.out, "evil/\\x1b]0;pwned\\x07\\x1b[2J"));
  g_assert_nonnull (strstr (run.out, "Models added: 1"));
  hub_test_run_clear (&run);
}

static void
limit_file_size (gpointer data)
{
  struct rlimit limit = { 60 * 1024, 60 * 1024 };

  /* Writes past the limit fail with EFBIG instead of killing the process. */
  signal (SIGXFSZ, SIG_IGN);
  setrlimit (RLIMIT_FSIZE, &limit);
}

/* An export onto a full disk (a 60 KB file size limit) fails with exit 1
 * and leaves no file, for the table and the chart alike (issue 22,
 * item 5). */
static void
test_export_full_disk (void)
{
  g_autofree char *dir = hub_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "full.db", NULL);
  g_autofree char *out_dir = g_build_filename (dir, "out", NULL);
  const char *outputs[] = { "by-model.csv", "chart.png" };

  g_free (hub_test_database_text (db));
  g_assert_cmpint (g_mkdir (out_dir, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (outputs); i++)
    {
      g_autofree char *path = g_build_filename (out_dir, outputs[i], NULL);
      g_autoptr(GSubprocessLauncher) launcher =
        g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *err = NULL;
      g_autoptr(GDir) listing = NULL;

      g_subprocess_launcher_set_child_setup (launcher, limit_file_size, NULL, NULL);
      g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
      g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
      process = g_subprocess_launcher_spawn (launcher, &error, hub_test_hubeco_bin (), "export-chart", "share",
                                             "--by", i == 0 ? "model" : "developer", "--output", path,
                                             "--db", db, NULL);
      g_assert_no_error (error);
      g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error);
      g_assert_no_error (error);
      g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 1);
      g_assert_nonnull (strstr (err, "File too large"));
      /* Nothing where the output should be, and no temporary file. */
      listing = g_dir_open (out_dir, 0, NULL);
      g_assert_null (g_dir_read_name (listing));
    }
}

/* --db into a folder that does not exist is an error, and creates
 * nothing (issue 22, item 12). */
static void
test_db_missing_folder (void)
{
  g_autofree char *dir = hub_test_tmpdir ();
  g_autofree char *top = g_build_filename (dir, "a", NULL);
  g_autofree char *db = g_build_filename (dir, "a", "b", "c", "x.db", NULL);
  HubTestRun run = { 0, };

  hub_test_run_hubeco (&run, db, "list", "--limit", "1", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "the folder"));
  g_assert_nonnull (strstr (run.err, "does not exist"));
  g_assert_false (g_file_test (top, G_FILE_TEST_EXISTS));
  hub_test_run_clear (&run);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = NULL;

  g_test_init (&argc, &argv, NULL);

  dir = hub_test_tmpdir ();
  embedded_db = g_build_filename (dir, "embedded.db", NULL);
  jsonl_db = g_build_filename (dir, "jsonl.db", NULL);
  build_jsonl_db ();

  /* Tests are flat (one level) so they run in the order added. */
  g_test_add_func ("/cli/first-run", test_first_run);
  g_test_add_func ("/cli/share-names-series", test_share_names_series);
  g_test_add_func ("/cli/interval-without-totals", test_interval_without_totals);
  g_test_add_func ("/cli/list-csv-matches-reference", test_list_csv_matches_reference);
  g_test_add_func ("/cli/list-json", test_list_json);
  g_test_add_func ("/cli/list-created-range", test_list_created_range);
  g_test_add_func ("/cli/list-sizes-query", test_list_sizes_query);
  g_test_add_func ("/cli/leading-db", test_leading_db);
  g_test_add_func ("/cli/list-json-empty", test_list_json_empty);
  g_test_add_func ("/cli/list-table", test_list_table);
  g_test_add_func ("/cli/list-filters", test_list_filters);
  g_test_add_func ("/cli/list-sort-like-window", test_list_sort_like_window);
  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/help", test_help);
  /* Last: it adds a model to the shared database. */
  g_test_add_func ("/cli/import", test_import);
  g_test_add_func ("/cli/db-missing-folder", test_db_missing_folder);
  g_test_add_func ("/cli/no-escapes", test_no_escapes);
  g_test_add_func ("/cli/export-full-disk", test_export_full_disk);

  return g_test_run ();
}
