/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hub-bar-chart.h"
#include "hub-concentration-chart.h"
#include "hub-query.h"
#include "hub-stacked-area.h"

G_BEGIN_DECLS

/**
 * HubShareCharts:
 * What the Share view and `hubeco export-chart share|concentration` draw
 * from one share result, filled in one place: the stacked area, the
 * concentration lines under it (aligned with it), and with a second level
 * (`within`) the latest period's stacked bars instead of the area.
 * @result: (not owned) the figure's result
 * @bars: (nullable): with a second level
 */
typedef struct {
  const HubShareResult *result;
  HubStackedAreaData    area;
  HubConcentrationData  concentration;
  HubBarChartData      *bars;
} HubShareCharts;

/* Fills @self for @result as @query asked it, the area in @mode. @self
 * must not move afterwards (the concentration points at its area). */
void hub_share_charts_init  (HubShareCharts       *self,
                             const HubShareResult *result,
                             const HubQuery       *query,
                             HubStackedAreaMode    mode);
void hub_share_charts_clear (HubShareCharts       *self);

G_END_DECLS
