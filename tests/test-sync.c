/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hub-dataset.h"
#include "hub-history.h"
#include "hub-lineage.h"
#include "hub-model-entry.h"
#include "hub-sync.h"
#include "hub-format.h"
#include "hub-test-server.h"
#include "hub-test-util.h"

#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>
#include <stdlib.h>

typedef struct {
  HubTestServer *server;
  HubClient     *client;
  HubStore      *store;
  char          *dir;
  guint          pages_signalled;
} Fixture;

static void
fixture_setup_n (Fixture *f,
                 guint    n_models)
{
  g_autofree char *dataset = hub_test_dataset_path ("hub-models.jsonl.gz");
  g_autofree char *db = NULL;
  g_autoptr(GError) error = NULL;

  f->server = hub_test_server_new (dataset, n_models, 0, &error);
  g_assert_no_error (error);
  f->client = hub_client_new (hub_test_server_get_uri (f->server));
  hub_client_set_token (f->client, NULL);
  /* Retries in milliseconds; a rate-limit wait (t+1 s) is kept short too. */
  hub_client_set_retry_base_delay (f->client, 5);
  hub_client_set_max_retry_delay (f->client, 50);
  hub_client_set_timeout (f->client, 2 * hub_test_slowdown ());
  f->dir = hub_test_tmpdir ();
  db = g_build_filename (f->dir, "sync.db", NULL);
  f->store = hub_store_open (db, &error);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  fixture_setup_n (f, 0);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->client);
  g_clear_pointer (&f->server, hub_test_server_free);
  g_free (f->dir);
}

/* SQL helpers -------------------------------------------------------------- */

static gint64
sql_int (HubStore   *store,
         const char *sql,
         gint64      param)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (hub_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, param);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_type (stmt, 0) == SQLITE_NULL ? G_MININT64 : sqlite3_column_int64 (stmt, 0);
}

static char *
sql_dump (HubStore   *store,
          const char *sql,
          gint64      param)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GString *s = g_string_new (NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (hub_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, param);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        g_string_append_printf (s, "%s%s", c > 0 ? "|" : "",
                                sqlite3_column_type (stmt, c) == SQLITE_NULL ? "∅"
                                : (const char *) sqlite3_column_text (stmt, c));
      g_string_append_c (s, '\n');
    }
  return g_string_free (s, FALSE);
}

static gint64
n_models (HubStore *store)
{
  return sql_int (store, "SELECT count(*) FROM models", 0);
}

static gint64
n_rows (HubStore *store,
        gint64    snapshot_id)
{
  return sql_int (store, "SELECT count(*) FROM snapshot_rows WHERE snapshot_id = ?1", snapshot_id);
}

static gboolean
is_complete (HubStore *store,
             gint64    snapshot_id)
{
  return sql_int (store, "SELECT complete FROM snapshots WHERE id = ?1", snapshot_id) == 1;
}

