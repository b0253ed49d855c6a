/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hub-client.h"
#include "hub-store.h"

G_BEGIN_DECLS

#define HUB_SYNC_ERROR (hub_sync_error_quark ())

typedef enum {
  HUB_SYNC_ERROR_INVALID_SCOPE,   /* not one of the scopes below */
  HUB_SYNC_ERROR_BAD_PAGE,        /* a page that is not JSON or not a list */
  HUB_SYNC_ERROR_LOOP,            /* a next link repeats an earlier page */
  HUB_SYNC_ERROR_TOO_MANY_PAGES,  /* max-pages reached; the next sync resumes */
  HUB_SYNC_ERROR_TIME_LIMIT,      /* time-limit reached; the next sync resumes */
} HubSyncError;

GQuark hub_sync_error_quark (void);

/* Models per top-N scope when no limit is given. */
#define HUB_SYNC_DEFAULT_TOP_LIMIT 1000
/* The longest a whole sync may run, in seconds (6 hours: a full catalogue
 * of 2 M models takes about one; a trickling server never ends). */
#define HUB_SYNC_DEFAULT_TIME_LIMIT (6 * 3600)

/**
 * hub_sync_scope_validate:
 * @scope: `trending`, `downloads`, `likes` (top N by that sort),
 *   `author:NAME`, `task:TASK`, `children:ID` (filter=base_model:ID, every
 *   relation) or `all` (the whole catalogue)
 *
 * Returns %FALSE with %HUB_SYNC_ERROR_INVALID_SCOPE naming what is wrong.
 */
gboolean    hub_sync_scope_validate (const char  *scope,
                                     GError     **error);
/**
 * hub_sync_children_scope:
 * @model_id: a model id
 *
 * The scope that fetches the direct children of @model_id
 * (`filter=base_model:<id>`): "children:<id>".
 *
 * Returns: (transfer full) (nullable): the scope, %NULL when @model_id is
 *   not an id the Hub accepts
 */
char       *hub_sync_children_scope (const char  *model_id);
/* "sync:<scope>", the snapshot series a scope writes. */
char       *hub_sync_scope_series   (const char  *scope);
/* Fills @query (pointing into @scope) for the first page of @scope. */
gboolean    hub_sync_scope_query    (const char     *scope,
                                     HubModelsQuery *query,
                                     char          **out_arg_storage,
                                     GError        **error);

#define HUB_TYPE_SYNC (hub_sync_get_type ())
G_DECLARE_FINAL_TYPE (HubSync, hub_sync, HUB, SYNC, GObject)

/**
 * HubSync:
 * One sync of a scope from the Hub API into the store: every page parsed with
 * hub_model_entry_from_json(), stored with hub_store_upsert_model() and
 * hub_store_snapshot_add() in one transaction per page, into one snapshot of
 * the series "sync:<scope>" that is marked complete only after the last page.
 * After each stored page the next cursor is kept (table sync_state), so a
 * sync that was interrupted (cancelled, failed, killed) is resumed by the
 * next sync of the same scope within `resume-max-age` seconds.
 *
 * A single-page sync stores the page's ETag; the next sync of the same
 * request sends it and, on 304, writes nothing (`not-modified`).
 *
 * Properties: `client`, `store` (construct-only), `scope`, `limit` (0: the
 * scope's default: %HUB_SYNC_DEFAULT_TOP_LIMIT for top scopes, no limit for
 * the others), `page-size` (1000), `max-pages`, `resume-max-age`,
 * `captured-at` (0: now), `time-limit` (seconds the whole run may take,
 * %HUB_SYNC_DEFAULT_TIME_LIMIT; 0: none; when it runs out the current page
 * is rolled back, the run fails with %HUB_SYNC_ERROR_TIME_LIMIT and the
 * next sync resumes after the last stored page). Progress, read-only, updated on the thread that
 * created the object: `running`, `pages`, `models-stored`, `models-new`,
 * `models-rejected`, `fields-dropped`, `requests-left` (-1 when unknown),
 * `snapshot-id`, `resumed`, `not-modified`.
 *
 * Signals: `page-stored (guint page, guint models_on_page)`.
 *
 * While a run is in progress, the store belongs to the run's thread.
 */
HubSync    *hub_sync_new            (HubClient    *client,
                                     HubStore     *store,
                                     const char   *scope);

const char *hub_sync_get_scope      (HubSync      *self);
void        hub_sync_set_limit      (HubSync      *self,
                                     guint         limit);
void        hub_sync_set_page_size  (HubSync      *self,
                                     guint         page_size);
void        hub_sync_set_time_limit (HubSync      *self,
                                     guint         seconds);

guint       hub_sync_get_pages          (HubSync *self);
guint       hub_sync_get_models_stored  (HubSync *self);
guint       hub_sync_get_models_new     (HubSync *self);
guint       hub_sync_get_models_rejected (HubSync *self);
guint       hub_sync_get_fields_dropped (HubSync *self);
gint64      hub_sync_get_requests_left  (HubSync *self);
gint64      hub_sync_get_snapshot_id    (HubSync *self);
gboolean    hub_sync_get_resumed        (HubSync *self);
gboolean    hub_sync_get_not_modified   (HubSync *self);
/* One message per rejected entry (page and index). Valid after a run. */
GPtrArray  *hub_sync_get_rejections     (HubSync *self);

/**
 * hub_sync_run:
 *
 * Runs the sync on the calling thread (blocking). A cancelled run returns
 * %G_IO_ERROR_CANCELLED; its stored pages are kept and the snapshot stays
 * incomplete.
 */
gboolean    hub_sync_run            (HubSync       *self,
                                     GCancellable  *cancellable,
                                     GError       **error);
/* hub_sync_run() on a worker thread. */
void        hub_sync_run_async      (HubSync             *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
gboolean    hub_sync_run_finish     (HubSync       *self,
                                     GAsyncResult  *result,
                                     GError       **error);

G_END_DECLS
