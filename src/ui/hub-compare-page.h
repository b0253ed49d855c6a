/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hub-attention.h"
#include "hub-compare.h"
#include "hub-family-split.h"

G_BEGIN_DECLS

#define HUB_TYPE_COMPARE_PAGE (hub_compare_page_get_type ())
G_DECLARE_FINAL_TYPE (HubComparePage, hub_compare_page, HUB, COMPARE_PAGE, AdwBin)

/**
 * HubComparePage:
 * The Compare view: up to %HUB_COMPARE_MAX_SUBJECTS models or families
 * side by side (hub_analysis_compare()): their curves by date or by days
 * since release, their adoption relative to peers of the same size, and
 * the first family's split between the base model and its derivatives.
 * Properties: `dataset`, `db-path`. The subjects are kept in GSettings.
 */
GtkWidget              *hub_compare_page_new         (void);
/* Adds @subject (a model id, or "family:ID"); FALSE with a message shown
 * on the page when it cannot be (unknown, already there, full). */
gboolean                hub_compare_page_add         (HubComparePage *self,
                                                      const char     *subject);
/* Removes every subject. */
void                    hub_compare_page_clear       (HubComparePage *self);
void                    hub_compare_page_set_measure (HubComparePage    *self,
                                                      HubCompareMeasure  measure);
const HubCompareResult *hub_compare_page_get_result  (HubComparePage *self);
const HubFamilySplit   *hub_compare_page_get_split   (HubComparePage *self);
/* Attention against adoption among the first model's task (ringed: the compared models). */
const HubAttentionResult *hub_compare_page_get_attention (HubComparePage *self);
gboolean                hub_compare_page_is_busy     (HubComparePage *self);
/* The curves' export dialog (NULL when nothing is shown). */
GtkWindow              *hub_compare_page_export_chart (HubComparePage *self);
gboolean                hub_compare_page_export_data  (HubComparePage  *self,
                                                       const char      *path,
                                                       GError         **error);

G_END_DECLS
