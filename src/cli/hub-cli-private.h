/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hub-cli.h"
#include "hub-client.h"
#include "hub-dataset.h"
#include "hub-cli-output.h"
#include "hub-sizes.h"
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

/* hub_cli_fail() with @error's message: a usage error (exit 2) when the
 * analysis found a name or value wrong (G_IO_ERROR_NOT_FOUND,
 * G_IO_ERROR_INVALID_ARGUMENT), else a failure (exit 1). */
int         hub_cli_fail_error   (const char   *command,
                                  const GError *error);

/* Parses a subcommand's options: @entries (NULL-terminated, may be NULL)
 * plus `--db PATH` into @out_db_path. Leaves the remaining arguments in
 * @argc/@argv (argv[0] = the command). Returns HUB_CLI_EXIT_OK, or
 * HUB_CLI_EXIT_USAGE after printing the error and the valid options. */
int         hub_cli_parse_options (const char          *command,
                                   const char          *parameter_string,
                                   const char          *summary,
                                   const GOptionEntry  *entries,
                                   char               **out_db_path,
                                   int                 *argc,
                                   char              ***argv);

/* Prints "hubeco COMMAND: Unknown value “VALUE” for OPTION. Valid values:
 * a, b, c" and returns HUB_CLI_EXIT_USAGE. @valid is NULL-terminated. */
int         hub_cli_fail_value    (const char         *command,
                                   const char         *option,
                                   const char         *value,
                                   const char * const *valid);

/* A time as its UTC day, "2026-03-01" ("?" when out of range). */
char       *hub_cli_format_day    (gint64 t);

/* The options of every command that talks to the Hub, and the client they
 * describe: HUB_CLI_NETWORK_ENTRIES (net) goes in the command's entries. */
typedef struct {
  char *endpoint;
  int   timeout;   /* seconds for a whole request; 0 = the client's default */
} HubCliNetwork;

#define HUB_CLI_NETWORK_ENTRIES(net) \
  { "endpoint", 0, 0, G_OPTION_ARG_STRING, &(net).endpoint, \
    N_("The Hub or a mirror (default: $HF_ENDPOINT, else https://huggingface.co)"), N_("URL") }, \
  { "timeout", 0, 0, G_OPTION_ARG_INT, &(net).timeout, \
    N_("The longest one request may take, retries included (default: 300)"), N_("SECONDS") }

/* The client for @net; NULL with *@out_rc = HUB_CLI_EXIT_USAGE after
 * printing why (a --timeout that is not a positive number). */
HubClient  *hub_cli_network_client (const char    *command,
                                    HubCliNetwork *net,
                                    int           *out_rc);
void        hub_cli_network_clear  (HubCliNetwork *net);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (HubCliNetwork, hub_cli_network_clear)

/* SIGINT and SIGTERM while a long command runs: the first prints @message
 * and cancels @cancellable; @interrupted says whether one came. */
typedef struct {
  GCancellable *cancellable;
  const char   *message;
  gboolean      interrupted;
  guint         sources[2];
} HubCliInterrupt;

void        hub_cli_interrupt_begin (HubCliInterrupt *interrupt,
                                     GCancellable    *cancellable,
                                     const char      *message);
void        hub_cli_interrupt_end   (HubCliInterrupt *interrupt);

/* Subcommands (one file each). */
int hub_cli_cmd_list   (int argc, char **argv);
int hub_cli_cmd_import (int argc, char **argv);
int hub_cli_cmd_lineage        (int argc, char **argv);
int hub_cli_cmd_families       (int argc, char **argv);
int hub_cli_cmd_intermediaries (int argc, char **argv);
int hub_cli_cmd_share          (int argc, char **argv);
int hub_cli_cmd_concentration  (int argc, char **argv);
int hub_cli_cmd_leaderboard    (int argc, char **argv);
int hub_cli_cmd_snapshots      (int argc, char **argv);
int hub_cli_cmd_attributes     (int argc, char **argv);
int hub_cli_cmd_breakdown      (int argc, char **argv);
int hub_cli_cmd_import_scores  (int argc, char **argv);
int hub_cli_cmd_score_sets     (int argc, char **argv);
int hub_cli_cmd_quality        (int argc, char **argv);
int hub_cli_cmd_compare        (int argc, char **argv);
int hub_cli_cmd_attention      (int argc, char **argv);
int hub_cli_cmd_sensitivity    (int argc, char **argv);
int hub_cli_cmd_sync    (int argc, char **argv);
int hub_cli_cmd_backfill (int argc, char **argv);
int hub_cli_cmd_history (int argc, char **argv);
int hub_cli_cmd_sizes  (int argc, char **argv);
/* The size table of @result, as `hubeco sizes` prints it (unfinished). */
HubCliWriter *hub_cli_sizes_writer_new (FILE                *out,
                                        HubCliFormat         format,
                                        const HubSizeResult *result,
                                        gboolean             include_estimated);
int hub_cli_cmd_estimate_params (int argc, char **argv);

G_END_DECLS
