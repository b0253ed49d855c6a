/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-backfill"

#include "config.h"

#include "hub-backfill.h"
#include "hub-input-limits.h"
#include "hub-model-entry.h"
#include "hub-types.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

/* Pages of the commit list read at most (the Hub pages by 50 or so: years
 * of daily commits fit many times over). */
#define MAX_COMMIT_PAGES 2000

void
hub_revision_free (HubRevision *revision)
{
  if (revision == NULL)
    return;
  g_free (revision->id);
  g_free (revision->title);
  g_free (revision);
}

/* A commit id as the Hub writes them: hexadecimal. */
static gboolean
commit_id_is_valid (const char *id)
{
  gsize len = id != NULL ? strlen (id) : 0;

  if (len < 7 || len > 64)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isxdigit (id[i]))
      return FALSE;
  return TRUE;
}

/* A file path inside a repository: plain names separated by "/". */
static gboolean
repo_path_is_valid (const char *path)
{
  g_auto(GStrv) parts = NULL;

  if (path == NULL || *path == '\0' || strlen (path) > 512 || path[0] == '/')
    return FALSE;
  parts = g_strsplit (path, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] == '\0' || strcmp (parts[i], ".") == 0 || strcmp (parts[i], "..") == 0)
        return FALSE;
      for (const char *p = parts[i]; *p != '\0'; p++)
        if (!g_ascii_isalnum (*p) && strchr ("._-", *p) == NULL)
          return FALSE;
    }
  return TRUE;
}

static gboolean
parse_commits (GBytes     *body,
               GPtrArray  *out,
               GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;
  JsonArray *array;

  if (!hub_json_load_bounded (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), error))
    {
      g_prefix_error (error, _("The commit list is not valid JSON: "));
      return FALSE;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error (error, HUB_CLIENT_ERROR, HUB_CLIENT_ERROR_BAD_RESPONSE,
                   _("The commit list is not an array of commits"));
      return FALSE;
    }
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *obj = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *id = obj != NULL ? json_object_get_string_member_with_default (obj, "id", NULL) : NULL;
      const char *date = obj != NULL ? json_object_get_string_member_with_default (obj, "date", NULL) : NULL;
      HubRevision *revision;

      /* A commit without a usable id or date cannot be fetched or dated. */
      if (!commit_id_is_valid (id) || hub_time_parse_iso8601 (date) == HUB_TIME_NONE)
        continue;
      revision = g_new0 (HubRevision, 1);
      revision->id = g_ascii_strdown (id, -1);
      revision->date = hub_time_parse_iso8601 (date);
      revision->title = g_strdup (json_object_get_string_member_with_default (obj, "title", ""));
      g_ptr_array_add (out, revision);
    }
  return TRUE;
}

static int
compare_dates (gconstpointer a,
               gconstpointer b)
{
  const HubRevision *ra = *(const HubRevision * const *) a;
  const HubRevision *rb = *(const HubRevision * const *) b;

  return ra->date < rb->date ? -1 : ra->date > rb->date ? 1 : strcmp (ra->id, rb->id);
}

GPtrArray *
hub_backfill_list_revisions (HubClient     *client,
                             const char    *repo,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(GPtrArray) revisions = g_ptr_array_new_with_free_func ((GDestroyNotify) hub_revision_free);
  g_autofree char *uri = NULL;

  g_return_val_if_fail (HUB_IS_CLIENT (client), NULL);
  g_return_val_if_fail (repo != NULL, NULL);

  if (!hub_model_id_is_valid (repo) || strchr (repo, '/') == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a dataset name (expected owner/name)"), repo);
      return NULL;
    }
  uri = g_strdup_printf ("%s/api/datasets/%s/commits/main", hub_client_get_base_uri (client), repo);

  for (guint page = 0; uri != NULL; page++)
    {
      g_autoptr(HubClientResponse) response = NULL;

      if (page >= MAX_COMMIT_PAGES)
        {
          g_set_error (error, HUB_CLIENT_ERROR, HUB_CLIENT_ERROR_BAD_RESPONSE,
                       _("The commit list goes on past %u pages"), MAX_COMMIT_PAGES);
          return NULL;
        }
      response = hub_client_get (client, uri, NULL, cancellable, error);
      if (response == NULL || !parse_commits (response->body, revisions, error))
        return NULL;
      g_free (uri);
      uri = g_steal_pointer (&response->next_uri);
    }

  g_ptr_array_sort (revisions, compare_dates);
  return g_steal_pointer (&revisions);
}

