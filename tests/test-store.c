/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hub-store.h"
#include "hub-history.h"
#include "hub-snapshot-pack.h"
#include "hub-test-util.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* Real entries, read from data/dataset/hub-models.jsonl.gz with json-glib,
 * independently of the ingest parser. */

typedef struct {
  GPtrArray  *objects;   /* JsonObject*, in file order */
  GHashTable *by_id;     /* id → JsonObject* */
} Dataset;

static Dataset *dataset;

static void
load_dataset (void)
{
  g_autofree char *path = hub_test_dataset_path ("hub-models.jsonl.gz");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) raw = NULL;
  g_autoptr(GConverter) zlib = NULL;
  g_autoptr(GInputStream) unzipped = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  char *line;

  dataset = g_new0 (Dataset, 1);
  dataset->objects = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  dataset->by_id = g_hash_table_new (g_str_hash, g_str_equal);

  raw = G_INPUT_STREAM (g_file_read (file, NULL, &error));
  g_assert_no_error (error);
  zlib = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP));
  unzipped = g_converter_input_stream_new (raw, zlib);
  lines = g_data_input_stream_new (unzipped);

  while ((line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error)) != NULL)
    {
      g_autofree char *owned = line;
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *object;

      if (*line == '\0')
        continue;
      json_parser_load_from_data (parser, line, -1, &error);
      g_assert_no_error (error);
      object = json_node_dup_object (json_parser_get_root (parser));
      g_ptr_array_add (dataset->objects, object);
      g_hash_table_insert (dataset->by_id, (char *) json_object_get_string_member (object, "id"),
                           object);
    }
  g_assert_no_error (error);
  g_assert_cmpuint (dataset->objects->len, ==, 15904);
}

static JsonObject *
real_object (const char *id)
{
  JsonObject *object = g_hash_table_lookup (dataset->by_id, id);

  g_assert_nonnull (object);
  return object;
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return json_node_get_string (node);
}

static gint64
member_int (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return HUB_COUNT_NONE;
  return json_node_get_int (node);
}

/* The JSON object as a HubModelEntry, field by field. */
static HubModelEntry *
entry_from_object (JsonObject *object)
{
  HubModelEntry *entry = hub_model_entry_new ();
  JsonNode *gated = json_object_get_member (object, "gated");

  entry->id = g_strdup (member_string (object, "id"));
  entry->author = g_strdup (member_string (object, "author"));
  entry->created_at = hub_time_parse_iso8601 (member_string (object, "createdAt"));
  entry->last_modified = hub_time_parse_iso8601 (member_string (object, "lastModified"));
  entry->pipeline_tag = g_strdup (member_string (object, "pipeline_tag"));
  entry->library_name = g_strdup (member_string (object, "library_name"));
  if (gated != NULL && JSON_NODE_HOLDS_VALUE (gated))
    entry->gated = json_node_get_value_type (gated) == G_TYPE_BOOLEAN
                   ? g_strdup (json_node_get_boolean (gated) ? "true" : "false")
                   : g_strdup (json_node_get_string (gated));
  if (json_object_get_member (object, "cardData") != NULL &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "cardData")))
    entry->license = g_strdup (member_string (json_object_get_object_member (object, "cardData"),
                                              "license"));
  if (json_object_has_member (object, "safetensors"))
    {
      entry->parameters = member_int (json_object_get_object_member (object, "safetensors"), "total");
      entry->parameters_source = HUB_PARAM_SOURCE_SAFETENSORS;
    }
  else if (json_object_has_member (object, "gguf"))
    {
      entry->parameters = member_int (json_object_get_object_member (object, "gguf"), "total");
      entry->parameters_source = HUB_PARAM_SOURCE_GGUF;
    }
  entry->used_storage = member_int (object, "usedStorage");
  entry->downloads = member_int (object, "downloads");
  entry->likes = member_int (object, "likes");
  entry->trending_score = member_int (object, "trendingScore");

  if (json_object_get_member (object, "tags") != NULL &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "tags")))
    {
      JsonArray *tags = json_object_get_array_member (object, "tags");

      for (guint i = 0; i < json_array_get_length (tags); i++)
        g_ptr_array_add (entry->tags, g_strdup (json_array_get_string_element (tags, i)));
    }
  if (json_object_has_member (object, "baseModels"))
    {
      JsonObject *base = json_object_get_object_member (object, "baseModels");
      JsonArray *models = json_object_get_array_member (base, "models");
      HubRelation relation = HUB_RELATION_UNKNOWN;

      g_assert_true (hub_relation_from_string (member_string (base, "relation"), &relation));
      for (guint i = 0; i < json_array_get_length (models); i++)
        {
          const char *parent = member_string (json_array_get_object_element (models, i), "id");

          if (parent != NULL && g_strcmp0 (parent, entry->id) != 0)
            hub_model_entry_add_parent (entry, parent, relation);
        }
      entry->lineage_source = HUB_LINEAGE_SOURCE_BASE_MODELS;
    }
  return entry;
}

static HubModelEntry *
real_entry (const char *id)
{
  return entry_from_object (real_object (id));
}

/* Helpers over the raw connection */

