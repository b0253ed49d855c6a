/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hub-table-writer.h"

G_BEGIN_DECLS

/* The command line's names for the table writer, which lives in the core
 * library (hub-table-writer.h) so that the window writes the same CSV and
 * JSON as `hubeco` does. */

typedef HubTableFormat    HubCliFormat;
typedef HubTableValueKind HubCliValueKind;
typedef HubTableColumn    HubCliColumn;
typedef HubTableWriter    HubCliWriter;

#define HUB_CLI_FORMAT_TABLE  HUB_TABLE_FORMAT_TABLE
#define HUB_CLI_FORMAT_CSV    HUB_TABLE_FORMAT_CSV
#define HUB_CLI_FORMAT_JSON   HUB_TABLE_FORMAT_JSON

#define HUB_CLI_VALUE_TEXT    HUB_TABLE_VALUE_TEXT
#define HUB_CLI_VALUE_COUNT   HUB_TABLE_VALUE_COUNT
#define HUB_CLI_VALUE_PARAMS  HUB_TABLE_VALUE_PARAMS
#define HUB_CLI_VALUE_TIME    HUB_TABLE_VALUE_TIME
#define HUB_CLI_VALUE_REAL    HUB_TABLE_VALUE_REAL
#define HUB_CLI_VALUE_SIGNED  HUB_TABLE_VALUE_SIGNED

#define hub_cli_format_to_string     hub_table_format_to_string
#define hub_cli_format_from_string   hub_table_format_from_string
#define hub_cli_format_valid_values  hub_table_format_valid_values
#define hub_cli_writer_new           hub_table_writer_new
#define hub_cli_writer_add_text      hub_table_writer_add_text
#define hub_cli_writer_add_int       hub_table_writer_add_int
#define hub_cli_writer_add_real      hub_table_writer_add_real
#define hub_cli_writer_end_row       hub_table_writer_end_row
#define hub_cli_writer_finish        hub_table_writer_finish
#define hub_cli_writer_free          hub_table_writer_free

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HubCliWriter, hub_table_writer_free)

G_END_DECLS
