/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hubeco-charts"

#include "config.h"

#include "hub-family-chart.h"

#include "hub-chart-frame.h"
#include "hub-format.h"
#include "hub-ticks.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#define COLUMN_GAP 2.0
/* The start column holds one box: narrower than a generation's. */
#define ROOT_COLUMN 0.6
#define CELL_PAD   4.0

/* Legend and sibling order: derivatives by kind, the base last. */
static const HubRelation relation_order[] = {
  HUB_RELATION_NONE, HUB_RELATION_FINETUNE, HUB_RELATION_ADAPTER,
  HUB_RELATION_QUANTIZED, HUB_RELATION_MERGE, HUB_RELATION_UNKNOWN,
};

static guint
relation_rank (HubRelation relation)
{
  for (guint i = 0; i < G_N_ELEMENTS (relation_order); i++)
    if (relation_order[i] == relation)
      return i;
  return G_N_ELEMENTS (relation_order);
}

/**
 * hub_family_chart_relation_label:
 * @relation: a relation
 *
 * Returns: its legend label (translated).
 */
const char *
hub_family_chart_relation_label (HubRelation relation)
{
  switch (relation)
    {
    case HUB_RELATION_FINETUNE:
      return _("Fine-tune");
    case HUB_RELATION_ADAPTER:
      return _("Adapter");
    case HUB_RELATION_QUANTIZED:
      return _("Quantized");
    case HUB_RELATION_MERGE:
      return _("Merge");
    case HUB_RELATION_NONE:
      return _("Base model");
    case HUB_RELATION_UNKNOWN:
    case HUB_N_RELATIONS:
    default:
      return _("Unknown relation");
    }
}

/* ---- Data from the lineage ---------------------------------------------- */

/**
 * hub_family_chart_data_new:
 * @lineage: the lineage graph
 * @model: the start model
 * @max_depth: generations below @model; 0 = all
 *
 * Returns: (transfer full): the tree of @model's descendants.
 */
HubFamilyChartData *
hub_family_chart_data_new (HubLineage *lineage,
                           guint       model,
                           guint       max_depth)
{
  HubDataset *dataset;
  g_autoptr(GArray) listing = NULL;
  g_autoptr(GHashTable) index = NULL;
  HubFamilyChartData *data;

  g_return_val_if_fail (lineage != NULL, NULL);

  dataset = hub_lineage_get_dataset (lineage);
  g_return_val_if_fail (model < hub_dataset_get_n_models (dataset), NULL);

  listing = hub_lineage_descendants (lineage, model, max_depth, NULL);
  index = g_hash_table_new (NULL, NULL);

  data = g_new0 (HubFamilyChartData, 1);
  data->dataset = hub_dataset_ref (dataset);
  data->nodes = g_new0 (HubFamilyNode, listing->len);
  data->is_root = (hub_lineage_get_marks (lineage, model) & HUB_LINEAGE_MARK_ROOT) != 0;

  for (guint i = 0; i < listing->len; i++)
    {
      const HubLineageNode *ln = &g_array_index (listing, HubLineageNode, i);
      const HubModelRecord *record = hub_dataset_get_model (dataset, ln->model);
      HubFamilyNode *node;
      gpointer parent_index;

      /* A model listed again (a merge reached through its second parent,
       * an edge back up a cycle) is already drawn once. */
      if (i > 0 && (ln->marks & (HUB_LINEAGE_MARK_SEEN | HUB_LINEAGE_MARK_CYCLE)) != 0)
        {
          data->n_repeats++;
          continue;
        }
      if (i > 0 && !g_hash_table_lookup_extended (index, GUINT_TO_POINTER (ln->parent), NULL, &parent_index))
        {
          /* Cannot happen for a depth-first listing; skipped, not drawn
           * under the wrong node. */
          data->n_repeats++;
          continue;
        }

      node = &data->nodes[data->n_nodes];
      node->label = record->id;
      node->parent = i == 0 ? 0 : GPOINTER_TO_UINT (parent_index);
      /* The start model is what it is (a fine-tune drawn from its own
       * branch stays a fine-tune, not "Base model"; issue 19). */
      node->relation = i == 0 ? (data->is_root && record->relation == HUB_RELATION_UNKNOWN ? HUB_RELATION_NONE
                                                                                        : record->relation)
                              : ln->relation;
      node->weight = MAX (record->downloads, 0);
      g_hash_table_insert (index, GUINT_TO_POINTER (ln->model), GUINT_TO_POINTER (data->n_nodes));
      data->n_nodes++;
    }

  /* Names shared by two boxes (re-uploads: "Qwen3.8-27B-GGUF" by several
   * owners) keep their owner when shortened (issue 19). */
  {
    g_autoptr(GHashTable) count = g_hash_table_new (g_str_hash, g_str_equal);

    for (guint i = 0; i < data->n_nodes; i++)
      {
        const char *slash = strrchr (data->nodes[i].label, '/');
        const char *name = slash != NULL ? slash + 1 : data->nodes[i].label;

        g_hash_table_insert (count, (gpointer) name,
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (count, name)) + 1));
      }
    for (guint i = 0; i < data->n_nodes; i++)
      {
        const char *slash = strrchr (data->nodes[i].label, '/');
        const char *name = slash != NULL ? slash + 1 : data->nodes[i].label;

        data->nodes[i].shared_name = GPOINTER_TO_UINT (g_hash_table_lookup (count, name)) > 1;
      }
  }

  return data;
}

