/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stdio.h>

#include "hub-breakdown.h"
#include "hub-cli-output.h"
#include "hub-cli-query.h"

G_BEGIN_DECLS

/* Developers in a breakdown when no --top is given. */
#define HUB_CLI_BREAKDOWN_TOP 50

/* "50 developers holding 71.2 % of the downloads ...; their country is
 * known for 98.0 %, ..." */

/* Fills @options from --rows, --cols, --developers and the query's top
 * (given: the number of developers; else HUB_CLI_BREAKDOWN_TOP);
 * @out_developers receives the names (free with g_strfreev()). Returns an
 * exit code after printing any error. */
int           hub_cli_breakdown_options    (const char           *command,
                                            const char           *rows,
                                            const char           *cols,
                                            const char           *developers,
                                            HubCliQueryOptions   *o,
                                            const HubQuery       *query,
                                            HubBreakdownOptions  *options,
                                            char               ***out_developers);

G_END_DECLS
