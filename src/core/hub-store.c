/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-store"

#include "config.h"

#include "hub-store.h"
#include "hub-store-private.h"
#include "hub-snapshot-pack.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>

/* Statements used on hot paths, prepared once per connection. */
typedef enum {
  STMT_BEGIN,
  STMT_COMMIT,
  STMT_MODEL_EXISTS,
  STMT_MODEL_UPSERT,
  STMT_TAGS_SELECT,
  STMT_TAGS_DELETE,
  STMT_TAG_INSERT,
  STMT_LINEAGE_SELECT,
  STMT_LINEAGE_DELETE,
  STMT_LINEAGE_INSERT,
  STMT_SNAPSHOT_BEGIN,
  STMT_SNAPSHOT_ADD,
  STMT_SNAPSHOT_FINISH,
  STMT_SNAPSHOT_FIND,
  STMT_AUTHOR_UPSERT,
  STMT_TASK_UPSERT,
  STMT_LIBRARY_UPSERT,
  STMT_SETTING_GET,
  STMT_SETTING_SET,
  STMT_SETTING_DELETE,
  STMT_IS_EMPTY,
  N_STMTS
} StmtId;

static const char * const stmt_sql[N_STMTS] = {
  [STMT_BEGIN] = "BEGIN IMMEDIATE",
  [STMT_COMMIT] = "COMMIT",
  [STMT_MODEL_EXISTS] = "SELECT 1 FROM models WHERE id = ?1",
  [STMT_MODEL_UPSERT] =
    "INSERT INTO models (id, author, created_at, last_modified, pipeline_tag,"
    " library_name, gated, license, parameters, parameters_source, used_storage,"
    " children_count, lineage_source, downloads, downloads_all_time, likes,"
    " trending_score, first_seen, updated_at, model_type, card_first_parent)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,"
    " ?16, ?17, ?18, ?18, ?19, ?20)"
    " ON CONFLICT (id) DO UPDATE SET"
    " author = COALESCE (excluded.author, models.author),"
    " created_at = COALESCE (excluded.created_at, models.created_at),"
    " last_modified = COALESCE (excluded.last_modified, models.last_modified),"
    " pipeline_tag = COALESCE (excluded.pipeline_tag, models.pipeline_tag),"
    " library_name = COALESCE (excluded.library_name, models.library_name),"
    " gated = COALESCE (excluded.gated, models.gated),"
    " license = COALESCE (excluded.license, models.license),"
    " parameters = COALESCE (excluded.parameters, models.parameters),"
    " parameters_source = COALESCE (excluded.parameters_source, models.parameters_source),"
    " used_storage = COALESCE (excluded.used_storage, models.used_storage),"
    " children_count = COALESCE (excluded.children_count, models.children_count),"
    " lineage_source = COALESCE (excluded.lineage_source, models.lineage_source),"
    " downloads = COALESCE (excluded.downloads, models.downloads),"
    " downloads_all_time = COALESCE (excluded.downloads_all_time, models.downloads_all_time),"
    " likes = COALESCE (excluded.likes, models.likes),"
    " trending_score = COALESCE (excluded.trending_score, models.trending_score),"
    " model_type = COALESCE (excluded.model_type, models.model_type),"
    " card_first_parent = COALESCE (excluded.card_first_parent, models.card_first_parent),"
    " updated_at = excluded.updated_at",
  [STMT_TAGS_SELECT] = "SELECT tag FROM tags WHERE model_id = ?1 ORDER BY tag",
  [STMT_TAGS_DELETE] = "DELETE FROM tags WHERE model_id = ?1",
  [STMT_TAG_INSERT] = "INSERT OR IGNORE INTO tags (model_id, tag) VALUES (?1, ?2)",
  [STMT_LINEAGE_SELECT] =
    "SELECT parent, relation FROM lineage WHERE child = ?1 ORDER BY position",
  [STMT_LINEAGE_DELETE] = "DELETE FROM lineage WHERE child = ?1",
  [STMT_LINEAGE_INSERT] =
    "INSERT INTO lineage (child, parent, relation, position) VALUES (?1, ?2, ?3, ?4)",
  [STMT_SNAPSHOT_BEGIN] =
    "INSERT INTO snapshots (series, source, captured_at, complete, carry_forward)"
    " VALUES (?1, ?2, ?3, 0, ?4)",
  [STMT_SNAPSHOT_ADD] =
    "INSERT OR REPLACE INTO snapshot_rows (snapshot_id, model_id, downloads,"
    " downloads_all_time, likes, trending_score, rank)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
  [STMT_SNAPSHOT_FINISH] = "UPDATE snapshots SET complete = 1 WHERE id = ?1",
  [STMT_SNAPSHOT_FIND] =
    "SELECT id FROM snapshots WHERE series = ?1 AND captured_at = ?2"
    " ORDER BY id DESC LIMIT 1",
  [STMT_AUTHOR_UPSERT] =
    "INSERT INTO authors (author, display_name, grp, country, org_type,"
    " confidence, evidence, origin) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
    " ON CONFLICT (author) DO UPDATE SET"
    " display_name = excluded.display_name, grp = excluded.grp,"
    " country = excluded.country, org_type = excluded.org_type,"
    " confidence = excluded.confidence, evidence = excluded.evidence,"
    " origin = excluded.origin"
    " WHERE authors.origin <> 'user' OR excluded.origin = 'user'",
  [STMT_TASK_UPSERT] =
    "INSERT INTO tasks (id, name, modality) VALUES (?1, ?2, ?3)"
    " ON CONFLICT (id) DO UPDATE SET name = excluded.name, modality = excluded.modality",
  [STMT_LIBRARY_UPSERT] =
    "INSERT INTO libraries (id, label, repo_url, docs_url, count_rule)"
    " VALUES (?1, ?2, ?3, ?4, ?5)"
    " ON CONFLICT (id) DO UPDATE SET label = excluded.label,"
    " repo_url = excluded.repo_url, docs_url = excluded.docs_url,"
    " count_rule = excluded.count_rule",
  [STMT_SETTING_GET] = "SELECT value FROM settings WHERE key = ?1",
  [STMT_SETTING_SET] =
    "INSERT INTO settings (key, value) VALUES (?1, ?2)"
    " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  [STMT_SETTING_DELETE] = "DELETE FROM settings WHERE key = ?1",
  [STMT_IS_EMPTY] = "SELECT NOT EXISTS (SELECT 1 FROM models)",
};

