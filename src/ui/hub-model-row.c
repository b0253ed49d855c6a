/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-ui"

#include "config.h"

#include "hub-model-row.h"

struct _HubModelRow
{
  GObject     parent_instance;
  HubDataset    *dataset;
  guint          index;
  gboolean       has_family;
  HubLineageSum  family;
};

G_DEFINE_FINAL_TYPE (HubModelRow, hub_model_row, G_TYPE_OBJECT)

static void
hub_model_row_finalize (GObject *object)
{
  HubModelRow *self = HUB_MODEL_ROW (object);

  g_clear_pointer (&self->dataset, hub_dataset_unref);

  G_OBJECT_CLASS (hub_model_row_parent_class)->finalize (object);
}

static void
hub_model_row_class_init (HubModelRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hub_model_row_finalize;
}

static void
hub_model_row_init (HubModelRow *self)
{
}

/**
 * hub_model_row_new:
 * @dataset: the dataset holding the model
 * @index: the model's index in @dataset
 *
 * Returns: (transfer full): a new row, holding a reference on @dataset.
 */
HubModelRow *
hub_model_row_new (HubDataset *dataset,
                   guint       index)
{
  HubModelRow *self;

  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (index < hub_dataset_get_n_models (dataset), NULL);

  self = g_object_new (HUB_TYPE_MODEL_ROW, NULL);
  self->dataset = hub_dataset_ref (dataset);
  self->index = index;
  return self;
}

/**
 * hub_model_row_get_dataset:
 * Returns: (transfer none): the dataset of the row.
 */
HubDataset *
hub_model_row_get_dataset (HubModelRow *self)
{
  g_return_val_if_fail (HUB_IS_MODEL_ROW (self), NULL);
  return self->dataset;
}

/**
 * hub_model_row_get_index:
 * Returns: the model's index in the dataset.
 */
guint
hub_model_row_get_index (HubModelRow *self)
{
  g_return_val_if_fail (HUB_IS_MODEL_ROW (self), 0);
  return self->index;
}

/**
 * hub_model_row_get_record:
 * Returns: (transfer none): the model's record, owned by the dataset.
 */
const HubModelRecord *
hub_model_row_get_record (HubModelRow *self)
{
  g_return_val_if_fail (HUB_IS_MODEL_ROW (self), NULL);
  return hub_dataset_get_model (self->dataset, self->index);
}

const HubLineageSum *
hub_model_row_get_family (HubModelRow *self)
{
  g_return_val_if_fail (HUB_IS_MODEL_ROW (self), NULL);
  return self->has_family ? &self->family : NULL;
}

void
hub_model_row_set_family (HubModelRow         *self,
                          const HubLineageSum *family)
{
  g_return_if_fail (HUB_IS_MODEL_ROW (self));

  self->has_family = family != NULL;
  if (family != NULL)
    self->family = *family;
}