static gint64
n_snapshots (HubStore   *store,
             const char *series)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  sqlite3_prepare_v2 (hub_store_get_db (store), "SELECT count(*) FROM snapshots WHERE series = ?1", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, series, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static gint64
n_sync_states (HubStore *store)
{
  return sql_int (store, "SELECT count(*) FROM sync_state", 0);
}

/* The ranks 1..n of @snapshot_id hold exactly the server's first n ids. */
static void
assert_rows_match_server (Fixture    *f,
                          gint64      snapshot_id,
                          const char *sort,
                          guint       n)
{
  g_autoptr(GPtrArray) ids = hub_test_server_list_ids (f->server, sort);
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *got = sql_dump (f->store,
                                   "SELECT rank, model_id FROM snapshot_rows WHERE snapshot_id = ?1 ORDER BY rank",
                                   snapshot_id);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (expected, "%u|%s\n", i + 1, (const char *) g_ptr_array_index (ids, i));
  g_assert_cmpstr (got, ==, expected->str);
}

static void
page_stored_cb (HubSync *sync,
                guint    page,
                guint    models,
                Fixture *f)
{
  g_assert_cmpuint (page, ==, f->pages_signalled + 1);
  f->pages_signalled++;
}

static HubSync *
make_sync (Fixture    *f,
           const char *scope,
           guint       limit,
           guint       page_size)
{
  HubSync *sync = hub_sync_new (f->client, f->store, scope);

  hub_sync_set_limit (sync, limit);
  hub_sync_set_page_size (sync, page_size);
  f->pages_signalled = 0;
  g_signal_connect (sync, "page-stored", G_CALLBACK (page_stored_cb), f);
  return sync;
}

static HubSync *
run_ok (Fixture    *f,
        const char *scope,
        guint       limit,
        guint       page_size)
{
  HubSync *sync = make_sync (f, scope, limit, page_size);
  g_autoptr(GError) error = NULL;

  g_assert_true (hub_sync_run (sync, NULL, &error));
  g_assert_no_error (error);
  return sync;
}

/* Tests -------------------------------------------------------------------- */

static void
test_scopes_validate (void)
{
  const char *good[] = { "trending", "downloads", "likes", "all", "author:Qwen",
                         "task:text-generation", "children:Qwen/Qwen3-8B", "children:gpt2" };
  const char *bad[] = { "", "trend", "author:", "author:a b", "task:", "task:a/b",
                        "children:", "children:not valid", "ALL", "author:x&y" };
  g_autofree char *series = hub_sync_scope_series ("author:Qwen");

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (hub_sync_scope_validate (good[i], &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("scope %s", bad[i]);
      g_assert_false (hub_sync_scope_validate (bad[i], &error));
      g_assert_error (error, HUB_SYNC_ERROR, HUB_SYNC_ERROR_INVALID_SCOPE);
    }
  g_assert_cmpstr (series, ==, "sync:author:Qwen");
}

static void
test_trending_and_history (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(HubSync) first = NULL;
  g_autoptr(HubSync) second = NULL;
  g_autoptr(GPtrArray) ids = hub_test_server_list_ids (f->server, "trendingScore");
  g_autoptr(GArray) points = NULL;
  g_autoptr(GError) error = NULL;
  const char *top = g_ptr_array_index (ids, 0);
  gint64 total_before = hub_test_server_get_all_time (f->server, top);
  gint64 total_after;
  const HubHistoryPoint *p0;
  const HubHistoryPoint *p1;
  g_autofree char *query = NULL;

  first = run_ok (f, "trending", 500, 100);
  g_assert_cmpuint (hub_sync_get_pages (first), ==, 5);
  g_assert_cmpuint (f->pages_signalled, ==, 5);
  g_assert_cmpuint (hub_sync_get_models_stored (first), ==, 500);
  g_assert_cmpuint (hub_sync_get_models_new (first), ==, 500);
  g_assert_cmpuint (hub_sync_get_models_rejected (first), ==, 0);
  g_assert_cmpint (hub_sync_get_requests_left (first), ==, 495);
  g_assert_false (hub_sync_get_resumed (first));
  g_assert_cmpint (n_models (f->store), ==, 500);
  g_assert_true (is_complete (f->store, hub_sync_get_snapshot_id (first)));
  g_assert_cmpint (n_rows (f->store, hub_sync_get_snapshot_id (first)), ==, 500);
  assert_rows_match_server (f, hub_sync_get_snapshot_id (first), "trendingScore", 500);
  g_assert_cmpint (n_sync_states (f->store), ==, 0);

  /* The request asked for what the store needs. */
  query = hub_test_server_get_last_query (f->server);
  g_assert_nonnull (strstr (query, "sort=trendingScore"));
  g_assert_nonnull (strstr (query, "expand%5B%5D=downloadsAllTime"));
  g_assert_nonnull (strstr (query, "expand%5B%5D=baseModels"));

  /* The counts move; a second sync writes a second snapshot. */
  hub_test_server_advance (f->server, 2);
  total_after = hub_test_server_get_all_time (f->server, top);
  g_assert_cmpint (total_after, >, total_before);
  second = make_sync (f, "trending", 500, 100);
  g_object_set (second, "captured-at", (gint64) (g_get_real_time () / G_USEC_PER_SEC + 60), NULL);
  g_assert_true (hub_sync_run (second, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (hub_sync_get_models_new (second), ==, 0);
  g_assert_cmpint (hub_sync_get_snapshot_id (second), !=, hub_sync_get_snapshot_id (first));
  g_assert_cmpint (n_snapshots (f->store, "sync:trending"), ==, 2);
  g_assert_cmpint (n_models (f->store), ==, 500);

  points = hub_history_load (f->store, top, "sync:trending", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (points->len, ==, 2);
  p0 = &g_array_index (points, HubHistoryPoint, 0);
  p1 = &g_array_index (points, HubHistoryPoint, 1);
  g_assert_cmpint (p0->downloads_all_time, ==, total_before);
  g_assert_cmpint (p1->downloads_all_time, ==, total_after);
  g_assert_cmpint (p0->interval_downloads, ==, HUB_COUNT_NONE);
  g_assert_cmpint (p1->interval_downloads, ==, total_after - total_before);
  g_assert_true (p1->complete);
  g_assert_cmpint (p1->rank, ==, 1);
}

static void
test_etag_not_modified (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(HubSync) first = run_ok (f, "likes", 50, 100);
  g_autoptr(HubSync) second = NULL;
  g_autoptr(HubSync) third = NULL;

  g_assert_false (hub_sync_get_not_modified (first));
  g_assert_cmpint (n_snapshots (f->store, "sync:likes"), ==, 1);

  /* Nothing changed: 304, nothing written. */
  second = run_ok (f, "likes", 50, 100);
  g_assert_true (hub_sync_get_not_modified (second));
  g_assert_cmpuint (hub_test_server_get_not_modified (f->server), ==, 1);
  g_assert_cmpint (n_snapshots (f->store, "sync:likes"), ==, 1);
  g_assert_cmpint (hub_sync_get_snapshot_id (second), ==, 0);

  /* Changed: a full answer and a new snapshot. */
  hub_test_server_advance (f->server, 1);
  third = run_ok (f, "likes", 50, 100);
  g_assert_false (hub_sync_get_not_modified (third));
  g_assert_cmpint (n_snapshots (f->store, "sync:likes"), ==, 2);
  g_assert_cmpint (n_rows (f->store, hub_sync_get_snapshot_id (third)), ==, 50);
}

/* A fault on page @page that the retries absorb: the sync completes. */
static void
check_absorbed (Fixture      *f,
                HubFaultKind  kind,
                guint         arg,
                guint         times,
                guint         expected_requests)
{
  g_autoptr(HubSync) sync = NULL;

  hub_test_server_add_fault (f->server, 2, kind, arg, times);
  sync = run_ok (f, "trending", 300, 100);
  g_assert_cmpuint (hub_test_server_get_requests (f->server), ==, expected_requests);
  g_assert_true (is_complete (f->store, hub_sync_get_snapshot_id (sync)));
  assert_rows_match_server (f, hub_sync_get_snapshot_id (sync), "trendingScore", 300);
  g_assert_cmpint (n_models (f->store), ==, 300);
  g_assert_cmpuint (hub_sync_get_pages (sync), ==, 3);
}

static void
test_rate_limited (Fixture       *f,
                   gconstpointer  data)
{
  check_absorbed (f, HUB_FAULT_RATE_LIMIT, 0, 1, 4);
}

static void
test_503_twice (Fixture       *f,
                gconstpointer  data)
{
  check_absorbed (f, HUB_FAULT_STATUS, 503, 2, 5);
}

static void
test_timeout (Fixture       *f,
              gconstpointer  data)
{
  hub_client_set_timeout (f->client, 1);
  check_absorbed (f, HUB_FAULT_STALL, 2500, 1, 4);
}

static void
test_closed_mid_body (Fixture       *f,
                      gconstpointer  data)
{
  check_absorbed (f, HUB_FAULT_CLOSE_MID_BODY, 0, 1, 4);
}

static void
test_empty_page (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(HubSync) sync = NULL;

  hub_test_server_add_fault (f->server, 2, HUB_FAULT_EMPTY_PAGE, 0, 1);
  sync = run_ok (f, "trending", 300, 100);
  g_assert_cmpuint (hub_sync_get_pages (sync), ==, 4);
  g_assert_true (is_complete (f->store, hub_sync_get_snapshot_id (sync)));
  assert_rows_match_server (f, hub_sync_get_snapshot_id (sync), "trendingScore", 300);
}

/* Stores an earlier complete snapshot of another scope, so each failure can
 * show that nothing stored before was lost. */
static char *
store_earlier (Fixture *f,
               gint64  *out_snapshot)
{
  g_autoptr(HubSync) earlier = run_ok (f, "downloads", 150, 1000);

  *out_snapshot = hub_sync_get_snapshot_id (earlier);
  return sql_dump (f->store, "SELECT * FROM snapshot_rows WHERE snapshot_id = ?1 ORDER BY rank", *out_snapshot);
}

static void
assert_earlier_intact (Fixture    *f,
                       gint64      snapshot_id,
                       const char *dump)
{
  g_autofree char *now = sql_dump (f->store, "SELECT * FROM snapshot_rows WHERE snapshot_id = ?1 ORDER BY rank", snapshot_id);

  g_assert_true (is_complete (f->store, snapshot_id));
  g_assert_cmpstr (now, ==, dump);
}

/* A fault on page 3 that fails the sync: pages 1-2 stay, the snapshot stays
 * incomplete, and the next sync resumes to the full result. */
static void
check_fails_then_resumes (Fixture      *f,
                          HubFaultKind  kind,
                          guint         arg,
                          guint         times,
                          GQuark        domain,
                          int           code)
{
  g_autoptr(HubSync) sync = NULL;
  g_autoptr(HubSync) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *earlier_dump = NULL;
  gint64 earlier;
  gint64 models_before;
  gint64 snapshot;

  earlier_dump = store_earlier (f, &earlier);
  models_before = n_models (f->store);

  hub_test_server_add_fault (f->server, 3, kind, arg, times);
  sync = make_sync (f, "trending", 500, 100);
  g_assert_false (hub_sync_run (sync, NULL, &error));
  g_assert_error (error, domain, code);
  g_test_message ("failed as expected: %s", error->message);

  snapshot = hub_sync_get_snapshot_id (sync);
  g_assert_cmpint (snapshot, >, 0);
  g_assert_false (is_complete (f->store, snapshot));
  g_assert_cmpint (n_rows (f->store, snapshot), ==, 200);
  g_assert_cmpuint (hub_sync_get_models_stored (sync), ==, 200);
  assert_rows_match_server (f, snapshot, "trendingScore", 200);
  g_assert_cmpint (n_models (f->store), >=, models_before);
  assert_earlier_intact (f, earlier, earlier_dump);
  g_assert_cmpint (n_sync_states (f->store), ==, 1);

  /* The next sync of the scope continues the same snapshot. */
  again = run_ok (f, "trending", 500, 100);
  g_assert_true (hub_sync_get_resumed (again));
  g_assert_cmpint (hub_sync_get_snapshot_id (again), ==, snapshot);
  g_assert_cmpuint (hub_sync_get_pages (again), ==, 3);
  g_assert_true (is_complete (f->store, snapshot));
  assert_rows_match_server (f, snapshot, "trendingScore", 500);
  g_assert_cmpint (n_snapshots (f->store, "sync:trending"), ==, 1);
  g_assert_cmpint (n_sync_states (f->store), ==, 0);
  assert_earlier_intact (f, earlier, earlier_dump);
}

static void
test_500_five_times (Fixture       *f,
                     gconstpointer  data)
{
  check_fails_then_resumes (f, HUB_FAULT_STATUS, 500, 5, HUB_CLIENT_ERROR, HUB_CLIENT_ERROR_SERVER);
}

/* A cursor belongs to the server that gave it: after the endpoint changes,
 * the next sync starts afresh there instead of asking it for the old
 * server's next page (issue 22, item 3). */
static void
test_other_endpoint (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *dataset = hub_test_dataset_path ("hub-models.jsonl.gz");
  g_autoptr(HubSync) sync = NULL;
  g_autoptr(HubSync) again = NULL;
  g_autoptr(HubClient) other_client = NULL;
  g_autoptr(GError) error = NULL;
  HubTestServer *other;
  gint64 interrupted;

  hub_test_server_add_fault (f->server, 3, HUB_FAULT_STATUS, 500, 5);
  sync = make_sync (f, "trending", 500, 100);
  g_assert_false (hub_sync_run (sync, NULL, &error));
  g_clear_error (&error);
  interrupted = hub_sync_get_snapshot_id (sync);
  g_assert_cmpint (n_sync_states (f->store), ==, 1);

  other = hub_test_server_new (dataset, 0, 0, &error);
  g_assert_no_error (error);
  other_client = hub_client_new (hub_test_server_get_uri (other));
  hub_client_set_token (other_client, NULL);
  hub_client_set_timeout (other_client, 2 * hub_test_slowdown ());
  g_set_object (&f->client, other_client);

  again = run_ok (f, "trending", 500, 100);
  g_assert_false (hub_sync_get_resumed (again));
  g_assert_cmpint (hub_sync_get_snapshot_id (again), !=, interrupted);
  g_assert_cmpuint (hub_sync_get_pages (again), ==, 5);
  g_assert_true (is_complete (f->store, hub_sync_get_snapshot_id (again)));
  g_assert_cmpint (n_rows (f->store, hub_sync_get_snapshot_id (again)), ==, 500);
  /* The interrupted snapshot keeps its 200 rows, still marked incomplete. */
  g_assert_false (is_complete (f->store, interrupted));
  g_assert_cmpint (n_rows (f->store, interrupted), ==, 200);
  g_assert_cmpint (n_sync_states (f->store), ==, 0);
  hub_test_server_free (other);
}

static void
test_truncated_json (Fixture       *f,
                     gconstpointer  data)
{
  check_fails_then_resumes (f, HUB_FAULT_TRUNCATED_JSON, 0, 1, HUB_SYNC_ERROR, HUB_SYNC_ERROR_BAD_PAGE);
}

static void
test_invalid_json (Fixture       *f,
                   gconstpointer  data)
{
  check_fails_then_resumes (f, HUB_FAULT_INVALID_JSON, 0, 1, HUB_SYNC_ERROR, HUB_SYNC_ERROR_BAD_PAGE);
}

static void
test_object_page (Fixture       *f,
                  gconstpointer  data)
{
  check_fails_then_resumes (f, HUB_FAULT_OBJECT, 0, 1, HUB_SYNC_ERROR, HUB_SYNC_ERROR_BAD_PAGE);
}

static void
test_wrong_types (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(HubSync) clean = run_ok (f, "trending", 100, 100);
  g_autoptr(HubSync) sync = NULL;
  g_autoptr(GPtrArray) ids = hub_test_server_list_ids (f->server, "trendingScore");
  g_autoptr(HubModelEntry) before = NULL;
  g_autoptr(HubModelEntry) after = NULL;
  g_autoptr(GError) error = NULL;
  const char *damaged = g_ptr_array_index (ids, 1);     /* wrong types */
  const char *rejected = g_ptr_array_index (ids, 2);    /* "id": 42 */
  gint64 snapshot;

  before = hub_store_get_model (f->store, damaged, &error);
  g_assert_no_error (error);
  g_assert_cmpint (before->downloads, >, 0);

  hub_test_server_add_fault (f->server, 1, HUB_FAULT_WRONG_TYPES, 0, 1);
  sync = make_sync (f, "trending", 100, 100);
  g_object_set (sync, "captured-at", (gint64) (g_get_real_time () / G_USEC_PER_SEC + 60), NULL);
  g_assert_true (hub_sync_run (sync, NULL, &error));
  g_assert_no_error (error);
  snapshot = hub_sync_get_snapshot_id (sync);

  g_assert_cmpuint (hub_sync_get_models_rejected (sync), ==, 1);
  g_assert_cmpuint (hub_sync_get_rejections (sync)->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (hub_sync_get_rejections (sync), 0), "page 1, entry 3"));
  g_assert_cmpuint (hub_sync_get_fields_dropped (sync), >=, 25 * 3);
  g_assert_true (is_complete (f->store, snapshot));
  /* 99 from page 1 and one more from page 2 to reach the limit. */
  g_assert_cmpint (n_rows (f->store, snapshot), ==, 100);
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM snapshot_rows WHERE snapshot_id = ?1 AND downloads IS NULL", snapshot), ==, 25);

  /* The damaged entry is stored with the bad fields dropped: the model keeps
   * what was known, the snapshot records "unknown". */
  after = hub_store_get_model (f->store, damaged, &error);
  g_assert_no_error (error);
  g_assert_cmpint (after->downloads, ==, before->downloads);
  g_assert_cmpint (after->likes, ==, before->likes);
  g_assert_cmpuint (after->tags->len, ==, before->tags->len);
  g_assert_cmpint (after->downloads_all_time, ==, hub_test_server_get_all_time (f->server, damaged));
  {
    g_autoptr(GArray) points = hub_history_load (f->store, damaged, "sync:trending", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (points->len, ==, 2);
    g_assert_cmpint (g_array_index (points, HubHistoryPoint, 1).downloads, ==, HUB_COUNT_NONE);
  }
  /* The rejected entry keeps its earlier row and is not in this snapshot. */
  {
    g_autoptr(GArray) points = hub_history_load (f->store, rejected, "sync:trending", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (points->len, ==, 1);
    g_assert_cmpint (g_array_index (points, HubHistoryPoint, 0).snapshot_id, ==, hub_sync_get_snapshot_id (clean));
  }
}

static void
test_link_back (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(HubSync) sync = NULL;
  g_autoptr(HubSync) again = NULL;
  g_autoptr(GError) error = NULL;
  gint64 snapshot;

  hub_test_server_add_fault (f->server, 3, HUB_FAULT_LINK_BACK, 2, 1);
  sync = make_sync (f, "trending", 1000, 100);
  g_assert_false (hub_sync_run (sync, NULL, &error));
  g_assert_error (error, HUB_SYNC_ERROR, HUB_SYNC_ERROR_LOOP);
  snapshot = hub_sync_get_snapshot_id (sync);
  g_assert_false (is_complete (f->store, snapshot));
  /* Three pages stored once each, and no fourth request. */
  g_assert_cmpint (n_rows (f->store, snapshot), ==, 300);
  assert_rows_match_server (f, snapshot, "trendingScore", 300);
  g_assert_cmpuint (hub_test_server_get_requests (f->server), ==, 3);
  /* Resuming would loop again: the next sync starts afresh. */
  g_assert_cmpint (n_sync_states (f->store), ==, 0);

  again = run_ok (f, "trending", 1000, 100);
  g_assert_false (hub_sync_get_resumed (again));
  g_assert_true (is_complete (f->store, hub_sync_get_snapshot_id (again)));
  assert_rows_match_server (f, hub_sync_get_snapshot_id (again), "trendingScore", 1000);
  g_assert_false (is_complete (f->store, snapshot));

  /* A link back to the very first page. */
  {
    g_autoptr(HubSync) third = NULL;
    g_autoptr(GError) loop_error = NULL;

    hub_test_server_add_fault (f->server, 2, HUB_FAULT_LINK_BACK, 1, 1);
    third = make_sync (f, "trending", 1000, 100);
    g_object_set (third, "captured-at", (gint64) (g_get_real_time () / G_USEC_PER_SEC + 60), NULL);
    g_assert_false (hub_sync_run (third, NULL, &loop_error));
    g_assert_error (loop_error, HUB_SYNC_ERROR, HUB_SYNC_ERROR_LOOP);
    g_assert_cmpint (n_rows (f->store, hub_sync_get_snapshot_id (third)), ==, 200);
  }
}

static void
test_page_cap (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(HubSync) sync = make_sync (f, "trending", 1000, 100);
  g_autoptr(HubSync) again = NULL;
  g_autoptr(GError) error = NULL;

  g_object_set (sync, "max-pages", 4, NULL);
  g_assert_false (hub_sync_run (sync, NULL, &error));
  g_assert_error (error, HUB_SYNC_ERROR, HUB_SYNC_ERROR_TOO_MANY_PAGES);
  g_assert_cmpint (n_rows (f->store, hub_sync_get_snapshot_id (sync)), ==, 400);

  /* The next run goes on from page 5. */
  again = run_ok (f, "trending", 1000, 100);
  g_assert_true (hub_sync_get_resumed (again));
  g_assert_cmpuint (hub_sync_get_pages (again), ==, 6);
  assert_rows_match_server (f, hub_sync_get_snapshot_id (sync), "trendingScore", 1000);
}

static void
test_huge_page (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(HubSync) sync = NULL;
  gint64 t0;

  fixture_teardown (f, NULL);
  fixture_setup_n (f, 50000);
  g_assert_cmpuint (hub_test_server_get_n_models (f->server), ==, 50000);

  /* Building 80 MB of JSON takes the server a few seconds on a busy machine
   * (minutes under valgrind). */
  hub_client_set_timeout (f->client, 60 * hub_test_slowdown ());
  hub_test_server_add_fault (f->server, 1, HUB_FAULT_HUGE_PAGE, 50000, 1);
  t0 = g_get_monotonic_time ();
  sync = run_ok (f, "all", 0, 1000);
  g_test_message ("50,000 entries in one page: %.2f s", (g_get_monotonic_time () - t0) / 1e6);
  g_assert_cmpuint (hub_test_server_get_requests (f->server), ==, 1);
  g_assert_cmpuint (hub_sync_get_pages (sync), ==, 1);
  g_assert_cmpuint (hub_sync_get_models_stored (sync), ==, 50000);
  g_assert_cmpint (n_models (f->store), ==, 50000);
  g_assert_true (is_complete (f->store, hub_sync_get_snapshot_id (sync)));
  assert_rows_match_server (f, hub_sync_get_snapshot_id (sync), "createdAt", 50000);
}

static void
test_bad_token (Fixture       *f,
                gconstpointer  data)
{
  const char *secret = "hf_ThisIsMySecretToken_0123456789";
  g_autoptr(HubSync) sync = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *earlier_dump = NULL;
  gint64 earlier;
  gint64 models_before;
  gint64 snapshots_before;

  earlier_dump = store_earlier (f, &earlier);
  models_before = n_models (f->store);
  snapshots_before = sql_int (f->store, "SELECT count(*) FROM snapshots", 0);

  hub_test_server_require_token (f->server, "hf_the_real_one");
  hub_client_set_token (f->client, secret);
  sync = make_sync (f, "trending", 100, 100);
  g_assert_false (hub_sync_run (sync, NULL, &error));
  g_assert_error (error, HUB_CLIENT_ERROR, HUB_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_null (strstr (error->message, secret));
  g_assert_null (strstr (error->message, "SecretToken"));
  g_assert_cmpuint (hub_test_server_get_requests (f->server), ==, 2);  /* earlier + one */
  g_assert_cmpint (n_models (f->store), ==, models_before);
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM snapshots", 0), ==, snapshots_before);
  assert_earlier_intact (f, earlier, earlier_dump);
  /* The token is stored nowhere. */
  g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM sync_state WHERE cursor LIKE '%Secret%'", 0), ==, 0);
}

static void
on_page_cancel (HubSync *sync,
                guint    page,
                guint    models,
                gpointer data)
{
  /* Page 3 is stalled on the server: cancel while it is in flight. */
  if (page == 2)
    g_cancellable_cancel (data);
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

static void
test_cancel_mid_page (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(HubSync) sync = make_sync (f, "trending", 500, 100);
  g_autoptr(HubSync) again = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 t0 = g_get_monotonic_time ();
  gint64 snapshot;
  gboolean saw_running = FALSE;

  hub_test_server_add_fault (f->server, 3, HUB_FAULT_STALL, 5000, 1);
  g_signal_connect (sync, "page-stored", G_CALLBACK (on_page_cancel), cancellable);
  hub_sync_run_async (sync, cancellable, done_cb, &result);
  while (result == NULL)
    {
      g_main_context_iteration (NULL, TRUE);
      saw_running |= hub_sync_get_pages (sync) > 0;
    }
  g_assert_false (hub_sync_run_finish (sync, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - t0, <, 4 * G_USEC_PER_SEC);
  g_assert_true (saw_running);

  /* Progress arrived on this thread; the stored pages stay. */
  snapshot = hub_sync_get_snapshot_id (sync);
  g_assert_cmpuint (hub_sync_get_pages (sync), ==, 2);
  g_assert_cmpuint (hub_sync_get_models_stored (sync), ==, 200);
  g_assert_false (is_complete (f->store, snapshot));
  g_assert_cmpint (n_rows (f->store, snapshot), ==, 200);

  again = run_ok (f, "trending", 500, 100);
  g_assert_true (hub_sync_get_resumed (again));
  g_assert_true (is_complete (f->store, snapshot));
  assert_rows_match_server (f, snapshot, "trendingScore", 500);
}

static void
test_cancel_while_storing (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(HubSync) sync = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* A page of 15,904 entries takes a while to store: cancel within it. The
   * page is one transaction, so either all of it or none of it is kept. */
  hub_test_server_set_page_cap (f->server, 100000);
  sync = make_sync (f, "all", 0, 100000);
  hub_sync_run_async (sync, cancellable, done_cb, &result);
  while (hub_test_server_get_pages_served (f->server) < 1)
    g_usleep (1000);
  g_usleep (150 * 1000);
  g_cancellable_cancel (cancellable);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  if (hub_sync_run_finish (sync, result, &error))
    {
      /* Finished before the cancel: everything. */
      g_test_message ("the page was stored before the cancel");
      g_assert_cmpint (n_rows (f->store, hub_sync_get_snapshot_id (sync)), ==, 15904);
    }
  else
    {
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_cmpint (n_models (f->store), ==, 0);
      g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM snapshot_rows", 0), ==, 0);
      g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM snapshots", 0), ==, 0);
    }
}

static void
test_other_scopes (Fixture       *f,
                   gconstpointer  data)
{
  struct {
    const char *scope;
    const char *param;
  } cases[] = {
    { "author:Qwen", "author=Qwen" },
    { "task:text-to-image", "pipeline_tag=text-to-image" },
    { "children:Qwen/Qwen3-8B", "filter=base_model%3AQwen%2FQwen3-8B" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(HubSync) sync = run_ok (f, cases[c].scope, 0, 50);
      g_autofree char *query = hub_test_server_get_last_query (f->server);
      g_autofree char *series = hub_sync_scope_series (cases[c].scope);
      g_autoptr(sqlite3_stmt) stmt = NULL;
      gint64 snapshot = hub_sync_get_snapshot_id (sync);
      guint n = 0;

      g_test_message ("%s: %u models in %u pages", cases[c].scope,
                      hub_sync_get_models_stored (sync), hub_sync_get_pages (sync));
      g_assert_nonnull (strstr (query, cases[c].param));
      g_assert_cmpuint (hub_sync_get_models_stored (sync), >, 0);
      g_assert_true (is_complete (f->store, snapshot));
      g_assert_cmpint (n_snapshots (f->store, series), ==, 1);

      sqlite3_prepare_v2 (hub_store_get_db (f->store),
                          "SELECT model_id FROM snapshot_rows WHERE snapshot_id = ?1", -1, &stmt, NULL);
      sqlite3_bind_int64 (stmt, 1, snapshot);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(HubModelEntry) m = hub_store_get_model (f->store, (const char *) sqlite3_column_text (stmt, 0), &error);

          g_assert_no_error (error);
          g_assert_nonnull (m);
          if (c == 0)
            g_assert_cmpstr (m->author, ==, "Qwen");
          else if (c == 1)
            g_assert_cmpstr (m->pipeline_tag, ==, "text-to-image");
          else
            {
              gboolean found = FALSE;

              for (guint i = 0; i < m->tags->len; i++)
                {
                  const char *tag = g_ptr_array_index (m->tags, i);

                  found |= g_str_has_prefix (tag, "base_model:") && g_str_has_suffix (tag, ":Qwen/Qwen3-8B");
                }
              g_assert_true (found);
            }
          n++;
        }
      g_assert_cmpuint (n, ==, hub_sync_get_models_stored (sync));
    }
}

/* Children of a model (`children:ID`) ------------------------------------ */

/* What data/dataset/hub-models.jsonl.gz says, read here without the
 * server: each entry's JSON line by id, and the entries that name a parent
 * in a `base_model:<id>` or `base_model:<relation>:<id>` tag, by parent. */
typedef struct {
  guint       n_entries;
  GHashTable *lines;     /* id -> JSON line */
  GHashTable *children;  /* parent id -> GPtrArray of child ids */
} JsonlReference;

static JsonlReference *
jsonl_reference (void)
{
  static JsonlReference ref;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GInputStream) raw = NULL;
  g_autoptr(GConverter) gunzip = NULL;
  g_autoptr(GInputStream) plain = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  char *line;

  if (ref.lines != NULL)
    return &ref;

  path = hub_test_dataset_path ("hub-models.jsonl.gz");
  file = g_file_new_for_path (path);
  raw = G_INPUT_STREAM (g_file_read (file, NULL, &error));
  g_assert_no_error (error);
  gunzip = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP));
  plain = g_converter_input_stream_new (raw, gunzip);
  lines = g_data_input_stream_new (plain);
  ref.lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ref.children = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);

  while ((line = g_data_input_stream_read_line (lines, NULL, NULL, &error)) != NULL)
    {
      g_autoptr(GHashTable) parents = g_hash_table_new (g_str_hash, g_str_equal);
      JsonObject *o;
      JsonArray *tags;
      const char *id;

      g_assert_true (json_parser_load_from_data (parser, line, -1, NULL));
      o = json_node_get_object (json_parser_get_root (parser));
      id = json_object_get_string_member (o, "id");
      tags = json_object_has_member (o, "tags") ? json_object_get_array_member (o, "tags") : NULL;
      for (guint i = 0; tags != NULL && i < json_array_get_length (tags); i++)
        {
          const char *tag = json_array_get_string_element (tags, i);
          const char *rest, *colon;

          if (!g_str_has_prefix (tag, "base_model:"))
            continue;
          rest = tag + strlen ("base_model:");
          colon = strchr (rest, ':');
          g_hash_table_add (parents, (gpointer) (colon != NULL ? colon + 1 : rest));
        }
      {
        GHashTableIter iter;
        gpointer parent;

        g_hash_table_iter_init (&iter, parents);
        while (g_hash_table_iter_next (&iter, &parent, NULL))
          {
            GPtrArray *list = g_hash_table_lookup (ref.children, parent);

            if (list == NULL)
              {
                list = g_ptr_array_new_with_free_func (g_free);
                g_hash_table_insert (ref.children, g_strdup (parent), list);
              }
            g_ptr_array_add (list, g_strdup (id));
          }
      }
      g_hash_table_insert (ref.lines, g_strdup (id), line);
      ref.n_entries++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (ref.n_entries, >, 15000);
  return &ref;
}

/* The most downloaded model of the data with 5 to 40 tagged children. */
static const char *
pick_parent (JsonlReference *ref)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  GHashTableIter iter;
  gpointer key, value;
  const char *best = NULL;
  gint64 best_downloads = -1;

  g_hash_table_iter_init (&iter, ref->children);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *line = g_hash_table_lookup (ref->lines, key);
      GPtrArray *children = value;
      gint64 downloads;

      if (line == NULL || children->len < 5 || children->len > 40)
        continue;
      g_assert_true (json_parser_load_from_data (parser, line, -1, NULL));
      downloads = json_object_get_int_member_with_default (json_node_get_object (json_parser_get_root (parser)),
                                                           "downloads", 0);
      if (downloads > best_downloads || (downloads == best_downloads && strcmp (key, best) < 0))
        best = key, best_downloads = downloads;
    }
  g_assert_nonnull (best);
  return best;
}

static void
fixture_setup_clones (Fixture       *f,
                      gconstpointer  data)
{
  /* The data and one copy of it with "-r1" ids that keep the parents. */
  fixture_setup_n (f, 2 * jsonl_reference ()->n_entries);
}

static void
upsert_from_line (HubStore   *store,
                  const char *line)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(HubModelEntry) entry = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, line, -1, NULL));
  entry = hub_model_entry_from_json (json_parser_get_root (parser), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (hub_store_upsert_model (store, entry, NULL, &error));
  g_assert_no_error (error);
}

static int
compare_str_ptrs (gconstpointer a,
                  gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
joined_sorted (GPtrArray *ids)
{
  g_autoptr(GPtrArray) copy = g_ptr_array_copy (ids, NULL, NULL);

  /* The copy borrows the strings. */
  g_ptr_array_set_free_func (copy, NULL);
  g_ptr_array_sort (copy, compare_str_ptrs);
  g_ptr_array_add (copy, NULL);
  return g_strjoinv ("\n", (char **) copy->pdata);
}

static void
test_scope_children (void)
{
  g_autofree char *scope = hub_sync_children_scope ("Qwen/Qwen3-8B");
  g_autofree char *odd = hub_sync_children_scope ("gpt2");

  g_assert_cmpstr (scope, ==, "children:Qwen/Qwen3-8B");
  g_assert_true (hub_sync_scope_validate (scope, NULL));
  g_assert_cmpstr (odd, ==, "children:gpt2");
  g_assert_null (hub_sync_children_scope (""));
  g_assert_null (hub_sync_children_scope ("not valid"));
  g_assert_null (hub_sync_children_scope ("a/b/c"));
}

/* "Refresh children": the server's children of X (the data's and their
 * copies, all naming X) are stored as one complete snapshot of the series
 * sync:children:X, and the lineage loaded afterwards lists them under X. */
static void
test_children_into_lineage (Fixture       *f,
                            gconstpointer  data)
{
  JsonlReference *ref = jsonl_reference ();
  const char *parent = pick_parent (ref);
  GPtrArray *tagged = g_hash_table_lookup (ref->children, parent);
  g_autofree char *scope = hub_sync_children_scope (parent);
  g_autofree char *series = hub_sync_scope_series (scope);
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) stored = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) listed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) naming = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(HubSync) sync = NULL;
  g_autoptr(HubDataset) dataset = NULL;
  g_autoptr(HubLineage) lineage = NULL;
  g_autoptr(GArray) children = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_text = NULL;
  g_autofree char *stored_text = NULL;
  g_autofree char *listed_text = NULL;
  g_autofree char *naming_text = NULL;
  gint32 x;

  g_test_message ("children of %s: %u tagged in the data", parent, tagged->len);
  for (guint i = 0; i < tagged->len; i++)
    {
      const char *id = g_ptr_array_index (tagged, i);

      g_assert_cmpuint (strlen (strchr (id, '/') != NULL ? strchr (id, '/') + 1 : id), <=, 93);
      g_ptr_array_add (expected, g_strdup (id));
      g_ptr_array_add (expected, g_strconcat (id, "-r1", NULL));
    }

  /* The store knows X, not its children. */
  upsert_from_line (f->store, g_hash_table_lookup (ref->lines, parent));
  g_assert_cmpint (n_models (f->store), ==, 1);

  sync = run_ok (f, scope, 0, 1000);
  g_assert_cmpuint (hub_sync_get_models_stored (sync), ==, expected->len);
  g_assert_cmpuint (hub_sync_get_models_new (sync), ==, expected->len);
  g_assert_true (is_complete (f->store, hub_sync_get_snapshot_id (sync)));
  g_assert_cmpint (n_snapshots (f->store, series), ==, 1);
  g_assert_cmpint (n_models (f->store), ==, 1 + expected->len);

  sqlite3_prepare_v2 (hub_store_get_db (f->store),
                      "SELECT model_id FROM snapshot_rows WHERE snapshot_id = ?1", -1, &stmt, NULL);
  sqlite3_bind_int64 (stmt, 1, hub_sync_get_snapshot_id (sync));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (stored, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  expected_text = joined_sorted (expected);
  stored_text = joined_sorted (stored);
  g_assert_cmpstr (stored_text, ==, expected_text);

  /* The lineage lists under X every stored child whose parents, as the
   * parser read them, name X: each original with its copy. */
  dataset = hub_dataset_load (f->store, NULL, &error);
  g_assert_no_error (error);
  lineage = hub_lineage_new (dataset);
  x = hub_dataset_find_model (dataset, parent);
  g_assert_cmpint (x, >=, 0);
  for (guint i = 0; i < stored->len; i++)
    {
      gint32 m = hub_dataset_find_model (dataset, g_ptr_array_index (stored, i));
      guint n_parents = 0;
      const gint32 *parents;

      if (m < 0)
        g_error ("%s is stored but not in the dataset", (const char *) g_ptr_array_index (stored, i));
      parents = hub_dataset_get_parents (dataset, m, &n_parents);
      for (guint k = 0; k < n_parents; k++)
        if (parents[k] == x)
          {
            g_ptr_array_add (naming, g_strdup (g_ptr_array_index (stored, i)));
            break;
          }
    }
  children = hub_lineage_expand (lineage, x, NULL, 0);
  for (guint i = 0; i < children->len; i++)
    g_ptr_array_add (listed, g_strdup (hub_dataset_get_model (dataset, g_array_index (children, HubLineageChild, i).model)->id));
  g_assert_cmpuint (naming->len, >=, 2);
  g_assert_cmpuint (naming->len % 2, ==, 0);
  naming_text = joined_sorted (naming);
  listed_text = joined_sorted (listed);
  g_assert_cmpstr (listed_text, ==, naming_text);
}

/* A refresh of children that fails (server errors, rate limit, a page that
 * is not JSON) says why and loses nothing stored before. */
static void
test_children_failures (Fixture       *f,
                        gconstpointer  data)
{
  JsonlReference *ref = jsonl_reference ();
  const char *parent = pick_parent (ref);
  g_autofree char *scope = hub_sync_children_scope (parent);
  g_autofree char *series = hub_sync_scope_series (scope);
  g_autofree char *earlier_dump = NULL;
  g_autofree char *models_dump = NULL;
  gint64 earlier;
  struct {
    HubFaultKind kind;
    guint        arg;
    guint        times;
    GQuark       domain;
    int          code;
  } cases[] = {
    { HUB_FAULT_STATUS, 500, 5, HUB_CLIENT_ERROR, HUB_CLIENT_ERROR_SERVER },
    { HUB_FAULT_RATE_LIMIT, 0, 5, HUB_CLIENT_ERROR, HUB_CLIENT_ERROR_RATE_LIMITED },
    { HUB_FAULT_INVALID_JSON, 0, 1, HUB_SYNC_ERROR, HUB_SYNC_ERROR_BAD_PAGE },
    { HUB_FAULT_TRUNCATED_JSON, 0, 1, HUB_SYNC_ERROR, HUB_SYNC_ERROR_BAD_PAGE },
  };

  earlier_dump = store_earlier (f, &earlier);
  models_dump = sql_dump (f->store, "SELECT id, downloads, likes FROM models ORDER BY id", 0);

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(HubSync) sync = make_sync (f, scope, 0, 1000);
      g_autoptr(GError) error = NULL;
      g_autofree char *models_now = NULL;

      hub_test_server_clear_faults (f->server);
      hub_test_server_add_fault (f->server, 1, cases[c].kind, cases[c].arg, cases[c].times);
      g_assert_false (hub_sync_run (sync, NULL, &error));
      g_assert_error (error, cases[c].domain, cases[c].code);
      g_test_message ("children, fault %u: %s", c, error->message);
      g_assert_cmpuint (hub_sync_get_models_stored (sync), ==, 0);
      models_now = sql_dump (f->store, "SELECT id, downloads, likes FROM models ORDER BY id", 0);
      g_assert_cmpstr (models_now, ==, models_dump);
      assert_earlier_intact (f, earlier, earlier_dump);
      g_assert_cmpint (sql_int (f->store, "SELECT count(*) FROM snapshots WHERE complete = 1", 0), ==, 1);
    }

  /* Then it works. */
  hub_test_server_clear_faults (f->server);
  {
    g_autoptr(HubSync) sync = run_ok (f, scope, 0, 1000);

    g_assert_cmpuint (hub_sync_get_models_stored (sync), ==,
                      ((GPtrArray *) g_hash_table_lookup (ref->children, parent))->len);
    g_assert_true (is_complete (f->store, hub_sync_get_snapshot_id (sync)));
    g_assert_cmpint (n_snapshots (f->store, series), ==, 1);
    assert_earlier_intact (f, earlier, earlier_dump);
  }
}

