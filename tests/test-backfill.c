/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Backfill against a local Hub: a dataset whose commits each hold a
 * models.parquet made by DuckDB from the real embedded models, with
 * all-time totals that grow from one revision to the next. The command line
 * is run as a user would, killed mid-way, and run again. */
#include "config.h"

#include "hub-backfill.h"
#include "hub-test-server.h"
#include "hub-test-util.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#define REPO "cfahlgren1/hub-stats"
#define N_COMMITS 7
#define TOKEN "hf_backfill_secret_token"

/* Revision i: the real models (a slice, for speed) with 30-day downloads
 * + i and all-time totals growing by 13 × the id's length per revision, so
 * that the downloads between two snapshots are known exactly. */
#define REVISION_SQL \
  "COPY (SELECT j->>'id' AS id, j->>'author' AS author," \
  " CAST(replace(replace(j->>'createdAt', 'T', ' '), 'Z', '') AS TIMESTAMP) AS createdAt," \
  " j->>'pipeline_tag' AS pipeline_tag, j->>'library_name' AS library_name," \
  " CAST(j->'tags' AS VARCHAR[]) AS tags," \
  " CAST(j->>'downloads' AS BIGINT) + %d AS downloads," \
  " 1000000 + %d * 13 * length(j->>'id') AS downloadsAllTime," \
  " CAST(j->>'likes' AS BIGINT) AS likes" \
  " FROM read_json_objects('%s', format = 'newline_delimited') t(j) LIMIT 3000)" \
  " TO '%s' (FORMAT parquet)"

typedef struct {
  const char *date;
  int         revision;   /* which data; -1 = none (a commit the backfill skips) */
} Commit;

/* Oldest first. --since 2025-01-01 --every 7d chooses the 5 weekly ones. */
static const Commit commits[N_COMMITS] = {
  { "2024-12-20T06:00:00.000Z", 0 },   /* before --since */
  { "2025-01-01T06:00:00.000Z", 0 },
  { "2025-01-03T06:00:00.000Z", 1 },   /* under 7 days after the last chosen */
  { "2025-01-08T06:00:00.000Z", 1 },
  { "2025-01-15T06:00:00.000Z", 2 },
  { "2025-01-22T06:00:00.000Z", 3 },
  { "2025-01-29T06:00:00.000Z", 4 },
};

static char *dir;
static HubTestServer *hub;
static HubTestServer *storage;

static char *
commit_id (guint i)
{
  g_autofree char *seed = g_strdup_printf ("revision %u", i);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA1, seed, -1);
}

static void
setup_servers (void)
{
  g_autofree char *dataset = hub_test_dataset_path ("hub-models.jsonl.gz");
  g_autoptr(GError) error = NULL;

  hub = hub_test_server_new (dataset, 0, 0, &error);
  g_assert_no_error (error);
  storage = hub_test_server_new (dataset, 0, 0, &error);
  g_assert_no_error (error);
  hub_test_server_set_commit_page_size (hub, 3);

  for (guint i = 0; i < N_COMMITS; i++)
    {
      g_autofree char *id = commit_id (i);
      g_autofree char *name = g_strdup_printf ("revision-%u.parquet", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      hub_test_duckdb (REVISION_SQL, commits[i].revision, commits[i].revision, dataset, path);
      hub_test_server_add_revision (hub, REPO, id, commits[i].date, "models.parquet", path);
      hub_test_server_add_revision (storage, REPO, id, commits[i].date, "models.parquet", path);
    }
  /* Files live on another origin, as the Hub's do. */
  hub_test_server_redirect_files (hub, storage);
}

static GSubprocess *
spawn_backfill (const char  *db,
                const char  *downloads,
                GError     **error)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);

  g_subprocess_launcher_setenv (launcher, "HF_ENDPOINT", hub_test_server_get_uri (hub), TRUE);
  g_subprocess_launcher_setenv (launcher, "HF_TOKEN", TOKEN, TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  return g_subprocess_launcher_spawn (launcher, error, hub_test_hubeco_bin (), "backfill", "hub-stats",
                                      "--since", "2025-01-01", "--every", "7d",
                                      "--download-dir", downloads, "--db", db, NULL);
}

