/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-charts"

#include "config.h"

#include "hub-chart-export.h"
#include "hub-chart-frame.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <math.h>

#define FIGURE_MARGIN 16.0
/* PDF points per device-independent pixel (96 pixels per inch). */
#define PDF_POINTS_PER_PIXEL 0.75

G_DEFINE_QUARK (hub-chart-export-error-quark, hub_chart_export_error)

static const char * const format_names[HUB_N_CHART_FORMATS] = {
  [HUB_CHART_FORMAT_PNG] = "png",
  [HUB_CHART_FORMAT_SVG] = "svg",
  [HUB_CHART_FORMAT_PDF] = "pdf",
};

const char *
hub_chart_format_to_string (HubChartFormat format)
{
  g_return_val_if_fail (format < HUB_N_CHART_FORMATS, NULL);

  return format_names[format];
}

gboolean
hub_chart_format_from_path (const char      *path,
                            HubChartFormat  *out_format,
                            GError         **error)
{
  g_autofree char *base = NULL;
  const char *dot;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (out_format != NULL, FALSE);

  base = g_path_get_basename (path);
  dot = strrchr (base, '.');
  for (guint i = 0; dot != NULL && i < HUB_N_CHART_FORMATS; i++)
    if (g_ascii_strcasecmp (dot + 1, format_names[i]) == 0)
      {
        *out_format = i;
        return TRUE;
      }
  g_set_error (error, HUB_CHART_EXPORT_ERROR, HUB_CHART_EXPORT_ERROR_UNKNOWN_FORMAT,
               _("Cannot tell the format of “%s”: the file name must end in .png, .svg or .pdf"), path);
  return FALSE;
}

void
hub_chart_export_options_init (HubChartExportOptions *options)
{
  g_return_if_fail (options != NULL);

  options->width = 1000;
  options->height = 620;
  options->scale = 1.0;
  options->title = NULL;
  options->caption = NULL;
}

gboolean
hub_chart_export_options_check (const HubChartExportOptions *options,
                                GError                     **error)
{
  g_return_val_if_fail (options != NULL, FALSE);

  if (options->width < HUB_CHART_EXPORT_MIN_SIZE || options->width > HUB_CHART_EXPORT_MAX_SIZE ||
      options->height < HUB_CHART_EXPORT_MIN_SIZE || options->height > HUB_CHART_EXPORT_MAX_SIZE)
    {
      g_set_error (error, HUB_CHART_EXPORT_ERROR, HUB_CHART_EXPORT_ERROR_BAD_SIZE,
                   _("The size %d × %d is out of range: width and height must be %d to %d pixels"),
                   options->width, options->height, HUB_CHART_EXPORT_MIN_SIZE, HUB_CHART_EXPORT_MAX_SIZE);
      return FALSE;
    }
  if (!(options->scale >= 1.0 && options->scale <= HUB_CHART_EXPORT_MAX_SCALE) ||
      options->width * options->scale > HUB_CHART_EXPORT_MAX_SIZE * 2 ||
      options->height * options->scale > HUB_CHART_EXPORT_MAX_SIZE * 2)
    {
      g_set_error (error, HUB_CHART_EXPORT_ERROR, HUB_CHART_EXPORT_ERROR_BAD_SIZE,
                   _("The scale %g is out of range: it must be 1 to %g, and the picture at most %d pixels wide and high"),
                   options->scale, HUB_CHART_EXPORT_MAX_SCALE, HUB_CHART_EXPORT_MAX_SIZE * 2);
      return FALSE;
    }
  return TRUE;
}

void
hub_chart_figure_render (cairo_t             *cr,
                         int                  width,
                         int                  height,
                         const HubChartStyle *style,
                         const char          *title,
                         const char          *caption,
                         HubChartRenderFunc   func,
                         gconstpointer        data)
{
  double text_w = width - 2 * FIGURE_MARGIN;
  double top = FIGURE_MARGIN, bottom = height - FIGURE_MARGIN;
  HubChartColor caption_color;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (func != NULL);

  cairo_save (cr);
  hub_chart_set_source (cr, &style->paper, 1.0);
  cairo_paint (cr);
  cairo_restore (cr);

  if (title != NULL && *title != '\0' && text_w > 0)
    {
      g_autoptr(PangoLayout) layout = hub_chart_style_create_layout (style, cr, HUB_CHART_TEXT_TITLE, title, text_w);
      double h;

      hub_chart_layout_get_size (layout, NULL, &h);
      cairo_save (cr);
      hub_chart_set_source (cr, &style->foreground, 1.0);
      cairo_move_to (cr, FIGURE_MARGIN, top);
      pango_cairo_show_layout (cr, layout);
      cairo_restore (cr);
      top += h + HUB_CHART_PAD;
    }

  caption_color = style->foreground;
  caption_color.alpha *= 0.8f;
  if (caption != NULL && *caption != '\0' && text_w > 0)
    {
      g_autoptr(PangoLayout) layout = hub_chart_style_create_layout (style, cr, HUB_CHART_TEXT_CAPTION, caption, text_w);
      double h;

      hub_chart_layout_get_size (layout, NULL, &h);
      bottom -= h;
      cairo_save (cr);
      hub_chart_set_source (cr, &caption_color, 1.0);
      cairo_move_to (cr, FIGURE_MARGIN, bottom);
      pango_cairo_show_layout (cr, layout);
      cairo_restore (cr);
      bottom -= HUB_CHART_PAD;
    }

  if (bottom - top >= 1)
    {
      /* The renderer gets the figure's full width (it keeps its own inner
       * padding) and what is left between title and caption. */
      cairo_save (cr);
      cairo_translate (cr, FIGURE_MARGIN - HUB_CHART_PAD, floor (top));
      cairo_rectangle (cr, 0, 0, width - 2 * (FIGURE_MARGIN - HUB_CHART_PAD), floor (bottom - top));
      cairo_clip (cr);
      func (cr, (int) (width - 2 * (FIGURE_MARGIN - HUB_CHART_PAD)), (int) floor (bottom - top), style, data);
      cairo_restore (cr);
    }
}