/**
 * hub_family_chart_data_free:
 * @data: (nullable): data from hub_family_chart_data_new()
 */
void
hub_family_chart_data_free (HubFamilyChartData *data)
{
  if (data == NULL)
    return;
  g_free (data->nodes);
  g_clear_pointer (&data->dataset, hub_dataset_unref);
  g_free (data);
}

/* ---- Layout (pure) ------------------------------------------------------ */

typedef struct {
  const HubFamilyNode *nodes;
  const HubFamilyCell *cells;
} SortContext;

static int
compare_siblings (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const SortContext *ctx = user_data;
  guint ia = *(const guint *) a, ib = *(const guint *) b;
  guint ra = relation_rank (ctx->nodes[ia].relation), rb = relation_rank (ctx->nodes[ib].relation);
  double wa = ctx->cells[ia].subtree, wb = ctx->cells[ib].subtree;

  if (ra != rb)
    return ra < rb ? -1 : 1;
  if (wa != wb)
    return wa > wb ? -1 : 1;
  return ia < ib ? -1 : ia > ib;
}

/**
 * hub_family_icicle_layout:
 * (see the header)
 */
gboolean
hub_family_icicle_layout (const HubFamilyNode     *nodes,
                          guint                    n_nodes,
                          const cairo_rectangle_t *area,
                          HubFamilyCell           *cells,
                          guint                   *out_max_depth)
{
  g_autofree guint *first_child = NULL;
  g_autofree guint *children = NULL;
  g_autofree guint *fill = NULL;
  SortContext ctx = { nodes, cells };
  gboolean by_weight;
  guint max_depth = 0;
  double column_w;

  g_return_val_if_fail (n_nodes == 0 || nodes != NULL, FALSE);
  g_return_val_if_fail (area != NULL, FALSE);
  g_return_val_if_fail (n_nodes == 0 || cells != NULL, FALSE);

  if (out_max_depth != NULL)
    *out_max_depth = 0;
  if (n_nodes == 0)
    return TRUE;

  /* Subtree weights: children come after their parent, so one backward
   * pass adds every node into its parent. */
  for (guint i = 0; i < n_nodes; i++)
    cells[i] = (HubFamilyCell) { { 0 }, MAX (nodes[i].weight, 0.0), 0 };
  for (guint i = n_nodes - 1; i > 0; i--)
    {
      g_assert (nodes[i].parent < i);
      cells[nodes[i].parent].subtree += cells[i].subtree;
    }
  by_weight = cells[0].subtree > 0;
  if (!by_weight)
    {
      for (guint i = 0; i < n_nodes; i++)
        cells[i].subtree = 1.0;
      for (guint i = n_nodes - 1; i > 0; i--)
        cells[nodes[i].parent].subtree += cells[i].subtree;
    }

  for (guint i = 1; i < n_nodes; i++)
    {
      cells[i].depth = cells[nodes[i].parent].depth + 1;
      max_depth = MAX (max_depth, cells[i].depth);
    }

  /* Children of every node, contiguous (counting sort by parent), then
   * ordered for drawing. */
  first_child = g_new0 (guint, n_nodes + 1);
  children = g_new (guint, n_nodes);
  fill = g_new0 (guint, n_nodes);
  for (guint i = 1; i < n_nodes; i++)
    first_child[nodes[i].parent + 1]++;
  for (guint i = 0; i < n_nodes; i++)
    first_child[i + 1] += first_child[i];
  for (guint i = 1; i < n_nodes; i++)
    {
      guint p = nodes[i].parent;

      children[first_child[p] + fill[p]++] = i;
    }

  column_w = max_depth > 0 ? area->width / (ROOT_COLUMN + max_depth) : area->width;
  cells[0].rect = (cairo_rectangle_t) {
    area->x, area->y, max_depth > 0 ? ROOT_COLUMN * column_w : column_w, area->height
  };
  /* Parents come before their children, so every node has its box when
   * its children are placed. */
  for (guint i = 0; i < n_nodes; i++)
    {
      guint start = first_child[i], end = first_child[i + 1];
      double y = cells[i].rect.y;

      if (end - start > 1)
        g_qsort_with_data (children + start, end - start, sizeof (guint), compare_siblings, &ctx);
      for (guint k = start; k < end; k++)
        {
          guint c = children[k];
          double h = cells[i].subtree > 0
                     ? cells[i].rect.height * cells[c].subtree / cells[i].subtree : 0.0;

          cells[c].rect = (cairo_rectangle_t) {
            area->x + (ROOT_COLUMN + cells[c].depth - 1) * column_w, y, column_w, h
          };
          y += h;
        }
    }

  if (out_max_depth != NULL)
    *out_max_depth = max_depth;
  return by_weight;
}