struct _HubStore
{
  GObject       parent_instance;

  char         *path;
  sqlite3      *db;
  int           schema_version;
  sqlite3_stmt *stmts[N_STMTS];
  GHashTable   *cached;          /* SQL text → sqlite3_stmt*, hub_store_prepare() */
};

G_DEFINE_FINAL_TYPE (HubStore, hub_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (hub-store-error-quark, hub_store_error)

static void
hub_store_finalize (GObject *object)
{
  HubStore *self = HUB_STORE (object);

  for (guint i = 0; i < N_STMTS; i++)
    g_clear_pointer (&self->stmts[i], sqlite3_finalize);
  g_clear_pointer (&self->cached, g_hash_table_unref);
  if (self->db != NULL)
    {
      if (!sqlite3_get_autocommit (self->db))
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (hub_store_parent_class)->finalize (object);
}

static void
hub_store_class_init (HubStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hub_store_finalize;
}

static void
stmt_free (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
hub_store_init (HubStore *self)
{
  self->cached = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, stmt_free);
}

/* Errors */

static HubStoreError
error_code_from_sqlite (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return HUB_STORE_ERROR_BUSY;
    case SQLITE_FULL:
      return HUB_STORE_ERROR_FULL;
    case SQLITE_READONLY:
      return HUB_STORE_ERROR_READ_ONLY;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return HUB_STORE_ERROR_OPEN;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return HUB_STORE_ERROR_CORRUPT;
    default:
      return HUB_STORE_ERROR_FAILED;
    }
}

static const char *
plain_reason (HubStoreError code)
{
  switch (code)
    {
    case HUB_STORE_ERROR_BUSY:
      return _("another program is using the database; try again in a moment");
    case HUB_STORE_ERROR_FULL:
      return _("the disk is full or the database reached its size limit");
    case HUB_STORE_ERROR_READ_ONLY:
      return _("the database is read-only (check the file and folder permissions)");
    case HUB_STORE_ERROR_OPEN:
      return _("the file cannot be opened or created (check the path and its permissions)");
    case HUB_STORE_ERROR_CORRUPT:
      return _("the file is not a HubEco database or is damaged");
    case HUB_STORE_ERROR_TOO_NEW:
      return _("the database was written by a newer version of HubEco");
    case HUB_STORE_ERROR_FAILED:
    default:
      return _("the database reported an error");
    }
}

/**
 * hub_store_set_error_from_sqlite:
 * @self: (nullable): the store, for SQLite's own message
 * @rc: an SQLite result code (primary or extended)
 * @what: what was being done, e.g. "Could not save model “x”"
 *
 * Sets @error to "<what>: <plain reason> (SQLite: <message>)" in the
 * HubStoreError domain matching @rc.
 */
void
hub_store_set_error_from_sqlite (HubStore   *self,
                                 int         rc,
                                 const char *what,
                                 GError    **error)
{
  HubStoreError code = error_code_from_sqlite (rc);
  const char *detail = NULL;

  if (self != NULL && self->db != NULL && sqlite3_errcode (self->db) != SQLITE_OK)
    detail = sqlite3_errmsg (self->db);
  if (detail == NULL)
    detail = sqlite3_errstr (rc);

  g_set_error (error, HUB_STORE_ERROR, code, "%s: %s (SQLite: %s)",
               what, plain_reason (code), detail);
}

/* Returns the cached statement @id, reset and with its bindings cleared. */
static sqlite3_stmt *
get_stmt (HubStore  *self,
          StmtId     id,
          GError   **error)
{
  sqlite3_stmt *stmt = self->stmts[id];

  if (G_LIKELY (stmt != NULL))
    return stmt;

  {
    int rc = sqlite3_prepare_v3 (self->db, stmt_sql[id], -1,
                                 SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
    if (rc != SQLITE_OK)
      {
        g_autofree char *what = g_strdup_printf (_("Could not prepare a query on %s"),
                                                 self->path);
        hub_store_set_error_from_sqlite (self, rc, what, error);
        return NULL;
      }
  }

  self->stmts[id] = stmt;
  return stmt;
}

/* Steps @stmt to completion (a write), resets it and clears its bindings. */
static int
step_done (sqlite3_stmt *stmt)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      ;
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static void
finish_stmt (sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

static inline void
bind_text (sqlite3_stmt *stmt,
           int           i,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, i, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, i);
}

static inline void
bind_count (sqlite3_stmt *stmt,
            int           i,
            gint64        value)
{
  if (value != HUB_COUNT_NONE)
    sqlite3_bind_int64 (stmt, i, value);
  else
    sqlite3_bind_null (stmt, i);
}

static inline void
bind_time (sqlite3_stmt *stmt,
           int           i,
           gint64        value)
{
  if (value != HUB_TIME_NONE)
    sqlite3_bind_int64 (stmt, i, value);
  else
    sqlite3_bind_null (stmt, i);
}

/* Opening and migrating */

/**
 * hub_store_default_path:
 *
 * Returns: (transfer full): $XDG_DATA_HOME/hubeco/hubeco.db
 */
char *
hub_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "hubeco", "hubeco.db", NULL);
}

