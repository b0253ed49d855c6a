/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hub-quality-chart.h"

G_BEGIN_DECLS

#define HUB_TYPE_QUALITY_PAGE (hub_quality_page_get_type ())
G_DECLARE_FINAL_TYPE (HubQualityPage, hub_quality_page, HUB, QUALITY_PAGE, AdwBin)

/**
 * HubQualityPage:
 * The Quality view: a score set's benchmark against adoption
 * (hub_analysis_quality()), drawn as a scatter in four quadrants with the
 * models of each listed under it. Properties: `dataset`, `db-path`.
 * Activating a listed model (or clicking a point) runs "win.show-model"
 * with its id.
 */
/* The Adoption dropdown's items, in order. */
typedef enum {
  HUB_QUALITY_PAGE_OWN = 0,       /* own downloads */
  HUB_QUALITY_PAGE_FAMILY,        /* the family's (root attribution) */
  HUB_QUALITY_PAGE_RELATIVE,      /* relative to the size class */
} HubQualityPageAdoption;

GtkWidget              *hub_quality_page_new          (void);
void                    hub_quality_page_set_adoption (HubQualityPage         *self,
                                                       HubQualityPageAdoption  adoption);
/* Chooses a set and benchmark (NULL: the set's default), now or once the
 * sets are listed. */
void                    hub_quality_page_select       (HubQualityPage *self,
                                                       const char     *set,
                                                       const char     *benchmark);
void                    hub_quality_page_set_color    (HubQualityPage       *self,
                                                       HubQualityChartColor  color);
/* Quadrant lines at @score and @adoption; NAN for both: at the medians. */
void                    hub_quality_page_set_lines    (HubQualityPage *self,
                                                       double          score,
                                                       double          adoption);
const HubQualityResult *hub_quality_page_get_result   (HubQualityPage *self);
gboolean                hub_quality_page_is_busy      (HubQualityPage *self);
/* The chart's export dialog (NULL when nothing is shown). */
GtkWindow              *hub_quality_page_export_chart (HubQualityPage *self);
gboolean                hub_quality_page_export_data  (HubQualityPage  *self,
                                                       const char      *path,
                                                       GError         **error);

G_END_DECLS
