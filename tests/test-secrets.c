/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The access token never leaves memory (docs/security.md): a `hubeco sync`
 * with HF_TOKEN set and every debug message on, against the fixture Hub
 * server that requires the token, then exports of what was synced. The
 * token is in none of the database, its WAL and journal, the standard
 * output, the standard error, the exported files or the command line; a
 * wrong token fails with a message that does not repeat it. */
#include "config.h"

#include "hub-test-server.h"
#include "hub-test-util.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#define TOKEN       "hf_SECRETtoken0123456789abcdef"
#define WRONG_TOKEN "hf_WRONGtoken9876543210fedcba"
/* A part of each token, in case something cut or reformatted it. */
#define TOKEN_PART  "SECRETtoken0123"
#define WRONG_PART  "WRONGtoken9876"

static int
run_hubeco (const char  *endpoint,
            const char  *token,
            char       **out_stdout,
            char       **out_stderr,
            const char  *first_arg,
            ...)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list ap;

  g_subprocess_launcher_setenv (launcher, "HF_ENDPOINT", endpoint, TRUE);
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
  if (token != NULL)
    g_subprocess_launcher_setenv (launcher, "HF_TOKEN", token, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "HF_TOKEN");
  g_ptr_array_add (args, (char *) hub_test_hubeco_bin ());
  va_start (ap, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    {
      /* No command line carries the token: only the environment does. */
      g_assert_null (strstr (arg, TOKEN_PART));
      g_ptr_array_add (args, (char *) arg);
    }
  va_end (ap);
  g_ptr_array_add (args, NULL);

  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, out_stdout, out_stderr, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  return g_subprocess_get_exit_status (proc);
}

/* Whether the file at @path (if it exists) holds @needle anywhere. */
static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *bytes = NULL;
  gsize len = 0, n = strlen (needle);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return FALSE;
  g_assert_true (g_file_get_contents (path, &bytes, &len, NULL));
  /* The file is binary (a database page holds NULs): no strstr. */
  for (gsize i = 0; i + n <= len; i++)
    if (bytes[i] == needle[0] && memcmp (bytes + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static void
assert_no_token_in_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;
      if (file_contains (path, TOKEN_PART) || file_contains (path, WRONG_PART))
        g_error ("%s holds the access token", path);
      n++;
    }
  g_assert_cmpuint (n, >, 0);
}

static void
test_token_stays_secret (void)
{
  g_autofree char *dir = hub_test_tmpdir ();
  g_autofree char *dataset = hub_test_dataset_path ("hub-models.jsonl.gz");
  g_autofree char *db = g_build_filename (dir, "tok.db", NULL);
  g_autofree char *csv = g_build_filename (dir, "share.csv", NULL);
  g_autofree char *json = g_build_filename (dir, "lead.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(HubTestServer) server = NULL;
  g_autoptr(GError) error = NULL;
  const char *uri;

  server = hub_test_server_new (dataset, 0, 0, &error);
  g_assert_no_error (error);
  hub_test_server_require_token (server, TOKEN);
  uri = hub_test_server_get_uri (server);

  /* With the right token: the sync succeeds, so the token was sent. */
  g_assert_cmpint (run_hubeco (uri, TOKEN, &out, &err, "sync", "--scope", "downloads", "--limit", "300",
                               "--page-size", "100", "--db", db, NULL), ==, 0);
  g_assert_cmpuint (hub_test_server_get_pages_served (server), >=, 3);
  g_assert_null (strstr (out, TOKEN_PART));
  g_assert_null (strstr (err, TOKEN_PART));
  /* The debug messages were on: the check saw what a user would log. */
  g_assert_nonnull (strstr (err, "hubeco-"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The exports of what was synced, with the token still set. */
  g_assert_cmpint (run_hubeco (uri, TOKEN, &out, &err, "export-chart", "share", "--by", "author",
                               "--output", csv, "--db", db, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_hubeco (uri, TOKEN, &out, &err, "export-chart", "leaderboard", "--by", "model",
                               "--output", json, "--db", db, NULL), ==, 0);
  g_assert_true (g_file_test (csv, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (json, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A wrong token: refused, and the message does not repeat it. */
  g_assert_cmpint (run_hubeco (uri, WRONG_TOKEN, &out, &err, "sync", "--scope", "downloads", "--limit", "100",
                               "--page-size", "100", "--db", db, NULL), !=, 0);
  g_test_message ("wrong token: %s", err);
  g_assert_nonnull (strstr (err, "401"));
  g_assert_null (strstr (err, WRONG_PART));
  g_assert_null (strstr (out, WRONG_PART));

  /* The database, its WAL and journal, and the exports; the search does
   * find what was stored (the top model's id). */
  {
    g_autoptr(GPtrArray) ids = hub_test_server_list_ids (server, "downloads");

    g_assert_true (file_contains (db, g_ptr_array_index (ids, 0)));
  }
  assert_no_token_in_files (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/secrets/token-stays-secret", test_token_stays_secret);

  return g_test_run ();
}
