/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hub-dataset.h"
#include "hub-list-query.h"

G_BEGIN_DECLS

/* The relation names `--relation` accepts, NULL-terminated. */
extern const char * const hub_cli_relation_values[];

/**
 * hub_cli_filter_check:
 * Checks the filter strings of @query (task, library, country, org type)
 * against what @dataset holds, replacing each by the dataset's spelling
 * (exact match first, then any case: `--country us`). On an unknown value
 * prints the valid ones and returns HUB_CLI_EXIT_USAGE; else
 * HUB_CLI_EXIT_OK.
 */
int hub_cli_filter_check (const char   *command,
                          HubListQuery *query,
                          HubDataset   *dataset);

/* Parses `--relation` into @query (NULL = any); HUB_CLI_EXIT_USAGE with a
 * message on an unknown name. */
int hub_cli_filter_set_relation (const char   *command,
                                 HubListQuery *query,
                                 const char   *relation);

/**
 * hub_cli_filter_apply_query:
 * `--query TEXT` for a model list (`hubeco list`, `hubeco sizes`): the text
 * form Share persists and prints (hub_query_to_string()); its model
 * filters fill what @query's own options left unset (an option given
 * wins). Keys a list does not use (by, axis, measure...) are named in a
 * note on stderr. @text NULL does nothing. HUB_CLI_EXIT_USAGE with a
 * message on a text that does not parse.
 */
int hub_cli_filter_apply_query (const char   *command,
                                const char   *text,
                                HubListQuery *query);

G_END_DECLS
