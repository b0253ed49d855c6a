/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hub-window.h"

G_BEGIN_DECLS

/*
 * Importing files from the window: a file chooser (the portal in the
 * Flatpak) for Hub data (Parquet, JSON, JSONL, CSV, gzip), then a dialog
 * with progress and Stop while the files are imported on a worker thread
 * with their own store connection, then the summary the command line
 * prints (what each Parquet file was read as and which columns it used,
 * lacked and left; counts; the first rejections). The window reloads its
 * data when anything was stored.
 */
void hub_import_dialog_present      (HubWindow *window);
/* The same without the chooser (tests, drag and drop). @files: GFile. */
void hub_import_dialog_import_files (HubWindow *window,
                                     GPtrArray *files);

G_END_DECLS