/* ---- Text --------------------------------------------------------------- */

static double
total_weight (const HubFamilyChartData *data)
{
  double total = 0;

  for (guint i = 0; i < data->n_nodes; i++)
    total += MAX (data->nodes[i].weight, 0.0);
  return total;
}

/**
 * hub_family_chart_title:
 * @data: a family
 *
 * Returns: (transfer full): the figure's title.
 */
char *
hub_family_chart_title (const HubFamilyChartData *data)
{
  g_return_val_if_fail (data != NULL, NULL);

  if (data->n_nodes == 0)
    return g_strdup (_("Model family"));
  return g_strdup_printf (data->is_root ? _("Family of %s: who builds on it, by 30-day downloads")
                                        : _("Descendants of %s, by 30-day downloads"),
                          data->nodes[0].label);
}

/**
 * hub_family_chart_caption:
 * @data: a family
 *
 * Returns: (transfer full): the figure's caption.
 */
char *
hub_family_chart_caption (const HubFamilyChartData *data)
{
  g_autofree char *n_models = NULL;
  g_autofree char *downloads = NULL;
  GString *s;
  double total;
  guint n_zero = 0;

  g_return_val_if_fail (data != NULL, NULL);

  total = total_weight (data);
  for (guint i = 0; i < data->n_nodes; i++)
    if (!(data->nodes[i].weight > 0))
      n_zero++;
  n_models = hub_format_count (data->n_nodes);
  downloads = hub_format_count ((gint64) llround (total));

  s = g_string_new (NULL);
  g_string_append_printf (s, _("%s models, %s downloads in the last 30 days. "), n_models, downloads);
  if (total > 0)
    {
      g_string_append_printf (s, _("Each box is as tall as the downloads of a model and of everything derived "
                                   "from it; the part of a box not covered by its children (to its right) is the "
                                   "model's own share. The start model holds %.1f%%. "),
                              100.0 * MAX (data->nodes[0].weight, 0.0) / total);
      if (n_zero > 0)
        {
          g_autofree char *zero = hub_format_count (n_zero);

          g_string_append_printf (s, _("%s models without downloads have no height. "), zero);
        }
    }
  else
    g_string_append (s, _("No model of the family has downloads: every model counts once. "));
  g_string_append (s, _("Colour: relation to the parent model; columns: generations."));
  if (data->n_repeats > 0)
    {
      g_autofree char *repeats = hub_format_count (data->n_repeats);

      g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE,
                                              " %s further link (a merge with several parents in the family, "
                                              "or a cycle) is drawn once, under the first parent.",
                                              " %s further links (merges with several parents in the family, "
                                              "cycles) are drawn once, under the first parent.", data->n_repeats),
                              repeats);
    }
  return g_string_free (s, FALSE);
}

