/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hub-dataset.h"

G_BEGIN_DECLS

/**
 * HubIdArena:
 * Every model id ASCII-lowered (or every author name casefolded, any
 * UTF-8), one after another with a NUL after each: a search is one
 * memmem() pass over it at memory speed instead of a case-folding compare
 * per string (issue 18: 113 ms per keystroke at 2 M models), and a scan of
 * every id reads contiguous text with its length known. Built once per
 * dataset on first use (about 35 bytes per model).
 * String i is @text[@starts[i] .. @starts[i + 1] - 1) (NUL excluded).
 */
typedef struct {
  char    *text;
  guint32 *starts;   /* n + 1 offsets */
  gsize    length;
} HubIdArena;

typedef enum {
  HUB_ID_ARENA_IDS,
  HUB_ID_ARENA_AUTHORS,
} HubIdArenaKind;

/* The dataset's arena of @kind, kept with it (*@out_owned FALSE), or when
 * its cache is full built for the caller (*@out_owned TRUE: free it with
 * hub_id_arena_free()). NULL past 4 GB of text (32-bit offsets). Not from
 * inside a hub_dataset_get_cached() builder (its lock is held there). */
HubIdArena *hub_dataset_get_id_arena (HubDataset     *dataset,
                                      HubIdArenaKind  kind,
                                      gboolean       *out_owned);
void        hub_id_arena_free        (HubIdArena     *arena);
/* String @i as the arena holds it, built from the dataset. (transfer full) */
char       *hub_id_arena_dup_string  (HubDataset     *dataset,
                                      HubIdArenaKind  kind,
                                      guint           i);
/* Sets @match[i] to 1 for every string i (of @n) that contains
 * @needle (lowered or casefolded as the arena is): one memmem() pass, in
 * two halves on two threads for large arenas. */
void        hub_id_arena_mark        (const HubIdArena *arena,
                                      guint             n,
                                      const char       *needle,
                                      gsize             needle_len,
                                      guint8           *match);
/* The string (of @n) that holds byte @offset. */
guint       hub_id_arena_string_at   (const HubIdArena *arena,
                                      guint             n,
                                      gsize             offset);

G_END_DECLS
