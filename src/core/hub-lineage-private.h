/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/*
 * What hub-lineage.c (the graph and its walks) and hub-lineage-rank.c (the
 * rankings of families and intermediaries) share: the layout, the pooled
 * scratches and the family walk. Not for other files.
 */

#include "hub-lineage.h"

G_BEGIN_DECLS

/* pre_info: the relation to the first parent (as clamp_relation() gives
 * it) in the low bits, and two flags. */
#define RELATION_MASK       0x0f
#define DERIVES_FROM_OTHER  0x40  /* a parent in the data has another author */
#define HAS_SECONDARY       0x80  /* children not attributed to it (merges) */

typedef struct {
  guint32 *stamp;        /* by model: ancestor walks (gen: left, gen + 1: on the path) */
  guint32 *pos_stamp;    /* by position: == gen when included in the walk */
  guint32 *start_stamp;  /* by position: == gen when a range listed on its own starts here */
  guint32 *start_via;    /* by position: the model that range hangs under */
  guint32 *start_depth;  /* by position: the depth of its first model */
  guint32  generation;
  GArray  *queue;        /* guint32: models whose range to include */
} Scratch;

struct _HubLineage
{
  gatomicrefcount  ref_count;
  HubDataset      *dataset;
  guint            n_models;

  /* The dataset's reverse index (or an empty one of our own). */
  const guint32   *child_offsets;  /* n_models + 1 */
  const guint32   *child_models;
  const guint8    *child_relations;
  guint32         *own_offsets;

  guint32         *roots;
  guint8          *marks;

  /* The first-parent forest in preorder. */
  guint32         *order;          /* position -> model */
  guint32         *tin;            /* model -> position */
  guint32         *pre_end;        /* position -> end of its subtree */
  guint32         *pre_depth;      /* position -> depth below its root */
  guint32         *pre_parent;     /* position -> first parent (itself for a root) */
  guint8          *pre_marks;      /* position -> the model's HubLineageMark */
  guint8          *pre_info;       /* position -> relation | HAS_SECONDARY */
  gint64          *pre_downloads;  /* position -> downloads (unknown = 0) */
  gint64          *pre_all_time;   /* position -> all-time downloads (unknown = -1) */
  guint32         *pre_author;     /* position -> the model's author */
  /* Secondary edges: children of a model that are not attributed to it. */
  guint32         *sec_offsets;    /* n_models + 1 */
  guint32         *sec_children;

  GMutex           pool_lock;
  GPtrArray       *pool;           /* Scratch* */

  /* Every family in rank order (hub-lineage-rank.c), built on the first
   * ranking under families_lock. */
  GMutex            families_lock;
  HubLineageFamily *families;
  guint             n_families;
};

static inline HubRelation
hub_lineage_clamp_relation (HubRelation relation)
{
  return (guint) relation < HUB_N_RELATIONS ? relation : HUB_RELATION_UNKNOWN;
}

static inline gint64
hub_lineage_count_or_zero (gint64 value)
{
  return value > 0 ? value : 0;
}

/* Adds the model at position @p to @totals, under @relation. */
static inline void
hub_lineage_totals_add_position (HubLineage       *self,
                                 HubLineageTotals *totals,
                                 guint32           p,
                                 HubRelation       relation)
{
  HubLineageSum *by = &totals->by_relation[relation];
  gint64 all_time = hub_lineage_count_or_zero (self->pre_all_time[p]);
  guint known = self->pre_all_time[p] >= 0;

  totals->all.n_models++;
  totals->all.downloads += self->pre_downloads[p];
  totals->all.downloads_all_time += all_time;
  totals->all.n_all_time_known += known;
  by->n_models++;
  by->downloads += self->pre_downloads[p];
  by->downloads_all_time += all_time;
  by->n_all_time_known += known;
}

Scratch *hub_lineage_scratch_acquire (HubLineage *self);
void     hub_lineage_scratch_release (HubLineage *self,
                                      Scratch    *scratch);
void     hub_lineage_scratch_next_generation (HubLineage *self,
                                              Scratch    *scratch);
guint    hub_lineage_include_family  (HubLineage       *self,
                                      Scratch          *scratch,
                                      guint32           start,
                                      guint             max_depth,
                                      HubLineageTotals *totals,
                                      GArray           *members);
void     hub_lineage_rank_clear      (HubLineage *self);

G_END_DECLS
