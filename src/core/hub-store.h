/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hub-model-entry.h"

G_BEGIN_DECLS

#define HUB_STORE_ERROR (hub_store_error_quark ())

typedef enum {
  HUB_STORE_ERROR_OPEN,       /* cannot open or create the file */
  HUB_STORE_ERROR_TOO_NEW,    /* written by a later HubEco (user_version too high) */
  HUB_STORE_ERROR_CORRUPT,    /* not a HubEco database / malformed */
  HUB_STORE_ERROR_BUSY,       /* another process holds the write lock */
  HUB_STORE_ERROR_READ_ONLY,
  HUB_STORE_ERROR_FULL,       /* disk or page limit reached */
  HUB_STORE_ERROR_FAILED,
} HubStoreError;

GQuark hub_store_error_quark (void);

/* The schema version this build writes (PRAGMA user_version). */
#define HUB_STORE_SCHEMA_VERSION 6

#define HUB_TYPE_STORE (hub_store_get_type ())
G_DECLARE_FINAL_TYPE (HubStore, hub_store, HUB, STORE, GObject)

/**
 * HubStore:
 * The SQLite file that holds everything that must survive: models, tags,
 * lineage edges, snapshots, authors, taxonomy, sync state. One connection;
 * use it from one thread at a time (the caller's worker thread).
 * WAL journal, foreign keys on, a busy timeout, prepared statements only.
 */

/* The default path: $XDG_DATA_HOME/hubeco/hubeco.db. */
char      *hub_store_default_path   (void);

/* Opens (creating the file and its folder if needed) and migrates forward. */
HubStore  *hub_store_open           (const char  *path,
                                     GError     **error);
/* Opens an existing file at HUB_STORE_SCHEMA_VERSION for reading only
 * (PRAGMA query_only): every write fails with HUB_STORE_ERROR_READ_ONLY. */
HubStore  *hub_store_open_read_only (const char  *path,
                                     GError     **error);
const char *hub_store_get_path      (HubStore    *self);
sqlite3   *hub_store_get_db         (HubStore    *self);
int        hub_store_get_schema_version (HubStore *self);

/* Transactions (BEGIN IMMEDIATE). Every import or sync batch is one. */
gboolean   hub_store_begin          (HubStore    *self,
                                     GError     **error);
gboolean   hub_store_commit         (HubStore    *self,
                                     GError     **error);
void       hub_store_rollback       (HubStore    *self);

/* TRUE when the database holds no model yet (first launch). */
gboolean   hub_store_is_empty       (HubStore    *self);

/**
 * hub_store_upsert_model:
 * Inserts or updates a model, its tags and its lineage edges. A field that
 * @entry does not know (NULL / NONE) keeps the stored value; tags and parents
 * are replaced only when @entry has any.
 */
gboolean   hub_store_upsert_model   (HubStore             *self,
                                     const HubModelEntry  *entry,
                                     gboolean             *out_was_new,
                                     GError              **error);

/* Snapshots: a dated observation of many models, in a series (one source and
 * scope). A snapshot starts incomplete; finish marks it complete.
 * @carry_forward: the series records only changes, so a model missing from a
 * snapshot keeps its last value. */
gint64     hub_store_snapshot_begin (HubStore    *self,
                                     const char  *series,
                                     const char  *source,
                                     gint64       captured_at,
                                     gboolean     carry_forward,
                                     GError     **error);
gboolean   hub_store_snapshot_add   (HubStore    *self,
                                     gint64       snapshot_id,
                                     const char  *model_id,
                                     gint64       downloads,
                                     gint64       downloads_all_time,
                                     gint64       likes,
                                     gint64       trending_score,
                                     gint64       rank,
                                     GError     **error);
gboolean   hub_store_snapshot_finish (HubStore   *self,
                                      gint64      snapshot_id,
                                      GError    **error);
/* Finds an existing snapshot of @series at @captured_at (for idempotent
 * re-imports); 0 when none. */
gint64     hub_store_snapshot_find  (HubStore    *self,
                                     const char  *series,
                                     gint64       captured_at);
/* Whether snapshot @snapshot_id is stored and complete. */
gboolean   hub_store_snapshot_is_complete (HubStore *self,
                                           gint64    snapshot_id);

/* Authors (authors.csv and user edits). @origin: "shipped" or "user"; a
 * shipped row never overwrites a user row. */
typedef struct {
  const char *author;
  const char *display_name;
  const char *group;
  const char *country;   /* ISO 3166 alpha-2, "ONLINE", or NULL */
  const char *org_type;  /* company, university, nonprofit, community, government, user */
  const char *confidence;
  const char *evidence;
} HubAuthorRow;

gboolean   hub_store_upsert_author  (HubStore           *self,
                                     const HubAuthorRow *row,
                                     const char         *origin,
                                     GError            **error);

/* Taxonomy. */
gboolean   hub_store_upsert_task    (HubStore    *self,
                                     const char  *id,
                                     const char  *name,
                                     const char  *modality,
                                     GError     **error);
gboolean   hub_store_upsert_library (HubStore    *self,
                                     const char  *id,
                                     const char  *label,
                                     const char  *repo_url,
                                     const char  *docs_url,
                                     const char  *count_rule,
                                     GError     **error);

/* Key/value data that must survive (sync cursors, ETags, ...). */
char      *hub_store_get_setting    (HubStore    *self,
                                     const char  *key);
gboolean   hub_store_set_setting    (HubStore    *self,
                                     const char  *key,
                                     const char  *value,
                                     GError     **error);

/* A statement prepared once per store (cached by its SQL text) for callers
 * outside the store; bind, step, then sqlite3_reset() it; never finalize. */
sqlite3_stmt *hub_store_prepare     (HubStore    *self,
                                     const char  *sql,
                                     GError     **error);

/* Maps an SQLite result code to a HubStoreError with a plain message. */
void       hub_store_set_error_from_sqlite (HubStore   *self,
                                            int         rc,
                                            const char *what,
                                            GError    **error);

G_END_DECLS
