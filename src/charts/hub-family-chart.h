/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "hub-chart-style.h"
#include "hub-lineage.h"

G_BEGIN_DECLS

/**
 * HubFamilyNode:
 * One model of a family tree.
 * @label: its id (owned by the data's dataset, or static)
 * @parent: the index of the node it hangs under, lower than its own; the
 *   root (node 0) names itself
 * @relation: how it descends from @parent (the root: %HUB_RELATION_NONE)
 * @weight: its own 30-day downloads (≥ 0)
 */
typedef struct {
  const char  *label;
  guint        parent;
  HubRelation  relation;
  double       weight;
  gboolean     shared_name;  /* another box has the same name after "owner/" */
} HubFamilyNode;

/**
 * HubFamilyChartData:
 * A family (or the descendants of any model) as a tree, each model once.
 * @nodes: node 0 is the start model; every other node comes after its
 *   parent
 * @n_repeats: listings of a model already in the tree (a merge with
 *   several parents in the family, an edge closing a cycle): not drawn twice
 * @is_root: the start model has no parent in the data (a family)
 * @dataset: (nullable): keeps the labels alive
 */
typedef struct {
  HubFamilyNode *nodes;
  guint          n_nodes;
  guint          n_repeats;
  gboolean       is_root;
  HubDataset    *dataset;
} HubFamilyChartData;

/**
 * hub_family_chart_data_new:
 * @lineage: the lineage graph
 * @model: the start (a root for a whole family)
 * @max_depth: generations below @model; 0 = all
 *
 * The tree of hub_lineage_descendants() with each model once (its first
 * listing), weighted by the models' 30-day downloads.
 * Returns: (transfer full): the data; free with hub_family_chart_data_free()
 */
HubFamilyChartData *hub_family_chart_data_new  (HubLineage         *lineage,
                                                guint               model,
                                                guint               max_depth);
void                hub_family_chart_data_free (HubFamilyChartData *data);

/**
 * HubFamilyCell:
 * Where a node goes in the icicle.
 * @rect: its box: x by generation, y and height by the weight of its
 *   subtree
 * @subtree: the weight of the node and everything under it
 * @depth: its generation (0 = the start)
 */
typedef struct {
  cairo_rectangle_t rect;
  double            subtree;
  guint             depth;
} HubFamilyCell;

/**
 * hub_family_icicle_layout:
 * @nodes: (array length=n_nodes): the tree (see #HubFamilyChartData)
 * @area: the rectangle to fill
 * @cells: (out) (array length=n_nodes): one per node
 * @out_max_depth: (out) (optional): the deepest generation
 *
 * A horizontal icicle: one column per generation, the start on the left
 * spanning @area's height (its column 0.6 times as wide as the others: it
 * holds one box); under every node its children in the next
 * column, stacked from its top, each as high as its subtree's share of the
 * node's subtree, so the part of a node not covered by its children is its
 * own weight. Siblings are grouped by relation (fine-tune, adapter,
 * quantized, merge, unknown) and sorted by subtree weight, heaviest first.
 * When every weight is 0 each model counts 1.
 * Returns: %TRUE when weighted by @weight, %FALSE when by count
 */
gboolean hub_family_icicle_layout (const HubFamilyNode     *nodes,
                                   guint                    n_nodes,
                                   const cairo_rectangle_t *area,
                                   HubFamilyCell           *cells,
                                   guint                   *out_max_depth);

/* "Fine-tune", "Adapter", "Quantized", "Merge", "Unknown relation",
 * "Base model": legend labels. */
const char *hub_family_chart_relation_label (HubRelation relation);

/* What a box shows of a model id in @max_width: the id, the name without
 * "owner/", the name to ellipsize at the end, or NULL (too narrow). With
 * @keep_owner (a box whose name another box shares): the id when it fits,
 * else the id to ellipsize in the middle ("mraderm…-Gem-31B-GGUF": owner
 * and ending kept), or NULL when not even a few characters of each end
 * fit. */
char       *hub_family_chart_fit_label      (cairo_t                  *cr,
                                             const HubChartStyle      *style,
                                             const char               *id,
                                             double                    max_width,
                                             gboolean                  keep_owner);

/* "Family of Qwen/Qwen3-8B" (or "Descendants of X" when X has a parent). */
char       *hub_family_chart_title          (const HubFamilyChartData *data);
/* The figure's caption: how to read the icicle, totals, what is left out. */
char       *hub_family_chart_caption        (const HubFamilyChartData *data);

/**
 * hub_family_chart_render:
 * The icicle of @data with generation headers, a relation legend (models
 * and share of the family's downloads per relation) and labels on the boxes
 * tall enough for them. Relations use hub_chart_style_relation_color().
 * No node: the empty state "No data for these filters".
 */
void        hub_family_chart_render         (cairo_t                  *cr,
                                             int                       width,
                                             int                       height,
                                             const HubChartStyle      *style,
                                             const HubFamilyChartData *data);
/* The rectangle the icicle fills inside (0, 0, width, height), under the
 * legend and the generation headers. */
void        hub_family_chart_get_plot       (cairo_t                  *cr,
                                             int                       width,
                                             int                       height,
                                             const HubChartStyle      *style,
                                             const HubFamilyChartData *data,
                                             cairo_rectangle_t        *plot);
/* The node whose box holds (@x, @y) in a @width × @height render, or -1. */
int         hub_family_chart_node_at        (cairo_t                  *cr,
                                             int                       width,
                                             int                       height,
                                             const HubChartStyle      *style,
                                             const HubFamilyChartData *data,
                                             double                    x,
                                             double                    y);
/* hub_family_chart_render() as a #HubChartRenderFunc. */
void        hub_family_chart_draw_func      (cairo_t                  *cr,
                                             int                       width,
                                             int                       height,
                                             const HubChartStyle      *style,
                                             gconstpointer             data);

G_END_DECLS
