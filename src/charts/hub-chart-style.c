/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-charts"

#include "config.h"

#include "hub-chart-style.h"

#include <string.h>

#define RGB(r, g, b) { (r) / 255.f, (g) / 255.f, (b) / 255.f, 1.f }

/* Twelve hues of similar lightness and chroma (Tableau 10 without its grey,
 * which would read as "Other", plus navy, light green and lilac), so that
 * no band dominates by colour alone. The dark set lifts the darkest tones
 * that would sink into a dark background. */
static const HubChartColor default_light[HUB_CHART_N_PALETTE] = {
  RGB (0x4e, 0x79, 0xa7), RGB (0xf2, 0x8e, 0x2b), RGB (0x59, 0xa1, 0x4f),
  RGB (0xe1, 0x57, 0x59), RGB (0xb0, 0x7a, 0xa1), RGB (0x76, 0xb7, 0xb2),
  RGB (0xed, 0xc9, 0x48), RGB (0xff, 0x9d, 0xa7), RGB (0x9c, 0x75, 0x5f),
  RGB (0x2f, 0x4b, 0x7c), RGB (0x8c, 0xd1, 0x7d), RGB (0xd4, 0xa6, 0xc8),
};

static const HubChartColor default_dark[HUB_CHART_N_PALETTE] = {
  RGB (0x6f, 0x9b, 0xd1), RGB (0xf2, 0x8e, 0x2b), RGB (0x6c, 0xb8, 0x61),
  RGB (0xe9, 0x6b, 0x6d), RGB (0xc4, 0x8f, 0xb6), RGB (0x86, 0xc8, 0xc3),
  RGB (0xed, 0xc9, 0x48), RGB (0xff, 0x9d, 0xa7), RGB (0xc0, 0x97, 0x7f),
  RGB (0x8f, 0xa8, 0xe0), RGB (0x8c, 0xd1, 0x7d), RGB (0xd4, 0xa6, 0xc8),
};

/* Okabe & Ito (2008), without black, then Tol's indigo, teal, wine, olive
 * and purple (cyan on dark, where purple is too close to reddish purple).
 * Past eight series no palette is safe for every reader; the legend and
 * the highlight carry the rest. */
static const HubChartColor colorblind_light[HUB_CHART_N_PALETTE] = {
  RGB (0x00, 0x72, 0xb2), RGB (0xe6, 0x9f, 0x00), RGB (0x00, 0x9e, 0x73),
  RGB (0xcc, 0x79, 0xa7), RGB (0x56, 0xb4, 0xe9), RGB (0xd5, 0x5e, 0x00),
  RGB (0xf0, 0xe4, 0x42), RGB (0x33, 0x22, 0x88), RGB (0x44, 0xaa, 0x99),
  RGB (0x88, 0x22, 0x55), RGB (0x99, 0x99, 0x33), RGB (0xaa, 0x44, 0x99),
};

static const HubChartColor colorblind_dark[HUB_CHART_N_PALETTE] = {
  RGB (0x33, 0x95, 0xd6), RGB (0xe6, 0x9f, 0x00), RGB (0x00, 0xb8, 0x87),
  RGB (0xcc, 0x79, 0xa7), RGB (0x56, 0xb4, 0xe9), RGB (0xe5, 0x74, 0x1f),
  RGB (0xf0, 0xe4, 0x42), RGB (0x77, 0x6a, 0xcc), RGB (0x44, 0xaa, 0x99),
  RGB (0xc0, 0x4d, 0x85), RGB (0xb3, 0xb3, 0x4d), RGB (0x88, 0xcc, 0xee),
};

static const char * const palette_names[HUB_N_CHART_PALETTES] = {
  [HUB_CHART_PALETTE_DEFAULT] = "default",
  [HUB_CHART_PALETTE_COLORBLIND] = "colorblind",
};

static HubChartColor
mix (const HubChartColor *color,
     float                alpha)
{
  HubChartColor out = *color;

  out.alpha = color->alpha * alpha;
  return out;
}

/**
 * hub_chart_style_init_default:
 * @style: the style to fill
 * @dark: whether the chart sits on a dark background
 *
 * Fills @style with Adwaita-like colours, the default palette, the
 * Cantarell/sans font and a transparent background.
 */
