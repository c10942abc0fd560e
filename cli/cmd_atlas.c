/* knead atlas [--format md|json]: the atlas and the model parameters, each number with its source.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "knead/knead.h"

static void print_md(void) {
  printf(
      "# knead atlas %s\n\n## ISO/TS 15066 body areas (quasi-static limits)\n\n"
      "| # | area | pressure N/cm^2 | force N | transient | source |\n|---|---|---|---|---|---|\n",
      kn_version());
  for (size_t i = 0; i < kn_atlas_iso_area_count(); i++) {
    const kn_iso_area *a = kn_atlas_iso_area(i);
    printf("| %d | %s | %.0f | %.0f | %s | %s |\n", a->number, a->label, a->p_max / 1e4, a->f_max,
           a->transient_allowed ? "2x" : "none", a->src);
  }
  printf("\n## Regions\n\n| region | ISO area | skin mm | fat mm | muscle mm | pain threshold kPa "
         "(sd) | layers source | pain source |\n|---|---|---|---|---|---|---|---|\n");
  for (size_t i = 0; i < kn_atlas_region_count(); i++) {
    const kn_region *r = kn_atlas_region(i);
    printf("| %s | %s | %.1f | %.1f | %.1f | %.0f (%.0f) | %s | %s |\n", r->name,
           kn_atlas_iso_area((size_t)r->iso_area)->name, r->skin * 1e3, r->fat * 1e3,
           r->muscle * 1e3, r->ppt_mean / 1e3, r->ppt_sd / 1e3, r->src_layers, r->src_ppt);
  }
  printf("\n## Landmarks\n\n| landmark | region | x mm | y mm | source |\n|---|---|---|---|---|\n");
  for (size_t i = 0; i < kn_atlas_landmark_count(); i++) {
    const kn_landmark *l = kn_atlas_landmark(i);
    printf("| %s | %s | %.0f | %.0f | %s |\n", l->name, kn_atlas_region((size_t)l->region)->name,
           l->x * 1e3, l->y * 1e3, l->src);
  }
  printf("\n## Nerves and vessels at endangerment sites\n\n| name | kind | region | depth mm | "
         "diameter mm | on bone | source (depth) | source (site) "
         "|\n|---|---|---|---|---|---|---|---|\n");
  for (size_t i = 0; i < kn_atlas_nerve_count(); i++) {
    const kn_nerve *n = kn_atlas_nerve(i);
    printf("| %s | %s | %s | %.1f | %.2f | %s | %s | %s |\n", n->name,
           n->kind == KN_NERVE ? "nerve" : "vessel", kn_atlas_region((size_t)n->region)->name,
           n->depth * 1e3, n->diameter * 1e3, n->on_bone ? "yes" : "no", n->src_depth, n->src_site);
  }
  printf("\n## Muscles\n\n| muscle | region | depth mm | thickness mm | source "
         "|\n|---|---|---|---|---|\n");
  for (size_t i = 0; i < kn_atlas_muscle_count(); i++) {
    const kn_muscle *m = kn_atlas_muscle(i);
    printf("| %s | %s | %.0f | %.0f | %s |\n", m->name, kn_atlas_region((size_t)m->region)->name,
           m->depth * 1e3, m->thickness * 1e3, m->src);
  }
  printf(
      "\n## Contact types\n\n| contact | area mm^2 | range mm^2 | source |\n|---|---|---|---|\n");
  for (size_t i = 0; i < kn_atlas_contact_type_count(); i++) {
    const kn_contact_type *c = kn_atlas_contact_type(i);
    printf("| %s | %.0f | %.0f..%.0f | %s |\n", c->name, c->area * 1e6, c->area_min * 1e6,
           c->area_max * 1e6, c->src);
  }
  printf(
      "\n## Model parameters\n\n| parameter | module | value | unit | spread | evidence | source "
      "| meaning |\n|---|---|---|---|---|---|---|---|\n");
  for (size_t i = 0; i < kn_param_count(); i++) {
    const kn_param_info *p = kn_param(i);
    const kn_param_spread *sp = kn_param_spread_of((int)i);
    char spread[600] = "";
    if (sp) {
      char range[64];
      kn_param_spread_format(sp, range, sizeof range);
      snprintf(spread, sizeof spread, "%s (%s)", range, sp->source);
    }
    printf("| %s | %s | %.4g | %s | %s | %s | %s | %s |\n", p->name, p->module, p->display, p->unit,
           spread, kn_evidence_name(p->evidence), p->source, p->meaning);
  }
  printf("\n## Sources\n\n");
  for (size_t i = 0; i < kn_atlas_source_count(); i++)
    printf("- [%s] %s\n", kn_atlas_source(i)->key, kn_atlas_source(i)->reference);
}

static json_t *atlas_json(void) {
  json_t *iso = json_array(), *regions = json_array(), *landmarks = json_array(),
         *nerves = json_array(), *muscles = json_array(), *contacts = json_array(),
         *params = json_array(), *sources = json_object();
  for (size_t i = 0; i < kn_atlas_iso_area_count(); i++) {
    const kn_iso_area *a = kn_atlas_iso_area(i);
    json_array_append_new(iso, json_pack("{s:i, s:s, s:s, s:f, s:f, s:b, s:s}", "number", a->number,
                                         "name", a->name, "label", a->label, "p_max_Pa", a->p_max,
                                         "f_max_N", a->f_max, "transient_allowed",
                                         a->transient_allowed, "source", a->src));
  }
  for (size_t i = 0; i < kn_atlas_region_count(); i++) {
    const kn_region *r = kn_atlas_region(i);
    json_array_append_new(
        regions,
        json_pack("{s:s, s:s, s:s, s:f, s:f, s:f, s:f, s:f, s:f, s:f, s:s, s:s}", "name", r->name,
                  "label", r->label, "iso_area", kn_atlas_iso_area((size_t)r->iso_area)->name,
                  "width_m", r->width, "length_m", r->length, "skin_m", r->skin, "fat_m", r->fat,
                  "muscle_m", r->muscle, "ppt_mean_Pa", r->ppt_mean, "ppt_sd_Pa", r->ppt_sd,
                  "source_layers", r->src_layers, "source_ppt", r->src_ppt));
  }
  for (size_t i = 0; i < kn_atlas_landmark_count(); i++) {
    const kn_landmark *l = kn_atlas_landmark(i);
    json_array_append_new(landmarks,
                          json_pack("{s:s, s:s, s:s, s:f, s:f, s:s}", "name", l->name, "label",
                                    l->label, "region", kn_atlas_region((size_t)l->region)->name,
                                    "x_m", l->x, "y_m", l->y, "source", l->src));
  }
  for (size_t i = 0; i < kn_atlas_nerve_count(); i++) {
    const kn_nerve *n = kn_atlas_nerve(i);
    json_array_append_new(
        nerves,
        json_pack("{s:s, s:s, s:s, s:s, s:[f,f,f,f], s:f, s:f, s:f, s:b, s:s?, s:s, s:s}", "name",
                  n->name, "label", n->label, "kind", n->kind == KN_NERVE ? "nerve" : "vessel",
                  "region", kn_atlas_region((size_t)n->region)->name, "course_m", n->x0, n->y0,
                  n->x1, n->y1, "depth_m", n->depth, "diameter_m", n->diameter, "csa_m2", n->csa,
                  "on_bone", n->on_bone, "injury", n->injury, "source_depth", n->src_depth,
                  "source_site", n->src_site));
  }
  for (size_t i = 0; i < kn_atlas_muscle_count(); i++) {
    const kn_muscle *m = kn_atlas_muscle(i);
    json_array_append_new(muscles, json_pack("{s:s, s:s, s:s, s:f, s:f, s:f, s:f, s:s}", "name",
                                             m->name, "label", m->label, "region",
                                             kn_atlas_region((size_t)m->region)->name, "x_m", m->x,
                                             "y_m", m->y, "depth_m", m->depth, "thickness_m",
                                             m->thickness, "source", m->src));
  }
  for (size_t i = 0; i < kn_atlas_contact_type_count(); i++) {
    const kn_contact_type *c = kn_atlas_contact_type(i);
    json_array_append_new(contacts, json_pack("{s:s, s:f, s:f, s:f, s:s}", "name", c->name,
                                              "area_m2", c->area, "area_min_m2", c->area_min,
                                              "area_max_m2", c->area_max, "source", c->src));
  }
  for (size_t i = 0; i < kn_param_count(); i++) {
    const kn_param_info *p = kn_param(i);
    json_t *row =
        json_pack("{s:s, s:s, s:f, s:f, s:s, s:s, s:s, s:s}", "name", p->name, "module", p->module,
                  "value_si", p->value, "value", p->display, "unit", p->unit, "evidence",
                  kn_evidence_name(p->evidence), "source", p->source, "meaning", p->meaning);
    const kn_param_spread *sp = kn_param_spread_of((int)i);
    if (sp)
      json_object_set_new(row, "spread",
                          json_pack("{s:s, s:f, s:f, s:b, s:s}", "kind",
                                    sp->kind == KN_SPREAD_NORMAL ? "normal_sd" : "range", "a",
                                    sp->a, "b", sp->b, "from_source", sp->from_source, "source",
                                    sp->source));
    json_array_append_new(params, row);
  }
  for (size_t i = 0; i < kn_atlas_source_count(); i++)
    json_object_set_new(sources, kn_atlas_source(i)->key,
                        json_string(kn_atlas_source(i)->reference));
  return json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "knead_version", kn_version(),
                   "iso_areas", iso, "regions", regions, "landmarks", landmarks, "nerves", nerves,
                   "muscles", muscles, "contact_types", contacts, "parameters", params, "sources",
                   sources);
}

static const cli_option options[] = {
    {CLI_LONG, "format", "FORMAT", CLI_COMPLETE_WORDS, "md json",
     "md: markdown tables (default); json: one object for programs"},
};

static const char *const synopsis[] = {"[--format md|json]", NULL};

static const cli_exit exits[] = {
    {"0", "ok"},
    {"2", "bad usage (another format, an unknown argument)"},
    {"3", "internal error"},
    {NULL, NULL},
};

const cli_command cli_atlas = {
    .name = "atlas",
    .summary = "the body atlas and the model parameters, each number with its source",
    .synopsis = synopsis,
    .description =
        "Prints the body atlas (ISO/TS 15066 areas, regions, landmarks, nerves and vessels,\n"
        "muscles, contact types) and the model parameters (value, unit, spread, evidence,\n"
        "source, meaning), each number with its source, and the full references.",
    .options = options,
    .noption = sizeof options / sizeof options[0],
    .operands = CLI_COMPLETE_NONE,
    .exits = exits,
    .notes = NULL,
    .run = cmd_atlas,
};

int cmd_atlas(int argc, char **argv) {
  const char *format = "md";
  cli_parser p;
  cli_parse_begin(&p, &cli_atlas, argc, argv);
  for (;;) {
    const char *v;
    int opt = cli_next(&p, &v);
    if (opt == CLI_END) break;
    if (opt == CLI_HELP) return KN_EXIT_OK;
    if (opt == CLI_ERROR) return KN_EXIT_USAGE;
    if (opt == CLI_OPERAND)
      return cli_usage_error("atlas", "unknown argument \"%s\"; try --help", v);
    if (!v) return cli_usage_error("atlas", "--format needs md or json");
    format = v;
  }
  if (!strcmp(format, "md")) {
    print_md();
    return KN_EXIT_OK;
  }
  if (strcmp(format, "json") != 0) return cli_usage_error("atlas", "--format must be md or json");
  json_t *j = atlas_json();
  if (!j) {
    fprintf(stderr, "knead atlas: internal error building JSON\n");
    return KN_EXIT_INTERNAL;
  }
  json_dumpf(j, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(6));
  fputc('\n', stdout);
  json_decref(j);
  return KN_EXIT_OK;
}