/* ---- Drawing ------------------------------------------------------------ */

static double
luminance (const HubChartColor *color)
{
  double c[3] = { color->red, color->green, color->blue };

  for (guint i = 0; i < 3; i++)
    c[i] = c[i] <= 0.04045 ? c[i] / 12.92 : pow ((c[i] + 0.055) / 1.055, 2.4);
  return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

/* Fewer characters of a model's name than this say nothing: no label. */
#define MIN_LABEL_CHARS 6

/* The whole id when it fits; else, keeping the owner, the id to ellipsize
 * in the middle, or, without it, the name alone or the name to ellipsize at
 * the end; NULL when not even the shortest such text (its first
 * MIN_LABEL_CHARS characters, and as many last ones with the owner kept,
 * around "…") fits. */
char *
hub_family_chart_fit_label (cairo_t             *cr,
                            const HubChartStyle *style,
                            const char          *id,
                            double               max_width,
                            gboolean             keep_owner)
{
  const char *slash = strrchr (id, '/');
  const char *text = keep_owner || slash == NULL || slash[1] == '\0' ? id : slash + 1;
  glong n = g_utf8_strlen (text, -1);
  g_autofree char *shortest = NULL;

  g_return_val_if_fail (cr != NULL, NULL);
  g_return_val_if_fail (style != NULL, NULL);

  if (max_width <= 0)
    return NULL;
  if (hub_chart_tick_width (cr, style, id) <= max_width)
    return g_strdup (id);
  if (text != id && hub_chart_tick_width (cr, style, text) <= max_width)
    return g_strdup (text);
  if (n <= (keep_owner ? 2 : 1) * MIN_LABEL_CHARS)
    return NULL;
  shortest = g_strdup_printf ("%.*s…%s", (int) (g_utf8_offset_to_pointer (text, MIN_LABEL_CHARS) - text), text,
                              keep_owner ? g_utf8_offset_to_pointer (text, n - MIN_LABEL_CHARS) : "");
  if (hub_chart_tick_width (cr, style, shortest) > max_width)
    return NULL;
  return g_strdup (text);
}

/* One line of @text in the tick font, ellipsized as @ellipsize says when
 * longer than @max_width (labels come from hub_family_chart_fit_label(),
 * which leaves a readable start, or both ends of a shared name). */
static void
draw_cell_text (cairo_t             *cr,
                const HubChartStyle *style,
                const HubChartColor *color,
                const char          *text,
                double               x,
                double               y,
                double               max_width,
                double               xalign,
                PangoEllipsizeMode   ellipsize)
{
  g_autoptr(PangoLayout) layout = hub_chart_style_create_layout (style, cr, HUB_CHART_TEXT_TICK, text, 0);
  double w, h;

  pango_layout_set_width (layout, (int) (MAX (max_width, 1.0) * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, ellipsize);
  pango_layout_set_wrap (layout, PANGO_WRAP_CHAR);
  hub_chart_layout_get_size (layout, &w, &h);
  w = MIN (w, max_width);
  cairo_save (cr);
  hub_chart_set_source (cr, color, 1.0);
  cairo_move_to (cr, x - xalign * w, y);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

/* A box's model id as hub_family_chart_hub_family_chart_fit_label() fits it in @room;
 * FALSE when nothing of it fits (nothing drawn). */
static gboolean
draw_id (cairo_t             *cr,
         const HubChartStyle *style,
         const HubChartColor *color,
         const HubFamilyNode *node,
         double               x,
         double               y,
         double               room)
{
  g_autofree char *label = hub_family_chart_fit_label (cr, style, node->label, room, node->shared_name);

  if (label == NULL)
    return FALSE;
  draw_cell_text (cr, style, color, label, x, y, room, 0.0,
                  node->shared_name ? PANGO_ELLIPSIZE_MIDDLE : PANGO_ELLIPSIZE_END);
  return TRUE;
}

/* The fill of a relation's boxes and legend swatch: the style's relation
 * colour, except the root's in dark mode, which (a near-white neutral
 * there) would glare: the style's foreground at 30% over its paper. */
static HubChartColor
relation_fill (const HubChartStyle *style,
               HubRelation          relation)
{
  const HubChartColor *fg = &style->foreground;
  const HubChartColor *bg = &style->paper;

  if (relation != HUB_RELATION_NONE || !style->dark)
    return *hub_chart_style_relation_color (style, relation);
  return (HubChartColor) {
    0.3f * fg->red + 0.7f * bg->red,
    0.3f * fg->green + 0.7f * bg->green,
    0.3f * fg->blue + 0.7f * bg->blue,
    1.f
  };
}

/* @detail when it fits in @max_width, else its last part (the share after
 * "· ") when that fits, else %NULL: numbers are never cut. */
static const char *
fit_detail (cairo_t             *cr,
            const HubChartStyle *style,
            const char          *detail,
            double               max_width)
{
  const char *share;

  if (detail == NULL || hub_chart_tick_width (cr, style, detail) <= max_width)
    return detail;
  share = strstr (detail, "· ");
  if (share != NULL && hub_chart_tick_width (cr, style, share + strlen ("· ")) <= max_width)
    return share + strlen ("· ");
  return NULL;
}

static void
draw_cell (cairo_t                  *cr,
           const HubChartStyle      *style,
           const HubFamilyChartData *data,
           const HubFamilyCell      *cells,
           guint                     i,
           double                    total,
           double                    line_h)
{
  const HubFamilyNode *node = &data->nodes[i];
  HubChartColor fill_color = relation_fill (style, node->relation);
  const HubChartColor *fill = &fill_color;
  const cairo_rectangle_t *r = &cells[i].rect;
  double y0 = r->y, y1 = r->y + r->height;
  double x0 = r->x, x1 = r->x + r->width - COLUMN_GAP;
  static const HubChartColor white = { 1.f, 1.f, 1.f, 1.f };
  static const HubChartColor ink = { 0.f, 0.f, 0.02f, 0.87f };
  const HubChartColor *text_color;

  if (r->height <= 0)
    return;
  /* A hairline of space between boxes tall enough to spare it. */
  if (r->height >= 3.0)
    {
      y0 += 0.5;
      y1 -= 0.5;
    }
  cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
  hub_chart_set_source (cr, fill, 1.0);
  cairo_fill (cr);

  if (y1 - y0 < line_h || x1 - x0 < 40)
    return;

  text_color = luminance (fill) > 0.35 ? &ink : &white;
  {
    double share = total > 0 ? cells[i].subtree / total : NAN;
    g_autofree char *si = hub_ticks_format_si (cells[i].subtree);
    g_autofree char *pct = hub_ticks_format_percent (share, 1);
    g_autofree char *detail = total > 0 ? g_strdup_printf ("%s · %s", si, pct) : NULL;
    double room = x1 - x0 - 2 * CELL_PAD;
    double ty = y0 + MIN (CELL_PAD / 2, (y1 - y0 - line_h) / 2);

    if (y1 - y0 >= 2 * line_h + CELL_PAD && detail != NULL)
      {
        const char *shown = fit_detail (cr, style, detail, room);
        gboolean named = draw_id (cr, style, text_color, node, x0 + CELL_PAD, ty, room);

        if (shown != NULL)
          draw_cell_text (cr, style, text_color, shown, x0 + CELL_PAD, ty + (named ? line_h : 0), room, 0.0,
                          PANGO_ELLIPSIZE_END);
      }
    else if (detail != NULL && room > 200)
      {
        double dw = hub_chart_tick_width (cr, style, detail);

        draw_cell_text (cr, style, text_color, detail, x1 - CELL_PAD, ty, dw, 1.0, PANGO_ELLIPSIZE_END);
        draw_id (cr, style, text_color, node, x0 + CELL_PAD, ty, room - dw - 8);
      }
    else
      {
        draw_id (cr, style, text_color, node, x0 + CELL_PAD, ty, room);
      }
  }
}

typedef struct {
  HubChartLegendEntry entries[G_N_ELEMENTS (relation_order)];
  char               *details[G_N_ELEMENTS (relation_order)];
  HubChartColor       fills[G_N_ELEMENTS (relation_order)];
  double              x[G_N_ELEMENTS (relation_order)];
  double              y[G_N_ELEMENTS (relation_order)];
  double              entry_width;
  guint               n_entries;
  cairo_rectangle_t   plot;       /* the icicle */
  double              header_y;   /* top of the generation headers */
  double              line_height;
} FamilyFrame;

/* The legend (per relation present: its models and share of downloads),
 * placed by hub_chart_legend_layout(), and the rectangle left for the
 * icicle under the generation headers. */
static void
family_frame_init (FamilyFrame              *frame,
                   cairo_t                  *cr,
                   int                       width,
                   int                       height,
                   const HubChartStyle      *style,
                   const HubFamilyChartData *data)
{
  double n_by_relation[HUB_N_RELATIONS] = { 0 };
  double w_by_relation[HUB_N_RELATIONS] = { 0 };
  double total = total_weight (data);
  HubChartRect plot_area;
  double header_h;

  memset (frame, 0, sizeof *frame);
  for (guint i = 0; i < data->n_nodes; i++)
    {
      HubRelation r = MIN (data->nodes[i].relation, HUB_N_RELATIONS - 1);

      n_by_relation[r] += 1;
      w_by_relation[r] += MAX (data->nodes[i].weight, 0.0);
    }
  for (guint k = 0; k < G_N_ELEMENTS (relation_order); k++)
    {
      HubRelation r = relation_order[k];
      g_autofree char *n = NULL;
      guint e = frame->n_entries;

      if (n_by_relation[r] == 0)
        continue;
      n = hub_format_count ((gint64) n_by_relation[r]);
      frame->details[e] = total > 0
                          ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s model · %.1f%%", "%s models · %.1f%%",
                                                          (gulong) n_by_relation[r]),
                                             n, 100.0 * w_by_relation[r] / total)
                          : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s model", "%s models",
                                                          (gulong) n_by_relation[r]), n);
      frame->fills[e] = relation_fill (style, r);
      frame->entries[e] = (HubChartLegendEntry) {
        &frame->fills[e], hub_family_chart_relation_label (r),
        frame->details[e], FALSE, FALSE, FALSE
      };
      frame->n_entries++;
    }

  plot_area = (HubChartRect) {
    HUB_CHART_PAD, HUB_CHART_PAD, MAX (0.0, width - 2 * HUB_CHART_PAD), MAX (0.0, height - 2 * HUB_CHART_PAD)
  };
  hub_chart_legend_layout (cr, style, frame->entries, frame->n_entries, &plot_area,
                           frame->x, frame->y, &frame->entry_width);

  hub_chart_measure_text (cr, style, HUB_CHART_TEXT_TICK, "Ag", NULL, &frame->line_height);
  header_h = frame->line_height + HUB_CHART_PAD / 2;
  frame->header_y = plot_area.y;
  frame->plot = (cairo_rectangle_t) {
    plot_area.x, plot_area.y + header_h, MAX (0.0, plot_area.width), MAX (0.0, plot_area.height - header_h)
  };
}