static void
run_backfill (const char  *db,
              const char  *downloads,
              char       **out,
              char       **err,
              int         *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = spawn_backfill (db, downloads, &error);

  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  *status = g_subprocess_get_exit_status (process);
}

static void
test_choose (void)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) hub_revision_free);
  g_autoptr(GPtrArray) chosen = NULL;
  g_autoptr(GPtrArray) every = NULL;
  gint64 since = hub_time_parse_iso8601 ("2025-01-01");
  gint64 until = hub_time_parse_iso8601 ("2025-01-22T23:59:59Z");

  for (guint i = 0; i < N_COMMITS; i++)
    {
      HubRevision *r = g_new0 (HubRevision, 1);

      r->id = commit_id (i);
      r->date = hub_time_parse_iso8601 (commits[i].date);
      g_ptr_array_add (all, r);
    }
  chosen = hub_backfill_choose (all, since, until, 7);
  /* 2025-01-01, 01-08, 01-15, 01-22: 01-03 is 2 days after 01-01, 12-20
   * before since, 01-29 after until. */
  g_assert_cmpuint (chosen->len, ==, 4);
  g_assert_true (g_ptr_array_index (chosen, 0) == g_ptr_array_index (all, 1));
  g_assert_true (g_ptr_array_index (chosen, 1) == g_ptr_array_index (all, 3));
  g_assert_true (g_ptr_array_index (chosen, 3) == g_ptr_array_index (all, 5));
  every = hub_backfill_choose (all, HUB_TIME_NONE, HUB_TIME_NONE, 0);
  g_assert_cmpuint (every->len, ==, N_COMMITS);
}

/* Five weekly revisions: five snapshots of series hub-stats dated by their
 * commits, interval downloads equal to the all-time differences, the
 * token sent to the Hub and never to the storage host, a dropped
 * download resumed, and the downloads deleted. */
