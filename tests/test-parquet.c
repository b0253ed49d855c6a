/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Parquet import through DuckDB: the reader's value conversion, a
 * hub-stats-shaped models file made from the real embedded models against
 * the JSONL import of the same models, per-model series, capture dates, and
 * bad files that must store nothing. The files are written by DuckDB here. */
#include "config.h"

#include "hub-import.h"
#include "hub-parquet.h"
#include "hub-store.h"
#include "hub-test-util.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

/* The real embedded models, with changed counts (so that an import that
 * stored nothing would show) and all-time totals, as one JSON object a
 * line: the table both test files are made from. */
#define MODELS_TABLE \
  "CREATE TABLE src AS SELECT json AS j FROM read_json_objects('%s', format = 'newline_delimited');" \
  "CREATE TABLE m AS SELECT j->>'id' AS id, j->>'author' AS author," \
  " CAST(replace(replace(j->>'createdAt', 'T', ' '), 'Z', '') AS TIMESTAMP) AS createdAt," \
  " CAST(replace(replace(j->>'lastModified', 'T', ' '), 'Z', '') AS TIMESTAMP) AS lastModified," \
  " j->>'pipeline_tag' AS pipeline_tag, j->>'library_name' AS library_name," \
  " CAST(j->'tags' AS VARCHAR[]) AS tags," \
  " CAST(j->>'likes' AS BIGINT) + 3 AS likes," \
  " CAST(j->>'downloads' AS BIGINT) + 7 AS downloads," \
  " (CAST(j->>'downloads' AS BIGINT) + 7) * 10 AS downloadsAllTime," \
  " CAST(j->>'trendingScore' AS BIGINT) AS trendingScore," \
  " j->>'gated' AS gated," \
  " CAST(j->>'usedStorage' AS BIGINT) AS usedStorage," \
  " CASE WHEN (j->'safetensors') IS NULL THEN NULL ELSE struct_pack(" \
  "   parameters := MAP {'BF16': CAST(j->'safetensors'->>'total' AS BIGINT)}," \
  "   total := CAST(j->'safetensors'->>'total' AS BIGINT)) END AS safetensors," \
  " CASE WHEN (j->'gguf') IS NULL THEN NULL ELSE struct_pack(" \
  "   total := CAST(j->'gguf'->>'total' AS BIGINT)) END AS gguf," \
  " CASE WHEN (j->'baseModels') IS NULL THEN NULL ELSE struct_pack(" \
  "   relation := j->'baseModels'->>'relation'," \
  "   models := list_transform(CAST(j->'baseModels'->'models' AS STRUCT(id VARCHAR)[])," \
  "     x -> struct_pack(_id := md5(x.id), id := x.id))) END AS baseModels," \
  " CAST(j->'cardData' AS VARCHAR) AS cardData" \
  " FROM src;"

static char *dir;
static char *jsonl_db;
static char *parquet_db;
static char *plain_db;
static char *models_parquet;

static gboolean
collect_row (JsonObject  *row,
             gpointer     data,
             GError     **error)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, row);
  g_ptr_array_add (data, json_to_string (node, FALSE));
  return TRUE;
}