/* The command line, as a subprocess -------------------------------------- */

static GSubprocess *
spawn_hubeco (Fixture     *f,
              const char  *db,
              GError     **error,
              ...)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  g_subprocess_launcher_setenv (launcher, "HF_ENDPOINT", hub_test_server_get_uri (f->server), TRUE);
  g_subprocess_launcher_unsetenv (launcher, "HF_TOKEN");
  g_ptr_array_add (args, (char *) hub_test_hubeco_bin ());
  va_start (ap, error);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, (char *) "--db");
  g_ptr_array_add (args, (char *) db);
  g_ptr_array_add (args, NULL);
  return g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, error);
}

/* Runs `hubeco ARGS --db @db` against the fixture server; with @rss_path,
 * through tests/hub-peak-rss, which writes the run's peak RSS there. */
static int
run_hubeco_v (Fixture     *f,
              const char  *db,
              const char  *rss_path,
              char       **out_stdout,
              char       **out_stderr,
              va_list      ap)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;

  g_subprocess_launcher_setenv (launcher, "HF_ENDPOINT", hub_test_server_get_uri (f->server), TRUE);
  g_subprocess_launcher_unsetenv (launcher, "HF_TOKEN");
  if (rss_path != NULL)
    {
      g_assert_nonnull (g_getenv ("HUB_PEAK_RSS_BIN"));
      g_ptr_array_add (args, (char *) g_getenv ("HUB_PEAK_RSS_BIN"));
      g_ptr_array_add (args, (char *) rss_path);
    }
  g_ptr_array_add (args, (char *) hub_test_hubeco_bin ());
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *) arg);
  g_ptr_array_add (args, (char *) "--db");
  g_ptr_array_add (args, (char *) db);
  g_ptr_array_add (args, NULL);

  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, out_stdout, out_stderr, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  return g_subprocess_get_exit_status (proc);
}

