/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-ui"

#include "config.h"

#include "hub-row-model.h"

#include "hub-model-row.h"

struct _HubRowModel
{
  GObject     parent_instance;
  HubDataset *dataset;
  GArray     *indices;
  GArray     *families;  /* HubLineageSum per row, or NULL */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HubRowModel, hub_row_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
hub_row_model_get_item_type (GListModel *model)
{
  return HUB_TYPE_MODEL_ROW;
}

static guint
hub_row_model_get_n_items (GListModel *model)
{
  HubRowModel *self = HUB_ROW_MODEL (model);

  return self->indices != NULL ? self->indices->len : 0;
}

static gpointer
hub_row_model_get_item (GListModel *model,
                        guint       position)
{
  HubRowModel *self = HUB_ROW_MODEL (model);

  if (self->indices == NULL || position >= self->indices->len)
    return NULL;

  {
    HubModelRow *row = hub_model_row_new (self->dataset, g_array_index (self->indices, guint32, position));

    if (self->families != NULL)
      hub_model_row_set_family (row, &g_array_index (self->families, HubLineageSum, position));
    return row;
  }
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = hub_row_model_get_item_type;
  iface->get_n_items = hub_row_model_get_n_items;
  iface->get_item = hub_row_model_get_item;
}

static void
hub_row_model_finalize (GObject *object)
{
  HubRowModel *self = HUB_ROW_MODEL (object);

  g_clear_pointer (&self->indices, g_array_unref);
  g_clear_pointer (&self->families, g_array_unref);
  g_clear_pointer (&self->dataset, hub_dataset_unref);

  G_OBJECT_CLASS (hub_row_model_parent_class)->finalize (object);
}

static void
hub_row_model_class_init (HubRowModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hub_row_model_finalize;
}

static void
hub_row_model_init (HubRowModel *self)
{
}

/**
 * hub_row_model_new:
 *
 * Returns: (transfer full): an empty row model.
 */
HubRowModel *
hub_row_model_new (void)
{
  return g_object_new (HUB_TYPE_ROW_MODEL, NULL);
}

/**
 * hub_row_model_set_results:
 * @self: a row model
 * @dataset: the dataset the indices point into
 * @indices: (transfer full): guint32 model indices, in display order
 *
 * Replaces every row and emits one items-changed.
 */
void
hub_row_model_set_results (HubRowModel *self,
                           HubDataset  *dataset,
                           GArray      *indices)
{
  hub_row_model_set_families (self, dataset, indices, NULL);
}

/**
 * hub_row_model_set_families:
 * @families: (transfer full) (nullable): a HubLineageSum per index
 */
void
hub_row_model_set_families (HubRowModel *self,
                            HubDataset  *dataset,
                            GArray      *indices,
                            GArray      *families)
{
  guint removed;

  g_return_if_fail (HUB_IS_ROW_MODEL (self));
  g_return_if_fail (dataset != NULL);
  g_return_if_fail (indices != NULL);
  g_return_if_fail (g_array_get_element_size (indices) == sizeof (guint32));
  g_return_if_fail (families == NULL || families->len == indices->len);

  removed = hub_row_model_get_n_items (G_LIST_MODEL (self));

  if (self->dataset != dataset)
    {
      g_clear_pointer (&self->dataset, hub_dataset_unref);
      self->dataset = hub_dataset_ref (dataset);
    }
  g_clear_pointer (&self->indices, g_array_unref);
  g_clear_pointer (&self->families, g_array_unref);
  self->indices = indices;
  self->families = families;

  /* Two signals, not one: told that every row was replaced, GTK 4.8's list
   * views look for their focused and anchor rows among the added ones
   * (g_list_model_get_item() on every new row: seconds at millions of rows).
   * After a removal of everything there is nothing to look for. */
  if (removed > 0)
    {
      self->indices = NULL;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
      self->indices = indices;
    }
  if (indices->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, indices->len);
}

/**
 * hub_row_model_get_dataset:
 * Returns: (transfer none) (nullable): the dataset of the rows.
 */
HubDataset *
hub_row_model_get_dataset (HubRowModel *self)
{
  g_return_val_if_fail (HUB_IS_ROW_MODEL (self), NULL);
  return self->dataset;
}

/**
 * hub_row_model_get_model_index:
 * @self: a row model
 * @position: a row
 *
 * Returns: the model index shown at @position, %G_MAXUINT when out of range.
 */
guint
hub_row_model_get_model_index (HubRowModel *self,
                               guint        position)
{
  g_return_val_if_fail (HUB_IS_ROW_MODEL (self), G_MAXUINT);

  if (self->indices == NULL || position >= self->indices->len)
    return G_MAXUINT;
  return g_array_index (self->indices, guint32, position);
}

/**
 * hub_row_model_find:
 * @self: a row model
 * @model_index: a model of the dataset
 *
 * A linear scan (a few milliseconds for millions of rows), used to keep the
 * selection across a new result.
 *
 * Returns: the row showing @model_index, %G_MAXUINT when none does.
 */
guint
hub_row_model_find (HubRowModel *self,
                    guint        model_index)
{
  const guint32 *data;

  g_return_val_if_fail (HUB_IS_ROW_MODEL (self), G_MAXUINT);

  if (self->indices == NULL)
    return G_MAXUINT;

  data = (const guint32 *) (gpointer) self->indices->data;
  for (guint i = 0; i < self->indices->len; i++)
    if (data[i] == model_index)
      return i;
  return G_MAXUINT;
}