static void
family_frame_clear (FamilyFrame *frame)
{
  for (guint k = 0; k < frame->n_entries; k++)
    g_clear_pointer (&frame->details[k], g_free);
}

/**
 * hub_family_chart_node_at:
 * @cr: any context (for text measures)
 *
 * Hit test for hovering: the node whose icicle box holds (@x, @y) in a
 * @width × @height hub_family_chart_render() of @data.
 * Returns: its index in @data's nodes, or -1
 */
int
hub_family_chart_node_at (cairo_t                  *cr,
                          int                       width,
                          int                       height,
                          const HubChartStyle      *style,
                          const HubFamilyChartData *data,
                          double                    x,
                          double                    y)
{
  g_autofree HubFamilyCell *cells = NULL;
  cairo_rectangle_t plot;

  g_return_val_if_fail (cr != NULL && style != NULL && data != NULL, -1);

  if (data->n_nodes == 0)
    return -1;
  hub_family_chart_get_plot (cr, width, height, style, data, &plot);
  cells = g_new (HubFamilyCell, data->n_nodes);
  hub_family_icicle_layout (data->nodes, data->n_nodes, &plot, cells, NULL);
  for (guint i = 0; i < data->n_nodes; i++)
    {
      const cairo_rectangle_t *r = &cells[i].rect;

      if (r->width > 0 && r->height > 0 && x >= r->x && x < r->x + r->width && y >= r->y && y < r->y + r->height)
        return (int) i;
    }
  return -1;
}