GPtrArray *
hub_backfill_choose (GPtrArray *all,
                     gint64     since,
                     gint64     until,
                     guint      every_days)
{
  GPtrArray *chosen = g_ptr_array_new ();
  gint64 last = HUB_TIME_NONE;

  for (guint i = 0; i < all->len; i++)
    {
      HubRevision *r = g_ptr_array_index (all, i);

      if ((since != HUB_TIME_NONE && r->date < since) || (until != HUB_TIME_NONE && r->date > until))
        continue;
      if (last != HUB_TIME_NONE && r->date - last < (gint64) every_days * 86400)
        continue;
      g_ptr_array_add (chosen, r);
      last = r->date;
    }
  return chosen;
}

typedef struct {
  HubBackfillStatus    status;
  HubBackfillProgress  progress;
  gpointer             user_data;
} Run;

static void
tell (Run *run)
{
  if (run->progress != NULL)
    run->progress (&run->status, run->user_data);
}

static void
download_progress (guint64  done,
                   guint64  total,
                   gpointer user_data)
{
  Run *run = user_data;

  run->status.bytes_done = done;
  if (total > 0)
    run->status.bytes_file = total;
  tell (run);
}

static char *
resolve_uri (HubClient                *client,
             const HubBackfillOptions *o,
             const HubRevision        *r)
{
  return g_strdup_printf ("%s/datasets/%s/resolve/%s/%s", hub_client_get_base_uri (client),
                          o->repo, r->id, o->path);
}

static gboolean
check_room (const char  *dir,
            guint64      needed,
            GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  g_autoptr(GFileInfo) info = g_file_query_filesystem_info (file, G_FILE_ATTRIBUTE_FILESYSTEM_FREE, NULL, NULL);
  guint64 free_bytes;

  if (info == NULL || !g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_FILESYSTEM_FREE))
    return TRUE;
  free_bytes = g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_FILESYSTEM_FREE);
  if (free_bytes >= needed)
    return TRUE;
  {
    g_autofree char *need = g_format_size (needed);
    g_autofree char *have = g_format_size (free_bytes);

    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                 _("Not enough room in %s for the download: %s needed, %s free"), dir, need, have);
  }
  return FALSE;
}

/* Downloads one revision's file to DIR/SERIES-COMMIT.parquet (through a
 * .part file that a later run resumes). */
static char *
fetch_revision (HubClient                *client,
                const HubBackfillOptions *o,
                Run                      *run,
                const HubRevision        *r,
                GCancellable             *cancellable,
                GError                  **error)
{
  g_autofree char *name = g_strdup_printf ("%s-%s.parquet", o->series, r->id);
  g_autofree char *path = g_build_filename (o->download_dir, name, NULL);
  g_autofree char *part = g_strconcat (path, ".part", NULL);
  g_autofree char *uri = resolve_uri (client, o, r);
  g_autoptr(GFile) part_file = g_file_new_for_path (part);

  /* Downloaded whole by an earlier run that stopped before importing it. */
  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&path);

  if (!hub_client_download (client, uri, part_file, download_progress, run, cancellable, error))
    {
      g_prefix_error (error, _("Revision %.8s of %s: "), r->id, o->repo);
      return NULL;
    }
  if (g_rename (part, path) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not rename %s: %s"), part, g_strerror (saved));
      return NULL;
    }
  return g_steal_pointer (&path);
}