static void
test_values (void)
{
  g_autofree char *path = g_build_filename (dir, "types.parquet", NULL);
  g_autoptr(HubParquetFile) file = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  hub_test_duckdb ("CREATE TYPE mood AS ENUM ('low', 'high');"
                   "COPY (SELECT 1::TINYINT AS t, 18446744073709551615::UBIGINT AS u,"
                   " 170141183460469231731687303715884105727::HUGEINT AS h,"
                   " 12.50::DECIMAL(6,2) AS dec, 0.5::FLOAT AS f, true AS b,"
                   " DATE '2025-01-07' AS d, TIMESTAMP '2025-01-07 10:11:12.5' AS ts,"
                   " epoch_ns(TIMESTAMP '2025-01-07 10:11:12')::BIGINT AS ns_raw,"
                   " make_timestamp_ns(epoch_ns(TIMESTAMP '2025-01-07 10:11:12')::BIGINT) AS ns,"
                   " 'high'::mood AS e, ['a', NULL] AS l, [1, 2] AS a,"
                   " MAP {'BF16': 7, 'F32': 1} AS mp, {'x': {'y': 'z'}} AS s,"
                   " 'ü''\"' AS v, NULL::VARCHAR AS n, 'abc'::BLOB AS bl)"
                   " TO '%s' (FORMAT parquet)", path);

  file = hub_parquet_file_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hub_parquet_file_n_rows (file), ==, 1);
  g_assert_cmpuint (hub_parquet_file_n_columns (file), ==, 18);
  g_assert_cmpstr (hub_parquet_file_column_type (file, hub_parquet_file_find_column (file, "MP")), ==,
                   "MAP(VARCHAR, INTEGER)");
  g_assert_cmpstr (hub_parquet_file_column_type (file, hub_parquet_file_find_column (file, "s")), ==,
                   "STRUCT(x STRUCT(y VARCHAR))");
  g_assert_cmpstr (hub_parquet_file_column_type (file, hub_parquet_file_find_column (file, "l")), ==,
                   "VARCHAR[]");

  g_assert_true (hub_parquet_file_read (file, "SELECT * EXCLUDE (ns_raw) FROM read_parquet(?1)", NULL,
                                        collect_row, rows, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (rows, 0), ==,
                   "{\"t\":1,\"u\":1.8446744073709552e+19,\"h\":1.7014118346046923e+38,"
                   "\"dec\":12.5,\"f\":0.5,\"b\":true,\"d\":\"2025-01-07\","
                   "\"ts\":\"2025-01-07T10:11:12.500000Z\",\"ns\":\"2025-01-07T10:11:12Z\","
                   "\"e\":\"high\",\"l\":[\"a\",null],\"a\":[1,2],\"mp\":{\"BF16\":7,\"F32\":1},"
                   "\"s\":{\"x\":{\"y\":\"z\"}},\"v\":\"ü'\\\"\",\"n\":null,\"bl\":null}");
}

/* The same real models as JSONL and as a hub-stats-shaped Parquet file
 * give the same list and the same snapshot rows. */
static void
test_models_like_jsonl (void)
{
  g_autofree char *source = hub_test_dataset_path ("hub-models.jsonl.gz");
  g_autofree char *jsonl = g_build_filename (dir, "models-2026-09-01.jsonl", NULL);
  g_autofree char *jsonl_text = NULL, *parquet_text = NULL, *plain_text = NULL;
  g_autofree char *dropped = NULL;
  HubTestRun run = { 0, };

  hub_test_duckdb (MODELS_TABLE
                   "COPY (SELECT * FROM m) TO '%s' (FORMAT parquet, COMPRESSION zstd);"
                   "COPY (SELECT * REPLACE (strftime(createdAt, '%%Y-%%m-%%dT%%H:%%M:%%SZ') AS createdAt,"
                   "  strftime(lastModified, '%%Y-%%m-%%dT%%H:%%M:%%SZ') AS lastModified,"
                   "  CAST(cardData AS JSON) AS cardData) FROM m) TO '%s' (FORMAT json);",
                   source, models_parquet, jsonl);

  hub_test_run_hubeco (&run, jsonl_db, "import", "--captured-at", "2026-09-01", jsonl, NULL);
  g_assert_cmpint (run.status, ==, 0);
  dropped = g_strdup (strstr (run.out, "Fields dropped: "));
  g_assert_nonnull (dropped);
  *strchr (dropped, '\n') = '\0';
  hub_test_run_clear (&run);

  hub_test_run_hubeco (&run, parquet_db, "import", models_parquet, NULL);
  g_assert_cmpint (run.status, ==, 0);
  /* It says what it read, and dates the snapshot from the file's name. */
  g_assert_nonnull (strstr (run.out, "Parquet, 15904 rows, read as a models snapshot; columns used: id, author, "
                                     "createdAt, lastModified, pipeline_tag, library_name, tags, likes, "
                                     "downloads, downloadsAllTime, trendingScore, gated, usedStorage, "
                                     "safetensors, gguf, baseModels, cardData"));
  g_assert_nonnull (strstr (run.out, "Snapshots written: 1 (15904 rows)"));
  /* The one entry parser drops the same fields (the real data's self
   * parents and odd ids) from either file. */
  g_assert_nonnull (strstr (run.out, dropped));
  g_assert_nonnull (strstr (run.out, "models-2026-09-01.parquet:row 4648: field 'baseModels.models[0].id': "
                                     "invalid parent model id '/cache/models/Qwen--Qwen3.5-9B'"));
  hub_test_run_clear (&run);

  jsonl_text = hub_test_database_text (jsonl_db);
  parquet_text = hub_test_database_text (parquet_db);
  /* The snapshots differ in their series and source (the file's name) only. */
  {
    g_autoptr(GRegex) series = g_regex_new ("models-2026-09-01\\.(jsonl|parquet)", 0, 0, NULL);
    g_autofree char *a = g_regex_replace_literal (series, jsonl_text, -1, 0, "X", 0, NULL);
    g_autofree char *b = g_regex_replace_literal (series, parquet_text, -1, 0, "X", 0, NULL);

    g_assert_cmpstr (a, ==, b);
  }

  /* And both differ from a database that imported neither. */
  plain_text = hub_test_database_text (plain_db);
  g_assert_cmpstr (plain_text, !=, parquet_text);
}