cairo_surface_t *
hub_chart_export_image (const HubChartExportOptions *options,
                        const HubChartStyle         *style,
                        HubChartRenderFunc           func,
                        gconstpointer                data)
{
  cairo_surface_t *surface;
  cairo_t *cr;

  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (style != NULL, NULL);
  g_return_val_if_fail (func != NULL, NULL);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                        (int) ceil (options->width * options->scale),
                                        (int) ceil (options->height * options->scale));
  cairo_surface_set_device_scale (surface, options->scale, options->scale);
  cr = cairo_create (surface);
  hub_chart_figure_render (cr, options->width, options->height, style,
                           options->title, options->caption, func, data);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* The bytes cairo writes, kept in memory until the file is written whole. */
typedef struct {
  GByteArray *bytes;
} StreamWriter;

static cairo_status_t
stream_write (void                *closure,
              const unsigned char *bytes,
              unsigned int         length)
{
  StreamWriter *w = closure;

  g_byte_array_append (w->bytes, bytes, length);
  return CAIRO_STATUS_SUCCESS;
}

gboolean
hub_chart_export (const char                  *path,
                  const HubChartExportOptions *options,
                  const HubChartStyle         *style,
                  HubChartRenderFunc           func,
                  gconstpointer                data,
                  GError                     **error)
{
  g_autoptr(GError) local_error = NULL;
  StreamWriter writer = { NULL };
  HubChartFormat format;
  cairo_status_t status;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (!hub_chart_format_from_path (path, &format, error) ||
      !hub_chart_export_options_check (options, error))
    return FALSE;

  writer.bytes = g_byte_array_new ();

  if (format == HUB_CHART_FORMAT_PNG)
    {
      cairo_surface_t *surface = hub_chart_export_image (options, style, func, data);

      status = cairo_surface_write_to_png_stream (surface, stream_write, &writer);
      cairo_surface_destroy (surface);
    }
  else
    {
      cairo_surface_t *surface;
      cairo_t *cr;

      if (format == HUB_CHART_FORMAT_SVG)
        {
          surface = cairo_svg_surface_create_for_stream (stream_write, &writer, options->width, options->height);
          cairo_svg_surface_restrict_to_version (surface, CAIRO_SVG_VERSION_1_2);
          /* Sized in pixels, as asked: cairo's default, points, makes a
           * 1000-pixel chart open 1333 pixels wide (issue 19). */
          cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
        }
      else
        {
          surface = cairo_pdf_surface_create_for_stream (stream_write, &writer,
                                                         options->width * PDF_POINTS_PER_PIXEL,
                                                         options->height * PDF_POINTS_PER_PIXEL);
          if (options->title != NULL)
            cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, options->title);
          cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "HubEco " PACKAGE_VERSION);
        }
      cr = cairo_create (surface);
      if (format == HUB_CHART_FORMAT_PDF)
        cairo_scale (cr, PDF_POINTS_PER_PIXEL, PDF_POINTS_PER_PIXEL);
      hub_chart_figure_render (cr, options->width, options->height, style,
                               options->title, options->caption, func, data);
      status = cairo_status (cr);
      cairo_destroy (cr);
      cairo_surface_finish (surface);
      if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_status (surface);
      cairo_surface_destroy (surface);
    }

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, HUB_CHART_EXPORT_ERROR, HUB_CHART_EXPORT_ERROR_WRITE,
                   _("Cannot write “%s”: %s"), path, cairo_status_to_string (status));
      g_byte_array_unref (writer.bytes);
      return FALSE;
    }
  /* Written beside the target, synced and renamed over it: a full disk
   * leaves no part of a file where the output should be. */
  if (!g_file_set_contents_full (path, (const char *) writer.bytes->data, writer.bytes->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE, 0666,
                                 &local_error))
    {
      g_set_error (error, HUB_CHART_EXPORT_ERROR, HUB_CHART_EXPORT_ERROR_WRITE,
                   _("Cannot write “%s”: %s"), path, local_error->message);
      g_byte_array_unref (writer.bytes);
      return FALSE;
    }
  g_byte_array_unref (writer.bytes);
  return TRUE;
}
