/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hub-cli.h"
#include "hub-dataset.h"
#include "hub-store.h"

G_BEGIN_DECLS

/**
 * HubCliCommand:
 * One subcommand. @run gets argv starting at the subcommand's name and
 * returns an exit code (HUB_CLI_EXIT_*). Every subcommand takes `--db PATH`.
 * The table lives in hub-cli.c: adding a subcommand is one line there plus
 * its own hub-cli-<name>.c.
 */
typedef struct {
  const char *name;
  const char *summary;
  int       (*run) (int argc, char **argv);
} HubCliCommand;

/* Opens the store at @db_path (NULL = the default path) and, when it holds
 * no model yet, builds it from the embedded dataset. Messages go to stderr. */
HubStore   *hub_cli_open_store   (const char  *db_path,
                                  GError     **error);
/* hub_cli_open_store() then hub_dataset_load(). */
HubDataset *hub_cli_load_dataset (const char  *db_path,
                                  GError     **error);

/* Prints "hubeco NAME: MESSAGE" to stderr and returns @exit_code. */
int         hub_cli_fail         (const char  *command,
                                  int          exit_code,
                                  const char  *format,
                                  ...) G_GNUC_PRINTF (3, 4);

/* Subcommands (one file each). */
int hub_cli_cmd_list   (int argc, char **argv);
int hub_cli_cmd_import (int argc, char **argv);

G_END_DECLS