static gboolean
query_int (HubStore    *self,
           const char  *sql,
           gint64      *out_value,
           const char  *what,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *out_value = sqlite3_column_int64 (stmt, 0);
          return TRUE;
        }
    }
  hub_store_set_error_from_sqlite (self, rc, what, error);
  return FALSE;
}

static gboolean
exec_sql (HubStore    *self,
          const char  *sql,
          const char  *what,
          GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      hub_store_set_error_from_sqlite (self, rc, what, error);
      return FALSE;
    }
  return TRUE;
}

/* Reads the header fields and decides whether this file is ours. Reads only:
 * a file we refuse is left byte for byte as it was. */
static gboolean
check_identity (HubStore  *self,
                int       *out_version,
                GError   **error)
{
  g_autofree char *what = g_strdup_printf (_("Could not open the database %s"), self->path);
  gint64 version = 0, app_id = 0, n_objects = 0;

  if (!query_int (self, "PRAGMA user_version", &version, what, error) ||
      !query_int (self, "PRAGMA application_id", &app_id, what, error) ||
      !query_int (self, "SELECT count(*) FROM sqlite_schema", &n_objects, what, error))
    return FALSE;

  if ((app_id != 0 && app_id != HUB_STORE_APPLICATION_ID) ||
      (version == 0 && n_objects > 0) ||
      (version > 0 && n_objects == 0) ||
      version < 0)
    {
      g_set_error (error, HUB_STORE_ERROR, HUB_STORE_ERROR_CORRUPT,
                   _("%s: the file is an SQLite database of another program, "
                     "not a HubEco database"), what);
      return FALSE;
    }

  if (version > HUB_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, HUB_STORE_ERROR, HUB_STORE_ERROR_TOO_NEW,
                   _("%s: it was written by a newer version of HubEco (schema %d; "
                     "this version reads up to schema %d). Update HubEco, or use "
                     "another file with --db."),
                   what, (int) version, HUB_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  *out_version = (int) version;
  return TRUE;
}

static gboolean
migrate (HubStore  *self,
         int        from,
         GError   **error)
{
  guint n_steps;
  const char * const *steps = hub_store_schema_get_steps (&n_steps);
  g_autofree char *what = NULL;

  if ((guint) from >= n_steps)
    return TRUE;

  what = g_strdup_printf (_("Could not upgrade the database %s from schema %d to %u"),
                          self->path, from, n_steps);

  /* All steps in one transaction: the file is either fully upgraded or
   * untouched. */
  if (!exec_sql (self, "BEGIN IMMEDIATE", what, error))
    return FALSE;

  for (guint i = from; i < n_steps; i++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %u", i + 1);

      if (!exec_sql (self, steps[i], what, error) ||
          !exec_sql (self, set_version, what, error))
        {
          hub_store_rollback (self);
          return FALSE;
        }
    }

  if (!exec_sql (self, "COMMIT", what, error))
    {
      hub_store_rollback (self);
      return FALSE;
    }

  g_debug ("Upgraded %s from schema %d to %u", self->path, from, n_steps);
  return TRUE;
}

/* Complete snapshots without a packed copy (a file from schema 2) are
 * packed once here. A failure (a busy or full disk) loses nothing: the
 * snapshots are read from their rows until a later open packs them. */
static void
pack_missing (HubStore *self)
{
  g_autoptr(GError) error = NULL;
  guint n_packed = 0;

  if (!hub_snapshot_pack_missing (self, &n_packed, &error))
    g_debug ("%s: packed %u snapshots, then: %s", self->path, n_packed, error->message);
  else if (n_packed > 0)
    g_debug ("%s: packed %u snapshots", self->path, n_packed);
}

static HubStore *
open_internal (const char  *path,
               gboolean     read_only,
               GError     **error)
{
  g_autoptr(HubStore) self = NULL;
  g_autofree char *what = NULL;
  int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  int version = 0;
  int rc;

  self = g_object_new (HUB_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  what = g_strdup_printf (_("Could not open the database %s"), path);

  if (read_only)
    flags |= SQLITE_OPEN_READONLY;
  else
    {
      g_autofree char *dir = g_path_get_dirname (path);

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, HUB_STORE_ERROR,
                       saved_errno == EROFS || saved_errno == EACCES
                         ? HUB_STORE_ERROR_READ_ONLY : HUB_STORE_ERROR_OPEN,
                       _("%s: cannot create the folder %s (%s)"),
                       what, dir, g_strerror (saved_errno));
          return NULL;
        }
      flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;

      /* A new database is the user's alone (it may hold sync cursors and
       * watch lists): created 0600, and SQLite gives its -wal and -shm
       * files the same mode. An existing file keeps its mode. */
      {
        int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

        if (fd >= 0)
          close (fd);
      }

      /* On a read-only mount or without write permission SQLite only says
       * that it cannot open the file (WAL mode creates -wal and -shm files
       * beside it), so tell the user what is wrong here. */
      if (g_file_test (path, G_FILE_TEST_EXISTS) &&
          (g_access (path, W_OK) != 0 || g_access (dir, W_OK) != 0) &&
          (errno == EROFS || errno == EACCES || errno == EPERM))
        {
          g_set_error (error, HUB_STORE_ERROR, HUB_STORE_ERROR_READ_ONLY, "%s: %s (%s)",
                       what, plain_reason (HUB_STORE_ERROR_READ_ONLY), g_strerror (errno));
          return NULL;
        }
    }

  rc = sqlite3_open_v2 (path, &self->db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      hub_store_set_error_from_sqlite (self, rc, what, error);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);

  if (!check_identity (self, &version, error))
    return NULL;

  if (!read_only && sqlite3_db_readonly (self->db, "main") == 1)
    {
      hub_store_set_error_from_sqlite (self, SQLITE_READONLY, what, error);
      return NULL;
    }

  if (read_only && version < HUB_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, HUB_STORE_ERROR, HUB_STORE_ERROR_READ_ONLY,
                   _("%s: it uses schema %d and must be upgraded to schema %d, "
                     "which a read-only open cannot do"),
                   what, version, HUB_STORE_SCHEMA_VERSION);
      return NULL;
    }

  if (!exec_sql (self, "PRAGMA foreign_keys = ON", what, error))
    return NULL;

  if (!read_only)
    {
      if (!exec_sql (self, "PRAGMA journal_mode = WAL", what, error) ||
          !exec_sql (self, "PRAGMA synchronous = NORMAL", what, error) ||
          !exec_sql (self, "PRAGMA cache_size = -32768", what, error))
        return NULL;
      if (!migrate (self, version, error))
        return NULL;
      version = HUB_STORE_SCHEMA_VERSION;
      self->schema_version = version;
      pack_missing (self);
    }
  else if (!exec_sql (self, "PRAGMA query_only = ON", what, error))
    return NULL;

  self->schema_version = version;
  return g_steal_pointer (&self);
}

