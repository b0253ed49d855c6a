/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * bench-store: upserts N synthetic models (default 100,000; 12 tags and one
 * parent each, like a typical Hub entry) into a fresh store in one
 * transaction, then updates them all again (same tags, then one tag changed)
 * and prints entries per second.
 *
 *   ninja -C build bench/bench-store && build/bench/bench-store [N]
 */
#include "config.h"

#include "hub-store.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <time.h>

static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static HubModelEntry *
synthetic_entry (guint i)
{
  HubModelEntry *entry = hub_model_entry_new ();

  entry->id = g_strdup_printf ("author%u/model-%u-GGUF", i % 5000, i);
  entry->author = g_strdup_printf ("author%u", i % 5000);
  entry->created_at = 1646263744 + i * 97;
  entry->last_modified = entry->created_at + 3600;
  entry->pipeline_tag = g_strdup ("text-generation");
  entry->library_name = g_strdup ("transformers");
  entry->gated = g_strdup ("false");
  entry->license = g_strdup ("apache-2.0");
  entry->parameters = 7000000000 + i;
  entry->parameters_source = HUB_PARAM_SOURCE_SAFETENSORS;
  entry->used_storage = 15000000000 + i;
  entry->downloads = i * 3;
  entry->likes = i % 100;
  entry->trending_score = i % 7;
  for (guint t = 0; t < 12; t++)
    g_ptr_array_add (entry->tags, g_strdup_printf ("tag-%u", (i + t * 31) % 400));
  if (i > 0)
    hub_model_entry_add_parent (entry, "Qwen/Qwen3.8-27B", HUB_RELATION_QUANTIZED);
  entry->lineage_source = HUB_LINEAGE_SOURCE_BASE_MODELS;
  return entry;
}

static double
run (HubStore   *store,
     GPtrArray  *entries,
     const char *label)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  double cpu_start = cpu_seconds ();
  double seconds, cpu;

  if (!hub_store_begin (store, &error))
    g_error ("%s", error->message);
  for (guint i = 0; i < entries->len; i++)
    {
      gboolean was_new;

      if (!hub_store_upsert_model (store, g_ptr_array_index (entries, i), &was_new, &error))
        g_error ("%s", error->message);
    }
  if (!hub_store_commit (store, &error))
    g_error ("%s", error->message);

  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  cpu = cpu_seconds () - cpu_start;
  g_print ("%-8s %u entries in %.3f s (%.3f s CPU): %.0f entries/s (%.0f per CPU second)\n",
           label, entries->len, seconds, cpu, entries->len / seconds, entries->len / cpu);
  return seconds;
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) strtoul (argv[1], NULL, 10) : 100000;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) hub_model_entry_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-store-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(HubStore) store = NULL;

  if (dir == NULL)
    g_error ("%s", error->message);
  path = g_build_filename (dir, "bench.db", NULL);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (entries, synthetic_entry (i));

  store = hub_store_open (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);

  run (store, entries, "insert");
  for (guint i = 0; i < n; i++)
    ((HubModelEntry *) g_ptr_array_index (entries, i))->downloads += 1;
  run (store, entries, "update");
  /* New tags for every model: the tag rows are rewritten. */
  for (guint i = 0; i < n; i++)
    {
      HubModelEntry *entry = g_ptr_array_index (entries, i);

      g_free (entry->tags->pdata[0]);
      entry->tags->pdata[0] = g_strdup_printf ("retag-%u", i % 50);
    }
  run (store, entries, "retag");

  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    GStatBuf st;

    if (g_stat (path, &st) == 0)
      g_print ("file     %.1f MB\n", st.st_size / 1e6);
    g_unlink (wal);
    g_unlink (shm);
    g_unlink (path);
    g_rmdir (dir);
  }
  return 0;
}