/* Importing the same file again changes nothing; --captured-at makes
 * another snapshot of a --series. */
static void
test_models_again (void)
{
  g_autofree char *before = hub_test_database_text (parquet_db);
  g_autofree char *after = NULL;
  HubTestRun run = { 0, };

  hub_test_run_hubeco (&run, parquet_db, "import", models_parquet, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "imported before (snapshot of 2026-09-01T00:00:00Z); nothing changed"));
  hub_test_run_clear (&run);
  after = hub_test_database_text (parquet_db);
  g_assert_cmpstr (before, ==, after);

  hub_test_run_hubeco (&run, parquet_db, "import", "--series", "hub-stats", "--captured-at",
                       "2026-09-08T06:00:00Z", models_parquet, NULL);
  g_assert_cmpint (run.status, ==, 0);
  hub_test_run_clear (&run);
  hub_test_run_hubeco (&run, parquet_db, "snapshots", "--format", "csv", NULL);
  g_assert_nonnull (strstr (run.out, "hub-stats"));
  g_assert_nonnull (strstr (run.out, "2026-09-08T06:00:00Z"));
  hub_test_run_clear (&run);
}

static void
test_series (void)
{
  g_autofree char *path = g_build_filename (dir, "weekly.parquet", NULL);
  g_autofree char *db = g_build_filename (dir, "series.db", NULL);
  HubTestRun run = { 0, };

  /* Two real models and one unknown, three weeks, and one bad row. */
  hub_test_duckdb ("COPY (SELECT * FROM (VALUES"
                   " ('Qwen/Qwen3.8-27B', DATE '2026-08-03', 100::BIGINT),"
                   " ('Qwen/Qwen3.8-27B', DATE '2026-08-10', 250),"
                   " ('google/gemma-4-31B-it', DATE '2026-08-10', 40),"
                   " ('nobody/not-here', DATE '2026-08-17', 5),"
                   " ('bad id with spaces', DATE '2026-08-17', 1))"
                   " AS t(model_id, week, downloads)) TO '%s' (FORMAT parquet)", path);
  hub_test_run_hubeco (&run, db, "import", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "read as a per-model series of period downloads; columns used: model_id, week, downloads"));
  g_assert_nonnull (strstr (run.out, "Period downloads: 4 rows (1 for models not in the database, kept)"));
  g_assert_nonnull (strstr (run.out, "Rows rejected: 1"));
  g_assert_nonnull (strstr (run.out, "weekly.parquet:row 5: field 'model_id': 'bad id with spaces' is not a valid model id"));
  hub_test_run_clear (&run);

  hub_test_run_hubeco (&run, db, "share", "--by", "model", "--measure", "period", "--series", "weekly.parquet",
                       "--axis", "week", "--format", "csv", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "250"));
  hub_test_run_clear (&run);
}

