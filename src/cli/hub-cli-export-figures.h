/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hub-cli-export.h"

G_BEGIN_DECLS

/* `hubeco export-chart sizes`: the size distribution per period
 * (--axis year|quarter, cohort axis = models created in the period;
 * task/library/country/org-type/relation/parameter filters). */
int  hub_cli_export_sizes   (HubCliExportJob *job);
/* `hubeco export-chart lineage ID`: the family icicle of ID. */
int  hub_cli_export_lineage (HubCliExportJob *job);

G_END_DECLS
