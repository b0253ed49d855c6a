/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * A SoupServer on 127.0.0.1 that answers `GET /api/models` like the Hub:
 * models from data/dataset/hub-models.jsonl.gz (cloned with suffixed ids
 * when a bigger catalogue is asked), sorted by `sort`, filtered by `author`,
 * `pipeline_tag`, `search` and `filter=base_model:<id>`, paged with an opaque
 * `cursor` in `Link: <...>; rel="next"`, with `ETag`/`If-None-Match`,
 * `RateLimit` and `RateLimit-Policy` headers, 400 for an unknown `expand[]`
 * or `sort`, and scripted faults. Since the dataset has no all-time totals,
 * `downloadsAllTime` is made up per model and grows with
 * hub_test_server_advance().
 *
 * The server runs on its own thread and main context, so tests may block on
 * it. `POST /_test/advance?days=N` advances from outside (for demos).
 */

typedef struct _HubTestServer HubTestServer;

typedef enum {
  HUB_FAULT_STATUS = 1,     /* answer with HTTP @arg ({"error": ...} body) */
  HUB_FAULT_RATE_LIMIT,     /* 429 with RateLimit "api";r=0;t=@arg */
  HUB_FAULT_RETRY_AFTER,    /* 503 with Retry-After: @arg */
  HUB_FAULT_STALL,          /* send nothing for @arg ms, then answer normally */
  HUB_FAULT_CLOSE_MID_BODY, /* full Content-Length, half the body, then close */
  HUB_FAULT_TRUNCATED_JSON, /* 200 with the JSON body cut in half */
  HUB_FAULT_INVALID_JSON,   /* 200 with a body that is not JSON */
  HUB_FAULT_OBJECT,         /* 200 with {"models": [...]} instead of an array */
  HUB_FAULT_WRONG_TYPES,    /* wrong-typed fields in every 4th entry, one entry with "id": 42 */
  HUB_FAULT_LINK_BACK,      /* the next link points to page @arg (1 = the first) */
  HUB_FAULT_EMPTY_PAGE,     /* [] with a next link to the same position */
  HUB_FAULT_HUGE_PAGE,      /* @arg entries in this page, whatever the limit */
  HUB_FAULT_GZIP_BOMB,      /* 200, Content-Encoding: gzip, inflating to @arg MB of spaces */
  HUB_FAULT_TRICKLE,        /* 200, the page one byte every @arg ms (chunked) */
} HubFaultKind;

/* @n_models: 0 for the dataset as it is, else the catalogue size (clones). */
HubTestServer *hub_test_server_new        (const char *dataset_path,
                                           guint       n_models,
                                           guint       port,
                                           GError    **error);
void           hub_test_server_free       (HubTestServer *server);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HubTestServer, hub_test_server_free)

/* "http://127.0.0.1:PORT" */
const char    *hub_test_server_get_uri    (HubTestServer *server);
guint          hub_test_server_get_n_models (HubTestServer *server);

/* The ids the server lists for @sort (no filter), in order. */
GPtrArray     *hub_test_server_list_ids   (HubTestServer *server,
                                           const char    *sort);
/* The all-time total the server reports now for @id, or -1. */
gint64         hub_test_server_get_all_time (HubTestServer *server,
                                             const char    *id);

/* Counts move: downloadsAllTime grows by about a day of downloads per day,
 * likes by a few; ETags change. */
void           hub_test_server_advance    (HubTestServer *server,
                                           guint          days);

/* Scripts @kind for the next @times requests of page @page (1-based by
 * position in the listing; 0 = any page). */
void           hub_test_server_add_fault  (HubTestServer *server,
                                           guint          page,
                                           HubFaultKind   kind,
                                           guint          arg,
                                           guint          times);
void           hub_test_server_clear_faults (HubTestServer *server);

/* Requests without `Authorization: Bearer @token` get 401 (NULL: open). */
void           hub_test_server_require_token (HubTestServer *server,
                                              const char    *token);
/* Delays every answer by @ms (to catch a sync in the middle). */
void           hub_test_server_set_delay  (HubTestServer *server,
                                           guint          ms);
/* The largest page the server gives (the Hub: 1000). */
void           hub_test_server_set_page_cap (HubTestServer *server,
                                             guint          cap);

/* What the server saw. */
guint          hub_test_server_get_requests   (HubTestServer *server);
guint          hub_test_server_get_pages_served (HubTestServer *server);
guint          hub_test_server_get_not_modified (HubTestServer *server);
/* The last request's header value, or NULL (transfer full). */
char          *hub_test_server_get_last_header (HubTestServer *server,
                                                const char    *name);
/* The last request's raw query (transfer full). */
char          *hub_test_server_get_last_query  (HubTestServer *server);

/* Datasets, for backfill: `GET /api/datasets/REPO/commits/main` lists the
 * revisions added here newest first (paged by @size with a Link header), and
 * `GET|HEAD /datasets/REPO/resolve/COMMIT/PATH` serves @local_file's bytes
 * as they are now (Range: 206 and 416). Faults added for page
 * HUB_TEST_SERVER_FILES apply to file requests (HUB_FAULT_CLOSE_MID_BODY,
 * HUB_FAULT_STATUS). */
#define HUB_TEST_SERVER_FILES G_MAXUINT
void           hub_test_server_add_revision    (HubTestServer *server,
                                                const char    *repo,
                                                const char    *commit,
                                                const char    *date,
                                                const char    *path,
                                                const char    *local_file);
void           hub_test_server_set_commit_page_size (HubTestServer *server,
                                                     guint          size);
/* File requests answer 302 to @storage's `/_storage/REPO/COMMIT/PATH`
 * (another origin: the token must not follow); @storage needs the same
 * revisions. NULL: no redirect. */
void           hub_test_server_redirect_files  (HubTestServer *server,
                                                HubTestServer *storage);
guint          hub_test_server_get_file_requests (HubTestServer *server);

G_END_DECLS
