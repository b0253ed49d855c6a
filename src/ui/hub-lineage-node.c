/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-ui"

#include "config.h"

#include "hub-lineage-node.h"

#include <string.h>

struct _HubLineageTreeNode
{
  GObject          parent_instance;

  HubLineage      *lineage;
  HubLineageChild  child;
  guint32         *path;      /* the models above it in the view */
  guint            path_len;
};

G_DEFINE_FINAL_TYPE (HubLineageTreeNode, hub_lineage_tree_node, G_TYPE_OBJECT)

static void
hub_lineage_tree_node_finalize (GObject *object)
{
  HubLineageTreeNode *self = HUB_LINEAGE_TREE_NODE (object);

  g_clear_pointer (&self->lineage, hub_lineage_unref);
  g_free (self->path);

  G_OBJECT_CLASS (hub_lineage_tree_node_parent_class)->finalize (object);
}

static void
hub_lineage_tree_node_class_init (HubLineageTreeNodeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hub_lineage_tree_node_finalize;
}

static void
hub_lineage_tree_node_init (HubLineageTreeNode *self)
{
}

/**
 * hub_lineage_tree_node_new:
 * @lineage: the graph @child comes from
 * @child: a row of hub_lineage_expand()
 * @path: (array length=path_len) (nullable): the models above @child in
 *   the view, its parent last
 *
 * Returns: (transfer full): a new row
 */
HubLineageTreeNode *
hub_lineage_tree_node_new (HubLineage            *lineage,
                           const HubLineageChild *child,
                           const guint32         *path,
                           guint                  path_len)
{
  HubLineageTreeNode *self;

  g_return_val_if_fail (lineage != NULL, NULL);
  g_return_val_if_fail (child != NULL, NULL);
  g_return_val_if_fail (path != NULL || path_len == 0, NULL);

  self = g_object_new (HUB_TYPE_LINEAGE_TREE_NODE, NULL);
  self->lineage = hub_lineage_ref (lineage);
  self->child = *child;
  self->path_len = path_len;
  if (path_len > 0)
    self->path = g_memdup2 (path, path_len * sizeof (guint32));
  return self;
}

/**
 * hub_lineage_tree_node_get_lineage:
 * Returns: (transfer none): the graph
 */
HubLineage *
hub_lineage_tree_node_get_lineage (HubLineageTreeNode *self)
{
  g_return_val_if_fail (HUB_IS_LINEAGE_TREE_NODE (self), NULL);
  return self->lineage;
}

/**
 * hub_lineage_tree_node_get_model:
 * Returns: the model index of the row
 */
guint
hub_lineage_tree_node_get_model (HubLineageTreeNode *self)
{
  g_return_val_if_fail (HUB_IS_LINEAGE_TREE_NODE (self), 0);
  return self->child.model;
}

/**
 * hub_lineage_tree_node_get_child:
 * Returns: (transfer none): the row's relation, marks and subtree totals
 */
const HubLineageChild *
hub_lineage_tree_node_get_child (HubLineageTreeNode *self)
{
  g_return_val_if_fail (HUB_IS_LINEAGE_TREE_NODE (self), NULL);
  return &self->child;
}

/**
 * hub_lineage_tree_node_get_record:
 * Returns: (transfer none): the model's record
 */
const HubModelRecord *
hub_lineage_tree_node_get_record (HubLineageTreeNode *self)
{
  g_return_val_if_fail (HUB_IS_LINEAGE_TREE_NODE (self), NULL);
  return hub_dataset_get_model (hub_lineage_get_dataset (self->lineage), self->child.model);
}

/**
 * hub_lineage_tree_node_can_expand:
 * Returns: %TRUE when the row has children to show
 */
gboolean
hub_lineage_tree_node_can_expand (HubLineageTreeNode *self)
{
  g_return_val_if_fail (HUB_IS_LINEAGE_TREE_NODE (self), FALSE);
  return self->child.n_children > 0 && !(self->child.marks & HUB_LINEAGE_MARK_CYCLE);
}

/**
 * hub_lineage_tree_node_list_children:
 * @lineage: the graph
 * @model: the model whose children to list
 * @path: (array length=path_len) (nullable): the models above @model
 *
 * Returns: (transfer full): a list of #HubLineageTreeNode, in the order of
 *   hub_lineage_expand() (by relation, then by subtree downloads)
 */
GListModel *
hub_lineage_tree_node_list_children (HubLineage    *lineage,
                                     guint          model,
                                     const guint32 *path,
                                     guint          path_len)
{
  g_autoptr(GArray) children = NULL;
  g_autofree guint32 *child_path = NULL;
  g_autoptr(GPtrArray) nodes = NULL;
  GListStore *store;

  g_return_val_if_fail (lineage != NULL, NULL);
  g_return_val_if_fail (path != NULL || path_len == 0, NULL);

  children = hub_lineage_expand (lineage, model, path, path_len);
  child_path = g_new (guint32, path_len + 1);
  if (path_len > 0)
    memcpy (child_path, path, path_len * sizeof (guint32));
  child_path[path_len] = model;

  nodes = g_ptr_array_new_full (children->len, g_object_unref);
  for (guint i = 0; i < children->len; i++)
    g_ptr_array_add (nodes, hub_lineage_tree_node_new (lineage, &g_array_index (children, HubLineageChild, i),
                                                       child_path, path_len + 1));

  store = g_list_store_new (HUB_TYPE_LINEAGE_TREE_NODE);
  g_list_store_splice (store, 0, 0, nodes->pdata, nodes->len);
  return G_LIST_MODEL (store);
}

/**
 * hub_lineage_tree_node_expand:
 * @self: a row
 *
 * Returns: (transfer full) (nullable): its children, NULL when it has none
 *   to show
 */
GListModel *
hub_lineage_tree_node_expand (HubLineageTreeNode *self)
{
  g_return_val_if_fail (HUB_IS_LINEAGE_TREE_NODE (self), NULL);

  if (!hub_lineage_tree_node_can_expand (self))
    return NULL;
  return hub_lineage_tree_node_list_children (self->lineage, self->child.model, self->path, self->path_len);
}