static gint64
query_int (HubStore   *store,
           const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (hub_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static gboolean
query_is_null (HubStore   *store,
               const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (hub_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_type (stmt, 0) == SQLITE_NULL;
}

static char *
query_text (HubStore   *store,
            const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (hub_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static char *
tmp_db (const char *name)
{
  g_autofree char *dir = hub_test_tmpdir ();

  return g_build_filename (dir, name, NULL);
}

static HubStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  HubStore *store = hub_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static void
upsert (HubStore            *store,
        const HubModelEntry *entry,
        gboolean             expect_new)
{
  g_autoptr(GError) error = NULL;
  gboolean was_new = !expect_new;

  g_assert_true (hub_store_upsert_model (store, entry, &was_new, &error));
  g_assert_no_error (error);
  g_assert_cmpint (was_new, ==, expect_new);
}

static GBytes *
read_bytes (const char *path)
{
  char *contents;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_bytes_new_take (contents, len);
}

/* Every field of @a equals @b's. */
static void
assert_entry_equal (const HubModelEntry *a,
                    const HubModelEntry *b)
{
  g_assert_cmpstr (a->id, ==, b->id);
  g_assert_cmpstr (a->author, ==, b->author);
  g_assert_cmpint (a->created_at, ==, b->created_at);
  g_assert_cmpint (a->last_modified, ==, b->last_modified);
  g_assert_cmpstr (a->pipeline_tag, ==, b->pipeline_tag);
  g_assert_cmpstr (a->library_name, ==, b->library_name);
  g_assert_cmpstr (a->gated, ==, b->gated);
  g_assert_cmpstr (a->license, ==, b->license);
  g_assert_cmpint (a->parameters, ==, b->parameters);
  g_assert_cmpint (a->parameters_source, ==, b->parameters_source);
  g_assert_cmpint (a->used_storage, ==, b->used_storage);
  g_assert_cmpint (a->children_count, ==, b->children_count);
  g_assert_cmpint (a->downloads, ==, b->downloads);
  g_assert_cmpint (a->downloads_all_time, ==, b->downloads_all_time);
  g_assert_cmpint (a->likes, ==, b->likes);
  g_assert_cmpint (a->trending_score, ==, b->trending_score);
  g_assert_cmpint (a->lineage_source, ==, b->lineage_source);
  g_assert_cmpuint (a->parents->len, ==, b->parents->len);
  for (guint i = 0; i < a->parents->len; i++)
    {
      g_assert_cmpstr (g_array_index (a->parents, HubParentRef, i).id, ==,
                       g_array_index (b->parents, HubParentRef, i).id);
      g_assert_cmpint (g_array_index (a->parents, HubParentRef, i).relation, ==,
                       g_array_index (b->parents, HubParentRef, i).relation);
    }
  /* Tags come back sorted. */
  g_assert_cmpuint (a->tags->len, ==, b->tags->len);
  for (guint i = 0; i < a->tags->len; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < b->tags->len && !found; j++)
        found = g_strcmp0 (g_ptr_array_index (a->tags, i), g_ptr_array_index (b->tags, j)) == 0;
      g_assert_true (found);
    }
}

/* Tests */

static void
test_create_reopen (void)
{
  g_autofree char *dir = hub_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "not", "yet", "hubeco.db", NULL);
  g_autoptr(HubModelEntry) entry = real_entry ("Qwen/Qwen3.8-27B");
  g_autoptr(HubModelEntry) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *journal = NULL;
  HubStore *store;

  store = open_store (path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (hub_store_get_path (store), ==, path);
  g_assert_cmpint (hub_store_get_schema_version (store), ==, HUB_STORE_SCHEMA_VERSION);
  g_assert_cmpint (query_int (store, "PRAGMA user_version"), ==, HUB_STORE_SCHEMA_VERSION);
  g_assert_cmpint (query_int (store, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (query_int (store, "PRAGMA synchronous"), ==, 1);  /* NORMAL */
  g_assert_cmpint (query_int (store, "PRAGMA busy_timeout"), ==, 5000);
  journal = query_text (store, "PRAGMA journal_mode");
  g_assert_cmpstr (journal, ==, "wal");
  g_assert_true (hub_store_is_empty (store));

  upsert (store, entry, TRUE);
  g_assert_false (hub_store_is_empty (store));
  g_object_unref (store);

  /* Reopening migrates nothing and keeps the row. */
  store = open_store (path);
  g_assert_cmpint (hub_store_get_schema_version (store), ==, HUB_STORE_SCHEMA_VERSION);
  g_assert_false (hub_store_is_empty (store));
  back = hub_store_get_model (store, "Qwen/Qwen3.8-27B", &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  assert_entry_equal (back, entry);
  g_object_unref (store);
}

static void
test_default_path (void)
{
  g_autofree char *path = hub_store_default_path ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "hubeco", "hubeco.db", NULL);

  g_assert_cmpstr (path, ==, expected);
}

static gint64
count_rows (sqlite3    *db,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
write_sql_file (const char *path,
                const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s", message);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
test_migrate_v1 (void)
{
  static const char * const tables[] = {
    "models", "tags", "lineage", "snapshots", "snapshot_rows", "authors", "tasks", "libraries",
  };
  g_autofree char *sql_path = hub_test_data_path ("store-v1.sql");
  g_autofree char *path = tmp_db ("v1.db");
  g_autofree char *sql = NULL;
  g_autoptr(HubModelEntry) qwen = NULL;
  g_autoptr(HubModelEntry) gguf = NULL;
  g_autoptr(HubModelEntry) expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  gint64 before[G_N_ELEMENTS (tables)];
  HubStore *store;
  sqlite3 *db;

  g_assert_true (g_file_get_contents (sql_path, &sql, NULL, NULL));
  write_sql_file (path, sql);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      before[i] = count_rows (db, tables[i]);
      g_assert_cmpint (before[i], >, 0);
    }
  sqlite3_close (db);

  store = open_store (path);
  g_assert_cmpint (hub_store_get_schema_version (store), ==, HUB_STORE_SCHEMA_VERSION);
  g_assert_cmpint (query_int (store, "PRAGMA user_version"), ==, HUB_STORE_SCHEMA_VERSION);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    g_assert_cmpint (count_rows (hub_store_get_db (store), tables[i]), ==, before[i]);

  /* The v2 tables exist and work. */
  g_assert_cmpint (count_rows (hub_store_get_db (store), "sync_state"), ==, 0);
  g_assert_cmpint (count_rows (hub_store_get_db (store), "etags"), ==, 0);
  g_assert_cmpint (count_rows (hub_store_get_db (store), "period_downloads"), ==, 0);
  g_assert_true (hub_store_set_setting (store, "sync.cursor", "abc", &error));
  g_assert_no_error (error);
  value = hub_store_get_setting (store, "sync.cursor");
  g_assert_cmpstr (value, ==, "abc");

  /* The rows read back as the real entries describe them. */
  qwen = hub_store_get_model (store, "Qwen/Qwen3.8-27B", &error);
  g_assert_no_error (error);
  g_assert_nonnull (qwen);
  expected = real_entry ("Qwen/Qwen3.8-27B");
  g_assert_cmpstr (qwen->author, ==, expected->author);
  g_assert_cmpint (qwen->created_at, ==, expected->created_at);
  g_assert_cmpint (qwen->last_modified, ==, expected->last_modified);
  g_assert_cmpint (qwen->parameters, ==, expected->parameters);
  g_assert_cmpint (qwen->parameters_source, ==, HUB_PARAM_SOURCE_SAFETENSORS);
  g_assert_cmpint (qwen->downloads, ==, expected->downloads);
  g_assert_cmpint (qwen->likes, ==, expected->likes);
  g_assert_cmpint (qwen->downloads_all_time, ==, HUB_COUNT_NONE);
  g_assert_cmpuint (qwen->tags->len, ==, 6);

  gguf = hub_store_get_model (store, "0bserverx/Qwen3.8-27B-Heretic-Abliterated-Uncensored-GGUF", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gguf->parents->len, ==, 1);
  g_assert_cmpstr (g_array_index (gguf->parents, HubParentRef, 0).id, ==, "Qwen/Qwen3.8-27B");
  g_assert_cmpint (g_array_index (gguf->parents, HubParentRef, 0).relation, ==, HUB_RELATION_QUANTIZED);
  g_assert_cmpint (gguf->lineage_source, ==, HUB_LINEAGE_SOURCE_BASE_MODELS);
  g_assert_cmpint (gguf->parameters_source, ==, HUB_PARAM_SOURCE_GGUF);

  /* The interrupted v1 snapshot stays incomplete. */
  g_assert_cmpint (query_int (store, "SELECT complete FROM snapshots WHERE id = 3"), ==, 0);

  /* v3: the upgrade packed every complete snapshot, and only those. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM snapshots WHERE complete"), >, 0);
  g_assert_cmpint (query_int (store, "SELECT group_concat (snapshot_id) = (SELECT group_concat (id)"
                                     " FROM (SELECT id FROM snapshots WHERE complete ORDER BY id))"
                                     " FROM (SELECT snapshot_id FROM snapshot_columns ORDER BY snapshot_id)"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM snapshot_columns c WHERE c.n_rows <>"
                                     " (SELECT count(*) FROM snapshot_rows r WHERE r.snapshot_id = c.snapshot_id)"), ==, 0);
  g_assert_cmpint (hub_store_snapshot_find (store, "hub-models-history", 1787140800), ==, 2);
  g_object_unref (store);

  /* Reopening a migrated file changes nothing. */
  store = open_store (path);
  g_assert_cmpint (count_rows (hub_store_get_db (store), "settings"), ==, 1);
  g_object_unref (store);
}

static void
test_too_new (void)
{
  g_autofree char *path = tmp_db ("new.db");
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HubStore) store = NULL;

  g_autofree char *sql = g_strdup_printf ("PRAGMA application_id = 1215652421;"
                                          "PRAGMA user_version = %d;"
                                          "CREATE TABLE models (id TEXT PRIMARY KEY, future TEXT);"
                                          "INSERT INTO models VALUES ('Qwen/Qwen3.8-27B', 'x');",
                                          HUB_STORE_SCHEMA_VERSION + 1);

  write_sql_file (path, sql);
  before = read_bytes (path);

  store = hub_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, HUB_STORE_ERROR, HUB_STORE_ERROR_TOO_NEW);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "newer version of HubEco"));
  {
    g_autofree char *understood = g_strdup_printf ("schema %d", HUB_STORE_SCHEMA_VERSION);

    g_assert_nonnull (strstr (error->message, understood));
  }

  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
assert_open_fails (const char    *path,
                   HubStoreError  code,
                   const char    *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HubStore) store = NULL;

  store = hub_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, HUB_STORE_ERROR, (int) code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, words));
}

static void
test_corrupt (void)
{
  g_autofree char *garbage = tmp_db ("garbage.db");
  g_autofree char *foreign = tmp_db ("foreign.db");
  g_autofree char *gz = tmp_db ("gz.db");
  g_autofree char *gz_source = hub_test_dataset_path ("hub-models-history.csv.gz");
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GBytes) gz_bytes = NULL;

  /* Text, not SQLite. */
  while (text->len < 8192)
    g_string_append (text, "captured_at,id,downloads,likes,trendingScore\n");
  g_assert_true (g_file_set_contents (garbage, text->str, text->len, NULL));
  before = read_bytes (garbage);
  assert_open_fails (garbage, HUB_STORE_ERROR_CORRUPT, "not a HubEco database");
  after = read_bytes (garbage);
  g_assert_true (g_bytes_equal (before, after));

  /* A gzip file. */
  gz_bytes = read_bytes (gz_source);
  g_assert_true (g_file_set_contents (gz, g_bytes_get_data (gz_bytes, NULL),
                                      g_bytes_get_size (gz_bytes), NULL));
  assert_open_fails (gz, HUB_STORE_ERROR_CORRUPT, "not a HubEco database");

  /* SQLite, but another program's. */
  write_sql_file (foreign, "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT);"
                           "INSERT INTO moz_places VALUES (1, 'https://huggingface.co');");
  g_clear_pointer (&before, g_bytes_unref);
  g_clear_pointer (&after, g_bytes_unref);
  before = read_bytes (foreign);
  assert_open_fails (foreign, HUB_STORE_ERROR_CORRUPT, "not a HubEco database");
  after = read_bytes (foreign);
  g_assert_true (g_bytes_equal (before, after));

  /* Another program's application id. */
  g_assert_cmpint (g_unlink (foreign), ==, 0);
  write_sql_file (foreign, "PRAGMA application_id = 42; PRAGMA user_version = 1;"
                           "CREATE TABLE models (id TEXT);");
  assert_open_fails (foreign, HUB_STORE_ERROR_CORRUPT, "not a HubEco database");
}