static int
run_hubeco (Fixture     *f,
            const char  *db,
            char       **out_stdout,
            char       **out_stderr,
            ...)
{
  va_list ap;
  int status;

  va_start (ap, out_stderr);
  status = run_hubeco_v (f, db, NULL, out_stdout, out_stderr, ap);
  va_end (ap);
  return status;
}

/* Like run_hubeco(), also giving the run's own peak RSS in MB. */
static int
run_hubeco_measured (Fixture     *f,
                     const char  *db,
                     long        *out_peak_mb,
                     char       **out_stderr,
                     ...)
{
  g_autofree char *rss_path = g_build_filename (f->dir, "peak-rss", NULL);
  g_autofree char *rss = NULL;
  g_autofree char *out = NULL;
  va_list ap;
  int status;

  va_start (ap, out_stderr);
  status = run_hubeco_v (f, db, rss_path, &out, out_stderr, ap);
  va_end (ap);
  g_assert_true (g_file_get_contents (rss_path, &rss, NULL, NULL));
  *out_peak_mb = strtol (rss, NULL, 10) / 1024;
  return status;
}

/* A page that inflates to 4 GB is read up to the JSON document limit and
 * no further: a clear message, exit 1, a bounded peak RSS, and the
 * database as it was (issue 22, item 1). */
