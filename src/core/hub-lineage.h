/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hub-dataset.h"
#include "hub-list-query.h"

G_BEGIN_DECLS

/**
 * HubLineageMark:
 * What is special about a model, or about the edge that led to it, in a
 * lineage result. Marked edges are reported but never followed, so every
 * walk ends whatever the data holds.
 *
 * @HUB_LINEAGE_MARK_ROOT: the model has no parent in the data (its first
 *   parent is missing or it has none).
 * @HUB_LINEAGE_MARK_MISSING: a parent named by the model is not in the data
 *   (in an ancestor list: this entry is that missing parent, model -1).
 * @HUB_LINEAGE_MARK_SELF_LOOP: the model names itself as a parent.
 * @HUB_LINEAGE_MARK_CYCLE: the edge leads back to a model already on the
 *   path (A → B → A); not followed.
 * @HUB_LINEAGE_MARK_SEEN: the model was already listed through another path
 *   (a merge with several parents); listed again but not expanded twice.
 * @HUB_LINEAGE_MARK_IN_CYCLE: the model's first-parent chain is a cycle;
 *   its root is the lowest model index on that cycle.
 */
typedef enum {
  HUB_LINEAGE_MARK_NONE      = 0,
  HUB_LINEAGE_MARK_ROOT      = 1 << 0,
  HUB_LINEAGE_MARK_MISSING   = 1 << 1,
  HUB_LINEAGE_MARK_SELF_LOOP = 1 << 2,
  HUB_LINEAGE_MARK_CYCLE     = 1 << 3,
  HUB_LINEAGE_MARK_SEEN      = 1 << 4,
  HUB_LINEAGE_MARK_IN_CYCLE  = 1 << 5,
} HubLineageMark;

/**
 * HubLineageSum:
 * A count of models and their downloads. Unknown downloads count as 0;
 * @n_all_time_known counts the models whose all-time downloads are known
 * (hub_lineage_sum_all_time() gives unknown when none is).
 */
typedef struct {
  guint64 n_models;
  gint64  downloads;           /* last 30 days */
  gint64  downloads_all_time;
  guint64 n_all_time_known;
} HubLineageSum;

/* @sum's all-time downloads, or HUB_COUNT_NONE when no model's is known
 * (the embedded dataset has none): a sum of unknowns is not 0. */
static inline gint64
hub_lineage_sum_all_time (const HubLineageSum *sum)
{
  return sum->n_all_time_known > 0 ? sum->downloads_all_time : HUB_COUNT_NONE;
}

/**
 * HubLineageTotals:
 * Sums over a set of models (a subtree, a family), in all and by the
 * relation of each model to its first parent (%HUB_RELATION_NONE for a
 * model without a parent in the data, e.g. the root of a family).
 */
typedef struct {
  HubLineageSum all;
  HubLineageSum by_relation[HUB_N_RELATIONS];
} HubLineageTotals;

/**
 * HubLineageAncestor:
 * One entry of an ancestor walk, in depth-first order with the parents of
 * every model in documented order (the first parent first).
 */
typedef struct {
  gint32      model;     /* the ancestor; -1 when missing from the data */
  guint32     child;     /* the model it is a parent of */
  guint16     position;  /* its index among @child's parents */
  guint16     depth;     /* 1 = an immediate parent of the start model */
  HubRelation relation;  /* how @child descends from it */
  guint       marks;     /* HubLineageMark */
} HubLineageAncestor;

/**
 * HubLineageNode:
 * One entry of a descendant walk, in depth-first order: a node follows the
 * node it hangs under (@parent) and comes before its own children. Each
 * model is expanded once: under its first parent when that is in the tree,
 * else under the parent through which the walk met it; other edges to it
 * list it again with %HUB_LINEAGE_MARK_SEEN, or %HUB_LINEAGE_MARK_CYCLE
 * when the edge leads back up the tree. Under a model, children reached
 * through a second parent (merges, a cycle's closing edge) come first, then
 * the children attributed to it, grouped by relation (finetune, adapter,
 * quantized, merge, unknown), in id order within a group. @marks also
 * carries the model's own marks (MISSING, SELF_LOOP, IN_CYCLE, ROOT).
 */
typedef struct {
  guint32     model;
  guint32     parent;    /* the node it hangs under; itself for the start */
  guint16     depth;     /* 0 = the start model */
  HubRelation relation;  /* how it descends from @parent (start: from its first parent) */
  guint       marks;     /* HubLineageMark */
} HubLineageNode;

/**
 * HubLineageChild:
 * One row of a lazy expansion (for a GtkTreeListModel): a child of the
 * expanded model with the totals of its own subtree (itself and all its
 * descendants, each counted once).
 */
typedef struct {
  guint32          model;
  HubRelation      relation;
  guint            marks;      /* CYCLE when it is on @path: do not expand */
  guint            n_children; /* immediate children, for the expander */
  HubLineageTotals subtree;
} HubLineageChild;

/**
 * HubLineageFamily:
 * A root and all its descendants (over every parent, so a merge of two
 * families counts in both), with the sum of their downloads. The same sums
 * by relation: hub_lineage_subtree_totals() of the root.
 */
typedef struct {
  guint32       root;
  HubLineageSum all;
  double        root_share;  /* root's 30-day downloads / the family's; 0 when 0 */
} HubLineageFamily;

/**
 * HubLineageIntermediary:
 * An author who publishes derivatives of other authors' models (quantizers,
 * repackagers, fine-tuners), with the sums of those derivatives by their
 * relation.
 */
typedef struct {
  guint32          author;      /* index for hub_dataset_get_author() */
  HubLineageTotals derivatives;
} HubLineageIntermediary;

/**
 * HubLineage:
 * The lineage graph of one dataset: the root and marks of every model, and
 * a preorder layout of the first-parent forest that makes a family one
 * contiguous range (descendants of a 175,000-model family in about 2 ms).
 * Built once per dataset in O(n + edges).
 * Immutable once built; every query may run on any thread.
 */
typedef struct _HubLineage HubLineage;

HubLineage       *hub_lineage_new             (HubDataset *dataset);
HubLineage       *hub_lineage_ref             (HubLineage *self);
void              hub_lineage_unref           (HubLineage *self);
HubDataset       *hub_lineage_get_dataset     (HubLineage *self);

void              hub_lineage_compute_roots   (HubDataset *dataset,
                                               guint32    *roots,
                                               guint8     *marks);
guint32           hub_lineage_get_root        (HubLineage *self,
                                               guint       model);
const guint32    *hub_lineage_get_roots       (HubLineage *self,
                                               guint      *n_models);
guint             hub_lineage_get_marks       (HubLineage *self,
                                               guint       model);

GArray           *hub_lineage_ancestors       (HubLineage *self,
                                               guint       model,
                                               guint       max_depth);
GArray           *hub_lineage_descendants     (HubLineage       *self,
                                               guint             model,
                                               guint             max_depth,
                                               HubLineageTotals *totals);
void              hub_lineage_subtree_totals  (HubLineage       *self,
                                               guint             model,
                                               HubLineageTotals *totals);
GArray           *hub_lineage_expand          (HubLineage    *self,
                                               guint          model,
                                               const guint32 *path,
                                               guint          path_len);

GArray           *hub_lineage_rank_families   (HubLineage         *self,
                                               const HubListQuery *filter,
                                               guint               min_size,
                                               guint               limit,
                                               GCancellable       *cancellable);
GArray           *hub_lineage_rank_intermediaries (HubLineage   *self,
                                                   gint32        root,
                                                   HubRelation   relation);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HubLineage, hub_lineage_unref)

G_END_DECLS