static void
test_cannot_open (void)
{
  g_autofree char *dir = hub_test_tmpdir ();
  g_autofree char *file = g_build_filename (dir, "file", NULL);
  g_autofree char *under_file = g_build_filename (file, "sub", "hubeco.db", NULL);

  /* A folder where the file should be. */
  assert_open_fails (dir, HUB_STORE_ERROR_OPEN, "cannot be opened");

  /* A folder that cannot be created because a file is in the way. */
  g_assert_true (g_file_set_contents (file, "x", 1, NULL));
  assert_open_fails (under_file, HUB_STORE_ERROR_OPEN, "cannot create the folder");
}

/* Opens @path after making it and its folder read-only, in a child process
 * that runs as "nobody" when the test runs as root (root ignores
 * permissions). */
static void
check_permissions_read_only (const char *dir,
                             const char *path)
{
  const uid_t nobody = 65534;
  int status = 0;
  pid_t pid;

  if (geteuid () == 0)
    {
      g_assert_cmpint (chown (dir, nobody, nobody), ==, 0);
      g_assert_cmpint (chown (path, nobody, nobody), ==, 0);
    }

  fflush (stdout);
  fflush (stderr);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(HubStore) store = NULL;
      gboolean ok;

      if (geteuid () == 0 && (setgid (nobody) != 0 || setuid (nobody) != 0))
        _exit (77);
      if (g_chmod (path, 0444) != 0 || g_chmod (dir, 0555) != 0)
        _exit (2);
      store = hub_store_open (path, &error);
      ok = store == NULL &&
           g_error_matches (error, HUB_STORE_ERROR, HUB_STORE_ERROR_READ_ONLY) &&
           strstr (error->message, path) != NULL &&
           strstr (error->message, "read-only") != NULL;
      g_print ("# child (uid %d): %s\n", (int) geteuid (),
               error != NULL ? error->message : "opened");
      fflush (stdout);
      _exit (ok ? 0 : 1);
    }

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  if (WEXITSTATUS (status) == 77)
    g_test_message ("cannot switch to an unprivileged user: permissions not checked");
  else
    g_assert_cmpint (WEXITSTATUS (status), ==, 0);

  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
}