/**
 * hub_store_open:
 * @path: the database file (see hub_store_default_path())
 *
 * Opens @path, creating it and its folder if needed, and migrates it forward
 * to %HUB_STORE_SCHEMA_VERSION. A file written by a later HubEco gives
 * %HUB_STORE_ERROR_TOO_NEW and is left untouched; a file that is not a
 * HubEco database gives %HUB_STORE_ERROR_CORRUPT.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
HubStore *
hub_store_open (const char  *path,
                GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return open_internal (path, FALSE, error);
}

/**
 * hub_store_open_read_only:
 * @path: an existing database file at %HUB_STORE_SCHEMA_VERSION
 *
 * Opens @path for reading only: nothing is created or migrated, and every
 * write fails with %HUB_STORE_ERROR_READ_ONLY.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
HubStore *
hub_store_open_read_only (const char  *path,
                          GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return open_internal (path, TRUE, error);
}

const char *
hub_store_get_path (HubStore *self)
{
  g_return_val_if_fail (HUB_IS_STORE (self), NULL);
  return self->path;
}

sqlite3 *
hub_store_get_db (HubStore *self)
{
  g_return_val_if_fail (HUB_IS_STORE (self), NULL);
  return self->db;
}

int
hub_store_get_schema_version (HubStore *self)
{
  g_return_val_if_fail (HUB_IS_STORE (self), 0);
  return self->schema_version;
}

/**
 * hub_store_prepare:
 * @sql: one SQL statement
 *
 * Returns a statement for @sql prepared once per store and kept until the
 * store is freed (keyed by the text of @sql). The caller binds, steps, and
 * must sqlite3_reset() it when done; it must not finalize it. Do not use the
 * same text in two places at once.
 *
 * Returns: (transfer none): the statement, or %NULL with @error set
 */
