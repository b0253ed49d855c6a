/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-ui"

#include "config.h"

#include "hub-column-sorter.h"

struct _HubColumnSorter
{
  GtkSorter   parent_instance;
  HubListSort sort;
};

G_DEFINE_FINAL_TYPE (HubColumnSorter, hub_column_sorter, GTK_TYPE_SORTER)

/* Set while probing; the first column sorter asked records itself. Only the
 * main thread probes. */
static gboolean         probing;
static HubColumnSorter *probe_hit;

static GtkOrdering
hub_column_sorter_compare (GtkSorter *sorter,
                           gpointer   item1,
                           gpointer   item2)
{
  if (!probing)
    return GTK_ORDERING_EQUAL;

  if (probe_hit == NULL)
    probe_hit = HUB_COLUMN_SORTER (sorter);
  return GTK_ORDERING_SMALLER;
}

static GtkSorterOrder
hub_column_sorter_get_order (GtkSorter *sorter)
{
  return GTK_SORTER_ORDER_PARTIAL;
}

static void
hub_column_sorter_class_init (HubColumnSorterClass *klass)
{
  GtkSorterClass *sorter_class = GTK_SORTER_CLASS (klass);

  sorter_class->compare = hub_column_sorter_compare;
  sorter_class->get_order = hub_column_sorter_get_order;
}

static void
hub_column_sorter_init (HubColumnSorter *self)
{
}

/**
 * hub_column_sorter_new:
 * @sort: the order of the list query this column stands for
 *
 * Returns: (transfer full): a new column sorter.
 */
HubColumnSorter *
hub_column_sorter_new (HubListSort sort)
{
  HubColumnSorter *self;

  g_return_val_if_fail (sort < HUB_N_LIST_SORTS, NULL);

  self = g_object_new (HUB_TYPE_COLUMN_SORTER, NULL);
  self->sort = sort;
  return self;
}

/**
 * hub_column_sorter_get_sort:
 * Returns: the list order of the column.
 */
HubListSort
hub_column_sorter_get_sort (HubColumnSorter *self)
{
  g_return_val_if_fail (HUB_IS_COLUMN_SORTER (self), HUB_LIST_SORT_TRENDING);
  return self->sort;
}

/**
 * hub_column_sorter_probe:
 * @view_sorter: the column view's sorter
 * @out_sort: (out): the primary column's order
 * @out_descending: (out): whether the primary column is sorted descending
 *
 * Returns: %TRUE when a HubColumnSorter column is the primary sort column.
 */
gboolean
hub_column_sorter_probe (GtkSorter   *view_sorter,
                         HubListSort *out_sort,
                         gboolean    *out_descending)
{
  g_autoptr(GObject) a = NULL;
  g_autoptr(GObject) b = NULL;
  GtkOrdering ordering;

  g_return_val_if_fail (GTK_IS_SORTER (view_sorter), FALSE);
  g_return_val_if_fail (out_sort != NULL && out_descending != NULL, FALSE);

  /* Two distinct items: gtk_sorter_compare() answers EQUAL for one. */
  a = g_object_new (G_TYPE_OBJECT, NULL);
  b = g_object_new (G_TYPE_OBJECT, NULL);

  probing = TRUE;
  probe_hit = NULL;
  ordering = gtk_sorter_compare (view_sorter, a, b);
  probing = FALSE;

  if (probe_hit == NULL || ordering == GTK_ORDERING_EQUAL)
    {
      probe_hit = NULL;
      return FALSE;
    }

  *out_sort = probe_hit->sort;
  /* The column view inverts a descending column's answer. */
  *out_descending = ordering == GTK_ORDERING_LARGER;
  probe_hit = NULL;
  return TRUE;
}