static void
test_cli_gzip_bomb (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *db = g_build_filename (f->dir, "bomb.db", NULL);
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  long baseline_mb;
  long peak_mb;

  g_assert_cmpint (run_hubeco_measured (f, db, &baseline_mb, &err,
                                        "sync", "--scope", "trending", "--limit", "100", NULL), ==, 0);
  g_test_message ("peak RSS of a 100-model sync: %ld MB", baseline_mb);
  before = hub_test_database_text (db);
  g_clear_pointer (&err, g_free);

  hub_test_server_add_fault (f->server, 1, HUB_FAULT_GZIP_BOMB, 4096, 1);
  g_assert_cmpint (run_hubeco_measured (f, db, &peak_mb, &err,
                                        "sync", "--scope", "trending", "--limit", "100", NULL), ==, 1);
  g_test_message ("%s", err);
  g_assert_nonnull (strstr (err, "larger than 128 MB once decompressed"));
  g_test_message ("peak RSS with the 4 GB page: %ld MB", peak_mb);
  /* Under 300 MB (a plain build: 71 MB for the sync, 155 MB with the
   * page); AddressSanitizer's shadow and quarantine put a plain sync at
   * 600 MB, so there the bound is the sync's own plus 200 MB. */
  g_assert_cmpint (peak_mb, <, MAX (300, baseline_mb + 200));

  after = hub_test_database_text (db);
  g_assert_cmpstr (after, ==, before);
}

