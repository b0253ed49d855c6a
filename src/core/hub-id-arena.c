/* SPDX-License-Identifier: GPL-3.0-or-later */
/* memmem() */
#define _GNU_SOURCE
#define G_LOG_DOMAIN "hubeco-dataset"

#include "config.h"

#include "hub-id-arena.h"
#include "hub-parallel.h"
#include "hub-dataset-private.h"

#include <string.h>

void
hub_id_arena_free (HubIdArena *arena)
{
  if (arena == NULL)
    return;
  g_free (arena->text);
  g_free (arena->starts);
  g_free (arena);
}

char *
hub_id_arena_dup_string (HubDataset     *dataset,
                         HubIdArenaKind  kind,
                         guint           i)
{
  return kind == HUB_ID_ARENA_IDS ? g_ascii_strdown (dataset->models[i].id, -1)
                                  : g_utf8_casefold (dataset->authors[i].author, -1);
}

static gpointer
arena_build (HubDataset *dataset,
             gpointer    user_data)
{
  HubIdArenaKind kind = GPOINTER_TO_INT (user_data);
  guint n = kind == HUB_ID_ARENA_IDS ? dataset->n_models : dataset->n_authors;
  HubIdArena *arena = g_new0 (HubIdArena, 1);
  GString *text = g_string_sized_new (kind == HUB_ID_ARENA_IDS ? (gsize) n * 36 : (gsize) n * 12);

  arena->starts = g_new (guint32, n + 1);
  for (guint i = 0; i < n; i++)
    {
      /* Offsets are 32-bit: past 4 GB of names there is no arena. */
      if (text->len >= G_MAXUINT32 - 4096)
        {
          g_string_free (text, TRUE);
          g_free (arena->starts);
          g_free (arena);
          return NULL;
        }
      arena->starts[i] = (guint32) text->len;
      if (kind == HUB_ID_ARENA_IDS)
        {
          /* Ids are ASCII: lowered in place, no allocation. */
          for (const char *p = dataset->models[i].id; *p != '\0'; p++)
            g_string_append_c (text, g_ascii_tolower (*p));
        }
      else
        {
          g_autofree char *folded = hub_id_arena_dup_string (dataset, kind, i);

          g_string_append (text, folded);
        }
      g_string_append_c (text, '\0');
    }
  arena->starts[n] = (guint32) text->len;
  arena->length = text->len;
  arena->text = g_string_free (text, FALSE);
  return arena;
}

HubIdArena *
hub_dataset_get_id_arena (HubDataset     *dataset,
                          HubIdArenaKind  kind,
                          gboolean       *out_owned)
{
  return hub_dataset_get_cached (dataset, kind == HUB_ID_ARENA_IDS ? "id-arena" : "author-arena",
                                 arena_build, GINT_TO_POINTER (kind), (GDestroyNotify) hub_id_arena_free, out_owned);
}

guint
hub_id_arena_string_at (const HubIdArena *arena,
                        guint             n,
                        gsize             offset)
{
  guint lo = 0, hi = n;

  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (arena->starts[mid] <= offset)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

/* One part of a scan: strings [@first, @last). */
typedef struct {
  const HubIdArena *arena;
  guint             n;
  const char       *needle;
  gsize             needle_len;
  guint8           *match;
  guint             first;
  guint             last;
} ArenaScan;

static gpointer
arena_scan_run (gpointer data)
{
  ArenaScan *scan = data;
  const HubIdArena *arena = scan->arena;
  const char *p = arena->text + arena->starts[scan->first];
  const char *end = arena->text + arena->starts[scan->last];

  while (scan->needle_len > 0 && p < end)
    {
      const char *hit = memmem (p, end - p, scan->needle, scan->needle_len);
      guint i;

      if (hit == NULL)
        break;
      i = hub_id_arena_string_at (arena, scan->n, hit - arena->text);
      scan->match[i] = 1;
      /* On to the next string. */
      p = arena->text + arena->starts[i + 1];
    }
  return NULL;
}

/* Below this many strings one thread scans them all. */
#define PARALLEL_THRESHOLD 200000

void
hub_id_arena_mark (const HubIdArena *arena,
                   guint             n,
                   const char       *needle,
                   gsize             needle_len,
                   guint8           *match)
{
  /* Two halves of the arena (split between two strings): the scan runs at
   * memory speed, at 2 M ids about 60 MB. */
  ArenaScan halves[2] = {
    { arena, n, needle, needle_len, match, 0, n / 2 },
    { arena, n, needle, needle_len, match, n / 2, n },
  };

  g_return_if_fail (arena != NULL && needle != NULL && match != NULL);

  if (n >= PARALLEL_THRESHOLD)
    hub_parallel_run_pair ("hubeco-id-scan", arena_scan_run, &halves[1], &halves[0]);
  else
    {
      halves[0].last = n;
      arena_scan_run (&halves[0]);
    }
}

