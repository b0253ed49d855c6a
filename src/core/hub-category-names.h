/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "hub-query.h"

G_BEGIN_DECLS

/* The names a person reads for the categories the data stores as codes, shared
 * by the window, the charts (on screen and exported) and what a screen reader
 * hears; CSV and JSON keep the codes. The names returned live as long as the
 * process (hub_category_name() may return @label itself). */

/* "United States" for US, translated (iso-codes' names, the common name where
 * there is one: "South Korea", "Taiwan"); "Online community" for ONLINE, an
 * authors.csv mark that is not a country; the code itself when unknown or when
 * iso-codes is not installed; NULL for NULL or "". */
const char *hub_country_name       (const char *code);
/* "Company", "University", "Nonprofit", "Community", "Government",
 * "Individual" (user); the id itself when not a known one; NULL for NULL. */
const char *hub_org_type_name      (const char *org_type);
/* The Hub's names of its task modalities, short ("nlp" → "Natural
 * language", "cv" → "Computer vision", …); the id itself when not a known
 * one; NULL for NULL. */
const char *hub_modality_name      (const char *modality);
/* The name of category @label of dimension @by: countries, organisation
 * types and modalities as above, everything else as it is. */
const char *hub_category_name      (HubQueryBy  by,
                                    const char *label);

G_END_DECLS