/* A server that sends one byte every 10 s never trips the idle timeout;
 * the request's deadline (--timeout) ends the sync with a clear message
 * and the database as it was (issue 22, item 2). */
static void
test_cli_deadline (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *db = g_build_filename (f->dir, "deadline.db", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint timeout = 3 * hub_test_slowdown ();
  g_autofree char *timeout_arg = g_strdup_printf ("%u", timeout);
  gint64 start;
  double took;

  g_assert_cmpint (run_hubeco (f, db, &out, &err, "sync", "--scope", "trending", "--limit", "100", NULL), ==, 0);
  before = hub_test_database_text (db);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  hub_test_server_add_fault (f->server, 1, HUB_FAULT_TRICKLE, 10 * 1000, 1);
  start = g_get_monotonic_time ();
  g_assert_cmpint (run_hubeco (f, db, &out, &err, "sync", "--scope", "trending", "--limit", "100",
                               "--timeout", timeout_arg, NULL), ==, 1);
  took = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_test_message ("%s(%.1f s)", err, took);
  g_assert_nonnull (strstr (err, "within"));
  g_assert_nonnull (strstr (err, "the request was stopped"));
  /* Not a timed test: the bound only says it ended at the deadline and not
   * after the 10 s trickle's first byte had been followed by more. */
  g_assert_cmpfloat (took, >=, timeout);

  after = hub_test_database_text (db);
  g_assert_cmpstr (after, ==, before);

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_hubeco (f, db, &out, &err, "sync", "--timeout", "-1", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--timeout must be a positive number"));
}

/* The whole sync's time limit (--sync-timeout): pages that each answer
 * within the request's deadline but add up to more end the sync after the
 * last stored page, with a clear message; the next sync resumes there and
 * gives the complete snapshot (issue 22, item 2, per sync). */
static void
test_cli_sync_time_limit (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *db = g_build_filename (f->dir, "time-limit.db", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  guint limit = 3 * hub_test_slowdown ();
  g_autofree char *limit_arg = g_strdup_printf ("%u", limit);
  g_autofree char *shown_limit = hub_format_duration (limit);
  g_autoptr(HubStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;

  /* Page 3 of 5 stalls past the sync's limit but not the request's. */
  hub_test_server_add_fault (f->server, 3, HUB_FAULT_STALL, (limit + 5) * 1000, 1);
  g_assert_cmpint (run_hubeco (f, db, &out, &err, "sync", "--scope", "all", "--page-size", "20",
                               "--limit", "100", "--timeout", "600", "--sync-timeout", limit_arg, NULL), ==, 1);
  g_test_message ("%s", err);
  g_assert_nonnull (strstr (err, "Stopped at the time limit of "));
  g_assert_nonnull (strstr (err, shown_limit));
  g_assert_nonnull (strstr (err, "for a whole sync, after 2 pages"));
  g_assert_nonnull (strstr (err, "40 models stored in snapshot"));

  store = hub_store_open (db, &error);
  g_assert_no_error (error);
  stored = sql_dump (store, "SELECT complete, (SELECT count(*) FROM snapshot_rows r WHERE r.snapshot_id = s.id)"
                            " FROM snapshots s WHERE series = 'sync:all'", 0);
  g_assert_cmpstr (stored, ==, "0|40\n");
  g_clear_object (&store);
  g_clear_pointer (&stored, g_free);

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_hubeco (f, db, &out, &err, "sync", "--scope", "all", "--page-size", "20",
                               "--limit", "100", "--sync-timeout", "0", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "resumed"));
  store = hub_store_open (db, &error);
  g_assert_no_error (error);
  stored = sql_dump (store, "SELECT complete, (SELECT count(*) FROM snapshot_rows r WHERE r.snapshot_id = s.id)"
                            " FROM snapshots s WHERE series = 'sync:all'", 0);
  g_assert_cmpstr (stored, ==, "1|100\n");

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_hubeco (f, db, &out, &err, "sync", "--sync-timeout", "-5", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--sync-timeout must be"));
}

static void
test_cli_sync_and_history (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *db = g_build_filename (f->dir, "cli.db", NULL);
  g_autoptr(GPtrArray) ids = hub_test_server_list_ids (f->server, "trendingScore");
  const char *top = g_ptr_array_index (ids, 0);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(HubStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 before = hub_test_server_get_all_time (f->server, top);
  gint64 after;
  g_auto(GStrv) lines = NULL;
  int status;

  status = run_hubeco (f, db, &out, &err, "sync", "--scope", "trending", "--limit", "500", NULL);
  g_test_message ("%s%s", out, err);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "Models stored: 500"));
  g_assert_nonnull (strstr (err, "Page 1: 500 models"));

  store = hub_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n_snapshots (store, "sync:trending"), ==, 1);
  g_assert_cmpint (sql_int (store, "SELECT count(*) FROM snapshot_rows r JOIN snapshots s ON s.id = r.snapshot_id"
                                   " WHERE s.series = 'sync:trending' AND s.complete = 1", 0), ==, 500);
  g_clear_object (&store);

  /* Counts change on the server; the second sync gives interval downloads. */
  hub_test_server_advance (f->server, 1);
  after = hub_test_server_get_all_time (f->server, top);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_usleep (1100 * 1000);  /* a later captured_at */
  status = run_hubeco (f, db, &out, &err, "sync", "--scope", "trending", "--limit", "500", NULL);
  g_assert_cmpint (status, ==, 0);

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = run_hubeco (f, db, &out, &err, "history", top, "--format", "csv", "--series", "sync:trending", NULL);
  g_test_message ("%s%s", out, err);
  g_assert_cmpint (status, ==, 0);
  lines = g_strsplit (g_strstrip (out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_cmpstr (lines[0], ==, "captured_at,series,downloads,downloads_all_time,likes,trending_score,interval_downloads,note");
  expected = g_strdup_printf (",%" G_GINT64_FORMAT ",", after - before);
  g_assert_nonnull (strstr (lines[2], expected));

  /* JSON too. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = run_hubeco (f, db, &out, &err, "history", top, "--format", "json", "--series", "sync:trending", NULL);
  g_assert_cmpint (status, ==, 0);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("\"interval_downloads\": %" G_GINT64_FORMAT, after - before);
  if (strstr (out, expected) == NULL)
    {
      g_clear_pointer (&expected, g_free);
      expected = g_strdup_printf ("\"interval_downloads\":%" G_GINT64_FORMAT, after - before);
    }
  g_assert_nonnull (strstr (out, expected));

  /* Errors: a model never seen, a bad scope, a refused token. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_hubeco (f, db, &out, &err, "history", "nobody/nothing", NULL), ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_hubeco (f, db, &out, &err, "sync", "--scope", "everything", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "author:NAME"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  hub_test_server_require_token (f->server, "hf_right");
  g_assert_cmpint (run_hubeco (f, db, &out, &err, "sync", "--scope", "likes", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "401"));
}

static void
test_cli_interrupt (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *db = g_build_filename (f->dir, "int.db", NULL);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  hub_test_server_set_delay (f->server, 50);
  proc = spawn_hubeco (f, db, &error, "sync", "--scope", "all", "--page-size", "200", NULL);
  g_assert_no_error (error);
  while (hub_test_server_get_pages_served (f->server) < 3)
    g_usleep (5000);
  g_subprocess_send_signal (proc, SIGINT);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_test_message ("%s", err);
  g_assert_true (g_subprocess_get_if_exited (proc));
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 130);
  g_assert_nonnull (strstr (err, "Interrupted"));

  hub_test_server_set_delay (f->server, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = run_hubeco (f, db, &out, &err, "sync", "--scope", "all", "--page-size", "200", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "resumed"));
}

/* What a sync leaves behind, without times that differ between runs. */
static char *
final_state (const char *db)
{
  g_autoptr(HubStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *models = NULL;
  g_autofree char *snapshots = NULL;

  store = hub_store_open (db, &error);
  g_assert_no_error (error);
  snapshots = sql_dump (store, "SELECT series, complete, (SELECT count(*) FROM snapshot_rows r WHERE r.snapshot_id = s.id)"
                               " FROM snapshots s WHERE series LIKE 'sync:%' ORDER BY series, captured_at", 0);
  rows = sql_dump (store, "SELECT r.model_id, r.downloads, r.downloads_all_time, r.likes, r.trending_score, r.rank"
                          " FROM snapshot_rows r JOIN snapshots s ON s.id = r.snapshot_id"
                          " WHERE s.series = 'sync:all' ORDER BY r.rank", 0);
  models = sql_dump (store, "SELECT id, author, created_at, pipeline_tag, library_name, parameters, downloads,"
                            " downloads_all_time, likes, trending_score,"
                            " (SELECT count(*) FROM tags t WHERE t.model_id = m.id),"
                            " (SELECT group_concat(parent, ',') FROM lineage l WHERE l.child = m.id)"
                            " FROM models m ORDER BY id", 0);
  g_assert_cmpint (sql_int (store, "SELECT count(*) FROM sync_state", 0), ==, 0);
  return g_strdup_printf ("%s\n%s\n%s", snapshots, rows, models);
}

static void
test_cli_killed_then_resumed (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *killed_db = g_build_filename (f->dir, "killed.db", NULL);
  g_autofree char *clean_db = g_build_filename (f->dir, "clean.db", NULL);
  g_autofree char *killed_state = NULL;
  g_autofree char *clean_state = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  guint kill_after = 4 + g_test_rand_int_range (0, 8);

  /* Killed at a random page while pages keep coming. */
  hub_test_server_set_delay (f->server, 20);
  proc = spawn_hubeco (f, killed_db, &error, "sync", "--scope", "all", "--page-size", "200", NULL);
  g_assert_no_error (error);
  while (hub_test_server_get_pages_served (f->server) < kill_after)
    g_usleep (2000);
  g_usleep (g_test_rand_int_range (0, 20000));
  g_subprocess_force_exit (proc);
  g_assert_true (g_subprocess_wait (proc, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (proc));
  g_assert_cmpint (g_subprocess_get_term_sig (proc), ==, SIGKILL);
  g_test_message ("killed after %u pages", kill_after);

  /* The database is consistent and the snapshot incomplete. */
  {
    g_autoptr(HubStore) store = hub_store_open (killed_db, &error);

    g_assert_no_error (error);
    g_assert_cmpint (sql_int (store, "SELECT count(*) FROM snapshots WHERE series = 'sync:all' AND complete = 1", 0), ==, 0);
    g_autofree char *check = sql_dump (store, "PRAGMA integrity_check", 0);

    g_assert_cmpstr (check, ==, "ok\n");
  }

  hub_test_server_set_delay (f->server, 0);
  g_assert_cmpint (run_hubeco (f, killed_db, &out, &err, "sync", "--scope", "all", "--page-size", "200", NULL), ==, 0);
  g_test_message ("%s", out);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_hubeco (f, clean_db, &out, &err, "sync", "--scope", "all", "--page-size", "200", NULL), ==, 0);

  killed_state = final_state (killed_db);
  clean_state = final_state (clean_db);
  g_assert_cmpstr (killed_state, ==, clean_state);
  g_assert_nonnull (strstr (killed_state, "sync:all|1|15904\n"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync/scopes/validate", test_scopes_validate);
  g_test_add_func ("/sync/scopes/children", test_scope_children);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/sync/trending-and-history", test_trending_and_history);
  ADD ("/sync/etag-not-modified", test_etag_not_modified);
  ADD ("/sync/scopes/others", test_other_scopes);
  ADD ("/sync/fault/429-then-ok", test_rate_limited);
  ADD ("/sync/fault/503-twice", test_503_twice);
  ADD ("/sync/fault/500-five-times", test_500_five_times);
  ADD ("/sync/fault/timeout", test_timeout);
  ADD ("/sync/fault/closed-mid-body", test_closed_mid_body);
  ADD ("/sync/fault/truncated-json", test_truncated_json);
  ADD ("/sync/fault/other-endpoint", test_other_endpoint);
  ADD ("/sync/fault/invalid-json", test_invalid_json);
  ADD ("/sync/fault/object-page", test_object_page);
  ADD ("/sync/fault/wrong-types", test_wrong_types);
  ADD ("/sync/fault/link-back", test_link_back);
  ADD ("/sync/fault/empty-page", test_empty_page);
  ADD ("/sync/fault/page-cap", test_page_cap);
  ADD ("/sync/fault/huge-page", test_huge_page);
  ADD ("/sync/fault/bad-token", test_bad_token);
  ADD ("/sync/fault/cancel-mid-page", test_cancel_mid_page);
  ADD ("/sync/fault/cancel-while-storing", test_cancel_while_storing);
  ADD ("/sync/children/failures", test_children_failures);
  g_test_add ("/sync/children/into-lineage", Fixture, NULL, fixture_setup_clones, test_children_into_lineage,
              fixture_teardown);
  ADD ("/sync/cli/sync-and-history", test_cli_sync_and_history);
  ADD ("/sync/cli/interrupt", test_cli_interrupt);
  ADD ("/sync/cli/gzip-bomb", test_cli_gzip_bomb);
  ADD ("/sync/cli/deadline", test_cli_deadline);
  ADD ("/sync/cli/sync-time-limit", test_cli_sync_time_limit);
  ADD ("/sync/cli/killed-then-resumed", test_cli_killed_then_resumed);
#undef ADD

  return g_test_run ();
}