static void
test_five_revisions (void)
{
  g_autofree char *db = g_build_filename (dir, "clean.db", NULL);
  g_autofree char *downloads = g_build_filename (dir, "downloads-clean", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *auth = NULL;
  g_autofree char *storage_auth = NULL;
  g_autoptr(GDir) left = NULL;
  HubTestRun run = { 0, };
  int status = -1;

  hub_test_server_add_fault (storage, HUB_TEST_SERVER_FILES, HUB_FAULT_CLOSE_MID_BODY, 0, 1);
  run_backfill (db, downloads, &out, &err, &status);
  if (status != 0)
    g_error ("backfill failed: %s%s", out, err);
  g_assert_nonnull (strstr (err, "5 revisions chosen, 0 imported before, 5 to fetch"));
  g_assert_nonnull (strstr (out, "Snapshots written: 5 (15000 rows)"));

  auth = hub_test_server_get_last_header (hub, "authorization");
  g_assert_cmpstr (auth, ==, "Bearer " TOKEN);
  storage_auth = hub_test_server_get_last_header (storage, "authorization");
  g_assert_null (storage_auth);
  /* 5 HEADs, 5 downloads and the one resumed after the dropped body. */
  g_assert_cmpuint (hub_test_server_get_file_requests (storage), ==, 11);

  left = g_dir_open (downloads, 0, NULL);
  g_assert_nonnull (left);
  g_assert_null (g_dir_read_name (left));

  hub_test_run_hubeco (&run, db, "snapshots", "--format", "csv", NULL);
  for (guint i = 1; i < N_COMMITS; i++)
    {
      g_autofree char *when = g_strndup (commits[i].date, 19);
      gboolean chosen = i != 2;

      g_assert_true ((strstr (run.out, when) != NULL) == chosen);
    }
  hub_test_run_clear (&run);

  /* Between two weekly snapshots a model gained 13 × the length of its id
   * per revision step (revisions 0, 1, 2, 3, 4): 13 × 27 = 351 here. */
  hub_test_run_hubeco (&run, db, "history", "AtomicChat/Qwen3.8-27B-GGUF", "--series", "hub-stats",
                       "--format", "csv", NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_auto(GStrv) lines = g_strsplit (run.out, "\n", -1);
    g_auto(GStrv) header = g_strsplit (lines[0], ",", -1);
    guint last = 0, n = 0;

    while (header[last] != NULL && strcmp (header[last], "interval_downloads") != 0)
      last++;
    g_assert_nonnull (header[last]);
    for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
      {
        g_auto(GStrv) f = g_strsplit (lines[i], ",", -1);

        /* The first has no previous snapshot; the others 208 each. */
        if (n == 0)
          g_assert_cmpstr (f[last], ==, "");
        else
          g_assert_cmpstr (f[last], ==, "351");
        n++;
      }
    g_assert_cmpuint (n, ==, 5);
  }
  hub_test_run_clear (&run);

  /* Run again: nothing to fetch. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  run_backfill (db, downloads, &out, &err, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (err, "5 revisions chosen, 5 imported before, 0 to fetch"));
  g_assert_nonnull (strstr (out, "Snapshots written: 0 (0 rows)"));
}

/* Killed at random moments, then run to the end: the same database as a
 * clean run. */
static void
test_killed (void)
{
  g_autofree char *clean = g_build_filename (dir, "clean.db", NULL);
  g_autofree char *db = g_build_filename (dir, "killed.db", NULL);
  g_autofree char *downloads = g_build_filename (dir, "downloads-killed", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *expected = NULL, *got = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261207);
  gint64 clean_time;
  int status = -1;

  /* How long a backfill takes here, to aim the kills inside it (the
   * databases hold the embedded dataset first, as a user's would). */
  g_free (hub_test_database_text (db));
  {
    g_autofree char *probe = g_build_filename (dir, "probe.db", NULL);
    g_autofree char *probe_downloads = g_build_filename (dir, "downloads-probe", NULL);
    gint64 start;

    g_free (hub_test_database_text (probe));
    start = g_get_monotonic_time ();
    run_backfill (probe, probe_downloads, &out, &err, &status);
    g_assert_cmpint (status, ==, 0);
    clean_time = g_get_monotonic_time () - start;
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  for (guint k = 0; k < 6; k++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSubprocess) process = spawn_backfill (db, downloads, &error);
      gint64 delay = g_rand_int_range (rand, (gint32) (clean_time / 10), (gint32) clean_time);

      g_assert_no_error (error);
      g_usleep ((gulong) delay);
      g_subprocess_send_signal (process, SIGKILL);
      g_subprocess_wait (process, NULL, &error);
      g_assert_no_error (error);
      g_test_message ("kill %u after %.2f s (a clean run takes %.2f s)", k, delay / 1e6, clean_time / 1e6);
    }

  run_backfill (db, downloads, &out, &err, &status);
  if (status != 0)
    g_error ("backfill after kills failed: %s%s", out, err);

  expected = hub_test_database_text (clean);
  got = hub_test_database_text (db);
  g_assert_cmpstr (got, ==, expected);
}

/* A dataset that does not exist, a server error on a file: a clear
 * message, exit 1, nothing stored. */
static void
test_errors (void)
{
  g_autofree char *db = g_build_filename (dir, "errors.db", NULL);
  g_autofree char *downloads = g_build_filename (dir, "downloads-errors", NULL);
  g_autofree char *before = NULL, *after = NULL;
  g_autofree char *out = NULL, *err = NULL;
  int status = -1;

  before = hub_test_database_text (db);
  hub_test_server_add_fault (storage, HUB_TEST_SERVER_FILES, HUB_FAULT_STATUS, 403, 1);
  run_backfill (db, downloads, &out, &err, &status);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "Access denied (HTTP 403)"));
  after = hub_test_database_text (db);
  g_assert_cmpstr (before, ==, after);
}

int
main (int    argc,
      char **argv)
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  dir = hub_test_tmpdir ();
  setup_servers ();

  g_test_add_func ("/backfill/choose", test_choose);
  g_test_add_func ("/backfill/five-revisions", test_five_revisions);
  g_test_add_func ("/backfill/killed", test_killed);
  g_test_add_func ("/backfill/errors", test_errors);

  rc = g_test_run ();
  hub_test_server_free (hub);
  hub_test_server_free (storage);
  return rc;
}