sqlite3_stmt *
hub_store_prepare (HubStore    *self,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HUB_IS_STORE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  stmt = g_hash_table_lookup (self->cached, sql);
  if (stmt != NULL)
    return stmt;

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      g_autofree char *what = g_strdup_printf (_("Could not prepare a query on %s"),
                                               self->path);
      hub_store_set_error_from_sqlite (self, rc, what, error);
      return NULL;
    }
  g_hash_table_insert (self->cached, g_strdup (sql), stmt);
  return stmt;
}

/* Transactions */

gboolean
hub_store_begin (HubStore  *self,
                 GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HUB_IS_STORE (self), FALSE);

  if ((stmt = get_stmt (self, STMT_BEGIN, error)) == NULL)
    return FALSE;
  rc = step_done (stmt);
  if (rc != SQLITE_OK)
    {
      g_autofree char *what = g_strdup_printf (_("Could not start writing to %s"), self->path);
      hub_store_set_error_from_sqlite (self, rc, what, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
hub_store_commit (HubStore  *self,
                  GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HUB_IS_STORE (self), FALSE);

  if ((stmt = get_stmt (self, STMT_COMMIT, error)) == NULL)
    return FALSE;
  rc = step_done (stmt);
  if (rc != SQLITE_OK)
    {
      g_autofree char *what = g_strdup_printf (_("Could not save the changes to %s"), self->path);
      hub_store_set_error_from_sqlite (self, rc, what, error);
      return FALSE;
    }
  return TRUE;
}

/**
 * hub_store_rollback:
 *
 * Undoes the open transaction, if any. Never fails loudly: SQLite may already
 * have rolled back after an error such as a full disk.
 */
void
hub_store_rollback (HubStore *self)
{
  g_return_if_fail (HUB_IS_STORE (self));

  if (self->db == NULL || sqlite3_get_autocommit (self->db))
    return;
  /* Pending statements would make ROLLBACK fail with SQLITE_BUSY on old
   * SQLite versions; ours are always reset after use. */
  if (sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL) != SQLITE_OK)
    g_debug ("ROLLBACK on %s: %s", self->path, sqlite3_errmsg (self->db));
}

gboolean
hub_store_is_empty (HubStore *self)
{
  sqlite3_stmt *stmt;
  gboolean empty = TRUE;

  g_return_val_if_fail (HUB_IS_STORE (self), TRUE);

  if ((stmt = get_stmt (self, STMT_IS_EMPTY, NULL)) == NULL)
    return TRUE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    empty = sqlite3_column_int (stmt, 0) != 0;
  finish_stmt (stmt);
  return empty;
}

/* Models */

static const char *
relation_for_lineage (HubRelation relation)
{
  /* "base" (NONE) is not a relation to a parent. */
  if (relation == HUB_RELATION_NONE || relation >= HUB_N_RELATIONS)
    return "unknown";
  return hub_relation_to_string (relation);
}