gboolean
hub_backfill_run (HubStore                 *store,
                  HubClient                *client,
                  const HubBackfillOptions *o,
                  HubBackfillProgress       progress,
                  gpointer                  user_data,
                  HubImportReport          *report,
                  GCancellable             *cancellable,
                  GError                  **error)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) chosen = NULL;
  g_autoptr(GPtrArray) todo = g_ptr_array_new ();
  g_autofree guint64 *sizes = NULL;
  Run run = { { 0, }, progress, user_data };

  g_return_val_if_fail (HUB_IS_STORE (store), FALSE);
  g_return_val_if_fail (HUB_IS_CLIENT (client), FALSE);
  g_return_val_if_fail (o != NULL && o->repo != NULL && o->path != NULL && o->series != NULL, FALSE);
  g_return_val_if_fail (o->download_dir != NULL, FALSE);

  if (!repo_path_is_valid (o->path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a file path inside a repository"), o->path);
      return FALSE;
    }

  run.status.stage = HUB_BACKFILL_LISTING;
  tell (&run);
  all = hub_backfill_list_revisions (client, o->repo, cancellable, error);
  if (all == NULL)
    return FALSE;
  chosen = hub_backfill_choose (all, o->since, o->until, o->every_days);
  run.status.n_chosen = chosen->len;

  for (guint i = 0; i < chosen->len; i++)
    {
      HubRevision *r = g_ptr_array_index (chosen, i);
      gint64 id = hub_store_snapshot_find (store, o->series, r->date);

      if (id != 0 && hub_store_snapshot_is_complete (store, id))
        run.status.n_skipped++;
      else
        g_ptr_array_add (todo, r);
    }
  run.status.n_todo = todo->len;

  /* The plan: what will be downloaded, and the most that is on disk at
   * once (one file, unless they are kept). */
  sizes = g_new0 (guint64, MAX (todo->len, 1));
  for (guint i = 0; i < todo->len; i++)
    {
      g_autofree char *uri = resolve_uri (client, o, g_ptr_array_index (todo, i));

      if (!hub_client_get_size (client, uri, &sizes[i], cancellable, error))
        return FALSE;
      run.status.bytes_total += sizes[i];
      run.status.bytes_peak = o->keep_downloads ? run.status.bytes_total
                                                : MAX (run.status.bytes_peak, sizes[i]);
    }
  run.status.stage = HUB_BACKFILL_PLANNED;
  tell (&run);

  if (todo->len > 0 && g_mkdir_with_parents (o->download_dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not create %s: %s"), o->download_dir, g_strerror (saved));
      return FALSE;
    }
  if (todo->len > 0 && !check_room (o->download_dir, run.status.bytes_peak, error))
    return FALSE;

  for (guint i = 0; i < todo->len; i++)
    {
      HubRevision *r = g_ptr_array_index (todo, i);
      HubImportOptions import = HUB_IMPORT_OPTIONS_INIT;
      g_autofree char *path = NULL;
      g_autoptr(GFile) file = NULL;

      run.status.revision = r;
      run.status.stage = HUB_BACKFILL_DOWNLOADING;
      run.status.bytes_done = 0;
      run.status.bytes_file = sizes[i];
      tell (&run);
      path = fetch_revision (client, o, &run, r, cancellable, error);
      if (path == NULL)
        return FALSE;

      run.status.stage = HUB_BACKFILL_IMPORTING;
      tell (&run);
      import.captured_at = r->date;
      import.series = o->series;
      file = g_file_new_for_path (path);
      if (!hub_import_file_full (store, file, HUB_IMPORT_FORMAT_PARQUET, &import, report, cancellable, error))
        {
          /* A file that is not whole Parquet is fetched again next time. */
          if (error != NULL && *error != NULL && (*error)->domain == HUB_INGEST_ERROR)
            g_unlink (path);
          g_prefix_error (error, _("Revision %.8s of %s: "), r->id, o->repo);
          return FALSE;
        }
      if (!o->keep_downloads)
        g_unlink (path);

      run.status.n_done++;
      run.status.stage = HUB_BACKFILL_IMPORTED;
      tell (&run);
    }
  return TRUE;
}
