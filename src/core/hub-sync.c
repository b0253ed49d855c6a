/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-sync"

#include "config.h"

#include "hub-sync.h"
#include "hub-model-entry.h"
#include "hub-input-limits.h"
#include "hub-deadline.h"
#include "hub-format.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#define DEFAULT_PAGE_SIZE      1000
#define DEFAULT_MAX_PAGES      10000
#define DEFAULT_RESUME_MAX_AGE (24 * 60 * 60)
/* Rejection messages kept per run; the count goes on. */
#define MAX_REJECTIONS         200

struct _HubSync
{
  GObject       parent_instance;

  HubClient    *client;
  HubStore     *store;
  char         *scope;
  guint         limit;
  guint         page_size;
  guint         max_pages;
  guint         resume_max_age;
  guint         time_limit;
  gint64        captured_at;

  GMainContext *owner_context;
  GThread      *owner_thread;

  /* Progress as seen on the owner thread. */
  gboolean      running;
  guint         pages;
  guint         models_stored;
  guint         models_new;
  guint         models_rejected;
  guint         fields_dropped;
  gint64        requests_left;
  gint64        snapshot_id;
  gboolean      resumed;
  gboolean      not_modified;
  GPtrArray    *rejections;
};

G_DEFINE_FINAL_TYPE (HubSync, hub_sync, G_TYPE_OBJECT)

G_DEFINE_QUARK (hub-sync-error-quark, hub_sync_error)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_STORE,
  PROP_SCOPE,
  PROP_LIMIT,
  PROP_PAGE_SIZE,
  PROP_MAX_PAGES,
  PROP_RESUME_MAX_AGE,
  PROP_CAPTURED_AT,
  PROP_TIME_LIMIT,
  PROP_RUNNING,
  PROP_PAGES,
  PROP_MODELS_STORED,
  PROP_MODELS_NEW,
  PROP_MODELS_REJECTED,
  PROP_FIELDS_DROPPED,
  PROP_REQUESTS_LEFT,
  PROP_SNAPSHOT_ID,
  PROP_RESUMED,
  PROP_NOT_MODIFIED,
  N_PROPS
};

enum {
  SIGNAL_PAGE_STORED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Scopes ------------------------------------------------------------------ */

static gboolean
name_is_valid (const char *s,
               const char *extra)
{
  if (s == NULL || *s == '\0' || strlen (s) > 200)
    return FALSE;
  for (const char *p = s; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr (extra, *p) == NULL)
      return FALSE;
  return TRUE;
}

gboolean
hub_sync_scope_query (const char      *scope,
                      HubModelsQuery  *query,
                      char           **out_arg_storage,
                      GError         **error)
{
  g_return_val_if_fail (query != NULL, FALSE);

  memset (query, 0, sizeof *query);
  query->expand = TRUE;
  if (out_arg_storage != NULL)
    *out_arg_storage = NULL;

  if (scope == NULL)
    scope = "";

  if (g_str_equal (scope, "trending"))
    query->sort = "trendingScore";
  else if (g_str_equal (scope, "downloads"))
    query->sort = "downloads";
  else if (g_str_equal (scope, "likes"))
    query->sort = "likes";
  else if (g_str_equal (scope, "all"))
    query->sort = "createdAt";
  else if (g_str_has_prefix (scope, "author:") && name_is_valid (scope + 7, "-_."))
    {
      query->sort = "downloads";
      query->author = scope + 7;
    }
  else if (g_str_has_prefix (scope, "task:") && name_is_valid (scope + 5, "-_"))
    {
      query->sort = "downloads";
      query->pipeline_tag = scope + 5;
    }
  else if (g_str_has_prefix (scope, "children:") && hub_model_id_is_valid (scope + 9))
    {
      query->sort = "downloads";
      if (out_arg_storage != NULL)
        {
          *out_arg_storage = g_strconcat ("base_model:", scope + 9, NULL);
          query->filter = *out_arg_storage;
        }
    }
  else
    {
      g_set_error (error, HUB_SYNC_ERROR, HUB_SYNC_ERROR_INVALID_SCOPE,
                   _("Unknown sync scope “%s”: use trending, downloads, likes, "
                     "author:NAME, task:TASK, children:MODEL-ID or all"), scope);
      return FALSE;
    }

  return TRUE;
}

gboolean
hub_sync_scope_validate (const char  *scope,
                         GError     **error)
{
  HubModelsQuery q;
  g_autofree char *storage = NULL;

  return hub_sync_scope_query (scope, &q, &storage, error);
}

char *
hub_sync_children_scope (const char *model_id)
{
  g_return_val_if_fail (model_id != NULL, NULL);

  if (!hub_model_id_is_valid (model_id))
    return NULL;
  return g_strconcat ("children:", model_id, NULL);
}

char *
hub_sync_scope_series (const char *scope)
{
  g_return_val_if_fail (scope != NULL, NULL);

  return g_strconcat ("sync:", scope, NULL);
}

static gboolean
scope_is_top (const char *scope)
{
  return g_str_equal (scope, "trending") || g_str_equal (scope, "downloads") ||
         g_str_equal (scope, "likes");
}

/* Progress dispatch ------------------------------------------------------- */

typedef struct {
  HubSync   *self;
  gboolean   running;
  guint      pages;
  guint      models_stored;
  guint      models_new;
  guint      models_rejected;
  guint      fields_dropped;
  gint64     requests_left;
  gint64     snapshot_id;
  gboolean   resumed;
  gboolean   not_modified;
  GPtrArray *rejections;   /* replaces when not NULL */
  gboolean   page_stored;
  guint      page_models;
} Progress;

static void
progress_free (gpointer data)
{
  Progress *p = data;

  g_object_unref (p->self);
  g_clear_pointer (&p->rejections, g_ptr_array_unref);
  g_free (p);
}

#define APPLY(field, prop)                                              \
  G_STMT_START {                                                        \
    if (self->field != p->field)                                        \
      {                                                                 \
        self->field = p->field;                                         \
        g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);   \
      }                                                                 \
  } G_STMT_END