static gboolean
model_fail (HubStore    *self,
            int          rc,
            const char  *model_id,
            const char  *doing,
            GError     **error)
{
  g_autofree char *what = g_strdup_printf (_("Could not save %s of model %s"), doing, model_id);

  hub_store_set_error_from_sqlite (self, rc, what, error);
  return FALSE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Whether the stored tags of @model_id are exactly @tags (as a set). Most
 * updates change no tag; comparing reads a few rows instead of rewriting
 * them. Returns -1 on a database error (in *rc). */
static int
tags_unchanged (HubStore   *self,
                const char *model_id,
                GPtrArray  *tags,
                int        *rc,
                GError    **error)
{
  g_autofree const char **sorted = g_new (const char *, tags->len);
  sqlite3_stmt *stmt;
  guint n = 0, i = 0;
  int same = 1;

  for (guint j = 0; j < tags->len; j++)
    if (g_ptr_array_index (tags, j) != NULL)
      sorted[n++] = g_ptr_array_index (tags, j);
  qsort (sorted, n, sizeof (char *), compare_strings);
  /* The table holds each tag once. */
  if (n > 1)
    {
      guint m = 1;

      for (guint j = 1; j < n; j++)
        if (strcmp (sorted[j], sorted[m - 1]) != 0)
          sorted[m++] = sorted[j];
      n = m;
    }

  if ((stmt = get_stmt (self, STMT_TAGS_SELECT, error)) == NULL)
    return -2;
  sqlite3_bind_text (stmt, 1, model_id, -1, SQLITE_STATIC);
  while ((*rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (i >= n || strcmp (sorted[i++], (const char *) sqlite3_column_text (stmt, 0)) != 0)
      {
        same = 0;
        break;
      }
  if (same && *rc != SQLITE_DONE)
    same = -1;
  else if (same && i < n)
    same = 0;
  finish_stmt (stmt);
  return same;
}

/* Whether the stored parents of @model_id are exactly @parents, in order. */
static int
parents_unchanged (HubStore   *self,
                   const char *model_id,
                   GArray     *parents,
                   int        *rc,
                   GError    **error)
{
  sqlite3_stmt *stmt;
  guint i = 0;
  int same = 1;

  if ((stmt = get_stmt (self, STMT_LINEAGE_SELECT, error)) == NULL)
    return -2;
  sqlite3_bind_text (stmt, 1, model_id, -1, SQLITE_STATIC);
  while (same && (*rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const HubParentRef *ref;

      while (i < parents->len && g_array_index (parents, HubParentRef, i).id == NULL)
        i++;
      if (i >= parents->len)
        {
          same = 0;
          break;
        }
      ref = &g_array_index (parents, HubParentRef, i++);
      if (strcmp (ref->id, (const char *) sqlite3_column_text (stmt, 0)) != 0 ||
          strcmp (relation_for_lineage (ref->relation),
                  (const char *) sqlite3_column_text (stmt, 1)) != 0)
        same = 0;
    }
  while (i < parents->len && g_array_index (parents, HubParentRef, i).id == NULL)
    i++;
  if (same && *rc != SQLITE_DONE)
    same = -1;
  else if (same && i < parents->len)
    same = 0;
  finish_stmt (stmt);
  return same;
}

/**
 * hub_store_upsert_model:
 * @out_was_new: (out) (optional): TRUE when the model was not stored before
 *
 * Inserts or updates a model, its tags and its lineage edges. A field that
 * @entry does not know (NULL / NONE) keeps the stored value; tags and parents
 * are replaced only when @entry has any. Call inside hub_store_begin() /
 * hub_store_commit() for speed; on error, roll back the transaction.
 */
gboolean
hub_store_upsert_model (HubStore             *self,
                        const HubModelEntry  *entry,
                        gboolean             *out_was_new,
                        GError              **error)
{
  sqlite3_stmt *stmt;
  gboolean was_new = TRUE;
  gboolean has_tags, has_parents;
  const char *param_source = NULL;
  int rc;

  g_return_val_if_fail (HUB_IS_STORE (self), FALSE);
  g_return_val_if_fail (entry != NULL, FALSE);
  g_return_val_if_fail (entry->id != NULL, FALSE);

  has_tags = entry->tags != NULL && entry->tags->len > 0;
  has_parents = entry->parents != NULL && entry->parents->len > 0;

  /* Knowing whether the row exists also spares the deletes of a new model. */
  if (out_was_new != NULL || has_tags || has_parents)
    {
      if ((stmt = get_stmt (self, STMT_MODEL_EXISTS, error)) == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, entry->id, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      finish_stmt (stmt);
      if (rc == SQLITE_ROW)
        was_new = FALSE;
      else if (rc != SQLITE_DONE)
        return model_fail (self, rc, entry->id, _("the fields"), error);
    }

  if (entry->parameters != HUB_COUNT_NONE)
    param_source = hub_param_source_to_string (entry->parameters_source);

  if ((stmt = get_stmt (self, STMT_MODEL_UPSERT, error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, entry->id, -1, SQLITE_STATIC);
  bind_text (stmt, 2, entry->author);
  bind_time (stmt, 3, entry->created_at);
  bind_time (stmt, 4, entry->last_modified);
  bind_text (stmt, 5, entry->pipeline_tag);
  bind_text (stmt, 6, entry->library_name);
  bind_text (stmt, 7, entry->gated);
  bind_text (stmt, 8, entry->license);
  bind_count (stmt, 9, entry->parameters);
  bind_text (stmt, 10, param_source);
  bind_count (stmt, 11, entry->used_storage);
  bind_count (stmt, 12, entry->children_count);
  bind_text (stmt, 13, has_parents
                       ? hub_store_lineage_source_to_string (entry->lineage_source)
                       : NULL);
  bind_count (stmt, 14, entry->downloads);
  bind_count (stmt, 15, entry->downloads_all_time);
  bind_count (stmt, 16, entry->likes);
  bind_count (stmt, 17, entry->trending_score);
  sqlite3_bind_int64 (stmt, 18, g_get_real_time () / G_USEC_PER_SEC);
  bind_text (stmt, 19, entry->model_type);
  bind_text (stmt, 20, entry->card_first_parent);
  if ((rc = step_done (stmt)) != SQLITE_OK)
    return model_fail (self, rc, entry->id, _("the fields"), error);

  if (has_tags && !was_new)
    {
      int same = tags_unchanged (self, entry->id, entry->tags, &rc, error);

      if (same == -2)
        return FALSE;
      if (same == -1)
        return model_fail (self, rc, entry->id, _("the tags"), error);
      has_tags = !same;
    }

  if (has_tags)
    {
      if (!was_new)
        {
          if ((stmt = get_stmt (self, STMT_TAGS_DELETE, error)) == NULL)
            return FALSE;
          sqlite3_bind_text (stmt, 1, entry->id, -1, SQLITE_STATIC);
          if ((rc = step_done (stmt)) != SQLITE_OK)
            return model_fail (self, rc, entry->id, _("the tags"), error);
        }

      if ((stmt = get_stmt (self, STMT_TAG_INSERT, error)) == NULL)
        return FALSE;
      for (guint i = 0; i < entry->tags->len; i++)
        {
          const char *tag = g_ptr_array_index (entry->tags, i);

          if (tag == NULL)
            continue;
          sqlite3_bind_text (stmt, 1, entry->id, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 2, tag, -1, SQLITE_STATIC);
          if ((rc = step_done (stmt)) != SQLITE_OK)
            return model_fail (self, rc, entry->id, _("the tags"), error);
        }
    }

  if (has_parents && !was_new)
    {
      int same = parents_unchanged (self, entry->id, entry->parents, &rc, error);

      if (same == -2)
        return FALSE;
      if (same == -1)
        return model_fail (self, rc, entry->id, _("the parents"), error);
      has_parents = !same;
    }

  if (has_parents)
    {
      if (!was_new)
        {
          if ((stmt = get_stmt (self, STMT_LINEAGE_DELETE, error)) == NULL)
            return FALSE;
          sqlite3_bind_text (stmt, 1, entry->id, -1, SQLITE_STATIC);
          if ((rc = step_done (stmt)) != SQLITE_OK)
            return model_fail (self, rc, entry->id, _("the parents"), error);
        }

      if ((stmt = get_stmt (self, STMT_LINEAGE_INSERT, error)) == NULL)
        return FALSE;
      for (guint i = 0; i < entry->parents->len; i++)
        {
          const HubParentRef *ref = &g_array_index (entry->parents, HubParentRef, i);

          if (ref->id == NULL)
            continue;
          sqlite3_bind_text (stmt, 1, entry->id, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 2, ref->id, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 3, relation_for_lineage (ref->relation), -1, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, 4, i);
          if ((rc = step_done (stmt)) != SQLITE_OK)
            return model_fail (self, rc, entry->id, _("the parents"), error);
        }
    }

  if (out_was_new != NULL)
    *out_was_new = was_new;
  return TRUE;
}

/* Snapshots */

/**
 * hub_store_snapshot_begin:
 *
 * Returns: the new snapshot's id (> 0), marked incomplete, or 0 with @error set
 */
gint64
hub_store_snapshot_begin (HubStore    *self,
                          const char  *series,
                          const char  *source,
                          gint64       captured_at,
                          gboolean     carry_forward,
                          GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HUB_IS_STORE (self), 0);
  g_return_val_if_fail (series != NULL, 0);
  g_return_val_if_fail (source != NULL, 0);
  g_return_val_if_fail (captured_at != HUB_TIME_NONE, 0);

  if ((stmt = get_stmt (self, STMT_SNAPSHOT_BEGIN, error)) == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, series, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, source, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, captured_at);
  sqlite3_bind_int (stmt, 4, carry_forward ? 1 : 0);
  if ((rc = step_done (stmt)) != SQLITE_OK)
    {
      g_autofree char *what = g_strdup_printf (_("Could not start a snapshot of %s"), series);
      hub_store_set_error_from_sqlite (self, rc, what, error);
      return 0;
    }
  return sqlite3_last_insert_rowid (self->db);
}

/**
 * hub_store_snapshot_add:
 *
 * Records @model_id in the snapshot; a second call for the same model
 * replaces the first. %HUB_COUNT_NONE values are stored as unknown (NULL).
 */
gboolean
hub_store_snapshot_add (HubStore    *self,
                        gint64       snapshot_id,
                        const char  *model_id,
                        gint64       downloads,
                        gint64       downloads_all_time,
                        gint64       likes,
                        gint64       trending_score,
                        gint64       rank,
                        GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HUB_IS_STORE (self), FALSE);
  g_return_val_if_fail (snapshot_id > 0, FALSE);
  g_return_val_if_fail (model_id != NULL, FALSE);

  if ((stmt = get_stmt (self, STMT_SNAPSHOT_ADD, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, snapshot_id);
  sqlite3_bind_text (stmt, 2, model_id, -1, SQLITE_STATIC);
  bind_count (stmt, 3, downloads);
  bind_count (stmt, 4, downloads_all_time);
  bind_count (stmt, 5, likes);
  bind_count (stmt, 6, trending_score);
  bind_count (stmt, 7, rank);
  if ((rc = step_done (stmt)) != SQLITE_OK)
    {
      g_autofree char *what = g_strdup_printf (_("Could not add model %s to snapshot %lld"),
                                               model_id, (long long) snapshot_id);
      hub_store_set_error_from_sqlite (self, rc, what, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
hub_store_snapshot_finish (HubStore  *self,
                           gint64     snapshot_id,
                           GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HUB_IS_STORE (self), FALSE);

  if ((stmt = get_stmt (self, STMT_SNAPSHOT_FINISH, error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, snapshot_id);
  if ((rc = step_done (stmt)) != SQLITE_OK)
    {
      g_autofree char *what = g_strdup_printf (_("Could not mark snapshot %lld complete"),
                                               (long long) snapshot_id);
      hub_store_set_error_from_sqlite (self, rc, what, error);
      return FALSE;
    }
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, HUB_STORE_ERROR, HUB_STORE_ERROR_FAILED,
                   _("Could not mark snapshot %lld complete: there is no such snapshot"),
                   (long long) snapshot_id);
      return FALSE;
    }
  return hub_snapshot_pack (self, snapshot_id, error);
}

gint64
hub_store_snapshot_find (HubStore   *self,
                         const char *series,
                         gint64      captured_at)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (HUB_IS_STORE (self), 0);
  g_return_val_if_fail (series != NULL, 0);

  if ((stmt = get_stmt (self, STMT_SNAPSHOT_FIND, NULL)) == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, series, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, captured_at);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  finish_stmt (stmt);
  return id;
}

gboolean
hub_store_snapshot_is_complete (HubStore *self,
                                gint64    snapshot_id)
{
  sqlite3_stmt *stmt;
  gboolean complete = FALSE;

  g_return_val_if_fail (HUB_IS_STORE (self), FALSE);

  stmt = hub_store_prepare (self, "SELECT complete FROM snapshots WHERE id = ?1", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, snapshot_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    complete = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  return complete;
}

/* Authors and taxonomy */

gboolean
hub_store_upsert_author (HubStore           *self,
                         const HubAuthorRow *row,
                         const char         *origin,
                         GError            **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HUB_IS_STORE (self), FALSE);
  g_return_val_if_fail (row != NULL && row->author != NULL, FALSE);
  g_return_val_if_fail (g_strcmp0 (origin, "shipped") == 0 ||
                        g_strcmp0 (origin, "user") == 0, FALSE);

  if ((stmt = get_stmt (self, STMT_AUTHOR_UPSERT, error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, row->author, -1, SQLITE_STATIC);
  bind_text (stmt, 2, row->display_name);
  bind_text (stmt, 3, row->group);
  bind_text (stmt, 4, row->country);
  bind_text (stmt, 5, row->org_type);
  bind_text (stmt, 6, row->confidence);
  bind_text (stmt, 7, row->evidence);
  sqlite3_bind_text (stmt, 8, origin, -1, SQLITE_STATIC);
  if ((rc = step_done (stmt)) != SQLITE_OK)
    {
      g_autofree char *what = g_strdup_printf (_("Could not save author %s"), row->author);
      hub_store_set_error_from_sqlite (self, rc, what, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
hub_store_upsert_task (HubStore    *self,
                       const char  *id,
                       const char  *name,
                       const char  *modality,
                       GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HUB_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if ((stmt = get_stmt (self, STMT_TASK_UPSERT, error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  bind_text (stmt, 2, name);
  bind_text (stmt, 3, modality);
  if ((rc = step_done (stmt)) != SQLITE_OK)
    {
      g_autofree char *what = g_strdup_printf (_("Could not save task %s"), id);
      hub_store_set_error_from_sqlite (self, rc, what, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
hub_store_upsert_library (HubStore    *self,
                          const char  *id,
                          const char  *label,
                          const char  *repo_url,
                          const char  *docs_url,
                          const char  *count_rule,
                          GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HUB_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if ((stmt = get_stmt (self, STMT_LIBRARY_UPSERT, error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  bind_text (stmt, 2, label);
  bind_text (stmt, 3, repo_url);
  bind_text (stmt, 4, docs_url);
  bind_text (stmt, 5, count_rule);
  if ((rc = step_done (stmt)) != SQLITE_OK)
    {
      g_autofree char *what = g_strdup_printf (_("Could not save library %s"), id);
      hub_store_set_error_from_sqlite (self, rc, what, error);
      return FALSE;
    }
  return TRUE;
}

/* Settings */

/**
 * hub_store_get_setting:
 *
 * Returns: (transfer full) (nullable): the value, or %NULL when unset
 */
char *
hub_store_get_setting (HubStore   *self,
                       const char *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (HUB_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if ((stmt = get_stmt (self, STMT_SETTING_GET, NULL)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  finish_stmt (stmt);
  return value;
}

/**
 * hub_store_set_setting:
 * @value: (nullable): the new value; %NULL removes @key
 */
gboolean
hub_store_set_setting (HubStore    *self,
                       const char  *key,
                       const char  *value,
                       GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HUB_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if ((stmt = get_stmt (self, value != NULL ? STMT_SETTING_SET : STMT_SETTING_DELETE,
                        error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (value != NULL)
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  if ((rc = step_done (stmt)) != SQLITE_OK)
    {
      g_autofree char *what = g_strdup_printf (_("Could not save setting %s"), key);
      hub_store_set_error_from_sqlite (self, rc, what, error);
      return FALSE;
    }
  return TRUE;
}
