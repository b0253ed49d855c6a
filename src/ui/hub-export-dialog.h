/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hub-chart-export.h"

G_BEGIN_DECLS

/**
 * hub_export_dialog_present:
 * @parent: a widget of the window the dialog belongs to
 * @basename: the suggested file name without extension ("share")
 * @title: (nullable): the figure's title (editable in the dialog)
 * @caption: (nullable): the caption drawn under the chart
 * @func: the renderer
 * @data: its data, owned by the dialog from now on
 * @destroy: (nullable): frees @data when the dialog closes
 *
 * The "Export Chart" dialog every page shares: format (PNG, SVG, PDF),
 * width and height, scale for PNG and the title; "Export…" asks for a file
 * (GtkFileChooserNative, so the portal works in Flatpak) and writes the
 * figure with hub_chart_export() in the light style.
 * Returns: (transfer none): the dialog window.
 */
GtkWindow *hub_export_dialog_present (GtkWidget          *parent,
                                      const char         *basename,
                                      const char         *title,
                                      const char         *caption,
                                      HubChartRenderFunc  func,
                                      gpointer            data,
                                      GDestroyNotify      destroy);

/* Writes the figure the dialog @window shows to @path (the format comes
 * from its extension); what "Export…" does after the file chooser. */
gboolean   hub_export_dialog_write   (GtkWindow          *window,
                                      const char         *path,
                                      GError            **error);

/* Called with the file the user chose (never when cancelled). */
typedef void (*HubExportDataChosen) (GtkWidget  *page,
                                     const char *path);

/**
 * hub_export_data_choose:
 * @page: the page whose numbers are exported
 * @title: the dialog's title ("Export Share Data")
 * @basename: the suggested name without extension ("share")
 *
 * The save dialog every page's "Export Data…" shows: CSV (with a manifest
 * next to it) or JSON, in a GtkFileChooserNative (the portal in Flatpak).
 */
void       hub_export_data_choose    (GtkWidget           *page,
                                      const char          *title,
                                      const char          *basename,
                                      HubExportDataChosen  done);
/**
 * hub_export_propose_folder:
 * Opens @chooser in the folder of the last export, else the user's
 * @fallback folder (Pictures for charts, Documents for data), else home:
 * never the working directory the app happened to start in.
 */
void       hub_export_propose_folder (GtkFileChooser      *chooser,
                                      GUserDirectory       fallback);
/* "Exported “share.csv”" in a toast over @widget's window, with "Open
 * Folder"; the folder is proposed for the next export. */
void       hub_export_report_saved   (GtkWidget           *widget,
                                      const char          *path);
/* "Could Not Export the Data" with @error's message, over @page's window. */
void       hub_export_data_report    (GtkWidget           *page,
                                      const GError        *error);

/* Writes a page's data to @path, returning FALSE with @error on failure. */
typedef gboolean (*HubExportDataWrite) (gpointer     data,
                                        const char  *path,
                                        GError     **error);

/**
 * hub_export_data_write_async:
 * @data: (transfer full): what @write reads, released with @release
 *
 * Runs @write on a worker thread, then says "Exported …" or shows the
 * error over @page's window: what a page's "Export Data…" does with the
 * file the user chose.
 */
void       hub_export_data_write_async (GtkWidget           *page,
                                        const char          *path,
                                        HubExportDataWrite   write,
                                        gpointer             data,
                                        GDestroyNotify       release);

G_END_DECLS