void
hub_chart_style_init_default (HubChartStyle *style,
                              gboolean       dark)
{
  static const HubChartColor light_fg = { 0.f, 0.f, 6 / 255.f, 0.8f };
  static const HubChartColor dark_fg = { 1.f, 1.f, 1.f, 1.f };
  static const HubChartColor light_accent = RGB (0x1c, 0x71, 0xd8);
  static const HubChartColor dark_accent = RGB (0x78, 0xae, 0xed);
  static const HubChartColor light_other = RGB (0xbf, 0xbf, 0xbf);
  static const HubChartColor dark_other = RGB (0x6b, 0x6b, 0x6b);
  static const HubChartColor light_unknown = RGB (0xe3, 0xe3, 0xe3);
  static const HubChartColor dark_unknown = RGB (0x48, 0x48, 0x48);
  static const HubChartColor light_paper = RGB (0xff, 0xff, 0xff);
  static const HubChartColor dark_paper = RGB (0x1e, 0x1e, 0x1e);

  g_return_if_fail (style != NULL);

  memset (style, 0, sizeof *style);
  style->background = (HubChartColor) { 0.f, 0.f, 0.f, 0.f };
  style->font_family = "Cantarell, sans-serif";
  style->font_size = 9.0;
  style->line_width = 1.5;
  style->dark = dark;
  style->other = dark ? dark_other : light_other;
  style->unknown = dark ? dark_unknown : light_unknown;
  style->paper = dark ? dark_paper : light_paper;
  hub_chart_style_set_palette (style, HUB_CHART_PALETTE_DEFAULT);
  hub_chart_style_set_colors (style,
                              dark ? &dark_fg : &light_fg,
                              dark ? &dark_accent : &light_accent);
}

/**
 * hub_chart_style_set_colors:
 * @style: a style
 * @foreground: the text colour
 * @accent: the colour of a single series
 *
 * Uses the given theme colours and derives the grid and muted colours from
 * the foreground, so that they follow dark mode.
 */
void
hub_chart_style_set_colors (HubChartStyle       *style,
                            const HubChartColor *foreground,
                            const HubChartColor *accent)
{
  g_return_if_fail (style != NULL);
  g_return_if_fail (foreground != NULL);
  g_return_if_fail (accent != NULL);

  style->foreground = *foreground;
  style->accent = *accent;
  style->grid = mix (foreground, 0.15f);
  style->muted = mix (foreground, 0.35f);
}

/**
 * hub_chart_style_set_palette:
 * @style: a style whose @dark is set
 * @palette: which palette
 *
 * Fills @style->palette with @palette's light or dark colours.
 */
void
hub_chart_style_set_palette (HubChartStyle   *style,
                             HubChartPalette  palette)
{
  const HubChartColor *colors;

  g_return_if_fail (style != NULL);
  g_return_if_fail (palette < HUB_N_CHART_PALETTES);

  if (palette == HUB_CHART_PALETTE_COLORBLIND)
    colors = style->dark ? colorblind_dark : colorblind_light;
  else
    colors = style->dark ? default_dark : default_light;
  memcpy (style->palette, colors, sizeof style->palette);
  style->palette_kind = palette;
}

/**
 * hub_chart_style_get_series_color:
 * @style: a style
 * @index: the series number
 *
 * Returns: (transfer none): the palette colour of series @index (wrapping).
 */
const HubChartColor *
hub_chart_style_get_series_color (const HubChartStyle *style,
                                  guint                index)
{
  g_return_val_if_fail (style != NULL, NULL);

  return &style->palette[index % HUB_CHART_N_PALETTE];
}

/**
 * hub_chart_palette_to_string:
 * Returns: the palette's name
 */
const char *
hub_chart_palette_to_string (HubChartPalette palette)
{
  g_return_val_if_fail (palette < HUB_N_CHART_PALETTES, NULL);

  return palette_names[palette];
}

/**
 * hub_chart_palette_from_string:
 * Returns: %FALSE for an unknown name
 */
gboolean
hub_chart_palette_from_string (const char      *str,
                               HubChartPalette *out_palette)
{
  g_return_val_if_fail (out_palette != NULL, FALSE);

  guint i;

  if (!hub_name_lookup (palette_names, HUB_N_CHART_PALETTES, str, &i))
    return FALSE;
  *out_palette = i;
  return TRUE;
}

/**
 * hub_chart_set_source:
 * @cr: a context
 * @color: the colour
 * @alpha: a factor on the colour's alpha
 */
void
hub_chart_set_source (cairo_t             *cr,
                      const HubChartColor *color,
                      double               alpha)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (color != NULL);

  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

