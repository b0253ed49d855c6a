/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "hub-types.h"

G_BEGIN_DECLS

/* What the UI shows for a value that is not known. */
#define HUB_DISPLAY_UNKNOWN "—"

/* Display forms of the dataset's values for the window. Numbers use the
 * core's hub_format_count()/hub_format_params() (shared with the command
 * line) and show "—" where those return NULL (unknown). */

char       *hub_display_count        (gint64          value);
char       *hub_display_parameters   (gint64          value);
/* 0.1234 → "12.3%"; a negative ratio (unknown) → "—". */
char       *hub_display_ratio        (double          ratio);
/* Unix seconds → "Aug 22, 2026" (order by translation); the createdAt
 * floor → "Mar 2022 or earlier"; HUB_TIME_NONE → "—". */
char       *hub_display_date         (gint64          t);
/* Bytes → "15.2 GB". */
char       *hub_display_storage      (gint64          bytes);
/* "Company", "University", ... for an org type id (hub_org_type_name()); the
 * id itself when not a known one; "—" for NULL. */
const char *hub_display_org_type     (const char     *org_type);
/* The country's name ("United States"; hub_country_name()), "Online
 * community" for ONLINE; "—" for NULL. */
const char *hub_display_country      (const char     *country);
/* "Fine-tune", "Adapter", "Quantized", "Merge", "Unknown relation",
 * "Base model". */
const char *hub_display_relation     (HubRelation     relation);
/* Plural nouns for children counts: "Fine-tunes", "Adapters", ... */
const char *hub_display_relation_plural (HubRelation  relation);
/* "Safetensors metadata", "GGUF metadata", ... */
const char *hub_display_param_source (HubParamSource  source);

G_END_DECLS
