/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hub-share-charts.h"

#include <string.h>

#include "hub-chart-caption.h"

void
hub_share_charts_init (HubShareCharts       *self,
                       const HubShareResult *result,
                       const HubQuery       *query,
                       HubStackedAreaMode    mode)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (query != NULL);

  memset (self, 0, sizeof *self);
  self->result = result;
  self->area.result = result;
  self->area.mode = mode;
  self->area.highlight = -1;
  self->area.value_label = hub_chart_measure_label (query->measure);
  self->area.time_label = hub_chart_axis_label (query->axis);
  self->area.time_unit = hub_chart_axis_time_unit (query->axis);
  self->concentration.result = result;
  self->concentration.time_label = self->area.time_label;
  self->concentration.time_unit = self->area.time_unit;
  if (query->within != HUB_QUERY_BY_NONE)
    self->bars = hub_bar_chart_data_new_latest_breakdown (result, hub_chart_measure_label (query->measure));
  else
    {
      self->area.align_concentration = TRUE;
      self->concentration.align_with = &self->area;
    }
}

void
hub_share_charts_clear (HubShareCharts *self)
{
  g_clear_pointer (&self->bars, hub_bar_chart_data_free);
}
