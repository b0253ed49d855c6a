/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit codes of every subcommand. */
#define HUB_CLI_EXIT_OK          0
#define HUB_CLI_EXIT_FAILED      1   /* the work failed (bad data, unknown id, network) */
#define HUB_CLI_EXIT_USAGE       2   /* unknown option or value */
#define HUB_CLI_EXIT_INTERRUPTED 130

/* TRUE when @argv names a subcommand (`hubeco list ...`), so the program
 * runs headless instead of opening the window. */
gboolean hub_cli_wants (int    argc,
                        char **argv);

/* Runs the subcommand named in @argv and returns the exit code. */
int      hub_cli_run   (int    argc,
                        char **argv);

G_END_DECLS
