/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-charts"

#include "config.h"

#include "hub-chart-style.h"

#define RGB(r, g, b) { (r) / 255.f, (g) / 255.f, (b) / 255.f, 1.f }

/* GNOME palette tones: distinguishable for 12 series, one set tuned for a
 * light background and one for a dark one. */
static const HubChartColor light_palette[HUB_CHART_N_PALETTE] = {
  RGB (0x1c, 0x71, 0xd8), RGB (0xe6, 0x61, 0x00), RGB (0x2e, 0xc2, 0x7e),
  RGB (0xc0, 0x1c, 0x28), RGB (0x81, 0x3d, 0x9c), RGB (0x98, 0x6a, 0x44),
  RGB (0xe5, 0xa5, 0x0a), RGB (0x26, 0xa2, 0x69), RGB (0x35, 0x84, 0xe4),
  RGB (0xdc, 0x8a, 0xdd), RGB (0x63, 0x45, 0x2c), RGB (0x5e, 0x5c, 0x64),
};

static const HubChartColor dark_palette[HUB_CHART_N_PALETTE] = {
  RGB (0x62, 0xa0, 0xea), RGB (0xff, 0xa3, 0x48), RGB (0x57, 0xe3, 0x89),
  RGB (0xf6, 0x61, 0x51), RGB (0xc0, 0x61, 0xcb), RGB (0xcd, 0xab, 0x8f),
  RGB (0xf8, 0xe4, 0x5c), RGB (0x33, 0xd1, 0x7a), RGB (0x99, 0xc1, 0xf1),
  RGB (0xdc, 0x8a, 0xdd), RGB (0xb5, 0x83, 0x5a), RGB (0xc0, 0xbf, 0xbc),
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
 * Fills @style with Adwaita-like colours, the Cantarell/sans font and a
 * transparent background.
 */
void
hub_chart_style_init_default (HubChartStyle *style,
                              gboolean       dark)
{
  static const HubChartColor light_fg = { 0.f, 0.f, 6 / 255.f, 0.8f };
  static const HubChartColor dark_fg = { 1.f, 1.f, 1.f, 1.f };
  static const HubChartColor light_accent = RGB (0x1c, 0x71, 0xd8);
  static const HubChartColor dark_accent = RGB (0x78, 0xae, 0xed);

  g_return_if_fail (style != NULL);

  style->background = (HubChartColor) { 0.f, 0.f, 0.f, 0.f };
  for (guint i = 0; i < HUB_CHART_N_PALETTE; i++)
    style->palette[i] = dark ? dark_palette[i] : light_palette[i];
  style->font_family = "Cantarell, sans-serif";
  style->font_size = 9.0;
  style->line_width = 1.5;
  style->dark = dark;
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

/* Relation colours: fine-tune blue, adapter green, quantized orange, merge
 * purple, unknown grey, base (a family's root) a dark neutral; chosen to be
 * told apart with the common colour-vision deficiencies by lightness too. */
static const HubChartColor light_relations[HUB_N_RELATIONS] = {
  [HUB_RELATION_UNKNOWN]   = RGB (0x9a, 0x99, 0x96),
  [HUB_RELATION_FINETUNE]  = RGB (0x1c, 0x71, 0xd8),
  [HUB_RELATION_ADAPTER]   = RGB (0x2e, 0xc2, 0x7e),
  [HUB_RELATION_QUANTIZED] = RGB (0xe6, 0x61, 0x00),
  [HUB_RELATION_MERGE]     = RGB (0x81, 0x3d, 0x9c),
  [HUB_RELATION_NONE]      = RGB (0x3d, 0x38, 0x46),
};

static const HubChartColor dark_relations[HUB_N_RELATIONS] = {
  [HUB_RELATION_UNKNOWN]   = RGB (0x77, 0x76, 0x7b),
  [HUB_RELATION_FINETUNE]  = RGB (0x62, 0xa0, 0xea),
  [HUB_RELATION_ADAPTER]   = RGB (0x57, 0xe3, 0x89),
  [HUB_RELATION_QUANTIZED] = RGB (0xff, 0xa3, 0x48),
  [HUB_RELATION_MERGE]     = RGB (0xc0, 0x61, 0xcb),
  [HUB_RELATION_NONE]      = RGB (0xde, 0xdd, 0xda),
};

/**
 * hub_chart_style_relation_color:
 * @style: a style
 * @relation: how a model descends from its parent
 *
 * Returns: (transfer none): the colour of @relation for @style's light or
 *   dark background, defined here once for every chart and view.
 */
const HubChartColor *
hub_chart_style_relation_color (const HubChartStyle *style,
                                HubRelation          relation)
{
  g_return_val_if_fail (style != NULL, NULL);

  if ((guint) relation >= HUB_N_RELATIONS)
    relation = HUB_RELATION_UNKNOWN;
  return style->dark ? &dark_relations[relation] : &light_relations[relation];
}