static void
test_read_only (void)
{
  g_autofree char *dir = hub_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "ro.db", NULL);
  g_autoptr(HubModelEntry) entry = real_entry ("Qwen/Qwen3.8-27B");
  g_autoptr(HubModelEntry) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  HubStore *store;

  store = open_store (path);
  upsert (store, entry, TRUE);
  g_assert_true (hub_store_set_setting (store, "k", "v", &error));
  g_object_unref (store);

  check_permissions_read_only (dir, path);

  /* A read-only open: reads work, every write fails with READ_ONLY. */
  store = hub_store_open_read_only (path, &error);
  g_assert_no_error (error);
  g_assert_false (hub_store_is_empty (store));
  back = hub_store_get_model (store, entry->id, &error);
  g_assert_no_error (error);
  assert_entry_equal (back, entry);
  value = hub_store_get_setting (store, "k");
  g_assert_cmpstr (value, ==, "v");

  g_free (entry->author);
  entry->author = g_strdup ("someone-else");
  g_assert_false (hub_store_upsert_model (store, entry, NULL, &error));
  g_assert_error (error, HUB_STORE_ERROR, HUB_STORE_ERROR_READ_ONLY);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "Qwen/Qwen3.8-27B"));
  g_assert_nonnull (strstr (error->message, "read-only"));
  g_clear_error (&error);

  g_assert_cmpint (hub_store_snapshot_begin (store, "s", "test", 1787124991, FALSE, &error), ==, 0);
  g_assert_error (error, HUB_STORE_ERROR, HUB_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (hub_store_set_setting (store, "k", "w", &error));
  g_assert_error (error, HUB_STORE_ERROR, HUB_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_object_unref (store);

  /* Nothing changed. */
  store = open_store (path);
  g_clear_pointer (&back, hub_model_entry_free);
  back = hub_store_get_model (store, "Qwen/Qwen3.8-27B", &error);
  g_assert_cmpstr (back->author, ==, "Qwen");
  g_clear_pointer (&value, g_free);
  value = hub_store_get_setting (store, "k");
  g_assert_cmpstr (value, ==, "v");
  g_object_unref (store);
}

static void
test_read_only_needs_upgrade (void)
{
  g_autofree char *sql_path = hub_test_data_path ("store-v1.sql");
  g_autofree char *path = tmp_db ("v1.db");
  g_autofree char *sql = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  g_assert_true (g_file_get_contents (sql_path, &sql, NULL, NULL));
  write_sql_file (path, sql);
  before = read_bytes (path);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(HubStore) store = hub_store_open_read_only (path, &error);

    g_assert_null (store);
    g_assert_error (error, HUB_STORE_ERROR, HUB_STORE_ERROR_READ_ONLY);
    g_assert_nonnull (strstr (error->message, "must be upgraded"));
  }
  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_upsert_keeps_fields (void)
{
  g_autofree char *path = tmp_db ("upsert.db");
  g_autoptr(HubStore) store = open_store (path);
  g_autoptr(HubModelEntry) full = real_entry ("0bserverx/Qwen3.8-27B-Heretic-Abliterated-Uncensored-GGUF");
  g_autoptr(HubModelEntry) partial = hub_model_entry_new ();
  g_autoptr(HubModelEntry) retag = hub_model_entry_new ();
  g_autoptr(HubModelEntry) back = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (full->tags->len, >, 10);
  g_assert_cmpuint (full->parents->len, ==, 1);
  upsert (store, full, TRUE);
  back = hub_store_get_model (store, full->id, &error);
  g_assert_no_error (error);
  assert_entry_equal (back, full);
  g_assert_cmpint (query_int (store, "SELECT first_seen = updated_at FROM models"), ==, 1);

  /* Only the id and new counts: everything else is kept. */
  partial->id = g_strdup (full->id);
  partial->downloads = 600000;
  partial->downloads_all_time = 2500000;
  partial->likes = 0;  /* a known zero replaces */
  upsert (store, partial, FALSE);
  g_clear_pointer (&back, hub_model_entry_free);
  back = hub_store_get_model (store, full->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (back->downloads, ==, 600000);
  g_assert_cmpint (back->downloads_all_time, ==, 2500000);
  g_assert_cmpint (back->likes, ==, 0);
  full->downloads = 600000;
  full->downloads_all_time = 2500000;
  full->likes = 0;
  assert_entry_equal (back, full);

  /* New tags and parents replace the old ones, in order. */
  retag->id = g_strdup (full->id);
  g_ptr_array_add (retag->tags, g_strdup ("gguf"));
  g_ptr_array_add (retag->tags, g_strdup ("merge"));
  g_ptr_array_add (retag->tags, g_strdup ("gguf"));  /* a duplicate is harmless */
  hub_model_entry_add_parent (retag, "unsloth/Qwen3.8-27B-GGUF", HUB_RELATION_MERGE);
  hub_model_entry_add_parent (retag, "Qwen/Qwen3.8-27B", HUB_RELATION_MERGE);
  hub_model_entry_add_parent (retag, "TheDrummer/Cydonia-24B", HUB_RELATION_NONE);
  retag->lineage_source = HUB_LINEAGE_SOURCE_TAGS;
  upsert (store, retag, FALSE);
  g_clear_pointer (&back, hub_model_entry_free);
  back = hub_store_get_model (store, full->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->tags->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (back->tags, 0), ==, "gguf");
  g_assert_cmpstr (g_ptr_array_index (back->tags, 1), ==, "merge");
  g_assert_cmpuint (back->parents->len, ==, 3);
  g_assert_cmpstr (g_array_index (back->parents, HubParentRef, 0).id, ==, "unsloth/Qwen3.8-27B-GGUF");
  g_assert_cmpstr (g_array_index (back->parents, HubParentRef, 1).id, ==, "Qwen/Qwen3.8-27B");
  g_assert_cmpstr (g_array_index (back->parents, HubParentRef, 2).id, ==, "TheDrummer/Cydonia-24B");
  g_assert_cmpint (g_array_index (back->parents, HubParentRef, 2).relation, ==, HUB_RELATION_UNKNOWN);
  g_assert_cmpint (back->lineage_source, ==, HUB_LINEAGE_SOURCE_TAGS);
  g_assert_cmpint (query_int (store, "SELECT max(position) FROM lineage"), ==, 2);
  g_assert_cmpstr (back->author, ==, "0bserverx");
  g_assert_cmpint (back->downloads, ==, 600000);

  /* The same tags in another order, with a duplicate: nothing to rewrite;
   * one more tag, or one less: replaced. */
  {
    g_autoptr(HubModelEntry) same = hub_model_entry_new ();
    const char * const cases[][4] = {
      { "merge", "gguf", "merge", NULL },
      { "merge", "gguf", "imatrix", NULL },
      { "imatrix", NULL, },
      { "gguf", "merge", NULL, },
    };

    same->id = g_strdup (full->id);
    for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
      {
        g_autoptr(GHashTable) expected = g_hash_table_new (g_str_hash, g_str_equal);

        g_ptr_array_set_size (same->tags, 0);
        for (guint t = 0; cases[c][t] != NULL; t++)
          {
            g_ptr_array_add (same->tags, g_strdup (cases[c][t]));
            g_hash_table_add (expected, (char *) cases[c][t]);
          }
        upsert (store, same, FALSE);
        g_clear_pointer (&back, hub_model_entry_free);
        back = hub_store_get_model (store, full->id, &error);
        g_assert_cmpuint (back->tags->len, ==, g_hash_table_size (expected));
        for (guint t = 0; t < back->tags->len; t++)
          g_assert_true (g_hash_table_contains (expected, g_ptr_array_index (back->tags, t)));
        g_assert_cmpuint (back->parents->len, ==, 3);
      }

    /* The same parents with one relation changed, then one parent less. */
    g_ptr_array_set_size (same->tags, 0);
    hub_model_entry_add_parent (same, "unsloth/Qwen3.8-27B-GGUF", HUB_RELATION_MERGE);
    hub_model_entry_add_parent (same, "Qwen/Qwen3.8-27B", HUB_RELATION_MERGE);
    hub_model_entry_add_parent (same, "TheDrummer/Cydonia-24B", HUB_RELATION_MERGE);
    upsert (store, same, FALSE);
    g_assert_cmpint (query_int (store, "SELECT count(*) FROM lineage WHERE relation = 'merge'"), ==, 3);
    g_array_set_size (same->parents, 2);
    upsert (store, same, FALSE);
    g_clear_pointer (&back, hub_model_entry_free);
    back = hub_store_get_model (store, full->id, &error);
    g_assert_cmpuint (back->parents->len, ==, 2);
    g_assert_cmpstr (g_array_index (back->parents, HubParentRef, 1).id, ==, "Qwen/Qwen3.8-27B");
    g_assert_cmpuint (back->tags->len, ==, 2);
  }

  /* Children of a parent through the index. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM lineage WHERE parent = 'Qwen/Qwen3.8-27B'"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM lineage WHERE parent = 'TheDrummer/Cydonia-24B'"), ==, 0);

  /* A missing model is NULL without error. */
  g_clear_pointer (&back, hub_model_entry_free);
  back = hub_store_get_model (store, "nobody/nothing", &error);
  g_assert_no_error (error);
  g_assert_null (back);
}

static void
test_upsert_all_real (void)
{
  g_autofree char *path = tmp_db ("all.db");
  g_autoptr(HubStore) store = open_store (path);
  g_autoptr(GError) error = NULL;
  gint64 n_tags = 0, n_parents = 0;
  guint n_new = 0;

  g_assert_true (hub_store_begin (store, &error));
  for (guint i = 0; i < dataset->objects->len; i++)
    {
      g_autoptr(HubModelEntry) entry = entry_from_object (g_ptr_array_index (dataset->objects, i));
      g_autoptr(GHashTable) distinct = g_hash_table_new (g_str_hash, g_str_equal);
      gboolean was_new = FALSE;

      g_assert_true (hub_store_upsert_model (store, entry, &was_new, &error));
      g_assert_no_error (error);
      n_new += was_new;
      for (guint j = 0; j < entry->tags->len; j++)
        g_hash_table_add (distinct, g_ptr_array_index (entry->tags, j));
      n_tags += g_hash_table_size (distinct);
      n_parents += entry->parents->len;
    }
  g_assert_true (hub_store_commit (store, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (n_new, ==, 15904);
  g_assert_cmpint (count_rows (hub_store_get_db (store), "models"), ==, 15904);
  g_assert_cmpint (count_rows (hub_store_get_db (store), "tags"), ==, n_tags);
  g_assert_cmpint (count_rows (hub_store_get_db (store), "lineage"), ==, n_parents);

  /* A few entries read back whole. */
  for (guint i = 0; i < dataset->objects->len; i += 997)
    {
      g_autoptr(HubModelEntry) entry = entry_from_object (g_ptr_array_index (dataset->objects, i));
      g_autoptr(HubModelEntry) back = hub_store_get_model (store, entry->id, &error);

      g_assert_no_error (error);
      assert_entry_equal (back, entry);
    }
}

static void
test_cascade (void)
{
  g_autofree char *path = tmp_db ("cascade.db");
  g_autoptr(HubStore) store = open_store (path);
  g_autoptr(HubModelEntry) entry = real_entry ("0bserverx/Qwen3.8-27B-Heretic-Abliterated-Uncensored-GGUF");
  g_autoptr(GError) error = NULL;
  sqlite3 *db = hub_store_get_db (store);
  gint64 snap;

  upsert (store, entry, TRUE);
  g_assert_cmpint (count_rows (db, "tags"), ==, entry->tags->len);
  g_assert_cmpint (count_rows (db, "lineage"), ==, 1);

  /* A tag of a model that does not exist is refused. */
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO tags VALUES ('nobody/nothing', 'x')",
                                 NULL, NULL, NULL) & 0xff, ==, SQLITE_CONSTRAINT);
  /* A relation outside the list is refused. */
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO lineage VALUES "
                                 "('0bserverx/Qwen3.8-27B-Heretic-Abliterated-Uncensored-GGUF',"
                                 " 'a/b', 'cousin', 9)", NULL, NULL, NULL) & 0xff, ==, SQLITE_CONSTRAINT);

  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM models", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (count_rows (db, "tags"), ==, 0);
  g_assert_cmpint (count_rows (db, "lineage"), ==, 0);

  snap = hub_store_snapshot_begin (store, "s", "test", 1787124991, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (hub_store_snapshot_add (store, snap, "Qwen/Qwen3.8-27B", 665513,
                                         HUB_COUNT_NONE, 11179, 10589, 1, &error));
  g_assert_cmpint (count_rows (db, "snapshot_rows"), ==, 1);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM snapshots", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (count_rows (db, "snapshot_rows"), ==, 0);
}

static void
test_snapshot_rollback (void)
{
  g_autofree char *path = tmp_db ("snap.db");
  g_autoptr(HubStore) store = open_store (path);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = hub_store_get_db (store);
  gint64 first, second;

  g_assert_true (hub_store_begin (store, &error));
  first = hub_store_snapshot_begin (store, "hub-models-history", "hub-models-history.csv.gz",
                                    1787124991, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (first, >, 0);
  g_assert_true (hub_store_snapshot_add (store, first, "Qwen/Qwen3.8-27B", 665513, HUB_COUNT_NONE,
                                         11179, 10589, HUB_COUNT_NONE, &error));
  g_assert_true (hub_store_snapshot_add (store, first, "007Arijit/Boomba-AI", 0, HUB_COUNT_NONE,
                                         0, 0, HUB_COUNT_NONE, &error));
  g_assert_true (hub_store_snapshot_finish (store, first, &error));
  g_assert_true (hub_store_commit (store, &error));
  g_assert_no_error (error);

  /* A second snapshot, interrupted. */
  g_assert_true (hub_store_begin (store, &error));
  second = hub_store_snapshot_begin (store, "hub-models-history", "hub-models-history.csv.gz",
                                     1787140800, FALSE, &error);
  g_assert_cmpint (second, >, first);
  g_assert_true (hub_store_snapshot_add (store, second, "Qwen/Qwen3.8-27B", 1006235, HUB_COUNT_NONE,
                                         11315, 10703, HUB_COUNT_NONE, &error));
  /* Same model, same snapshot: replaced, not an error. */
  g_assert_true (hub_store_snapshot_add (store, first, "Qwen/Qwen3.8-27B", 1, 1, 1, 1, 1, &error));
  g_assert_no_error (error);
  hub_store_rollback (store);
  hub_store_rollback (store);  /* twice is harmless */

  g_assert_cmpint (hub_store_snapshot_find (store, "hub-models-history", 1787140800), ==, 0);
  g_assert_cmpint (hub_store_snapshot_find (store, "hub-models-history", 1787124991), ==, first);
  g_assert_cmpint (hub_store_snapshot_find (store, "other", 1787124991), ==, 0);
  g_assert_cmpint (count_rows (db, "snapshots"), ==, 1);
  g_assert_cmpint (count_rows (db, "snapshot_rows"), ==, 2);
  g_assert_cmpint (query_int (store, "SELECT complete FROM snapshots"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT downloads FROM snapshot_rows WHERE model_id = 'Qwen/Qwen3.8-27B'"),
                   ==, 665513);
  g_assert_true (query_is_null (store, "SELECT downloads_all_time FROM snapshot_rows LIMIT 1"));
  g_assert_true (query_is_null (store, "SELECT rank FROM snapshot_rows LIMIT 1"));

  /* Rolled back outside a transaction, and a new one works. */
  hub_store_rollback (store);
  g_assert_true (hub_store_begin (store, &error));
  g_assert_true (hub_store_commit (store, &error));
  g_assert_no_error (error);

  /* A commit without a transaction is an error with a message. */
  g_assert_false (hub_store_commit (store, &error));
  g_assert_error (error, HUB_STORE_ERROR, HUB_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "Could not save the changes"));
}

/* One packed copy, read back: (model id, downloads) per row, with "-" for
 * an unknown value. */
static char *
unpack_downloads (HubStore *store,
                  gint64    snapshot_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  HubPackedReader reader;
  sqlite3 *db = hub_store_get_db (store);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT n_rows, model_keys, downloads FROM snapshot_columns"
                                           " WHERE snapshot_id = ?1", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, snapshot_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return g_strdup ("(none)");
  g_assert_true (hub_packed_reader_init (&reader, sqlite3_column_int64 (stmt, 0),
                                         sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1),
                                         sqlite3_column_blob (stmt, 2), sqlite3_column_bytes (stmt, 2)));
  while (reader.left > 0)
    {
      g_autofree char *sql = NULL;
      g_autofree char *id = NULL;
      guint64 key, value;
      gboolean has_value;

      hub_packed_reader_next (&reader, &key, &has_value, &value);
      sql = g_strdup_printf ("SELECT id FROM model_keys WHERE key = %" G_GUINT64_FORMAT, key);
      id = query_text (store, sql);
      if (has_value)
        g_string_append_printf (out, "%s=%" G_GUINT64_FORMAT " ", id, value);
      else
        g_string_append_printf (out, "%s=- ", id);
    }
  g_assert_true (reader.keys == reader.keys_end);
  g_assert_true (reader.values == reader.values_end);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gint64
packed_snapshot (HubStore    *store,
                 const char  *series,
                 gint64       captured_at,
                 const char **ids,
                 gint64      *downloads,
                 guint        n)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_assert_true (hub_store_begin (store, &error));
  id = hub_store_snapshot_begin (store, series, "test", captured_at, FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    g_assert_true (hub_store_snapshot_add (store, id, ids[i], downloads[i], HUB_COUNT_NONE, 1, 1, HUB_COUNT_NONE, &error));
  g_assert_true (hub_store_snapshot_finish (store, id, &error));
  g_assert_true (hub_store_commit (store, &error));
  g_assert_no_error (error);
  return id;
}

/* Schema v3: finishing a snapshot packs it; model keys never change; any
 * change to a packed snapshot's rows drops its packed copy, and
 * hub_snapshot_pack_missing() packs it again. */
static void
test_packed_snapshots (void)
{
  const char *ids_a[] = { "b/two", "a/one", "c/three", "Z/upper" };
  gint64 downloads_a[] = { 5, HUB_COUNT_NONE, G_MAXINT64, 0 };
  const char *ids_b[] = { "d/four", "a/one" };
  gint64 downloads_b[] = { 300, 200 };
  g_autofree char *path = tmp_db ("packed.db");
  g_autoptr(HubStore) store = open_store (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL, *b = NULL, *again = NULL;
  sqlite3 *db = hub_store_get_db (store);
  gint64 first, second, key_one;
  guint n_packed = 99;

  first = packed_snapshot (store, "s", 1787124991, ids_a, downloads_a, G_N_ELEMENTS (ids_a));
  a = unpack_downloads (store, first);
  /* BINARY order, unknown kept as unknown, the largest value exact. */
  g_assert_cmpstr (a, ==, "Z/upper=0 a/one=- b/two=5 c/three=9223372036854775807 ");
  key_one = query_int (store, "SELECT key FROM model_keys WHERE id = 'a/one'");

  second = packed_snapshot (store, "s", 1787140800, ids_b, downloads_b, G_N_ELEMENTS (ids_b));
  b = unpack_downloads (store, second);
  g_assert_cmpstr (b, ==, "a/one=200 d/four=300 ");
  g_assert_cmpint (query_int (store, "SELECT key FROM model_keys WHERE id = 'a/one'"), ==, key_one);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM model_keys"), ==, 5);
  g_assert_true (hub_snapshot_pack_missing (store, &n_packed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_packed, ==, 0);

  /* A row added to a complete snapshot: its copy goes, the other stays. */
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO snapshot_rows (snapshot_id, model_id, downloads)"
                                     " VALUES (1, 'e/five', 7)", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (query_int (store, "SELECT group_concat (snapshot_id) FROM snapshot_columns"), ==, second);
  g_assert_true (hub_snapshot_pack_missing (store, &n_packed, &error));
  g_assert_cmpuint (n_packed, ==, 1);
  again = unpack_downloads (store, first);
  g_assert_cmpstr (again, ==, "Z/upper=0 a/one=- b/two=5 c/three=9223372036854775807 e/five=7 ");
  g_clear_pointer (&again, g_free);

  /* Updated and deleted rows. */
  g_assert_cmpint (sqlite3_exec (db, "UPDATE snapshot_rows SET downloads = 201 WHERE model_id = 'a/one'"
                                     " AND snapshot_id = 2", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM snapshot_columns WHERE snapshot_id = 2"), ==, 0);
  g_assert_true (hub_snapshot_pack_missing (store, &n_packed, &error));
  g_assert_cmpuint (n_packed, ==, 1);
  again = unpack_downloads (store, second);
  g_assert_cmpstr (again, ==, "a/one=201 d/four=300 ");
  g_clear_pointer (&again, g_free);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM snapshot_rows WHERE model_id = 'd/four'", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM snapshot_columns WHERE snapshot_id = 2"), ==, 0);

  /* Marked incomplete: not packed again until finished. */
  g_assert_cmpint (sqlite3_exec (db, "UPDATE snapshots SET complete = 0 WHERE id = 1", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM snapshot_columns"), ==, 0);
  g_assert_true (hub_snapshot_pack_missing (store, &n_packed, &error));
  g_assert_cmpuint (n_packed, ==, 1);
  g_assert_cmpint (query_int (store, "SELECT group_concat (snapshot_id) FROM snapshot_columns"), ==, second);
  g_assert_true (hub_store_snapshot_finish (store, first, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM snapshot_columns"), ==, 2);

  /* A deleted snapshot takes its copy along; keys stay. */
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM snapshots", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM snapshot_columns"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM model_keys"), ==, 6);
  g_object_unref (g_steal_pointer (&store));

  /* A reopened store packs what is missing. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO snapshots (id, series, source, captured_at, complete)"
                                     " VALUES (7, 's', 'test', 1, 1);"
                                     "INSERT INTO snapshot_rows (snapshot_id, model_id, downloads)"
                                     " VALUES (7, 'f/six', 1), (7, 'a/one', 2);", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  store = open_store (path);
  g_clear_pointer (&again, g_free);
  again = unpack_downloads (store, 7);
  g_assert_cmpstr (again, ==, "a/one=2 f/six=1 ");
}

/* The reader refuses blobs that do not hold exactly n_rows varints. */
static void
test_packed_reader (void)
{
  static const guint8 keys[] = { 0x02, 0x81, 0x01 };          /* +1, -65 (zigzag 129) */
  static const guint8 values[] = { 0x00, 0xff, 0x7f };        /* unknown, 16382 */
  static const guint8 runs_off[] = { 0x02, 0x81 };
  static const guint8 too_long[] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01 };
  HubPackedReader reader;
  guint64 key, value;
  gboolean has_value;

  g_assert_true (hub_packed_reader_init (&reader, 2, keys, sizeof keys, values, sizeof values));
  hub_packed_reader_next (&reader, &key, &has_value, &value);
  g_assert_cmpuint (key, ==, 1);
  g_assert_false (has_value);
  hub_packed_reader_next (&reader, &key, &has_value, &value);
  g_assert_cmpuint (key, ==, (guint64) (1 - 65));
  g_assert_true (has_value);
  g_assert_cmpuint (value, ==, 16382);
  g_assert_cmpuint (reader.left, ==, 0);

  g_assert_false (hub_packed_reader_init (&reader, 3, keys, sizeof keys, values, sizeof values));
  g_assert_false (hub_packed_reader_init (&reader, 1, keys, sizeof keys, values, sizeof values));
  g_assert_false (hub_packed_reader_init (&reader, 2, runs_off, sizeof runs_off, values, sizeof values));
  g_assert_false (hub_packed_reader_init (&reader, 1, too_long, sizeof too_long, values, 1));
  g_assert_true (hub_packed_reader_init (&reader, 0, NULL, 0, NULL, 0));
  g_assert_false (hub_packed_reader_init (&reader, 1, NULL, 0, NULL, 0));
}

static void
test_snapshot_unfinished (void)
{
  g_autofree char *path = tmp_db ("unfinished.db");
  g_autoptr(GError) error = NULL;
  HubStore *store = open_store (path);
  gint64 id;

  /* Committed batches of a snapshot that is never finished. */
  g_assert_true (hub_store_begin (store, &error));
  id = hub_store_snapshot_begin (store, "sync", "https://huggingface.co/api/models", 1787313600,
                                 TRUE, &error);
  g_assert_true (hub_store_snapshot_add (store, id, "Qwen/Qwen3.8-27B", 1726651, HUB_COUNT_NONE,
                                         11845, 5859, 1, &error));
  g_assert_true (hub_store_commit (store, &error));
  g_assert_no_error (error);
  g_object_unref (store);

  store = open_store (path);
  g_assert_cmpint (hub_store_snapshot_find (store, "sync", 1787313600), ==, id);
  g_assert_cmpint (query_int (store, "SELECT complete FROM snapshots"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT carry_forward FROM snapshots"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT rank FROM snapshot_rows"), ==, 1);

  /* Resumed and finished later. */
  g_assert_true (hub_store_snapshot_finish (store, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT complete FROM snapshots"), ==, 1);

  /* Finishing a snapshot that does not exist is an error. */
  g_assert_false (hub_store_snapshot_finish (store, id + 10, &error));
  g_assert_error (error, HUB_STORE_ERROR, HUB_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "no such snapshot"));
  g_clear_error (&error);

  /* Adding to a snapshot that does not exist breaks the foreign key. */
  g_assert_false (hub_store_snapshot_add (store, id + 10, "Qwen/Qwen3.8-27B", 1, 1, 1, 1, 1, &error));
  g_assert_error (error, HUB_STORE_ERROR, HUB_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "Qwen/Qwen3.8-27B"));
  g_assert_cmpint (count_rows (hub_store_get_db (store), "snapshot_rows"), ==, 1);
  g_object_unref (store);
}

static void
test_authors (void)
{
  g_autofree char *path = tmp_db ("authors.db");
  g_autoptr(HubStore) store = open_store (path);
  g_autoptr(GError) error = NULL;
  HubAuthorRow qwen = {
    "Qwen", "Qwen", "Alibaba Qwen", "CN", "company", "high", "Alibaba Cloud Qwen team, Hangzhou",
  };
  HubAuthorRow edited = qwen;
  g_autofree char *country = NULL;
  g_autofree char *origin = NULL;

  g_assert_true (hub_store_upsert_author (store, &qwen, "shipped", &error));
  g_assert_no_error (error);

  /* A newer shipped row replaces a shipped row. */
  qwen.confidence = "medium";
  g_assert_true (hub_store_upsert_author (store, &qwen, "shipped", &error));
  country = query_text (store, "SELECT confidence FROM authors WHERE author = 'Qwen'");
  g_assert_cmpstr (country, ==, "medium");
  g_clear_pointer (&country, g_free);

  /* The user's edit replaces it... */
  edited.country = "SG";
  edited.group = NULL;
  g_assert_true (hub_store_upsert_author (store, &edited, "user", &error));
  country = query_text (store, "SELECT country FROM authors WHERE author = 'Qwen'");
  g_assert_cmpstr (country, ==, "SG");
  g_clear_pointer (&country, g_free);
  g_assert_true (query_is_null (store, "SELECT grp FROM authors WHERE author = 'Qwen'"));

  /* ...and a shipped row never overwrites it. */
  g_assert_true (hub_store_upsert_author (store, &qwen, "shipped", &error));
  g_assert_no_error (error);
  country = query_text (store, "SELECT country FROM authors WHERE author = 'Qwen'");
  g_assert_cmpstr (country, ==, "SG");
  g_clear_pointer (&country, g_free);
  origin = query_text (store, "SELECT origin FROM authors WHERE author = 'Qwen'");
  g_assert_cmpstr (origin, ==, "user");

  /* A second user edit does. */
  edited.country = "CN";
  g_assert_true (hub_store_upsert_author (store, &edited, "user", &error));
  country = query_text (store, "SELECT country FROM authors WHERE author = 'Qwen'");
  g_assert_cmpstr (country, ==, "CN");
  g_assert_cmpint (count_rows (hub_store_get_db (store), "authors"), ==, 1);
}

static void
test_taxonomy (void)
{
  g_autofree char *path = tmp_db ("taxonomy.db");
  g_autofree char *pipelines_path = hub_test_dataset_path ("taxonomy/pipelines.json");
  g_autofree char *libraries_path = hub_test_dataset_path ("taxonomy/model_libraries.json");
  g_autoptr(HubStore) store = open_store (path);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *rule = NULL;
  g_autofree char *name = NULL;
  JsonArray *array;

  json_parser_load_from_mapped_file (parser, pipelines_path, &error);
  g_assert_no_error (error);
  array = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "pipelines");
  g_assert_true (hub_store_begin (store, &error));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);

      g_assert_true (hub_store_upsert_task (store, member_string (o, "id"), member_string (o, "name"),
                                            member_string (o, "modality"), &error));
    }
  /* Twice: an update, not a second row. */
  g_assert_true (hub_store_upsert_task (store, "text-generation", "Text Generation", "nlp", &error));
  g_assert_cmpint (count_rows (hub_store_get_db (store), "tasks"), ==, json_array_get_length (array));

  json_parser_load_from_mapped_file (parser, libraries_path, &error);
  g_assert_no_error (error);
  array = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "libraries");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);

      g_assert_true (hub_store_upsert_library (store, member_string (o, "key"),
                                               member_string (o, "prettyLabel"),
                                               member_string (o, "repoUrl"),
                                               member_string (o, "docsUrl"),
                                               member_string (o, "countDownloads"), &error));
      g_assert_no_error (error);
    }
  g_assert_true (hub_store_commit (store, &error));
  g_assert_cmpint (count_rows (hub_store_get_db (store), "libraries"), ==, json_array_get_length (array));

  rule = query_text (store, "SELECT count_rule FROM libraries WHERE id = 'acestep'");
  g_assert_cmpstr (rule, ==, "path:\"ace_step_transformer/config.json\"");
  g_assert_true (query_is_null (store, "SELECT count_rule FROM libraries WHERE id = 'transformers'"));
  name = query_text (store, "SELECT modality FROM tasks WHERE id = 'text-generation'");
  g_assert_cmpstr (name, ==, "nlp");
}

static void
test_settings (void)
{
  g_autofree char *path = tmp_db ("settings.db");
  g_autoptr(GError) error = NULL;
  char *value;
  HubStore *store = open_store (path);

  g_assert_null (hub_store_get_setting (store, "sync.last"));
  g_assert_true (hub_store_set_setting (store, "sync.last", "2026-08-22T20:00:00Z", &error));
  g_assert_true (hub_store_set_setting (store, "sync.last", "2026-08-23T20:00:00Z", &error));
  g_assert_true (hub_store_set_setting (store, "empty", "", &error));
  g_assert_no_error (error);
  g_object_unref (store);

  store = open_store (path);
  value = hub_store_get_setting (store, "sync.last");
  g_assert_cmpstr (value, ==, "2026-08-23T20:00:00Z");
  g_free (value);
  value = hub_store_get_setting (store, "empty");
  g_assert_cmpstr (value, ==, "");
  g_free (value);
  g_assert_true (hub_store_set_setting (store, "sync.last", NULL, &error));
  g_assert_null (hub_store_get_setting (store, "sync.last"));
  g_object_unref (store);
}

static void
test_full (void)
{
  g_autofree char *path = tmp_db ("full.db");
  g_autoptr(HubStore) store = open_store (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(HubModelEntry) kept = real_entry ("Qwen/Qwen3.8-27B");
  g_autoptr(HubModelEntry) back = NULL;
  gint64 pages;
  g_autofree char *limit = NULL;
  guint i;

  upsert (store, kept, TRUE);
  pages = query_int (store, "PRAGMA page_count");
  limit = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT, pages + 8);
  g_assert_cmpint (sqlite3_exec (hub_store_get_db (store), limit, NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_true (hub_store_begin (store, &error));
  for (i = 0; i < dataset->objects->len; i++)
    {
      g_autoptr(HubModelEntry) entry = entry_from_object (g_ptr_array_index (dataset->objects, i));

      if (!hub_store_upsert_model (store, entry, NULL, &error))
        break;
    }
  g_assert_cmpuint (i, <, dataset->objects->len);
  g_assert_error (error, HUB_STORE_ERROR, HUB_STORE_ERROR_FULL);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "disk is full"));
  g_assert_nonnull (strstr (error->message, "Could not save"));
  hub_store_rollback (store);

  g_assert_cmpint (count_rows (hub_store_get_db (store), "models"), ==, 1);
  back = hub_store_get_model (store, kept->id, NULL);
  assert_entry_equal (back, kept);
}

static void
test_busy (void)
{
  g_autofree char *path = tmp_db ("busy.db");
  g_autoptr(HubStore) store = open_store (path);
  g_autoptr(GError) error = NULL;
  sqlite3 *other = NULL;

  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  /* Do not wait the full five seconds in a test. */
  sqlite3_busy_timeout (hub_store_get_db (store), 20);
  g_assert_false (hub_store_begin (store, &error));
  g_assert_error (error, HUB_STORE_ERROR, HUB_STORE_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "another program"));
  g_clear_error (&error);

  sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (other);
  g_assert_true (hub_store_begin (store, &error));
  g_assert_true (hub_store_commit (store, &error));
  g_assert_no_error (error);
}

static void
test_error_mapping (void)
{
  static const struct {
    int rc;
    HubStoreError code;
  } cases[] = {
    { SQLITE_BUSY, HUB_STORE_ERROR_BUSY },
    { SQLITE_BUSY_SNAPSHOT, HUB_STORE_ERROR_BUSY },
    { SQLITE_LOCKED, HUB_STORE_ERROR_BUSY },
    { SQLITE_FULL, HUB_STORE_ERROR_FULL },
    { SQLITE_READONLY, HUB_STORE_ERROR_READ_ONLY },
    { SQLITE_READONLY_DBMOVED, HUB_STORE_ERROR_READ_ONLY },
    { SQLITE_CANTOPEN, HUB_STORE_ERROR_OPEN },
    { SQLITE_PERM, HUB_STORE_ERROR_OPEN },
    { SQLITE_NOTADB, HUB_STORE_ERROR_CORRUPT },
    { SQLITE_CORRUPT, HUB_STORE_ERROR_CORRUPT },
    { SQLITE_CONSTRAINT, HUB_STORE_ERROR_FAILED },
    { SQLITE_IOERR_WRITE, HUB_STORE_ERROR_FAILED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      hub_store_set_error_from_sqlite (NULL, cases[i].rc, "Could not do the thing", &error);
      g_assert_error (error, HUB_STORE_ERROR, (int) cases[i].code);
      g_assert_true (g_str_has_prefix (error->message, "Could not do the thing: "));
      g_assert_nonnull (strstr (error->message, sqlite3_errstr (cases[i].rc)));
    }
}

/* A new database and its WAL are the user's alone (0600, in a 0700
 * folder); an existing file keeps its mode (issue 22, item 13). */
static void
test_permissions (void)
{
  g_autofree char *dir = hub_test_tmpdir ();
  g_autofree char *folder = g_build_filename (dir, "new-folder", NULL);
  g_autofree char *path = g_build_filename (folder, "hubeco.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *existing = g_build_filename (dir, "existing.db", NULL);
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  {
    g_autoptr(HubStore) store = hub_store_open (path, &error);

    g_assert_no_error (error);
    g_assert_true (hub_store_set_setting (store, "test.key", "value", &error));
    g_assert_no_error (error);
    g_assert_cmpint (g_stat (folder, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0700);
    g_assert_cmpint (g_stat (path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    g_assert_cmpint (g_stat (wal, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }

  {
    g_autoptr(HubStore) first = hub_store_open (existing, &error);

    g_assert_no_error (error);
  }
  g_assert_cmpint (g_chmod (existing, 0644), ==, 0);
  {
    g_autoptr(HubStore) again = hub_store_open (existing, &error);

    g_assert_no_error (error);
    g_assert_cmpint (g_stat (existing, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0644);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  load_dataset ();

  g_test_add_func ("/store/permissions", test_permissions);
  g_test_add_func ("/store/create-reopen", test_create_reopen);
  g_test_add_func ("/store/default-path", test_default_path);
  g_test_add_func ("/store/migrate-v1", test_migrate_v1);
  g_test_add_func ("/store/too-new", test_too_new);
  g_test_add_func ("/store/corrupt", test_corrupt);
  g_test_add_func ("/store/cannot-open", test_cannot_open);
  g_test_add_func ("/store/read-only", test_read_only);
  g_test_add_func ("/store/read-only-needs-upgrade", test_read_only_needs_upgrade);
  g_test_add_func ("/store/upsert-keeps-fields", test_upsert_keeps_fields);
  g_test_add_func ("/store/upsert-all-real", test_upsert_all_real);
  g_test_add_func ("/store/cascade", test_cascade);
  g_test_add_func ("/store/snapshot-rollback", test_snapshot_rollback);
  g_test_add_func ("/store/snapshot-unfinished", test_snapshot_unfinished);
  g_test_add_func ("/store/packed-snapshots", test_packed_snapshots);
  g_test_add_func ("/store/packed-reader", test_packed_reader);
  g_test_add_func ("/store/authors", test_authors);
  g_test_add_func ("/store/taxonomy", test_taxonomy);
  g_test_add_func ("/store/settings", test_settings);
  g_test_add_func ("/store/full", test_full);
  g_test_add_func ("/store/busy", test_busy);
  g_test_add_func ("/store/error-mapping", test_error_mapping);

  return g_test_run ();
}