/* Each bad file: exit 1, a message that says what is wrong, and the
 * database as it was. */
static void
check_refused (const char *db,
               const char *path,
               const char *message)
{
  g_autofree char *before = hub_test_database_text (db);
  g_autofree char *after = NULL;
  HubTestRun run = { 0, };

  hub_test_run_hubeco (&run, db, "import", path, NULL);
  if (strstr (run.err, message) == NULL)
    g_error ("expected “%s” in: %s", message, run.err);
  g_assert_cmpint (run.status, ==, 1);
  hub_test_run_clear (&run);
  after = hub_test_database_text (db);
  g_assert_cmpstr (before, ==, after);
}

static void
test_bad_files (void)
{
  g_autofree char *db = g_build_filename (dir, "bad.db", NULL);
  g_autofree char *text = g_build_filename (dir, "text.parquet", NULL);
  g_autofree char *cut = g_build_filename (dir, "cut.parquet", NULL);
  g_autofree char *types = g_build_filename (dir, "types-wrong.parquet", NULL);
  g_autofree char *no_id = g_build_filename (dir, "no-id.parquet", NULL);
  g_autofree char *no_counts = g_build_filename (dir, "no-counts.parquet", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty.parquet", NULL);
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_set_contents (text, "id,downloads\na/b,1\n", -1, NULL));
  check_refused (db, text, "text.parquet: not a Parquet file (it does not start with “PAR1”)");

  g_assert_true (g_file_get_contents (models_parquet, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (cut, contents, len / 2, NULL));
  check_refused (db, cut, "cut.parquet: the Parquet file is cut short (it has no footer");

  hub_test_duckdb ("COPY (SELECT 'a/b' AS id, 'many' AS downloads, 5 AS likes, 'x' AS tags)"
                   " TO '%s' (FORMAT parquet)", types);
  check_refused (db, types, "types-wrong.parquet: columns of the wrong type: 'downloads' is VARCHAR, "
                            "expected a number, 'tags' is VARCHAR, expected a list of text; nothing was imported");

  hub_test_duckdb ("COPY (SELECT 'a/b' AS repo, 5 AS likes) TO '%s' (FORMAT parquet)", no_id);
  check_refused (db, no_id, "no-id.parquet: a Parquet file of unknown shape (columns: repo, likes)");

  hub_test_duckdb ("COPY (SELECT 'a/b' AS id, ['x'] AS tags) TO '%s' (FORMAT parquet)", no_counts);
  check_refused (db, no_counts, "no-counts.parquet: a models file needs at least one of the columns downloads");

  hub_test_duckdb ("COPY (SELECT 'a/b' AS id, 5 AS downloads WHERE false) TO '%s' (FORMAT parquet)", empty);
  check_refused (db, empty, "empty.parquet: the Parquet file holds no rows; nothing was imported");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  dir = hub_test_tmpdir ();
  jsonl_db = g_build_filename (dir, "jsonl.db", NULL);
  parquet_db = g_build_filename (dir, "parquet.db", NULL);
  plain_db = g_build_filename (dir, "plain.db", NULL);
  models_parquet = g_build_filename (dir, "models-2026-09-01.parquet", NULL);

  g_test_add_func ("/parquet/values", test_values);
  g_test_add_func ("/parquet/models-like-jsonl", test_models_like_jsonl);
  g_test_add_func ("/parquet/models-again", test_models_again);
  g_test_add_func ("/parquet/series", test_series);
  g_test_add_func ("/parquet/bad-files", test_bad_files);

  return g_test_run ();
}