/**
 * hub_chart_style_get_font:
 * Returns: (transfer full): the font of @role
 */
PangoFontDescription *
hub_chart_style_get_font (const HubChartStyle *style,
                          HubChartTextRole     role)
{
  PangoFontDescription *font;
  double size;

  g_return_val_if_fail (style != NULL, NULL);

  font = pango_font_description_from_string (style->font_family);
  switch (role)
    {
    case HUB_CHART_TEXT_TITLE:
      size = style->font_size * 1.45;
      pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
      break;
    case HUB_CHART_TEXT_LABEL:
      size = style->font_size * 1.1;
      break;
    case HUB_CHART_TEXT_CAPTION:
    case HUB_CHART_TEXT_TICK:
    default:
      size = style->font_size;
      break;
    }
  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  return font;
}

/**
 * hub_chart_style_create_layout:
 * Returns: (transfer full): a layout for @text
 */
PangoLayout *
hub_chart_style_create_layout (const HubChartStyle *style,
                               cairo_t             *cr,
                               HubChartTextRole     role,
                               const char          *text,
                               double               width)
{
  PangoLayout *layout;
  PangoFontDescription *font;
  cairo_font_options_t *options;
  PangoContext *context;

  g_return_val_if_fail (style != NULL, NULL);
  g_return_val_if_fail (cr != NULL, NULL);

  layout = pango_cairo_create_layout (cr);
  context = pango_layout_get_context (layout);
  /* Hinting and metrics rounding depend on the surface; turning them off
   * gives the same text extents on screen, PNG, SVG and PDF. */
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (context, 96.0);
  pango_layout_context_changed (layout);

  font = hub_chart_style_get_font (style, role);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  return layout;
}

/**
 * hub_chart_layout_get_size:
 * @layout: a layout
 * @out_width: (out): its logical width
 * @out_height: (out): its logical height
 */
void
hub_chart_layout_get_size (PangoLayout *layout,
                           double      *out_width,
                           double      *out_height)
{
  PangoRectangle logical;

  g_return_if_fail (PANGO_IS_LAYOUT (layout));

  pango_layout_get_extents (layout, NULL, &logical);
  if (out_width != NULL)
    *out_width = (double) logical.width / PANGO_SCALE;
  if (out_height != NULL)
    *out_height = (double) logical.height / PANGO_SCALE;
}

/* Relation colours: the four kinds of derivative take the first four
 * colours of the style's palette, so they follow the chart-palette setting
 * like every other chart (the colour-blind palette gives the Okabe–Ito
 * fine-tune blue, quantized orange, adapter green, merge pink); unknown is
 * grey and base (a family's root) a neutral, whatever the palette. */
static const guint relation_palette_index[HUB_N_RELATIONS] = {
  [HUB_RELATION_FINETUNE]  = 0,
  [HUB_RELATION_QUANTIZED] = 1,
  [HUB_RELATION_ADAPTER]   = 2,
  [HUB_RELATION_MERGE]     = 3,
};

static const HubChartColor light_neutrals[HUB_N_RELATIONS] = {
  [HUB_RELATION_UNKNOWN]   = RGB (0x99, 0x99, 0x99),
  [HUB_RELATION_NONE]      = RGB (0x3d, 0x38, 0x46),
};

static const HubChartColor dark_neutrals[HUB_N_RELATIONS] = {
  [HUB_RELATION_UNKNOWN]   = RGB (0x8a, 0x8a, 0x8a),
  [HUB_RELATION_NONE]      = RGB (0xde, 0xdd, 0xda),
};

/**
 * hub_chart_style_relation_color:
 * @style: a style
 * @relation: how a model descends from its parent
 *
 * Returns: (transfer none): the colour of @relation in @style's palette
 *   (owned by @style) or, for unknown and base, a neutral for its light or
 *   dark background; defined here once for every chart and view.
 */
const HubChartColor *
hub_chart_style_relation_color (const HubChartStyle *style,
                                HubRelation          relation)
{
  g_return_val_if_fail (style != NULL, NULL);

  if ((guint) relation >= HUB_N_RELATIONS)
    relation = HUB_RELATION_UNKNOWN;
  if (relation == HUB_RELATION_UNKNOWN || relation == HUB_RELATION_NONE)
    return style->dark ? &dark_neutrals[relation] : &light_neutrals[relation];
  return hub_chart_style_get_series_color (style, relation_palette_index[relation]);
}
