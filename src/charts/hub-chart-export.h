/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "hub-chart-style.h"

G_BEGIN_DECLS

#define HUB_CHART_EXPORT_ERROR (hub_chart_export_error_quark ())

typedef enum {
  HUB_CHART_EXPORT_ERROR_UNKNOWN_FORMAT,  /* no or unknown file extension */
  HUB_CHART_EXPORT_ERROR_BAD_SIZE,        /* width/height/scale out of range */
  HUB_CHART_EXPORT_ERROR_WRITE,           /* the file could not be written */
} HubChartExportError;

GQuark hub_chart_export_error_quark (void);

/**
 * HubChartRenderFunc:
 * Any renderer of src/charts: draws @data in (0, 0, @width, @height) of
 * @cr with @style, reading no other state. Each renderer offers one
 * (hub_stacked_area_draw_func(), hub_bar_chart_draw_func(), ...).
 */
typedef void (*HubChartRenderFunc) (cairo_t             *cr,
                                    int                  width,
                                    int                  height,
                                    const HubChartStyle *style,
                                    gconstpointer        data);

typedef enum {
  HUB_CHART_FORMAT_PNG = 0,
  HUB_CHART_FORMAT_SVG,
  HUB_CHART_FORMAT_PDF,
  HUB_N_CHART_FORMATS
} HubChartFormat;

/* The format named by @path's extension (".png", ".svg", ".pdf", any
 * case); HUB_CHART_EXPORT_ERROR_UNKNOWN_FORMAT otherwise. */
gboolean    hub_chart_format_from_path (const char      *path,
                                        HubChartFormat  *out_format,
                                        GError         **error);
/* "png", "svg", "pdf". */
const char *hub_chart_format_to_string (HubChartFormat   format);

#define HUB_CHART_EXPORT_MIN_SIZE 120
#define HUB_CHART_EXPORT_MAX_SIZE 10000
#define HUB_CHART_EXPORT_MAX_SCALE 4.0

/**
 * HubChartExportOptions:
 * @width, @height: the figure in device-independent pixels (PDF pages are
 *   @width × 0.75 points wide: 96 pixels per inch); 120..10000
 * @scale: PNG pixels per device-independent pixel (1 or 2; up to 4)
 * @title: (nullable): drawn above the chart
 * @caption: (nullable): drawn under the chart, wrapped
 */
typedef struct {
  int         width;
  int         height;
  double      scale;
  const char *title;
  const char *caption;
} HubChartExportOptions;

void        hub_chart_export_options_init (HubChartExportOptions *options);

/* FALSE with HUB_CHART_EXPORT_ERROR_BAD_SIZE when @options is out of range. */
gboolean    hub_chart_export_options_check (const HubChartExportOptions *options,
                                            GError                     **error);

/**
 * hub_chart_figure_render:
 * A whole figure in (0, 0, @width, @height): the style's paper, @title,
 * the chart drawn by @func, and @caption under it. What export writes,
 * and what the Share view can draw for a preview.
 */
void        hub_chart_figure_render   (cairo_t             *cr,
                                       int                  width,
                                       int                  height,
                                       const HubChartStyle *style,
                                       const char          *title,
                                       const char          *caption,
                                       HubChartRenderFunc   func,
                                       gconstpointer        data);

/* The figure on a new ARGB32 image surface of @options->width × @scale
 * pixels (device scale set). */
cairo_surface_t *hub_chart_export_image (const HubChartExportOptions *options,
                                         const HubChartStyle         *style,
                                         HubChartRenderFunc           func,
                                         gconstpointer                data);

/**
 * hub_chart_export:
 * @path: the file to write; its extension picks PNG, SVG or PDF
 *
 * Draws the figure and writes it to @path (replacing it only once the whole
 * file is written). SVG and PDF are vectors with the text as glyphs (PDF:
 * real, searchable text). FALSE with @error for an unknown extension, a
 * bad size, or a path that cannot be written; nothing is left behind then.
 */
gboolean    hub_chart_export          (const char                  *path,
                                       const HubChartExportOptions *options,
                                       const HubChartStyle         *style,
                                       HubChartRenderFunc           func,
                                       gconstpointer                data,
                                       GError                     **error);

G_END_DECLS
