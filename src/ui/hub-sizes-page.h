/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hub-dataset.h"
#include "hub-filter-bar.h"
#include "hub-sizes.h"

G_BEGIN_DECLS

#define HUB_TYPE_SIZES_PAGE (hub_sizes_page_get_type ())
G_DECLARE_FINAL_TYPE (HubSizesPage, hub_sizes_page, HUB, SIZES_PAGE, AdwBin)

/**
 * HubSizesPage:
 * The Sizes view: per period the size distribution (box plot on a log
 * parameter axis), a table of n, median, mean, p10, p90 and bucket shares,
 * and a caption with the coverage by source. Computed on a worker thread.
 */
GtkWidget           *hub_sizes_page_new          (void);
void                 hub_sizes_page_set_dataset  (HubSizesPage   *self,
                                                  HubDataset     *dataset);
/* TRUE while the size table or a distribution is computed. */
gboolean             hub_sizes_page_is_busy      (HubSizesPage   *self);
/* (out caller-allocates): the options shown; @out_filter receives the
 * filters (clear it) and is what options->filter points to. */
void                 hub_sizes_page_get_options  (HubSizesPage   *self,
                                                  HubSizeOptions *options,
                                                  HubListQuery   *out_filter);
/* (transfer none) (nullable): the result shown. */
const HubSizeResult *hub_sizes_page_get_result   (HubSizesPage   *self);
gboolean             hub_sizes_page_get_violin   (HubSizesPage   *self);

typedef enum {
  HUB_SIZES_CONTROL_PERIOD = 0,   /* GtkDropDown: year, quarter */
  HUB_SIZES_CONTROL_COHORT,       /* GtkDropDown: downloaded, created */
  HUB_SIZES_CONTROL_WEIGHT,       /* GtkDropDown: downloads, models */
  HUB_SIZES_CONTROL_ESTIMATED,    /* GtkSwitch */
  HUB_SIZES_CONTROL_ESTIMATE,     /* GtkButton "Estimate Missing Sizes", shown when useful */
  HUB_SIZES_CONTROL_SHAPE,        /* GtkDropDown: box, violin */
} HubSizesControl;

/* (transfer none): a control of the page. */
GtkWidget           *hub_sizes_page_get_control  (HubSizesPage   *self,
                                                  HubSizesControl control);
HubFilterBar        *hub_sizes_page_get_filter_bar (HubSizesPage *self);
GtkColumnView       *hub_sizes_page_get_table    (HubSizesPage   *self);
/* The text of the table's cell at @row (a period) and column @column_id
 * ("period", "n", "median", "mean", "p10", "p90", "share-<bucket>");
 * NULL when there is no such row or column. */
char                *hub_sizes_page_dup_cell_text (HubSizesPage  *self,
                                                   guint          row,
                                                   const char    *column_id);
GtkLabel            *hub_sizes_page_get_caption  (HubSizesPage   *self);
GtkWindow           *hub_sizes_page_export_chart (HubSizesPage   *self);
void                 hub_sizes_page_estimate     (HubSizesPage   *self);
gboolean             hub_sizes_page_export_data  (HubSizesPage   *self,
                                                  GFile          *file,
                                                  GError        **error);
/* What the page shows: "content", "empty" (no sized model) or "error". */
const char          *hub_sizes_page_get_state    (HubSizesPage   *self);

G_END_DECLS