static gboolean
progress_apply (gpointer data)
{
  Progress *p = data;
  HubSync *self = p->self;

  g_object_freeze_notify (G_OBJECT (self));
  APPLY (pages, PROP_PAGES);
  APPLY (models_stored, PROP_MODELS_STORED);
  APPLY (models_new, PROP_MODELS_NEW);
  APPLY (models_rejected, PROP_MODELS_REJECTED);
  APPLY (fields_dropped, PROP_FIELDS_DROPPED);
  APPLY (requests_left, PROP_REQUESTS_LEFT);
  APPLY (snapshot_id, PROP_SNAPSHOT_ID);
  APPLY (resumed, PROP_RESUMED);
  APPLY (not_modified, PROP_NOT_MODIFIED);
  APPLY (running, PROP_RUNNING);
  if (p->rejections != NULL)
    {
      g_ptr_array_unref (self->rejections);
      self->rejections = g_ptr_array_ref (p->rejections);
    }
  g_object_thaw_notify (G_OBJECT (self));

  if (p->page_stored)
    g_signal_emit (self, signals[SIGNAL_PAGE_STORED], 0, p->pages, p->page_models);

  return G_SOURCE_REMOVE;
}

#undef APPLY

/* The worker's state of one run. */
typedef struct {
  HubSync      *self;
  HubClient    *client;
  HubStore     *store;
  char         *scope;
  char         *series;
  guint         limit;
  guint         page_size;
  guint         max_pages;
  guint         resume_max_age;
  guint         time_limit;
  gint64        captured_at;

  Progress      progress;     /* counters, copied out on each post */
  GHashTable   *seen;         /* model ids in this snapshot */
  GPtrArray    *rejections;
} Run;

static void
run_free (Run *run)
{
  g_clear_object (&run->self);
  g_clear_object (&run->client);
  g_clear_object (&run->store);
  g_free (run->scope);
  g_free (run->series);
  g_clear_pointer (&run->seen, g_hash_table_unref);
  g_clear_pointer (&run->rejections, g_ptr_array_unref);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

static void
run_post (Run      *run,
          gboolean  page_stored,
          guint     page_models)
{
  HubSync *self = run->self;
  Progress *p = g_new0 (Progress, 1);

  *p = run->progress;
  p->self = g_object_ref (self);
  p->requests_left = hub_client_get_rate_limit_remaining (run->client);
  p->rejections = g_ptr_array_ref (run->rejections);
  p->page_stored = page_stored;
  p->page_models = page_models;

  if (g_thread_self () == self->owner_thread)
    {
      progress_apply (p);
      progress_free (p);
    }
  else
    {
      g_autoptr(GSource) source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, progress_apply, p, progress_free);
      g_source_set_static_name (source, "[hubeco] sync progress");
      g_source_attach (source, self->owner_context);
    }
}