/**
 * hub_family_chart_get_plot:
 * @cr: where the chart will be drawn (for measuring text)
 * @width: width of the area
 * @height: height of the area
 * @style: colours and font
 * @data: the family
 * @plot: (out): the rectangle the icicle fills
 */
void
hub_family_chart_get_plot (cairo_t                  *cr,
                           int                       width,
                           int                       height,
                           const HubChartStyle      *style,
                           const HubFamilyChartData *data,
                           cairo_rectangle_t        *plot)
{
  FamilyFrame frame;

  g_return_if_fail (cr != NULL && style != NULL && data != NULL && plot != NULL);

  family_frame_init (&frame, cr, width, height, style, data);
  *plot = frame.plot;
  family_frame_clear (&frame);
}

/**
 * hub_family_chart_render:
 * @cr: where to draw
 * @width: width of the area
 * @height: height of the area
 * @style: colours and font
 * @data: the family
 *
 * Draws the icicle (see the header).
 */
void
hub_family_chart_render (cairo_t                  *cr,
                         int                       width,
                         int                       height,
                         const HubChartStyle      *style,
                         const HubFamilyChartData *data)
{
  HubChartRect area = { 0, 0, width, height };
  g_autofree HubFamilyCell *cells = NULL;
  FamilyFrame frame;
  const cairo_rectangle_t *plot;
  double total, column_w;
  guint max_depth;
  gboolean by_weight;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (data != NULL);

  if (width <= 0 || height <= 0)
    return;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);

  if (data->n_nodes == 0)
    {
      hub_chart_draw_empty (cr, style, &area, _("No data for these filters"), NULL);
      cairo_restore (cr);
      return;
    }

  family_frame_init (&frame, cr, width, height, style, data);
  for (guint k = 0; k < frame.n_entries; k++)
    hub_chart_legend_entry_draw (cr, style, &frame.entries[k], frame.x[k], frame.y[k], frame.entry_width);

  plot = &frame.plot;
  total = total_weight (data);
  cells = g_new (HubFamilyCell, data->n_nodes);
  by_weight = hub_family_icicle_layout (data->nodes, data->n_nodes, plot, cells, &max_depth);
  column_w = max_depth > 0 ? plot->width / (ROOT_COLUMN + max_depth) : plot->width;

  /* Generation headers over the columns. */
  for (guint d = 0; d <= max_depth; d++)
    {
      g_autofree char *header = d == 0 ? g_strdup (data->is_root ? _("Root") : _("Start"))
                                       : g_strdup_printf (_("Generation %u"), d);
      double x = d == 0 ? plot->x : plot->x + (ROOT_COLUMN + d - 1) * column_w;
      double w = d == 0 ? cells[0].rect.width : column_w;

      hub_chart_draw_text (cr, style, HUB_CHART_TEXT_TICK, &style->muted, header,
                           x + CELL_PAD, frame.header_y, 0.0, 0.0, w - 2 * CELL_PAD, 0);
    }

  for (guint i = 0; i < data->n_nodes; i++)
    draw_cell (cr, style, data, cells, i, by_weight ? total : 0.0, frame.line_height);

  /* The start model's own share, named in the room its children leave. */
  if (by_weight && max_depth > 0)
    {
      double own = MAX (data->nodes[0].weight, 0.0);
      double covered = cells[0].rect.height * (cells[0].subtree - own) / cells[0].subtree;
      double room = cells[0].rect.height - covered;

      if (room >= frame.line_height + 2)
        {
          g_autofree char *text = g_strdup_printf (data->is_root ? _("the root’s own downloads: %.1f%%")
                                                                 : _("the start model’s own downloads: %.1f%%"),
                                                   100.0 * own / cells[0].subtree);

          hub_chart_draw_text (cr, style, HUB_CHART_TEXT_TICK, &style->muted, text,
                               plot->x + cells[0].rect.width + CELL_PAD, plot->y + covered + room / 2, 0.0, 0.5,
                               column_w * MIN (max_depth, 2) - 2 * CELL_PAD, 0);
        }
    }

  family_frame_clear (&frame);
  cairo_restore (cr);
}

/**
 * hub_family_chart_draw_func:
 * hub_family_chart_render() as a #HubChartRenderFunc (@data is a
 * #HubFamilyChartData), for hub_chart_export().
 */
void
hub_family_chart_draw_func (cairo_t             *cr,
                            int                  width,
                            int                  height,
                            const HubChartStyle *style,
                            gconstpointer        data)
{
  hub_family_chart_render (cr, width, height, style, data);
}
