/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hub-lineage.h"

G_BEGIN_DECLS

/* The GObject is HubLineageTreeNode: HubLineageNode already names the
 * plain struct of a descendant walk in hub-lineage.h. */
#define HUB_TYPE_LINEAGE_TREE_NODE (hub_lineage_tree_node_get_type ())
G_DECLARE_FINAL_TYPE (HubLineageTreeNode, hub_lineage_tree_node, HUB, LINEAGE_TREE_NODE, GObject)

/**
 * HubLineageTreeNode:
 * One row of the lineage page's descendant tree: a child from
 * hub_lineage_expand() with the totals of its subtree, and the models above
 * it in the view (so that expanding it marks an edge back up as a cycle).
 * Rows are made level by level, only when a row is expanded.
 */
HubLineageTreeNode    *hub_lineage_tree_node_new          (HubLineage            *lineage,
                                                           const HubLineageChild *child,
                                                           const guint32         *path,
                                                           guint                  path_len);
HubLineage            *hub_lineage_tree_node_get_lineage  (HubLineageTreeNode    *self);
guint                  hub_lineage_tree_node_get_model    (HubLineageTreeNode    *self);
const HubLineageChild *hub_lineage_tree_node_get_child    (HubLineageTreeNode    *self);
const HubModelRecord  *hub_lineage_tree_node_get_record   (HubLineageTreeNode    *self);
/* TRUE when it has children and is not an edge back onto the path. */
gboolean               hub_lineage_tree_node_can_expand   (HubLineageTreeNode    *self);
/* A new list of HubLineageTreeNode: the children of @lineage's @model
 * (hub_lineage_expand()), each with @path plus @model above it. */
GListModel            *hub_lineage_tree_node_list_children (HubLineage           *lineage,
                                                            guint                 model,
                                                            const guint32        *path,
                                                            guint                 path_len);
/* The children of @self as hub_lineage_tree_node_list_children() gives
 * them; NULL when it cannot be expanded (for GtkTreeListModel). */
GListModel            *hub_lineage_tree_node_expand       (HubLineageTreeNode    *self);

G_END_DECLS