/* SQL on the sync tables -------------------------------------------------- */

static gboolean
sql_exec (Run         *run,
          const char  *sql,
          const char  *text1,
          const char  *text2,
          gint64       int3,
          gint64       int4,
          const char  *what,
          GError     **error)
{
  sqlite3 *db = hub_store_get_db (run->store);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      int n = sqlite3_bind_parameter_count (stmt);

      if (n >= 1)
        sqlite3_bind_text (stmt, 1, text1, -1, SQLITE_TRANSIENT);
      if (n >= 2)
        sqlite3_bind_text (stmt, 2, text2, -1, SQLITE_TRANSIENT);
      if (n >= 3)
        sqlite3_bind_int64 (stmt, 3, int3);
      if (n >= 4)
        sqlite3_bind_int64 (stmt, 4, int4);
      rc = sqlite3_step (stmt);
    }
  if (rc != SQLITE_DONE && rc != SQLITE_ROW && rc != SQLITE_OK)
    {
      hub_store_set_error_from_sqlite (run->store, rc, what, error);
      return FALSE;
    }
  return TRUE;
}

typedef struct {
  char   *cursor;
  gint64  snapshot_id;
  gint64  updated_at;
} SyncState;

static gboolean
load_state (Run        *run,
            SyncState  *state,
            GError    **error)
{
  sqlite3 *db = hub_store_get_db (run->store);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  memset (state, 0, sizeof *state);
  rc = sqlite3_prepare_v2 (db,
                           "SELECT cursor, snapshot_id, updated_at FROM sync_state WHERE scope = ?1",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, run->scope, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
    }
  if (rc == SQLITE_ROW)
    {
      state->cursor = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      state->snapshot_id = sqlite3_column_int64 (stmt, 1);
      state->updated_at = sqlite3_column_int64 (stmt, 2);
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    {
      hub_store_set_error_from_sqlite (run->store, rc, _("reading the sync state"), error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
save_state (Run         *run,
            const char  *cursor,
            gint64       snapshot_id,
            GError     **error)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  return sql_exec (run, "DELETE FROM sync_state WHERE scope = ?1", run->scope, NULL, 0, 0,
                   _("saving the sync state"), error) &&
         sql_exec (run, "INSERT INTO sync_state (scope, cursor, snapshot_id, updated_at) VALUES (?1, ?2, ?3, ?4)",
                   run->scope, cursor, snapshot_id, now, _("saving the sync state"), error);
}

static gboolean
clear_state (Run     *run,
             GError **error)
{
  return sql_exec (run, "DELETE FROM sync_state WHERE scope = ?1", run->scope, NULL, 0, 0,
                   _("clearing the sync state"), error);
}

static char *
load_etag (Run        *run,
           const char *url)
{
  sqlite3 *db = hub_store_get_db (run->store);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT etag FROM etags WHERE url = ?1", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, url, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static gboolean
save_etag (Run         *run,
           const char  *url,
           const char  *etag,
           GError     **error)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (!sql_exec (run, "DELETE FROM etags WHERE url = ?1", url, NULL, 0, 0, _("saving an ETag"), error))
    return FALSE;
  if (etag == NULL)
    return TRUE;
  return sql_exec (run, "INSERT INTO etags (url, etag, updated_at) VALUES (?1, ?2, ?3)",
                   url, etag, now, 0, _("saving an ETag"), error);
}

/* The model ids an interrupted snapshot already holds, so a resumed run
 * neither duplicates nor re-ranks them. */
static gboolean
load_seen (Run     *run,
           gint64   snapshot_id,
           GError **error)
{
  sqlite3 *db = hub_store_get_db (run->store);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db,
                           "SELECT r.model_id FROM snapshot_rows r JOIN snapshots s ON s.id = r.snapshot_id"
                           " WHERE r.snapshot_id = ?1 AND s.complete = 0",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, snapshot_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_hash_table_add (run->seen, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
    }
  if (rc != SQLITE_DONE)
    {
      hub_store_set_error_from_sqlite (run->store, rc, _("reading an interrupted snapshot"), error);
      return FALSE;
    }
  return TRUE;
}

/* TRUE when @snapshot_id exists and is still incomplete. */
static gboolean
snapshot_is_open (Run    *run,
                  gint64  snapshot_id)
{
  sqlite3 *db = hub_store_get_db (run->store);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT complete FROM snapshots WHERE id = ?1", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, snapshot_id);
  return sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) == 0;
}

/* One page ---------------------------------------------------------------- */

static void
reject (Run        *run,
        guint       page,
        guint       index,
        const char *message)
{
  run->progress.models_rejected++;
  if (run->rejections->len < MAX_REJECTIONS)
    g_ptr_array_add (run->rejections,
                     g_strdup_printf (_("page %u, entry %u: %s"), page, index + 1, message));
}

/* Parses @body into entries not seen yet, at most @room of them. */
static GPtrArray *
parse_page (Run           *run,
            GBytes        *body,
            guint          page,
            guint          room,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) hub_model_entry_free);
  g_autoptr(GHashTable) on_page = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonArray *array;
  guint n;

  if (!hub_json_load_bounded (parser, g_bytes_get_data (body, NULL),
                              g_bytes_get_size (body), &local_error))
    {
      g_set_error (error, HUB_SYNC_ERROR, HUB_SYNC_ERROR_BAD_PAGE,
                   _("Page %u from the Hub is not valid JSON (%s)"), page, local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error (error, HUB_SYNC_ERROR, HUB_SYNC_ERROR_BAD_PAGE,
                   _("Page %u from the Hub is not a list of models (got %s)"), page,
                   root == NULL ? _("nothing") :
                   JSON_NODE_HOLDS_OBJECT (root) ? _("an object") : _("a single value"));
      return NULL;
    }

  array = json_node_get_array (root);
  n = json_array_get_length (array);
  for (guint i = 0; i < n && entries->len < room; i++)
    {
      g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GError) entry_error = NULL;
      g_autoptr(HubModelEntry) entry = NULL;

      if (i % 1024 == 1023 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      entry = hub_model_entry_from_json (json_array_get_element (array, i), warnings, &entry_error);
      if (entry == NULL)
        {
          reject (run, page, i, entry_error != NULL ? entry_error->message : _("unusable entry"));
          continue;
        }
      /* A model seen on an earlier page (the ranking moved) keeps its first row. */
      if (g_hash_table_contains (run->seen, entry->id) || g_hash_table_contains (on_page, entry->id))
        continue;
      run->progress.fields_dropped += warnings->len;
      g_hash_table_add (on_page, entry->id);
      g_ptr_array_add (entries, g_steal_pointer (&entry));
    }

  return g_steal_pointer (&entries);
}

/* Stores @entries, and the state after this page, in one transaction. */
static gboolean
store_page (Run           *run,
            GPtrArray     *entries,
            const char    *next_uri,
            gboolean       last,
            const char    *first_uri,
            const char    *etag,
            GCancellable  *cancellable,
            GError       **error)
{
  gint64 snapshot_id = run->progress.snapshot_id;
  guint stored = 0;
  guint added = 0;

  if (!hub_store_begin (run->store, error))
    return FALSE;

  if (snapshot_id == 0)
    {
      snapshot_id = hub_store_snapshot_begin (run->store, run->series, "hub-api",
                                              run->captured_at, FALSE, error);
      if (snapshot_id <= 0)
        goto fail;
    }

  for (guint i = 0; i < entries->len; i++)
    {
      const HubModelEntry *entry = g_ptr_array_index (entries, i);
      gboolean was_new = FALSE;

      if (i % 256 == 255 && g_cancellable_set_error_if_cancelled (cancellable, error))
        goto fail;
      if (!hub_store_upsert_model (run->store, entry, &was_new, error))
        goto fail;
      if (!hub_store_snapshot_add (run->store, snapshot_id, entry->id, entry->downloads,
                                   entry->downloads_all_time, entry->likes, entry->trending_score,
                                   run->progress.models_stored + stored + 1, error))
        goto fail;
      stored++;
      if (was_new)
        added++;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto fail;

  if (last)
    {
      if (!hub_store_snapshot_finish (run->store, snapshot_id, error) ||
          !clear_state (run, error))
        goto fail;
      /* Only a sync that is one page can be skipped by its ETag. */
      if (first_uri != NULL && !save_etag (run, first_uri, etag, error))
        goto fail;
    }
  else if (!save_state (run, next_uri, snapshot_id, error))
    goto fail;

  if (!hub_store_commit (run->store, error))
    goto fail;

  run->progress.snapshot_id = snapshot_id;
  run->progress.models_stored += stored;
  run->progress.models_new += added;
  for (guint i = 0; i < entries->len; i++)
    g_hash_table_add (run->seen, g_strdup (((HubModelEntry *) g_ptr_array_index (entries, i))->id));
  return TRUE;

fail:
  hub_store_rollback (run->store);
  return FALSE;
}

/* The run ----------------------------------------------------------------- */

static gboolean
run_sync (Run           *run,
          GCancellable  *cancellable,
          GError       **error)
{
  HubModelsQuery query;
  g_autofree char *arg_storage = NULL;
  g_autofree char *first_uri = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *etag = NULL;
  g_autoptr(GHashTable) visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  SyncState state;
  gboolean single_page;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (!hub_sync_scope_query (run->scope, &query, &arg_storage, error))
    return FALSE;

  if (run->limit == 0 && scope_is_top (run->scope))
    run->limit = HUB_SYNC_DEFAULT_TOP_LIMIT;
  query.limit = run->limit > 0 ? MIN (run->page_size, run->limit) : run->page_size;
  single_page = run->limit > 0 && run->limit <= query.limit;

  first_uri = hub_client_models_uri (run->client, &query);
  if (first_uri == NULL)
    {
      g_autofree char *base = NULL;

      g_object_get (run->client, "base-uri", &base, NULL);
      g_set_error (error, HUB_CLIENT_ERROR, HUB_CLIENT_ERROR_BAD_RESPONSE,
                   _("The endpoint “%s” is not an http(s) address"), base);
      return FALSE;
    }

  if (!load_state (run, &state, error))
    return FALSE;

  /* A cursor is a next-page address on the server that gave it: another
   * endpoint starts afresh rather than asking it for a foreign page. */
  if (state.cursor != NULL && state.snapshot_id > 0 &&
      now - state.updated_at <= (gint64) run->resume_max_age &&
      hub_client_is_own_uri (run->client, state.cursor) &&
      snapshot_is_open (run, state.snapshot_id))
    {
      if (!load_seen (run, state.snapshot_id, error))
        {
          g_free (state.cursor);
          return FALSE;
        }
      uri = g_steal_pointer (&state.cursor);
      run->progress.snapshot_id = state.snapshot_id;
      run->progress.models_stored = g_hash_table_size (run->seen);
      run->progress.resumed = TRUE;
      single_page = FALSE;
      g_debug ("resuming %s at snapshot %" G_GINT64_FORMAT " after %u models",
               run->scope, state.snapshot_id, run->progress.models_stored);
    }
  else
    {
      /* A stale cursor is dropped: its snapshot stays incomplete. */
      g_free (state.cursor);
      uri = g_strdup (first_uri);
      if (single_page)
        etag = load_etag (run, first_uri);
    }

  run->progress.running = TRUE;
  run_post (run, FALSE, 0);

  for (;;)
    {
      g_autoptr(HubClientResponse) response = NULL;
      g_autoptr(GPtrArray) entries = NULL;
      guint page = run->progress.pages + 1;
      guint room = G_MAXUINT;
      gboolean last;

      if (run->progress.pages >= run->max_pages)
        {
          g_set_error (error, HUB_SYNC_ERROR, HUB_SYNC_ERROR_TOO_MANY_PAGES,
                       _("Stopped after %u pages; the next sync continues from there"),
                       run->max_pages);
          return FALSE;
        }

      g_hash_table_add (visited, g_strdup (uri));
      response = hub_client_get (run->client, uri, etag, cancellable, error);
      if (response == NULL)
        return FALSE;

      if (response->not_modified)
        {
          g_debug ("%s: not modified since the last sync", run->scope);
          run->progress.not_modified = TRUE;
          return TRUE;
        }

      if (run->limit > 0)
        room = run->limit > run->progress.models_stored ? run->limit - run->progress.models_stored : 0;

      entries = parse_page (run, response->body, page, room, cancellable, error);
      if (entries == NULL)
        return FALSE;

      last = response->next_uri == NULL ||
             (run->limit > 0 && run->progress.models_stored + entries->len >= run->limit);

      if (!store_page (run, entries, response->next_uri, last,
                       single_page && page == 1 ? first_uri : NULL,
                       response->etag, cancellable, error))
        return FALSE;

      run->progress.pages = page;
      run_post (run, TRUE, entries->len);

      if (last)
        return TRUE;

      if (g_hash_table_contains (visited, response->next_uri))
        {
          g_autoptr(GError) clear_error = NULL;

          /* Resuming would loop again: start afresh next time. */
          if (!clear_state (run, &clear_error))
            g_debug ("%s", clear_error->message);
          g_set_error (error, HUB_SYNC_ERROR, HUB_SYNC_ERROR_LOOP,
                       _("The Hub sent a next-page link that repeats an earlier page (after page %u); stopped"),
                       page);
          return FALSE;
        }

      g_free (uri);
      uri = g_strdup (response->next_uri);
      g_clear_pointer (&etag, g_free);
    }
}

static Run *
run_new (HubSync *self)
{
  Run *run = g_new0 (Run, 1);

  run->self = g_object_ref (self);
  run->client = g_object_ref (self->client);
  run->store = g_object_ref (self->store);
  run->scope = g_strdup (self->scope);
  run->series = hub_sync_scope_series (self->scope);
  run->limit = self->limit;
  run->page_size = self->page_size;
  run->max_pages = self->max_pages;
  run->resume_max_age = self->resume_max_age;
  run->time_limit = self->time_limit;
  run->captured_at = self->captured_at != 0 ? self->captured_at : g_get_real_time () / G_USEC_PER_SEC;
  run->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run->rejections = g_ptr_array_new_with_free_func (g_free);
  run->progress.requests_left = -1;
  return run;
}

/* run_sync() within the run's time limit. */
static gboolean
run_bounded (Run           *run,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(HubDeadline) deadline = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *limit = NULL;

  deadline = hub_deadline_new (run->time_limit, cancellable);
  if (run_sync (run, hub_deadline_get_cancellable (deadline), &local_error))
    return TRUE;
  if (!hub_deadline_expired (deadline))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  limit = hub_format_duration (run->time_limit);
  g_set_error (error, HUB_SYNC_ERROR, HUB_SYNC_ERROR_TIME_LIMIT,
               _("Stopped at the time limit of %s for a whole sync, after %u pages; the next sync continues from there "
                 "(the limit is --sync-timeout, or Refresh time limit in Preferences)"),
               limit, run->progress.pages);
  return FALSE;
}

static gboolean
run_main (Run           *run,
          GCancellable  *cancellable,
          GError       **error)
{
  gboolean ok = run_bounded (run, cancellable, error);

  run->progress.running = FALSE;
  run_post (run, FALSE, 0);
  return ok;
}

gboolean
hub_sync_run (HubSync       *self,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(Run) run = NULL;

  g_return_val_if_fail (HUB_IS_SYNC (self), FALSE);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  run = run_new (self);
  return run_main (run, cancellable, error);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  GError *error = NULL;

  if (run_main (task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
hub_sync_run_async (HubSync             *self,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (HUB_IS_SYNC (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hub_sync_run_async);
  g_task_set_task_data (task, run_new (self), (GDestroyNotify) run_free);
  g_task_run_in_thread (task, run_thread);
}

gboolean
hub_sync_run_finish (HubSync       *self,
                     GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (HUB_IS_SYNC (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* GObject ----------------------------------------------------------------- */

static void
hub_sync_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  HubSync *self = HUB_SYNC (object);

  switch (prop_id)
    {
    case PROP_CLIENT: g_value_set_object (value, self->client); break;
    case PROP_STORE: g_value_set_object (value, self->store); break;
    case PROP_SCOPE: g_value_set_string (value, self->scope); break;
    case PROP_LIMIT: g_value_set_uint (value, self->limit); break;
    case PROP_PAGE_SIZE: g_value_set_uint (value, self->page_size); break;
    case PROP_MAX_PAGES: g_value_set_uint (value, self->max_pages); break;
    case PROP_RESUME_MAX_AGE: g_value_set_uint (value, self->resume_max_age); break;
    case PROP_CAPTURED_AT: g_value_set_int64 (value, self->captured_at); break;
    case PROP_TIME_LIMIT: g_value_set_uint (value, self->time_limit); break;
    case PROP_RUNNING: g_value_set_boolean (value, self->running); break;
    case PROP_PAGES: g_value_set_uint (value, self->pages); break;
    case PROP_MODELS_STORED: g_value_set_uint (value, self->models_stored); break;
    case PROP_MODELS_NEW: g_value_set_uint (value, self->models_new); break;
    case PROP_MODELS_REJECTED: g_value_set_uint (value, self->models_rejected); break;
    case PROP_FIELDS_DROPPED: g_value_set_uint (value, self->fields_dropped); break;
    case PROP_REQUESTS_LEFT: g_value_set_int64 (value, self->requests_left); break;
    case PROP_SNAPSHOT_ID: g_value_set_int64 (value, self->snapshot_id); break;
    case PROP_RESUMED: g_value_set_boolean (value, self->resumed); break;
    case PROP_NOT_MODIFIED: g_value_set_boolean (value, self->not_modified); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_uint (HubSync *self,
          guint   *field,
          guint    value,
          guint    prop)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
hub_sync_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  HubSync *self = HUB_SYNC (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SCOPE:
      if (g_strcmp0 (self->scope, g_value_get_string (value)) != 0)
        {
          g_free (self->scope);
          self->scope = g_value_dup_string (value);
          if (self->scope == NULL)
            self->scope = g_strdup ("trending");
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_LIMIT:
      set_uint (self, &self->limit, g_value_get_uint (value), prop_id);
      break;
    case PROP_PAGE_SIZE:
      set_uint (self, &self->page_size, MAX (1, g_value_get_uint (value)), prop_id);
      break;
    case PROP_MAX_PAGES:
      set_uint (self, &self->max_pages, MAX (1, g_value_get_uint (value)), prop_id);
      break;
    case PROP_RESUME_MAX_AGE:
      set_uint (self, &self->resume_max_age, g_value_get_uint (value), prop_id);
      break;
    case PROP_TIME_LIMIT:
      set_uint (self, &self->time_limit, g_value_get_uint (value), prop_id);
      break;
    case PROP_CAPTURED_AT:
      if (self->captured_at != g_value_get_int64 (value))
        {
          self->captured_at = g_value_get_int64 (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hub_sync_dispose (GObject *object)
{
  HubSync *self = HUB_SYNC (object);

  g_clear_object (&self->client);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hub_sync_parent_class)->dispose (object);
}

static void
hub_sync_finalize (GObject *object)
{
  HubSync *self = HUB_SYNC (object);

  g_free (self->scope);
  g_ptr_array_unref (self->rejections);
  g_main_context_unref (self->owner_context);

  G_OBJECT_CLASS (hub_sync_parent_class)->finalize (object);
}

static void
hub_sync_class_init (HubSyncClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags co = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = hub_sync_get_property;
  object_class->set_property = hub_sync_set_property;
  object_class->dispose = hub_sync_dispose;
  object_class->finalize = hub_sync_finalize;

  properties[PROP_CLIENT] = g_param_spec_object ("client", NULL, NULL, HUB_TYPE_CLIENT, co);
  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, HUB_TYPE_STORE, co);
  properties[PROP_SCOPE] = g_param_spec_string ("scope", NULL, NULL, "trending", rw);
  properties[PROP_LIMIT] = g_param_spec_uint ("limit", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties[PROP_PAGE_SIZE] = g_param_spec_uint ("page-size", NULL, NULL, 1, G_MAXUINT, DEFAULT_PAGE_SIZE, rw);
  properties[PROP_MAX_PAGES] = g_param_spec_uint ("max-pages", NULL, NULL, 1, G_MAXUINT, DEFAULT_MAX_PAGES, rw);
  properties[PROP_RESUME_MAX_AGE] = g_param_spec_uint ("resume-max-age", NULL, NULL, 0, G_MAXUINT,
                                                       DEFAULT_RESUME_MAX_AGE, rw);
  properties[PROP_CAPTURED_AT] = g_param_spec_int64 ("captured-at", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_TIME_LIMIT] = g_param_spec_uint ("time-limit", NULL, NULL, 0, G_MAXUINT,
                                                   HUB_SYNC_DEFAULT_TIME_LIMIT, rw);
  properties[PROP_RUNNING] = g_param_spec_boolean ("running", NULL, NULL, FALSE, ro);
  properties[PROP_PAGES] = g_param_spec_uint ("pages", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_MODELS_STORED] = g_param_spec_uint ("models-stored", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_MODELS_NEW] = g_param_spec_uint ("models-new", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_MODELS_REJECTED] = g_param_spec_uint ("models-rejected", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_FIELDS_DROPPED] = g_param_spec_uint ("fields-dropped", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_REQUESTS_LEFT] = g_param_spec_int64 ("requests-left", NULL, NULL, -1, G_MAXINT64, -1, ro);
  properties[PROP_SNAPSHOT_ID] = g_param_spec_int64 ("snapshot-id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_RESUMED] = g_param_spec_boolean ("resumed", NULL, NULL, FALSE, ro);
  properties[PROP_NOT_MODIFIED] = g_param_spec_boolean ("not-modified", NULL, NULL, FALSE, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_PAGE_STORED] =
    g_signal_new ("page-stored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
hub_sync_init (HubSync *self)
{
  self->scope = g_strdup ("trending");
  self->page_size = DEFAULT_PAGE_SIZE;
  self->max_pages = DEFAULT_MAX_PAGES;
  self->resume_max_age = DEFAULT_RESUME_MAX_AGE;
  self->time_limit = HUB_SYNC_DEFAULT_TIME_LIMIT;
  self->requests_left = -1;
  self->rejections = g_ptr_array_new_with_free_func (g_free);
  self->owner_context = g_main_context_ref_thread_default ();
  self->owner_thread = g_thread_self ();
}

HubSync *
hub_sync_new (HubClient  *client,
              HubStore   *store,
              const char *scope)
{
  g_return_val_if_fail (HUB_IS_CLIENT (client), NULL);
  g_return_val_if_fail (HUB_IS_STORE (store), NULL);

  return g_object_new (HUB_TYPE_SYNC, "client", client, "store", store,
                       "scope", scope != NULL ? scope : "trending", NULL);
}

const char *
hub_sync_get_scope (HubSync *self)
{
  g_return_val_if_fail (HUB_IS_SYNC (self), NULL);
  return self->scope;
}

void
hub_sync_set_limit (HubSync *self,
                    guint    limit)
{
  g_return_if_fail (HUB_IS_SYNC (self));
  set_uint (self, &self->limit, limit, PROP_LIMIT);
}

void
hub_sync_set_page_size (HubSync *self,
                        guint    page_size)
{
  g_return_if_fail (HUB_IS_SYNC (self));
  set_uint (self, &self->page_size, MAX (1, page_size), PROP_PAGE_SIZE);
}

void
hub_sync_set_time_limit (HubSync *self,
                         guint    seconds)
{
  g_return_if_fail (HUB_IS_SYNC (self));
  set_uint (self, &self->time_limit, seconds, PROP_TIME_LIMIT);
}

#define GETTER(type, name, fallback)                  \
  type                                                \
  hub_sync_get_##name (HubSync *self)                 \
  {                                                   \
    g_return_val_if_fail (HUB_IS_SYNC (self), fallback); \
    return self->name;                                \
  }

GETTER (guint, pages, 0)
GETTER (guint, models_stored, 0)
GETTER (guint, models_new, 0)
GETTER (guint, models_rejected, 0)
GETTER (guint, fields_dropped, 0)
GETTER (gint64, requests_left, -1)
GETTER (gint64, snapshot_id, 0)
GETTER (gboolean, resumed, FALSE)
GETTER (gboolean, not_modified, FALSE)
GETTER (GPtrArray *, rejections, NULL)

#undef GETTER
